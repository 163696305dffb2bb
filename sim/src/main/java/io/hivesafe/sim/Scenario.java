package io.hivesafe.sim;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The shape of one simulated network and how hard it is hit, all drawn from the seed: how many genesis
 * nodes (3, 4, 5 or 7: the multisig threshold is ⌊n/2⌋+1) and how many more nodes that join later, which
 * signers are byzantine, whether they are a colluding majority, the nodes' catch-up batch, and for each
 * fault kind its chance per block, in thousandths.
 *
 * <p>The liveness budget is n − threshold signers: byzantine signers count against it from the start,
 * and a death or a tampered store is drawn only while budget is left — except in a collusion scenario,
 * where a majority of the signers is byzantine on purpose and liveness is not claimed (docs/simulation.md).
 *
 * @param faultBlocks blocks in which faults are drawn (the network runs on for {@code tailBlocks} more, faults over)
 * @param byzantine indexes of the byzantine genesis nodes, ascending
 */
public record Scenario(long seed, int genesisNodes, int joiners, int users, List<Integer> byzantine, boolean collusion,
    int batchSize, Map<FaultKind, Integer> perMille, long faultBlocks, long tailBlocks) {

  /** Tally interval of every simulated network (report blocks 10 blocks before each tally). */
  public static final long TALLY_INTERVAL = 20;
  public static final long REPORT_OFFSET = 10;
  /** The least liveness bound in tallies (an empty queue when the faults stop: docs/simulation.md, "Liveness"). */
  public static final long LIVENESS_TALLIES = 4;
  /** The quiet blocks after the faults stop, at least: the least liveness bound (a longer bound stretches the run). */
  public static final long TAIL_BLOCKS = LIVENESS_TALLIES * TALLY_INTERVAL;

  public Scenario {
    byzantine = List.copyOf(byzantine);
    perMille = Map.copyOf(perMille);
  }

  public int threshold() {
    return genesisNodes / 2 + 1;
  }

  /** How many signers may be faulty for good while liveness is still claimed. */
  public int budget() {
    return genesisNodes - threshold();
  }

  public int chance(FaultKind kind) {
    return perMille.getOrDefault(kind, 0);
  }

  /** Draws a scenario of {@code blocks} blocks in all (at least the tail plus 20) from {@code seed}. */
  public static Scenario draw(long seed, long blocks) {
    if (blocks < TAIL_BLOCKS + 20) {
      throw new IllegalArgumentException("a scenario needs at least " + (TAIL_BLOCKS + 20) + " blocks, got " + blocks);
    }
    SplittableRandom r = new SplittableRandom(seed ^ 0x5eed_5ca1_ab1eL);
    int[] sizes = {3, 4, 5, 5, 7};
    int genesis = sizes[r.nextInt(sizes.length)];
    int joiners = r.nextInt(3);
    int threshold = genesis / 2 + 1;
    boolean collusion = r.nextInt(10) == 0;
    List<Integer> byzantine = new ArrayList<>();
    int wanted = collusion ? threshold : r.nextInt(genesis - threshold + 1);
    while (byzantine.size() < wanted) {
      int i = r.nextInt(genesis);
      if (!byzantine.contains(i)) {
        byzantine.add(i);
      }
    }
    byzantine.sort(null);
    int[] batches = {1, 5, 20};
    // 1 in 4 calm, 1 in 2 ordinary, 1 in 4 a storm: faults per block scale with it.
    int storm = switch (r.nextInt(4)) {
      case 0 -> 1;
      case 3 -> 4;
      default -> 2;
    };
    EnumMap<FaultKind, Integer> p = new EnumMap<>(FaultKind.class);
    p.put(FaultKind.CRASH, 8 * storm);
    p.put(FaultKind.DEATH, 2 * storm);
    p.put(FaultKind.LOST_SENDS, 8 * storm);
    p.put(FaultKind.STARVED_ROUND, 2 * storm);
    p.put(FaultKind.API_STALL, 5 * storm);
    p.put(FaultKind.API_LAG, 5 * storm);
    p.put(FaultKind.TAMPERED_STATE, storm);
    p.put(FaultKind.JOIN, 15);
    p.put(FaultKind.STAKE_UNLOCK, 10 * storm);
    boolean hostile = !byzantine.isEmpty();
    // One scenario in eight holds a payout the chain refuses: at most one, early in the run (a refused
    // payout strikes its whole batch, so the liveness bound grows with it).
    p.put(FaultKind.REFUSED_PAYOUT, r.nextInt(8) == 0 ? 25 : 0);
    p.put(FaultKind.FORGED_SIGNATURE, hostile ? 30 * storm : 0);
    p.put(FaultKind.REPLAYED_SIGNATURE, hostile ? 30 * storm : 0);
    p.put(FaultKind.WRONG_REPORT, hostile ? 30 * storm : 0);
    p.put(FaultKind.REDIRECT, collusion ? 15 * storm : hostile ? 4 * storm : 0);
    p.put(FaultKind.FOREIGN_UPDATE, collusion ? 5 * storm : 0);
    return new Scenario(seed, genesis, joiners, 6, byzantine, collusion, batches[r.nextInt(batches.length)], p,
        blocks - TAIL_BLOCKS, TAIL_BLOCKS);
  }

  /** The same scenario with these fault kinds never drawn (the shrinker's and {@code --without}'s). */
  public Scenario without(java.util.Collection<FaultKind> kinds) {
    EnumMap<FaultKind, Integer> p = new EnumMap<>(FaultKind.class);
    p.putAll(perMille);
    for (FaultKind k : kinds) {
      p.put(k, 0);
    }
    return new Scenario(seed, genesisNodes, joiners, users, byzantine, collusion, batchSize, p, faultBlocks, tailBlocks);
  }

  @Override
  public String toString() {
    return "seed " + seed + ": " + genesisNodes + " genesis nodes (threshold " + threshold() + ") + " + joiners + " joining, "
        + (collusion ? "a colluding majority " : "byzantine ") + byzantine + ", batch " + batchSize + ", "
        + faultBlocks + " faulty blocks + " + tailBlocks + " quiet";
  }
}
