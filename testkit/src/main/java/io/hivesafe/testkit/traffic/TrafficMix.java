package io.hivesafe.testkit.traffic;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * How much traffic a {@link TrafficGenerator} makes and of which kinds. Validated when built; every
 * error names the setting.
 *
 * <p>Per block: with probability {@code idleShare} no sidechain operation; otherwise with probability
 * {@code burstShare} a burst of {@code burstMin..burstMax} operations, else {@code 1..opsMax}. Each
 * operation's kind is drawn by {@code weights} among the sidechain kinds (valid and hostile).
 * Independently, with probability {@code backgroundShare}, {@code 1..backgroundMax} background
 * operations (drawn by the background kinds' weights). With probability {@code stickyShare} an operation
 * reuses the previous one's sender, and consecutive operations of one signer share a transaction (at
 * most {@link #MAX_OPS_PER_TRANSACTION}); {@code legacyShare} of the transactions are signed over the
 * legacy packing (dhive, beem), the rest over HF26 (wax). The generated transactions of one block stay
 * under {@code maxBlockBytes} signed bytes, so none spills into the next block.
 *
 * @param weights relative weight of each kind; {@link TrafficKind#REPORT} is not drawn (reports come
 *     from a {@link ReportSource}) and must be absent or 0
 */
public record TrafficMix(
    Map<TrafficKind, Integer> weights,
    double idleShare,
    int opsMax,
    double burstShare,
    int burstMin,
    int burstMax,
    double backgroundShare,
    int backgroundMax,
    double stickyShare,
    double legacyShare,
    int maxBlockBytes) {

  public static final int MAX_OPS_PER_TRANSACTION = 4;
  /** The devnet's and mainnet's maximum_block_size less room for hived's header. */
  public static final int DEFAULT_MAX_BLOCK_BYTES = 60_000;

  public TrafficMix {
    EnumMap<TrafficKind, Integer> copy = new EnumMap<>(TrafficKind.class);
    copy.putAll(weights);
    for (Map.Entry<TrafficKind, Integer> e : copy.entrySet()) {
      if (e.getValue() == null || e.getValue() < 0 || e.getValue() > 1_000_000) {
        throw new IllegalArgumentException("weights." + e.getKey() + " must be in [0, 1000000]");
      }
    }
    if (copy.getOrDefault(TrafficKind.REPORT, 0) != 0) {
      throw new IllegalArgumentException("weights.REPORT must be 0: reports come from a ReportSource");
    }
    weights = Collections.unmodifiableMap(copy);
    share("idleShare", idleShare);
    share("burstShare", burstShare);
    share("backgroundShare", backgroundShare);
    share("stickyShare", stickyShare);
    share("legacyShare", legacyShare);
    if (opsMax < 1 || opsMax > 1_000) {
      throw new IllegalArgumentException("opsMax must be in [1, 1000]");
    }
    if (burstMin < 1 || burstMax < burstMin || burstMax > 1_000) {
      throw new IllegalArgumentException("burstMin..burstMax must be within [1, 1000] and burstMin <= burstMax");
    }
    if (backgroundMax < 1 || backgroundMax > 1_000) {
      throw new IllegalArgumentException("backgroundMax must be in [1, 1000]");
    }
    if (maxBlockBytes < 10_000 || maxBlockBytes > 2 * 1024 * 1024) {
      throw new IllegalArgumentException("maxBlockBytes must be in [10000, 2097152]");
    }
    if (total(TrafficKind.Intent.VALID, copy) + total(TrafficKind.Intent.HOSTILE, copy) == 0 && idleShare < 1) {
      throw new IllegalArgumentException("weights: some sidechain kind needs a weight, or idleShare must be 1");
    }
    if (total(TrafficKind.Intent.BACKGROUND, copy) == 0 && backgroundShare > 0) {
      throw new IllegalArgumentException("weights: some background kind needs a weight, or backgroundShare must be 0");
    }
  }

  /** Busy traffic for tests: half the blocks carry 1..4 sidechain operations, 1 in 20 a burst of 20..60. */
  public static TrafficMix busy() {
    return new TrafficMix(defaultWeights(), 0.5, 4, 0.05, 20, 60, 0.5, 3, 0.2, 0.3, DEFAULT_MAX_BLOCK_BYTES);
  }

  /**
   * Traffic for the replay benchmark chain: 85% of blocks without a sidechain operation, 1 in 100 a
   * burst of 20..60, ordinary transfers in 40% of blocks.
   */
  public static TrafficMix replay() {
    return new TrafficMix(defaultWeights(), 0.85, 4, 0.01, 20, 60, 0.4, 3, 0.2, 0.3, DEFAULT_MAX_BLOCK_BYTES);
  }

  /**
   * The default weights: mostly sends and deposits; each of the 13 hostile kinds about 1.5% of the
   * sidechain operations (a fifth in all); background traffic 70% transfers, 30% other custom_json.
   */
  public static Map<TrafficKind, Integer> defaultWeights() {
    EnumMap<TrafficKind, Integer> w = new EnumMap<>(TrafficKind.class);
    w.put(TrafficKind.SEND, 300);
    w.put(TrafficKind.DEPOSIT, 120);
    w.put(TrafficKind.GOV_LOCK, 60);
    w.put(TrafficKind.GOV_UNLOCK, 40);
    w.put(TrafficKind.WITHDRAW, 50);
    w.put(TrafficKind.NODE_ADD, 8);
    w.put(TrafficKind.PROPOSE, 15);
    w.put(TrafficKind.APPROVE, 60);
    for (TrafficKind k : TrafficKind.values()) {
      if (k.hostile()) {
        w.put(k, 12);
      }
    }
    w.put(TrafficKind.HIVE_TRANSFER, 70);
    w.put(TrafficKind.FOREIGN_JSON, 30);
    return w;
  }

  /** A copy with one kind's weight changed. */
  public TrafficMix withWeight(TrafficKind kind, int weight) {
    EnumMap<TrafficKind, Integer> w = new EnumMap<>(TrafficKind.class);
    w.putAll(weights);
    w.put(kind, weight);
    return new TrafficMix(w, idleShare, opsMax, burstShare, burstMin, burstMax, backgroundShare, backgroundMax, stickyShare,
        legacyShare, maxBlockBytes);
  }

  /** A copy with other block shapes. */
  public TrafficMix withShape(double idle, int ops, double burst, int min, int max) {
    return new TrafficMix(weights, idle, ops, burst, min, max, backgroundShare, backgroundMax, stickyShare, legacyShare,
        maxBlockBytes);
  }

  /** A copy with other background traffic. */
  public TrafficMix withBackground(double share, int max) {
    return new TrafficMix(weights, idleShare, opsMax, burstShare, burstMin, burstMax, share, max, stickyShare, legacyShare,
        maxBlockBytes);
  }

  public int weight(TrafficKind kind) {
    return weights.getOrDefault(kind, 0);
  }

  /** The sum of the weights of the kinds with this intent. */
  public int total(TrafficKind.Intent intent) {
    return total(intent, weights);
  }

  private static int total(TrafficKind.Intent intent, Map<TrafficKind, Integer> weights) {
    int sum = 0;
    for (Map.Entry<TrafficKind, Integer> e : weights.entrySet()) {
      if (e.getKey().intent() == intent) {
        sum += e.getValue();
      }
    }
    return sum;
  }

  private static void share(String name, double value) {
    if (!(value >= 0 && value <= 1)) {
      throw new IllegalArgumentException(name + " must be in [0, 1]");
    }
  }
}
