package io.hivesafe.engine.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hivesafe.hive.HiveFormatException;
import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.ops.Balances;
import io.hivesafe.ops.NodeRecord;
import io.hivesafe.ops.Payout;
import io.hivesafe.ops.Roster;
import io.hivesafe.ops.SidechainState;
import io.hivesafe.state.StateReader;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The runners and standby ({@code /api/runners}), every registered node ({@code /api/nodes}) and one
 * account's books ({@code /api/accounts/{name}}).
 *
 * <p>Built from one {@link io.hivesafe.state.StateStore#read} of committed state through
 * {@code SidechainState}'s readers (so an answer never mixes two blocks); amounts in the smallest unit,
 * snake_case fields; keys only as public keys. Endpoints and examples: docs/api.md.
 */
final class NodeAnswers {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private final NodeView view;

  NodeAnswers(NodeView view) {
    this.view = view;
  }

  // ---- runners and nodes ----

  ObjectNode runners() throws ApiException {
    return CommittedState.read(view, r -> {
      Roster roster = SidechainState.roster(r);
      Set<String> signerKeys = SidechainState.authority(r).signerKeys();
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
      n.put("faulted", x.faulted(SidechainState.params(r).maxMissed()));
      n.put("unbond_block", x.unbondBlock());
      n.put("registered_block", x.registeredBlock());
      n.put("last_report_block", x.lastReportBlock());
    } else {
      n.putNull("age");
      n.putNull("key");
      n.put("signer", false);
    }
  }

  ObjectNode nodes() throws ApiException {
    return CommittedState.read(view, r -> {
      Roster roster = SidechainState.roster(r);
      Set<String> signerKeys = SidechainState.authority(r).signerKeys();
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


  // ---- accounts ----

  ObjectNode account(String raw) throws ApiException {
    String name;
    try {
      name = AccountName.of(raw).value();
    } catch (HiveFormatException e) {
      throw ApiException.badRequest(e.getMessage());
    }
    return CommittedState.read(view, r -> {
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
        node(n, r, name, rec, SidechainState.authority(r).signerKeys());
        n.remove("account");
        n.remove("stake");
      } else {
        o.putNull("node");
      }
      ArrayNode queued = o.putArray("payouts");
      for (Payout p : SidechainState.payouts(r)) {
        if (p.to().equals(name)) {
          queued.add(MultisigAnswers.payout(p));
        }
      }
      return o;
    });
  }

}
