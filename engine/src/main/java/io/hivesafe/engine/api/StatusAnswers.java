package io.hivesafe.engine.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hivesafe.engine.node.CustodyReport;
import io.hivesafe.engine.source.ChainTip;
import io.hivesafe.ops.NetworkGenesis;
import io.hivesafe.ops.SidechainState;
import io.hivesafe.ops.TallyRecord;
import io.hivesafe.state.StateStore;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The node and the chain ({@code /api/status}) and the last custody check ({@code /api/custody}):
 * the node's live facts from its {@link NodeView} and the committed block, digest and last tally.
 *
 * <p>Built from one {@link io.hivesafe.state.StateStore#read} of committed state through
 * {@code SidechainState}'s readers (so an answer never mixes two blocks); amounts in the smallest unit,
 * snake_case fields; keys only as public keys. Endpoints and examples: docs/api.md.
 */
final class StatusAnswers {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private final NodeView view;

  StatusAnswers(NodeView view) {
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

}
