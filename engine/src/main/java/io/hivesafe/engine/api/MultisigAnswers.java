package io.hivesafe.engine.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hivesafe.ops.MultisigAuthority;
import io.hivesafe.ops.MultisigBooks;
import io.hivesafe.ops.MultisigTx;
import io.hivesafe.ops.NodeRecord;
import io.hivesafe.ops.Payout;
import io.hivesafe.ops.Proposal;
import io.hivesafe.ops.SidechainState;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The multisig round in flight with its signature progress, the authority and the books
 * ({@code /api/multisig}), the payout queue ({@code /api/payouts}) and the proposals
 * ({@code /api/proposals}).
 *
 * <p>Built from one {@link io.hivesafe.state.StateStore#read} of committed state through
 * {@code SidechainState}'s readers (so an answer never mixes two blocks); amounts in the smallest unit,
 * snake_case fields; keys only as public keys. Endpoints and examples: docs/api.md.
 */
final class MultisigAnswers {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private final NodeView view;

  MultisigAnswers(NodeView view) {
    this.view = view;
  }

  // ---- multisig ----

  ObjectNode multisig() throws ApiException {
    return CommittedState.read(view, r -> {
      Map<String, String> nodeByKey = new TreeMap<>();
      for (NodeRecord rec : SidechainState.nodes(r)) {
        nodeByKey.put(rec.key(), rec.account());
      }
      ObjectNode o = F.objectNode();
      Optional<MultisigTx> round = SidechainState.multisigInFlight(r);
      if (round.isPresent()) {
        o.set("round", round(round.get(), nodeByKey));
      } else {
        o.putNull("round");
      }
      MultisigAuthority auth = SidechainState.authority(r);
      ObjectNode a = o.putObject("authority");
      a.put("seen_block", auth.seenBlock());
      a.put("recovery_account", auth.recoveryAccount());
      a.set("owner", authority(auth.owner(), nodeByKey));
      a.set("active", authority(auth.active(), nodeByKey));
      Optional<io.hivesafe.ops.RotationHold> hold = SidechainState.rotationHold(r);
      if (hold.isPresent()) {
        ReasonJson.put(o.putObject("rotation_hold").put("block", hold.get().block()), hold.get().reason());
      } else {
        o.putNull("rotation_hold");
      }
      MultisigBooks b = SidechainState.multisigBooks(r);
      ObjectNode books = o.putObject("books");
      books.put("next_round", b.nextSeq());
      books.put("paid_hive", b.paidHive());
      books.put("paid_hbd", b.paidHbd());
      books.put("confirmed", b.confirmed());
      books.put("expired", b.expired());
      books.put("last_rotation_block", b.lastRotationBlock());
      books.put("unexplained_hive", b.unexplainedHive());
      books.put("unexplained_hbd", b.unexplainedHbd());
      books.put("over_safety_limit", b.overLimit());
      return o;
    });
  }

  /** One authority as recorded: threshold, key members with weight and holder node, account members. */
  private static ObjectNode authority(io.hivesafe.ops.SignerAuthority auth, Map<String, String> nodeByKey) {
    ObjectNode a = F.objectNode();
    a.put("threshold", auth.threshold());
    ArrayNode keys = a.putArray("keys");
    for (io.hivesafe.ops.SignerAuthority.Member k : auth.keys()) {
      keys.addObject().put("key", k.name()).put("weight", k.weight()).put("node", nodeByKey.get(k.name()));
    }
    ArrayNode accounts = a.putArray("accounts");
    for (io.hivesafe.ops.SignerAuthority.Member m : auth.accounts()) {
      accounts.addObject().put("account", m.name()).put("weight", m.weight());
    }
    return a;
  }

  private static ObjectNode round(MultisigTx tx, Map<String, String> nodeByKey) {
    ObjectNode o = F.objectNode();
    o.put("seq", tx.seq());
    o.put("kind", tx.kind());
    o.put("state", tx.ready() ? "ready" : "signing");
    o.put("id", tx.id());
    o.put("digest", tx.digest());
    o.put("built_block", tx.builtBlock());
    o.put("expiration", tx.expiration());
    ArrayNode payouts = o.putArray("payouts");
    tx.payouts().forEach(payouts::add);
    ArrayNode needs = o.putArray("requirements");
    for (MultisigTx.Requirement req : tx.requirements()) {
      needs.addObject().put("role", req.role()).put("threshold", req.authority().threshold())
          .put("signed_weight", req.authority().signedWeight(tx.signatures().keySet()));
    }
    o.put("counted", tx.signatures().size());
    o.put("ready", tx.ready());
    o.put("ready_block", tx.ready() ? tx.readyBlock() : null);
    o.put("attempt", tx.broadcastAttempt());
    ArrayNode signers = o.putArray("signers");
    for (String key : tx.signers()) {
      signers.addObject().put("key", key).put("node", nodeByKey.get(key)).put("signed", tx.signatures().containsKey(key));
    }
    return o;
  }

  // ---- payouts and proposals ----

  ObjectNode payouts() throws ApiException {
    return CommittedState.read(view, r -> {
      Set<Long> inFlight = new HashSet<>(SidechainState.multisigInFlight(r).map(MultisigTx::payouts).orElse(List.of()));
      List<Payout> queue = SidechainState.payouts(r);
      ObjectNode o = F.objectNode();
      o.put("count", queue.size());
      long hive = 0;
      long hbd = 0;
      long held = 0;
      ArrayNode a = F.arrayNode();
      for (Payout p : queue) {
        boolean reserved = inFlight.contains(p.seq());
        held += reserved ? 1 : 0;
        if (p.asset().equals("HIVE")) {
          hive += p.amount();
        } else {
          hbd += p.amount();
        }
        a.add(payout(p).put("in_flight", reserved));
      }
      o.put("in_flight", held);
      o.putObject("total").put("hive", hive).put("hbd", hbd);
      o.set("payouts", a);
      return o;
    });
  }

  /** A queued payout's fields (also in an account's answer). */
  static ObjectNode payout(Payout p) {
    ObjectNode o = F.objectNode();
    o.put("seq", p.seq());
    o.put("kind", p.kind());
    o.put("to", p.to());
    o.put("amount", p.amount());
    o.put("asset", p.asset());
    o.put("memo", p.memo());
    o.put("requested_block", p.requestedBlock());
    o.put("source", p.source());
    return o;
  }

  static final Set<String> PROPOSAL_STATES =
      Set.of(Proposal.OPEN, Proposal.PASSED, Proposal.EXECUTED, Proposal.VOID, Proposal.EXPIRED);

  ObjectNode proposals(Optional<String> status) throws ApiException {
    if (status.isPresent() && !PROPOSAL_STATES.contains(status.get())) {
      throw ApiException.badRequest("parameter 'status' must be one of " + new java.util.TreeSet<>(PROPOSAL_STATES) + ", got '"
          + ApiRequest.shorten(status.get()) + "'");
    }
    return CommittedState.read(view, r -> {
      ArrayNode a = F.arrayNode();
      for (Proposal p : SidechainState.proposals(r)) {
        if (status.isPresent() && !status.get().equals(p.status())) {
          continue;
        }
        ObjectNode o = a.addObject();
        o.put("id", p.id());
        o.put("proposer", p.proposer());
        o.put("action", p.action());
        ObjectNode args = o.putObject("args");
        p.args().forEach(args::put);
        o.put("created_block", p.createdBlock());
        o.put("deadline", p.deadline());
        o.put("activation", p.activation());
        ArrayNode approvals = o.putArray("approvals");
        p.approvals().forEach(approvals::add);
        o.put("status", p.status());
        o.put("passed_block", p.passedBlock());
        ReasonJson.put(o.putObject("note"), p.note());
      }
      ObjectNode o = F.objectNode();
      o.put("count", a.size());
      o.set("proposals", a);
      return o;
    });
  }

}
