package io.hivesafe.ops;

import io.hivesafe.state.ValueCodec;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The parameters of a network that governance may change (DESIGN §3.6, "parameter change"). Fixed
 * parameters (prefix, multisig account, intervals, the custody limits) live in {@link NetworkGenesis}.
 * Each value is an integer in its range, except the three approval thresholds, which are exact
 * fractions over one half and at most one; everything is checked here, so a stored or proposed value
 * is valid.
 *
 * @param maxSigners runners elected at a tally (at most 40: HIVE_MAX_AUTHORITY_MEMBERSHIP)
 * @param minStake governance stake a node needs to be eligible, in the token's smallest unit
 * @param unlockDelay blocks between {@code gov_unlock} and the liquid credit
 * @param expirationSeconds lifetime of a multisig transaction when the tally derives its header itself
 * @param feedRetention blocks a feed entry is kept
 * @param payoutThreshold the share of runners whose approvals pass a treasury payout
 * @param paramThreshold ... a parameter change
 * @param removeThreshold ... removing a node
 * @param maxProposalBlocks the longest a proposal may stay open
 * @param executionWindow blocks after activation within which a passed action must execute
 * @param maxWithdrawals withdrawals one account may have queued at once
 * @param recastInterval blocks between broadcast attempts of a multisig transaction that is signed
 * @param maxBatchPayouts payouts one multisig transfer batch carries at most
 * @param maxMissed reports missed in a row that fault a node (one miss costs age, not the seat)
 * @param removalBanBlocks blocks an account removed by governance may not register again
 * @param payoutStrikes signed rounds holding a payout that may expire unconfirmed before the payout is
 *     returned to its owner (a payout the chain refuses never holds the queue)
 */
