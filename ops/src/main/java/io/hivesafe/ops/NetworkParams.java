package io.hivesafe.ops;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The parameters of a network that governance may change (DESIGN §3.6, "parameter change"). Fixed
 * parameters (prefix, multisig account, intervals of reports and tallies) live in {@link NetworkGenesis}.
 * Every value is an integer; each has a range checked here, so a stored or proposed value is valid.
 *
 * @param maxSigners runners elected at a tally (at most 40: HIVE_MAX_AUTHORITY_MEMBERSHIP)
 * @param minStake governance stake a node needs to be eligible, in the token's smallest unit
 * @param unlockDelay blocks between {@code gov_unlock} and the liquid credit
 * @param expirationSeconds lifetime of a multisig transaction when the tally derives its header itself
 * @param feedRetention blocks a feed entry is kept
 * @param payoutThresholdBp approvals (basis points of runners) a treasury payout needs
 * @param paramThresholdBp approvals a parameter change needs
 * @param removeThresholdBp approvals removing a node needs
 * @param maxProposalBlocks the longest a proposal may stay open
 * @param executionWindow blocks after activation within which a passed action must execute
 * @param maxWithdrawals withdrawals one account may have queued at once
 * @param recastInterval blocks between broadcast attempts of a multisig transaction that is signed
 * @param maxBatchPayouts payouts one multisig transfer batch carries at most
 */
public record NetworkParams(
    long maxSigners,
    long minStake,
    long unlockDelay,
    long expirationSeconds,
    long feedRetention,
    long payoutThresholdBp,
    long paramThresholdBp,
    long removeThresholdBp,
    long maxProposalBlocks,
    long executionWindow,
    long maxWithdrawals,
    long recastInterval,
    long maxBatchPayouts) {

  /** Hive's HIVE_MAX_AUTHORITY_MEMBERSHIP: no authority may hold more keys. */
  public static final long MAX_SIGNERS_LIMIT = 40;
  /** Hive's HIVE_MAX_TIME_UNTIL_EXPIRATION (seconds). */
  public static final long MAX_EXPIRATION_SECONDS = 3600;

  /** Names (as in the genesis file and in proposals) and ranges, in name order. */
  private static final Map<String, long[]> RANGES = ranges();

  public NetworkParams {
    for (Map.Entry<String, long[]> e : RANGES.entrySet()) {
      long v = valueOf(e.getKey(), maxSigners, minStake, unlockDelay, expirationSeconds, feedRetention, payoutThresholdBp,
          paramThresholdBp, removeThresholdBp, maxProposalBlocks, executionWindow, maxWithdrawals, recastInterval,
          maxBatchPayouts);
      if (v < e.getValue()[0] || v > e.getValue()[1]) {
        throw new IllegalArgumentException(e.getKey() + " must be in [" + e.getValue()[0] + ", " + e.getValue()[1] + "], got " + v);
      }
    }
  }

  public static NetworkParams defaults() {
    return new NetworkParams(25, 1_000, 28_800, 3_000, 28_800, 6_667, 6_000, 8_000, 28_800, 1_200, 10, 30, 20);
  }

  /** The parameter names governance can change, in order. */
  public static List<String> names() {
    return List.copyOf(RANGES.keySet());
  }

  /** The allowed range of a parameter, or null if the name is unknown. */
  public static long[] range(String name) {
    long[] r = RANGES.get(name);
    return r == null ? null : r.clone();
  }

  public long get(String name) {
    if (!RANGES.containsKey(name)) {
      throw new IllegalArgumentException("unknown parameter " + name);
    }
    return valueOf(name, maxSigners, minStake, unlockDelay, expirationSeconds, feedRetention, payoutThresholdBp,
        paramThresholdBp, removeThresholdBp, maxProposalBlocks, executionWindow, maxWithdrawals, recastInterval,
        maxBatchPayouts);
  }

  /** A copy with one parameter changed; throws if the name is unknown or the value out of range. */
  public NetworkParams with(String name, long value) {
    if (!RANGES.containsKey(name)) {
      throw new IllegalArgumentException("unknown parameter " + name);
    }
    return new NetworkParams(
        pick("max_signers", name, value),
        pick("min_stake", name, value),
        pick("unlock_delay", name, value),
        pick("expiration_seconds", name, value),
        pick("feed_retention", name, value),
        pick("payout_threshold_bp", name, value),
        pick("param_threshold_bp", name, value),
        pick("remove_threshold_bp", name, value),
        pick("max_proposal_blocks", name, value),
        pick("execution_window", name, value),
        pick("max_withdrawals", name, value),
        pick("recast_interval", name, value),
        pick("max_batch_payouts", name, value));
  }

  private long pick(String field, String changed, long value) {
    return field.equals(changed) ? value : get(field);
  }

  private static long valueOf(String name, long maxSigners, long minStake, long unlockDelay, long expirationSeconds,
      long feedRetention, long payoutThresholdBp, long paramThresholdBp, long removeThresholdBp, long maxProposalBlocks,
      long executionWindow, long maxWithdrawals, long recastInterval, long maxBatchPayouts) {
    switch (name) {
      case "max_signers": return maxSigners;
      case "min_stake": return minStake;
      case "unlock_delay": return unlockDelay;
      case "expiration_seconds": return expirationSeconds;
      case "feed_retention": return feedRetention;
      case "payout_threshold_bp": return payoutThresholdBp;
      case "param_threshold_bp": return paramThresholdBp;
      case "remove_threshold_bp": return removeThresholdBp;
      case "max_proposal_blocks": return maxProposalBlocks;
      case "execution_window": return executionWindow;
      case "max_withdrawals": return maxWithdrawals;
      case "recast_interval": return recastInterval;
      case "max_batch_payouts": return maxBatchPayouts;
      default: throw new IllegalArgumentException("unknown parameter " + name);
    }
  }

  private static Map<String, long[]> ranges() {
    TreeMap<String, long[]> r = new TreeMap<>();
    r.put("max_signers", new long[] {1, MAX_SIGNERS_LIMIT});
    r.put("min_stake", new long[] {0, Long.MAX_VALUE / 4});
    r.put("unlock_delay", new long[] {1, 10_000_000});
    r.put("expiration_seconds", new long[] {60, MAX_EXPIRATION_SECONDS});
    r.put("feed_retention", new long[] {100, 10_000_000});
    r.put("payout_threshold_bp", new long[] {5_001, 10_000});
    r.put("param_threshold_bp", new long[] {5_001, 10_000});
    r.put("remove_threshold_bp", new long[] {5_001, 10_000});
    r.put("max_proposal_blocks", new long[] {100, 10_000_000});
    r.put("execution_window", new long[] {1, 10_000_000});
    r.put("max_withdrawals", new long[] {1, 1_000});
    r.put("recast_interval", new long[] {1, 1_200});
    r.put("max_batch_payouts", new long[] {1, 100});
    return java.util.Collections.unmodifiableMap(r);
  }
}
