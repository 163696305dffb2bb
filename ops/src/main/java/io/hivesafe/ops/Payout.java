package io.hivesafe.ops;

/**
 * A queued payment out of the multisig account, in request order ({@code seq}): a user's withdrawal,
 * a passed treasury payout, or the refund of a deposit over the safety limit. {@code amount} is in
 * milli-HIVE or milli-HBD.
 */
public record Payout(long seq, String kind, String to, long amount, String asset, String memo, long requestedBlock, String source) {
  public static final String WITHDRAWAL = "withdrawal";
  public static final String TREASURY = "treasury";
  public static final String REFUND = "refund";
}