public record NetworkParams(
    long maxSigners,
    long minStake,
    long unlockDelay,
    long expirationSeconds,
    long feedRetention,
    Fraction payoutThreshold,
    Fraction paramThreshold,
    Fraction removeThreshold,
    long maxProposalBlocks,
    long executionWindow,
    long maxWithdrawals,
    long recastInterval,
    long maxBatchPayouts,
    long maxMissed,
    long removalBanBlocks,
    long payoutStrikes) {

  /** Hive's HIVE_MAX_AUTHORITY_MEMBERSHIP: no authority may hold more keys. */
  public static final long MAX_SIGNERS_LIMIT = io.hivesafe.hive.protocol.HiveLimits.MAX_AUTHORITY_MEMBERSHIP;
  /** Hive's HIVE_MAX_TIME_UNTIL_EXPIRATION (seconds). */
  public static final long MAX_EXPIRATION_SECONDS = io.hivesafe.hive.protocol.HiveLimits.MAX_TIME_UNTIL_EXPIRATION_SECONDS;

  /** Integer parameters: name → {min, max}, in name order. */
  private static final Map<String, long[]> RANGES = ranges();
  /** The fraction parameters, each in (1/2, 1]. */
  private static final List<String> FRACTIONS = List.of("param_threshold", "payout_threshold", "remove_threshold");

  /** The canonical encoding: the fields in declaration order, a fraction as numerator then denominator. */
  public static final ValueCodec<NetworkParams> CODEC = ValueCodec.of(
      (w, v) -> w.int64(v.maxSigners).int64(v.minStake).int64(v.unlockDelay).int64(v.expirationSeconds).int64(v.feedRetention)
          .then(v.payoutThreshold, Fraction::write).then(v.paramThreshold, Fraction::write).then(v.removeThreshold, Fraction::write)
          .int64(v.maxProposalBlocks).int64(v.executionWindow).int64(v.maxWithdrawals).int64(v.recastInterval)
          .int64(v.maxBatchPayouts).int64(v.maxMissed).int64(v.removalBanBlocks).int64(v.payoutStrikes),
      r -> new NetworkParams(r.int64(), r.int64(), r.int64(), r.int64(), r.int64(), Fraction.read(r), Fraction.read(r),
          Fraction.read(r), r.int64(), r.int64(), r.int64(), r.int64(), r.int64(), r.int64(), r.int64(), r.int64()));

  public NetworkParams {
    Map<String, Object> values = values(maxSigners, minStake, unlockDelay, expirationSeconds, feedRetention, payoutThreshold,
        paramThreshold, removeThreshold, maxProposalBlocks, executionWindow, maxWithdrawals, recastInterval, maxBatchPayouts,
        maxMissed, removalBanBlocks, payoutStrikes);
    for (Map.Entry<String, long[]> e : RANGES.entrySet()) {
      long v = (Long) values.get(e.getKey());
      if (v < e.getValue()[0] || v > e.getValue()[1]) {
        throw new IllegalArgumentException(e.getKey() + " must be in [" + e.getValue()[0] + ", " + e.getValue()[1] + "], got " + v);
      }
    }
    for (String name : FRACTIONS) {
      Fraction f = (Fraction) values.get(name);
      if (f == null || !f.overHalf() || !f.atMostOne()) {
        throw new IllegalArgumentException(name + " must be a fraction over 1/2 and at most 1, got " + f);
      }
    }
  }

  public static NetworkParams defaults() {
    return new NetworkParams(25, 1_000, 28_800, 3_000, 28_800, new Fraction(2, 3), new Fraction(3, 5), new Fraction(4, 5),
        28_800, 1_200, 10, 30, 20, 2, 864_000, 3);
  }

  /** Every parameter name governance can change, in name order. */
  public static List<String> names() {
    TreeMap<String, Boolean> all = new TreeMap<>();
    RANGES.keySet().forEach(n -> all.put(n, true));
    FRACTIONS.forEach(n -> all.put(n, true));
    return List.copyOf(all.keySet());
  }

  /** Whether {@code name} is a fraction parameter (written "num/den"). */
  public static boolean isFraction(String name) {
    return FRACTIONS.contains(name);
  }

  /** The allowed range of an integer parameter, or null if the name is unknown or a fraction. */
  public static long[] range(String name) {
    long[] r = RANGES.get(name);
    return r == null ? null : r.clone();
  }

  /** An integer parameter's value. */
  public long get(String name) {
    if (!RANGES.containsKey(name)) {
      throw new IllegalArgumentException("unknown integer parameter " + name);
    }
    return (Long) asMap().get(name);
  }

  /** A fraction parameter's value. */
  public Fraction fraction(String name) {
    if (!FRACTIONS.contains(name)) {
      throw new IllegalArgumentException("unknown fraction parameter " + name);
    }
    return (Fraction) asMap().get(name);
  }

  /** Any parameter's value as the genesis file and proposals write it: an integer, or "num/den". */
  public String text(String name) {
    return isFraction(name) ? fraction(name).toString() : Long.toString(get(name));
  }

  /** A copy with an integer parameter changed; throws if the name is unknown or the value out of range. */
  public NetworkParams with(String name, long value) {
    if (!RANGES.containsKey(name)) {
      throw new IllegalArgumentException("unknown integer parameter " + name);
    }
    return replaced(name, value);
  }

  /** A copy with a fraction parameter changed; throws if the name is unknown or the value out of range. */
  public NetworkParams with(String name, Fraction value) {
    if (!FRACTIONS.contains(name)) {
      throw new IllegalArgumentException("unknown fraction parameter " + name);
    }
    return replaced(name, value);
  }

  /** A copy with a parameter changed from its written form (an integer, or "num/den" for a fraction). */
  public NetworkParams withText(String name, String value) {
    return isFraction(name) ? with(name, Fraction.parse(value)) : with(name, Long.parseLong(value));
  }

  private NetworkParams replaced(String name, Object value) {
    Map<String, Object> m = new TreeMap<>(asMap());
    m.put(name, value);
    return new NetworkParams((Long) m.get("max_signers"), (Long) m.get("min_stake"), (Long) m.get("unlock_delay"),
        (Long) m.get("expiration_seconds"), (Long) m.get("feed_retention"), (Fraction) m.get("payout_threshold"),
        (Fraction) m.get("param_threshold"), (Fraction) m.get("remove_threshold"), (Long) m.get("max_proposal_blocks"),
        (Long) m.get("execution_window"), (Long) m.get("max_withdrawals"), (Long) m.get("recast_interval"),
        (Long) m.get("max_batch_payouts"), (Long) m.get("max_missed"), (Long) m.get("removal_ban_blocks"),
        (Long) m.get("payout_strikes"));
  }

  private Map<String, Object> asMap() {
    return values(maxSigners, minStake, unlockDelay, expirationSeconds, feedRetention, payoutThreshold, paramThreshold,
        removeThreshold, maxProposalBlocks, executionWindow, maxWithdrawals, recastInterval, maxBatchPayouts, maxMissed,
        removalBanBlocks, payoutStrikes);
  }

  private static Map<String, Object> values(long maxSigners, long minStake, long unlockDelay, long expirationSeconds,
      long feedRetention, Fraction payoutThreshold, Fraction paramThreshold, Fraction removeThreshold, long maxProposalBlocks,
      long executionWindow, long maxWithdrawals, long recastInterval, long maxBatchPayouts, long maxMissed,
      long removalBanBlocks, long payoutStrikes) {
    TreeMap<String, Object> m = new TreeMap<>();
    m.put("max_signers", maxSigners);
    m.put("min_stake", minStake);
    m.put("unlock_delay", unlockDelay);
    m.put("expiration_seconds", expirationSeconds);
    m.put("feed_retention", feedRetention);
    m.put("payout_threshold", payoutThreshold);
    m.put("param_threshold", paramThreshold);
    m.put("remove_threshold", removeThreshold);
    m.put("max_proposal_blocks", maxProposalBlocks);
    m.put("execution_window", executionWindow);
    m.put("max_withdrawals", maxWithdrawals);
    m.put("recast_interval", recastInterval);
    m.put("max_batch_payouts", maxBatchPayouts);
    m.put("max_missed", maxMissed);
    m.put("removal_ban_blocks", removalBanBlocks);
    m.put("payout_strikes", payoutStrikes);
    return m;
  }

  private static Map<String, long[]> ranges() {
    TreeMap<String, long[]> r = new TreeMap<>();
    r.put("max_signers", new long[] {1, MAX_SIGNERS_LIMIT});
    r.put("min_stake", new long[] {0, Long.MAX_VALUE / 4});
    r.put("unlock_delay", new long[] {1, 10_000_000});
    r.put("expiration_seconds", new long[] {60, MAX_EXPIRATION_SECONDS});
    r.put("feed_retention", new long[] {100, 10_000_000});
    r.put("max_proposal_blocks", new long[] {100, 10_000_000});
    r.put("execution_window", new long[] {1, 10_000_000});
    r.put("max_withdrawals", new long[] {1, 1_000});
    r.put("recast_interval", new long[] {1, 1_200});
    r.put("max_batch_payouts", new long[] {1, 100});
    r.put("max_missed", new long[] {1, 100});
    r.put("removal_ban_blocks", new long[] {0, 10_000_000});
    r.put("payout_strikes", new long[] {2, 20});
    return Collections.unmodifiableMap(r);
  }
}
