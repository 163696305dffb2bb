package io.hivesafe.ops;

/**
 * A queued payment out of the multisig account, in request order ({@code seq}): a user's withdrawal,
 * a passed treasury payout, or the refund of a deposit over the safety limit. {@code amount} is in
 * milli-HIVE or milli-HBD. {@code strikes} counts signed rounds holding it that expired unconfirmed: a
 * payout with a strike is built only in a round of its own, and one with {@code payout_strikes} strikes
 * is returned to its owner (docs/multisig.md, "A refused payout").
 */
public record Payout(long seq, String kind, String to, long amount, String asset, String memo, long requestedBlock, String source,
    long strikes) {
  public static final String WITHDRAWAL = "withdrawal";
  public static final String TREASURY = "treasury";
  public static final String REFUND = "refund";

  Payout struck() {
    return new Payout(seq, kind, to, amount, asset, memo, requestedBlock, source, strikes + 1);
  }

  /** Whether a signed round holding it has expired before: it is then built alone. */
  boolean suspect() {
    return strikes > 0;
  }
}
