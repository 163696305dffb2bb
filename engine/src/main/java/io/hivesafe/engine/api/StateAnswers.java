package io.hivesafe.engine.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hivesafe.engine.node.CustodyReport;
import io.hivesafe.engine.source.ChainTip;
import io.hivesafe.hive.HiveFormatException;
import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.ops.Balances;
import io.hivesafe.ops.FeedEntry;
import io.hivesafe.ops.MultisigAuthority;
import io.hivesafe.ops.MultisigBooks;
import io.hivesafe.ops.MultisigTx;
import io.hivesafe.ops.NetworkGenesis;
import io.hivesafe.ops.NodeRecord;
import io.hivesafe.ops.Payout;
import io.hivesafe.ops.Proposal;
import io.hivesafe.ops.Roster;
import io.hivesafe.ops.SidechainState;
import io.hivesafe.ops.TallyRecord;
import io.hivesafe.state.StateReader;
import io.hivesafe.state.StateStore;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;

/**
 * The API's JSON answers, each built from one {@link StateStore#read} of committed state (so one answer
 * never mixes two blocks) through {@link SidechainState}'s readers, plus the node's live facts from its
 * {@link NodeView}. Amounts are integers in the smallest unit (milli-HIVE, milli-HBD, token units);
 * field names are snake_case. Keys appear only as public keys (STM…); no private key is reachable
 * from anything read here.
 */
final class StateAnswers {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private final NodeView view;

  StateAnswers(NodeView view) {
    this.view = view;
  }

  // ---- status ----

  ObjectNode status() {
    StateStore store = view.store();
    StatusRead s = store.read(r -> {
      StateStore.StoreStatus st = store.status();
      return new StatusRead(st.lastBlock(), st.lastBlock().isPresent() ? st.digest().hex() : null,
          st.lastBlock().isPresent() ? SidechainState.lastTally(r) : Optional.empty());
    });
    NetworkGenesis g = view.genesis();
    ObjectNode o = F.objectNode();
    o.put("network", g.network());
    o.put("version", view.version());
    o.put("account", view.account().orElse(null));
    o.put("multisig_account", g.multisigAccount().value());
    ObjectNode token = o.putObject("token");
    token.put("symbol", g.tokenSymbol());
    token.put("precision", g.tokenPrecision());
    Optional<ChainTip> tip = view.chainTip();
    if (tip.isPresent()) {
      ObjectNode chain = o.putObject("chain");
      chain.put("head", tip.get().head());
      chain.put("irreversible", tip.get().irreversible());
      chain.put("seen_at", tip.get().seenAt().toString());
    } else {
      o.putNull("chain");
    }
    if (s.applied().isPresent()) {
      o.put("applied_block", s.applied().getAsLong());
    } else {
      o.putNull("applied_block");
    }
    o.put("digest", s.digest());
    if (tip.isPresent()) {
      long applied = s.applied().orElse(g.startBlock() - 1);
      o.put("lag", Math.max(0, tip.get().irreversible() - applied));
    } else {
      o.putNull("lag");
    }
    o.put("mode", view.mode().name());
    o.put("diverged", view.diverged());
    o.put("failure", view.failure().map(t -> t.getClass().getSimpleName() + ": " + t.getMessage()).orElse(null));
    if (s.tally().isPresent()) {
      o.set("consensus", tally(s.tally().get()));
    } else {
      o.putNull("consensus");
    }
    return o;
  }

  private record StatusRead(OptionalLong applied, String digest, Optional<TallyRecord> tally) {}

  private static ObjectNode tally(TallyRecord t) {
    ObjectNode o = F.objectNode();
    o.put("tally_block", t.block());
    o.put("report_block", t.reportBlock());
    o.put("consensus", t.consensus());
    o.put("hash", t.consensus() ? t.consensusHash() : null);
    o.put("reports", t.reports());
    o.put("runners_agreeing", t.runnersAgreeing());
    o.put("runners", t.runnerCount());
    o.put("age_agreeing", t.ageAgreeing());
    o.put("age_total", t.ageTotal());
    o.put("no_consensus_in_row", t.noConsensusInRow());
    o.put("no_consensus_total", t.noConsensusTotal());
    o.put("header_source", t.headerSource());
    return o;
  }

