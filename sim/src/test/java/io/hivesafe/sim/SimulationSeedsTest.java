package io.hivesafe.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CI seed set (docs/simulation.md): seeds 1..200 of 240 blocks each, every invariant after every
 * block, on two threads. A failure prints its seed, invariant, block and fault schedule, and the command
 * that replays it; a seed that found a real bug stays in this set for good.
 */
class SimulationSeedsTest {
  static final long FIRST = 1;
  static final int SEEDS = 200;
  static final long BLOCKS = 240;

  @TempDir
  Path work;

  @Test
  void everyCiSeedHoldsEveryInvariant() throws Exception {
    Campaign.Summary summary = Campaign.run(FIRST, SEEDS, BLOCKS, 2, WorkDir.under(work));
    System.out.println("simulation, CI seeds " + FIRST + ".." + (FIRST + SEEDS - 1) + ":\n" + summary.render());
    assertTrue(summary.failures().isEmpty(), summary.render());
    assertEquals(SEEDS, summary.seeds());
    // The set must actually hit networks: every fault kind injected and every invariant checked.
    for (FaultKind k : FaultKind.values()) {
      if (k != FaultKind.QUIET) {
        assertTrue(summary.faults().getOrDefault(k, 0L) > 0, "no " + k + " in the CI seeds");
      }
    }
    for (Invariant i : Invariant.values()) {
      assertTrue(summary.checks().getOrDefault(i, 0L) > 0, "invariant " + i.label() + " never checked");
    }
    assertTrue(summary.livenessClaimed() >= SEEDS / 2, "liveness held in too few seeds: " + summary.livenessClaimed());
  }
}
