package io.hivesafe.engine.node;

/**
 * When an account's resource credits are low: well before the node's next report, signature or
 * broadcast would be refused. Low means either
 *
 * <ul>
 *   <li>mana below {@link #TRANSACTIONS} of the role's transactions: the node's own (a report each tally,
 *       a {@code sig_submit} per round and its resends) or the multisig account's (a round's broadcast),
 *       each costed at the larger of the role's estimate ({@link #NODE_TRANSACTION}, {@link
 *       #MULTISIG_TRANSACTION}) and the cost hived named in the role's most recent refusal, while the role
 *       is out of RC (until a transaction of it is accepted: one costly refusal does not keep the
 *       threshold up for good); or
 *   <li>mana below {@link #PERCENT} percent of max_rc: a pool being used faster than it regenerates.
 * </ul>
 *
 * The estimates are upper bounds of the devnet's cost model (devnet RcCosts: a 400-byte report or
 * sig_submit costs about 0.6 × 10^9 RC; a payout batch at its 32,768-byte cap with 40 signatures about
 * 36 × 10^9) and of the order hived charges on mainnet; hived's real cost moves with the chain's load,
 * which is why a refusal's figure replaces the estimate when it is larger.
 */
public final class RcLowRule {
  /** How many of the role's transactions the mana must still pay for. */
  public static final long TRANSACTIONS = 10;
  /** Below this percentage of max_rc an account is low whatever its mana. */
  public static final int PERCENT = 10;
  /** What one of the node's own transactions (report, sig_submit) is taken to cost. */
  public static final long NODE_TRANSACTION = 1_000_000_000L;
  /** What one broadcast of the multisig account's round transaction is taken to cost. */
  public static final long MULTISIG_TRANSACTION = 40_000_000_000L;

  private RcLowRule() {}

  /** The mana below which {@code role}'s account is low by the first rule, given the cost hived named in the role's latest refusal (0: none). */
  public static long threshold(RcRole role, long namedCost) {
    return Math.multiplyExact(TRANSACTIONS, Math.max(estimate(role), namedCost));
  }

  /** What one of {@code role}'s transactions is taken to cost. */
  public static long estimate(RcRole role) {
    return role == RcRole.NODE ? NODE_TRANSACTION : MULTISIG_TRANSACTION;
  }

  /** Whether {@code mana} of {@code maxRc} is low for {@code role}. */
  public static boolean isLow(RcRole role, long mana, long maxRc, long namedCost) {
    boolean belowPercent = maxRc == 0 || java.math.BigInteger.valueOf(Math.max(0, mana)).multiply(java.math.BigInteger.valueOf(100))
        .compareTo(java.math.BigInteger.valueOf(maxRc).multiply(java.math.BigInteger.valueOf(PERCENT))) < 0;
    return mana < threshold(role, namedCost) || belowPercent;
  }
}
