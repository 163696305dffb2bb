package io.hivesafe.engine.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hivesafe.engine.node.AuthorityReport;
import io.hivesafe.engine.node.CustodyReport;
import io.hivesafe.engine.node.RcReading;
import io.hivesafe.engine.node.RcRole;
import io.hivesafe.engine.node.RcStatus;
import io.hivesafe.engine.source.ChainTip;
import io.hivesafe.ops.NetworkGenesis;
import io.hivesafe.ops.SidechainState;
import io.hivesafe.ops.SignerAuthority;
import io.hivesafe.ops.TallyRecord;
import io.hivesafe.state.StateStore;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The node and the chain ({@code /api/status}) and the last custody and authority checks
 * ({@code /api/custody}, {@code /api/authority}): the node's live facts from its {@link NodeView} and the
 * committed block, digest and last tally.
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
    o.set("resource_credits", resourceCredits(view.resourceCredits()));
    return o;
  }

  /** {"node": …, "multisig": …}: each account read, null for a role the node does not read (a follower has no account). */
  private static ObjectNode resourceCredits(java.util.List<RcStatus> all) {
    ObjectNode o = F.objectNode();
    for (RcRole role : RcRole.values()) {
      o.putNull(role.tag());
    }
    for (RcStatus rc : all) {
      ObjectNode a = o.putObject(rc.role().tag());
      a.put("account", rc.account().value());
      a.put("read", rc.reading().isPresent());
      if (rc.reading().isPresent()) {
        RcReading r = rc.reading().get();
        a.put("mana", r.mana());
        a.put("max_rc", r.maxRc());
        a.put("percent", r.percent());
        a.put("low", r.low());
        a.put("low_below", r.threshold());
        a.put("head_time", r.headTime().toString());
      }
      a.put("refusals", rc.refusals());
      a.put("held", rc.held());
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
    o.putObject("chain").put("hive", c.chainHive()).put("hbd", c.chainHbd());
    o.putObject("after_block").put("hive", c.afterHive()).put("hbd", c.afterHbd());
    o.putObject("pending").put("hive", c.pendingHive()).put("hbd", c.pendingHbd()).put("transactions", c.pendingTransactions());
    o.putObject("chain_at_block").put("hive", c.chainAtBlockHive()).put("hbd", c.chainAtBlockHbd());
    o.putObject("difference").put("hive", c.differenceHive()).put("hbd", c.differenceHbd());
    o.putObject("shortfall").put("hive", c.shortfallHive()).put("hbd", c.shortfallHbd());
    o.putObject("surplus").put("hive", c.surplusHive()).put("hbd", c.surplusHbd());
    o.put("readings", c.readings());
    return o;
  }

  // ---- authority ----

  ObjectNode authority() {
    ObjectNode o = F.objectNode();
    Optional<AuthorityReport> report = view.authority();
    o.put("checked", report.isPresent());
    if (report.isEmpty()) {
      return o;
    }
    AuthorityReport a = report.get();
    o.put("block", a.block());
    o.put("head", a.head());
    o.put("matches", a.matches());
    o.put("owner_matches", a.ownerMatches());
    o.put("active_matches", a.activeMatches());
    o.put("recovery", a.recovery().name().toLowerCase(java.util.Locale.ROOT));
    o.put("changes", a.changes());
    o.put("pending_transactions", a.pendingTransactions());
    o.put("readings", a.readings());
    ObjectNode recorded = o.putObject("recorded");
    recorded.set("owner", authority(a.recorded().owner()));
    recorded.set("active", authority(a.recorded().active()));
    recorded.put("recovery_account", a.recorded().recoveryAccount());
    recorded.put("seen_block", a.recorded().seenBlock());
    ObjectNode chain = o.putObject("chain");
    chain.set("owner", authority(a.chainOwner()));
    chain.set("active", authority(a.chainActive()));
    chain.put("recovery_account", a.chainRecovery());
    return o;
  }

  private static ObjectNode authority(SignerAuthority auth) {
    ObjectNode a = F.objectNode();
    a.put("threshold", auth.threshold());
    ArrayNode keys = a.putArray("keys");
    for (SignerAuthority.Member k : auth.keys()) {
      keys.addObject().put("key", k.name()).put("weight", k.weight());
    }
    ArrayNode accounts = a.putArray("accounts");
    for (SignerAuthority.Member m : auth.accounts()) {
      accounts.addObject().put("account", m.name()).put("weight", m.weight());
    }
    return a;
  }
}
