package io.hivesafe.sim;

import java.util.EnumMap;
import java.util.List;

/**
 * What one seed's run did: the last block produced, the fault schedule as it happened, the faults by
 * kind, the invariant checks made by invariant, the violations (empty: passed), a SHA-256 over every
 * oracle digest and every fault in order (two runs of one seed must give the same trace), whether the run
 * held the network to liveness (and the bound it set, in tallies after the faults stopped), and how many
 * node sends the faults lost, and how many key rotations of the core's own were confirmed.
 */
public record SimResult(Scenario scenario, long lastBlock, List<Fault> schedule, EnumMap<FaultKind, Long> faults,
    EnumMap<Invariant, Long> checks, List<Violation> violations, String trace, boolean livenessClaimed, long lostSends,
    long livenessBoundTallies, long rotations) {

  public boolean passed() {
    return violations.isEmpty();
  }

  /** The report of a failed run: seed, invariant, block, and the fault schedule up to that block. */
  public String failureReport() {
    StringBuilder s = new StringBuilder();
    s.append("FAILED ").append(scenario).append('\n');
    for (Violation v : violations) {
      s.append("  ").append(v).append('\n');
    }
    long at = violations.isEmpty() ? lastBlock : violations.get(0).block();
    s.append("  fault schedule up to block ").append(at).append(":\n");
    for (Fault f : schedule) {
      if (f.block() <= at) {
        s.append("    ").append(f).append('\n');
      }
    }
    long blocks = scenario.faultBlocks() + scenario.tailBlocks();
    s.append("  replay: scripts/sim --seed ").append(scenario.seed()).append(" --blocks ").append(blocks);
    // The kinds this run had switched off (--without, the shrinker): the seed's own draw has them on.
    Scenario drawn = Scenario.draw(scenario.seed(), blocks);
    List<String> off = new java.util.ArrayList<>();
    for (FaultKind k : FaultKind.values()) {
      if (drawn.chance(k) > 0 && scenario.chance(k) == 0) {
        off.add(k.name());
      }
    }
    if (!off.isEmpty()) {
      s.append(" --without ").append(String.join(",", off));
    }
    s.append('\n');
    return s.toString();
  }
}