  // ---- runners and nodes ----

  ObjectNode runners() throws ApiException {
    return read(r -> {
      Roster roster = SidechainState.roster(r);
      Set<String> signerKeys = new HashSet<>(SidechainState.authority(r).keys());
      ObjectNode o = F.objectNode();
      o.put("elected_at", roster.electedAt());
      o.set("runners", ranked(r, roster.runners(), signerKeys));
      o.set("standby", ranked(r, roster.standby(), signerKeys));
      return o;
    });
  }

  private static ArrayNode ranked(StateReader r, List<String> accounts, Set<String> signerKeys) {
    ArrayNode a = F.arrayNode();
    int rank = 1;
    for (String account : accounts) {
      ObjectNode n = a.addObject();
      n.put("rank", rank++);
      node(n, r, account, SidechainState.node(r, account), signerKeys);
    }
    return a;
  }

  private static void node(ObjectNode n, StateReader r, String account, Optional<NodeRecord> rec, Set<String> signerKeys) {
    n.put("account", account);
    n.put("stake", SidechainState.balances(r, account).gov());
    if (rec.isPresent()) {
      NodeRecord x = rec.get();
      n.put("age", x.age());
      n.put("key", x.key());
      n.put("signer", signerKeys.contains(x.key()));
      n.put("missed", x.missed());
      n.put("faulted", x.faulted());
      n.put("registered_block", x.registeredBlock());
      n.put("last_report_block", x.lastReportBlock());
    } else {
      n.putNull("age");
      n.putNull("key");
      n.put("signer", false);
    }
  }

  ObjectNode nodes() throws ApiException {
    return read(r -> {
      Roster roster = SidechainState.roster(r);
      Set<String> signerKeys = new HashSet<>(SidechainState.authority(r).keys());
      ArrayNode a = F.arrayNode();
      for (NodeRecord rec : SidechainState.nodes(r)) {
        ObjectNode n = a.addObject();
        node(n, r, rec.account(), Optional.of(rec), signerKeys);
        n.put("role", roster.isRunner(rec.account()) ? "runner" : roster.standby().contains(rec.account()) ? "standby" : "registered");
      }
      ObjectNode o = F.objectNode();
      o.put("count", a.size());
      o.set("nodes", a);
      return o;
    });
  }

  // ---- multisig ----

  ObjectNode multisig() throws ApiException {
    return read(r -> {
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
      a.put("threshold", auth.threshold());
      a.put("seen_block", auth.seenBlock());
      ArrayNode keys = a.putArray("keys");
      for (String k : auth.keys()) {
        keys.addObject().put("key", k).put("node", nodeByKey.get(k));
      }
      MultisigBooks b = SidechainState.multisigBooks(r);
      ObjectNode books = o.putObject("books");
      books.put("next_round", b.nextSeq());
      books.put("paid_hive", b.paidHive());
      books.put("paid_hbd", b.paidHbd());
      books.put("confirmed", b.confirmed());
      books.put("expired", b.expired());
      books.put("last_rotation_block", b.lastRotationBlock());
      return o;
    });
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
    o.put("threshold", tx.threshold());
    o.put("counted", tx.signatures().size());
    o.put("ready", tx.ready());
    o.put("ready_block", tx.ready() ? tx.readyBlock() : null);
    o.put("attempt", tx.attempt());
    ArrayNode signers = o.putArray("signers");
    for (String key : tx.signers()) {
      signers.addObject().put("key", key).put("node", nodeByKey.get(key)).put("signed", tx.signatures().containsKey(key));
    }
    return o;
  }

  // ---- payouts and proposals ----

