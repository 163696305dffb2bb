package io.hivesafe.ops;

/**
 * A queued payment out of the multisig account, in request order ({@code seq}): a user's withdrawal
 * or a passed treasury payout. {@code amount} is in milli-HIVE or milli-HBD.
 */
public record Payout(long seq, String kind, String to, long amount, String asset, String memo, long requestedBlock, String source) {
  public static final String WITHDRAWAL = "withdrawal";
  public static final String TREASURY = "treasury";
}
