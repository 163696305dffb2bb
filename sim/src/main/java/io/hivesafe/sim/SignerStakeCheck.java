package io.hivesafe.sim;

import io.hivesafe.ops.FeedEntry;
import io.hivesafe.ops.MultisigAuthority;
import io.hivesafe.ops.NodeRecord;
import io.hivesafe.ops.RemovedNode;
import io.hivesafe.ops.SidechainState;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The invariant signer-stake-locked, checked after each block on the oracle's state for {@link InvariantChecks}. */
final class SignerStakeCheck {
  private final Oracle oracle;
  private final InvariantTally tally;
  /** Accounts whose stake must stay locked in the next block → their unlocking amount now. */
  private TreeMap<String, Long> locked = new TreeMap<>();

  SignerStakeCheck(Oracle oracle, InvariantTally tally) {
    this.oracle = oracle;
    this.tally = tally;
  }

  /** signer-stake-locked: the accounts locked for this block did not start unlocking; then who is locked for the next. */
  void check(long n, List<FeedEntry> feed, MultisigAuthority auth) {
    for (FeedEntry f : feed) {
      if (f.kind().equals("gov_unlock") && f.ok() && !f.tx().isEmpty() && locked.containsKey(f.account())) {
        tally.violation(Invariant.SIGNER_STAKE_LOCKED, n, f.account() + "'s gov_unlock was accepted while its key signs for the"
            + " multisig account or unbonds: " + f.reason());
      }
    }
    for (Map.Entry<String, Long> e : locked.entrySet()) {
      tally.count(Invariant.SIGNER_STAKE_LOCKED);
      long unlocking = oracle.read(r -> SidechainState.balances(r, e.getKey())).unlocking();
      if (unlocking > e.getValue()) {
        tally.violation(Invariant.SIGNER_STAKE_LOCKED, n, e.getKey() + " started unlocking " + (unlocking - e.getValue())
            + " while its key signs for the multisig account or unbonds");
      }
    }
    TreeMap<String, Long> next = new TreeMap<>();
    for (NodeRecord node : oracle.read(SidechainState::nodes)) {
      if (auth.holds(node.key()) || node.unbondBlock() > n + 1) {
        next.put(node.account(), oracle.read(r -> SidechainState.balances(r, node.account())).unlocking());
      }
    }
    for (RemovedNode removed : oracle.read(SidechainState::removedNodes)) {
      if (auth.holds(removed.key()) || removed.unbondBlock() > n + 1) {
        next.put(removed.account(), oracle.read(r -> SidechainState.balances(r, removed.account())).unlocking());
      }
    }
    locked = next;
  }
}