  ObjectNode payouts() throws ApiException {
    return read(r -> {
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

  private static ObjectNode payout(Payout p) {
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
    return read(r -> {
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
        o.put("outcome", p.outcome());
      }
      ObjectNode o = F.objectNode();
      o.put("count", a.size());
      o.set("proposals", a);
      return o;
    });
  }

  // ---- accounts ----

  ObjectNode account(String raw) throws ApiException {
    String name;
    try {
      name = AccountName.of(raw).value();
    } catch (HiveFormatException e) {
      throw ApiException.badRequest(e.getMessage());
    }
    return read(r -> {
      Balances b = SidechainState.balances(r, name);
      ObjectNode o = F.objectNode();
      o.put("account", name);
      o.put("token", b.token());
      o.put("gov", b.gov());
      o.put("unlocking", b.unlocking());
      o.put("hive", b.hive());
      o.put("hbd", b.hbd());
      Optional<NodeRecord> rec = SidechainState.node(r, name);
      if (rec.isPresent()) {
        ObjectNode n = o.putObject("node");
        node(n, r, name, rec, new HashSet<>(SidechainState.authority(r).keys()));
        n.remove("account");
        n.remove("stake");
      } else {
        o.putNull("node");
      }
      ArrayNode queued = o.putArray("payouts");
      for (Payout p : SidechainState.payouts(r)) {
        if (p.to().equals(name)) {
          queued.add(payout(p));
        }
      }
      return o;
    });
  }

  // ---- feed ----

  ObjectNode feed(ApiRequest q) throws ApiException {
    q.accepting("limit", "before_block", "before_index");
    int limit = (int) q.integer("limit", 1, FeedPages.MAX_LIMIT).orElse(50);
    OptionalLong beforeBlock = q.integer("before_block", 0, 0xffff_ffffL + 1);
    OptionalLong beforeIndex = q.integer("before_index", 0, Integer.MAX_VALUE);
    if (beforeIndex.isPresent() && beforeBlock.isEmpty()) {
      throw ApiException.badRequest("parameter 'before_index' needs 'before_block'");
    }
    return read(r -> {
      FeedPages.Cursor cursor = new FeedPages.Cursor(
          beforeBlock.orElse(view.store().lastBlock().orElse(0) + 1), beforeIndex.orElse(0));
      FeedPages.Page page = FeedPages.before(r, cursor, limit);
      ObjectNode o = F.objectNode();
      ArrayNode a = o.putArray("entries");
      for (FeedPages.Indexed i : page.entries()) {
        FeedEntry e = i.entry();
        ObjectNode n = a.addObject();
        n.put("block", e.block());
        n.put("index", i.index());
        n.put("kind", e.kind());
        n.put("ok", e.ok());
        n.put("account", e.account());
        n.put("tx", e.tx());
        n.put("op", e.op());
        n.put("detail", e.detail());
      }
      if (page.next().isPresent()) {
        FeedPages.Cursor c = page.next().get();
        o.putObject("next").put("before_block", c.block()).put("before_index", c.index())
            .put("url", "/api/feed?limit=" + limit + "&before_block=" + c.block() + "&before_index=" + c.index());
      } else {
        o.putNull("next");
      }
      return o;
    });
  }

  // ---- custody ----

  ObjectNode custody() {
    ObjectNode o = F.objectNode();
    Optional<CustodyReport> report = view.custody();
    o.put("checked", report.isPresent());
    if (report.isEmpty()) {
      return o;
    }
    CustodyReport c = report.get();
    o.put("block", c.block());
    o.put("head", c.head());
    o.put("matches", c.matches());
    o.putObject("books").put("hive", c.booksHive()).put("hbd", c.booksHbd());
    o.putObject("pending").put("hive", c.pendingHive()).put("hbd", c.pendingHbd());
    o.putObject("expected").put("hive", c.expectedHive()).put("hbd", c.expectedHbd());
    o.putObject("chain").put("hive", c.chainHive()).put("hbd", c.chainHbd());
    o.putObject("difference").put("hive", c.differenceHive()).put("hbd", c.differenceHbd());
    return o;
  }

  /** One read of committed state; 503 before the node's first commit (no genesis in the state yet). */
  private <T> T read(java.util.function.Function<StateReader, T> query) throws ApiException {
    if (view.store().lastBlock().isEmpty()) {
      throw new ApiException(503, "the node has not applied its first block yet");
    }
    return view.store().read(query);
  }
}
