package io.hivesafe.engine.snapshot;

import io.hivesafe.ops.BlockRef;
import io.hivesafe.ops.MultisigAuthority;
import io.hivesafe.ops.NetworkGenesis;
import io.hivesafe.ops.NodeRecord;
import io.hivesafe.ops.ReportQuorum;
import io.hivesafe.ops.Roster;
import io.hivesafe.ops.SidechainState;
import io.hivesafe.ops.Totals;
import io.hivesafe.state.SnapshotInfo;
import io.hivesafe.state.StateConfig;
import io.hivesafe.state.StateStore;
import io.hivesafe.state.StateStoreException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The checks of an imported snapshot against the chain, for {@link SnapshotBootstrap}: that it is this
 * network's state on this chain, and that its digest is vouched for — the anchor (the multisig
 * account's authority on chain), the tally's own rule, and the weight of proven signer keys behind
 * the digest. Each refusal says what was counted, and whether the reports still to come could change it
 * ("too early").
 */
final class ChainChecks {
  /** At most this many reports that do not count are named in a refusal. */
  private static final int MAX_NAMED = 10;

  private ChainChecks() {}

  /** What the checks need from the imported state, read in one go. */
  record Facts(Totals totals, Optional<BlockRef> ref, Roster roster, TreeMap<String, NodeRecord> nodes,
      MultisigAuthority authority, long maxMissed) {}

  /** It must be this network's state, on this chain. */
  static void checkNetwork(NetworkGenesis genesis, SnapshotInfo info, Facts facts, OnChainReports reports)
      throws Refused {
    long r = info.block();
    if (facts.totals().tokenSupply() != genesis.tokenSupply()) {
      throw new Refused(BootstrapException.Failure.NETWORK, "the snapshot is not of network " + genesis.network()
          + ": its token supply is " + facts.totals().tokenSupply() + ", the genesis allocates " + genesis.tokenSupply());
    }
    if (reports.reportBlockId() == null) {
      throw new Refused(BootstrapException.Failure.API, "the Hive API did not give block " + r);
    }
    String chainId = reports.reportBlockId().toHex();
    Optional<BlockRef> ref = facts.ref();
    if (ref.isEmpty() || ref.get().block() != r || !ref.get().id().equals(chainId)) {
      throw new Refused(BootstrapException.Failure.NETWORK, "the snapshot did not follow this chain: it records block " + r
          + " as " + ref.map(BlockRef::id).orElse("nothing") + ", the chain's block " + r + " is " + chainId);
    }
  }

  /** The anchor (the authority on chain), the tally's rule, and the weight of proven signer keys behind the digest. */
  static BootstrapResult.Vouched vouch(SnapshotInfo info, Facts facts, OnChainReports reports,
      AuthorityAnchor anchor, KeyProofs proofs) throws Refused {
    long r = info.block();
    String digest = info.digest().hex();
    anchor.check(facts.authority(), r);
    WindowQuorum quorum = WindowQuorum.of(digest, facts.roster().runners(), facts.nodes(), reports.hashes(), facts.maxMissed(),
        reports.complete());
    if (!quorum.passes()) {
      throw notConsensus(r, digest, quorum, reports);
    }
    SignerVouching signers = SignerVouching.count(digest, reports.hashes(), facts.nodes(), anchor.active(), proofs);
    if (!signers.reaches()) {
      throw notVouched(r, digest, signers, reports, anchor);
    }
    ReportQuorum q = quorum.shown();
    return new BootstrapResult.Vouched(signers.weight(), signers.threshold(), signers.signers(), q.reporters(digest),
        q.runnerCount(), q.reportersAge(digest), q.ageTotal(), reports.through());
  }

  static Facts facts(Path dir, long r) throws Refused {
    // Just imported and verified: no need to recompute the digest from every entry again.
    try (StateStore store = StateStore.open(StateConfig.of(dir).withVerifyOnOpen(false))) {
      return store.read(reader -> {
        TreeMap<String, NodeRecord> nodes = new TreeMap<>();
        for (NodeRecord n : SidechainState.nodes(reader)) {
          nodes.put(n.account(), n);
        }
        return new Facts(SidechainState.totals(reader), SidechainState.blockRef(reader, r & 0xffff),
            SidechainState.roster(reader), nodes, SidechainState.authority(reader), SidechainState.params(reader).maxMissed());
      });
    } catch (StateStoreException e) {
      throw new Refused(BootstrapException.Failure.SNAPSHOT, "cannot read the imported store: " + e.getMessage(), e);
    } catch (IllegalStateException e) {
      // A record missing or not decoding: untrusted input, not a bug of this node.
      throw new Refused(BootstrapException.Failure.NETWORK, "the snapshot does not hold a sidechain state this node can read: "
          + e.getMessage(), e);
    }
  }

  private static Refused notConsensus(long r, String digest, WindowQuorum window, OnChainReports reports) {
    ReportQuorum quorum = window.shown();
    String counted = "its digest " + digest + " was reported by " + quorum.reporters(digest) + " of the "
        + quorum.runnerCount() + " runners it names that the tally counts, holding age " + quorum.reportersAge(digest) + " of " + quorum.ageTotal()
        + "; the tally's rule needs more than half of the runners and at least half of their age";
    if (!reports.complete() && window.couldReach()) {
      return tooEarly(r, counted, reports);
    }
    Optional<String> consensus = window.consensus();
    String onChain = consensus.isPresent() ? "; the consensus on chain for block " + r + " is " + consensus.get()
        : reports.hashes().isEmpty() ? "; nobody reported for block " + r + " (a snapshot of another network?)"
        : reports.complete() ? "; no digest reached consensus for block " + r
        : "; the runners yet to report could not carry it";
    return new Refused(BootstrapException.Failure.NOT_CONSENSUS, "block " + r + ": " + counted + onChain);
  }

  private static Refused notVouched(long r, String digest, SignerVouching signers, OnChainReports reports,
      AuthorityAnchor anchor) {
    StringBuilder counted = new StringBuilder("its digest " + digest + " is vouched for by node keys of weight "
        + signers.weight() + " of the multisig account " + anchor.account() + "'s active threshold " + signers.threshold());
    if (!signers.signers().isEmpty()) {
      counted.append(" (");
      String sep = "";
      for (BootstrapResult.Signer s : signers.signers()) {
        counted.append(sep).append(s.account()).append(' ').append(s.weight()).append(", ").append(s.proof());
        sep = "; ";
      }
      counted.append(')');
    }
    List<String> refused = signers.refused();
    if (!refused.isEmpty()) {
      counted.append("; reports of it that do not count: ");
      int shown = Math.min(refused.size(), MAX_NAMED);
      counted.append(String.join("; ", refused.subList(0, shown)));
      if (shown < refused.size()) {
        counted.append("; and ").append(refused.size() - shown).append(" more");
      }
    }
    counted.append(". A snapshot is vouched for on chain only by registered nodes whose proven keys hold the active threshold");
    if (!reports.complete() && signers.couldReach()) {
      return tooEarly(r, counted.toString(), reports);
    }
    return new Refused(BootstrapException.Failure.NOT_VOUCHED, "block " + r + ": " + counted
        + "; if you know the digest to trust, give it with --expect-digest");
  }

  private static Refused tooEarly(long r, String counted, OnChainReports reports) {
    return new Refused(BootstrapException.Failure.TOO_EARLY, "block " + r + ": " + counted + ", but reports for block " + r
        + " may still land until block " + reports.tallyBlock() + " and the chain's last irreversible block is "
        + reports.irreversible() + ": try again after block " + reports.tallyBlock() + ", or use an older snapshot");
  }
}
