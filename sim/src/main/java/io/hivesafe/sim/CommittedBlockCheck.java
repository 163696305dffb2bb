package io.hivesafe.sim;

import io.hivesafe.ops.TallyRecord;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The invariants digests-agree and tampering-detected, checked on each block a node commits. */
final class CommittedBlockCheck {
  private final InvariantChecks checks;
  private final Oracle oracle;
  /** The oracle's tally records by tally block (looked up, never iterated). */
  private final Map<Long, TallyRecord> oracleTallies = new HashMap<>();

  CommittedBlockCheck(InvariantChecks checks, Oracle oracle) {
    this.checks = checks;
    this.oracle = oracle;
  }

  /** The oracle applied tally block {@code block}, which recorded {@code tally}. */
  void tally(long block, TallyRecord tally) {
    oracleTallies.put(block, tally);
  }

  /**
   * A node committed {@code block}: its digest must be the oracle's, and a tampered node must see its
   * divergence at a tally (the oracle's record of the block says whether it was one). An exception here is
   * the simulator's, not the node's: it is reported as such.
   */
  void check(SimNode n, long block) {
    try {
      checkCommitted(n, block);
    } catch (RuntimeException e) {
      checks.violation(Invariant.SIMULATOR_SOUND, block, "checking " + n.name + "'s block: " + Simulation.stackOf(e));
    }
  }

  private void checkCommitted(SimNode n, long block) {
    boolean tampered = n.tamperedAfter >= 0 && block >= n.tamperedAfter;
    if (!tampered) {
      checks.count(Invariant.DIGESTS_AGREE);
      // Equal accumulators are equal digests; only a difference pays for the two modular inverses.
      if (!Arrays.equals(n.node().store().digestAccumulator(), oracle.accumulatorAfter(block))) {
        String digest = n.node().store().digest().hex();
        String expected = oracle.digestAfter(block);
        if (!digest.equals(expected)) {
          checks.violation(Invariant.DIGESTS_AGREE, block, n.name + " has " + digest + ", the oracle " + expected);
        }
      }
    }
    Optional<TallyRecord> tally = Optional.ofNullable(oracleTallies.get(block));
    if (n.tamperedAfter >= 0 && tally.isPresent() && tally.get().consensus() && tally.get().reportBlock() >= n.tamperedAfter) {
      checks.count(Invariant.TAMPERING_DETECTED);
      if (!n.node().diverged()) {
        checks.violation(Invariant.TAMPERING_DETECTED, block, n.name + "'s store was changed after block " + n.tamperedAfter
            + ", yet the tally of block " + block + " (consensus on report block " + tally.get().reportBlock()
            + ") left it undiverged");
      }
    }
  }
}
