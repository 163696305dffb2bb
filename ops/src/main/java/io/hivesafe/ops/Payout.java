package io.hivesafe.ops;

import io.hivesafe.state.ValueCodec;
import io.hivesafe.state.ValueReader;
import io.hivesafe.state.ValueWriter;

/**
 * A queued payment out of the multisig account, in request order ({@code seq}): a user's withdrawal,
 * a passed treasury payout, or the refund of a deposit over the safety limit. {@code amount} is in
 * milli-HIVE or milli-HBD. {@code strikes} counts signed rounds holding it that expired unconfirmed: a
 * payout with a strike is built only in a round of its own, and one with {@code payout_strikes} strikes
 * is returned to its owner (docs/multisig.md, "A refused payout").
 */
public record Payout(long seq, String kind, String to, long amount, String asset, String memo, long requestedBlock, String source,
    long strikes) {
  public Payout {
    ValueChecks.nonNegative("a payout", seq, amount, requestedBlock, strikes);
    ValueChecks.oneOf("a payout's kind", kind, WITHDRAWAL, TREASURY, REFUND);
    ValueChecks.account("a payout's recipient", to);
    ValueChecks.oneOf("a payout's asset", asset, "HIVE", "HBD");
    OpAmounts.check(amount);
    OpAmounts.checkMemo(memo);
  }

  /** The canonical encoding (docs/state.md, "State schema"): the fields in declaration order. */
  public static final ValueCodec<Payout> CODEC = ValueCodec.of(
      (w, v) -> w.int64(v.seq()).text(v.kind()).text(v.to()).int64(v.amount()).text(v.asset()).text(v.memo()).int64(v.requestedBlock()).text(v.source()).int64(v.strikes()),
      r -> new Payout(r.int64(), r.text(), r.text(), r.int64(), r.text(), r.text(), r.int64(), r.text(), r.int64()));

  public static final String WITHDRAWAL = "withdrawal";
  public static final String TREASURY = "treasury";
  public static final String REFUND = "refund";
  /**
   * The Hive memo of a refund (a deposit over the safety limit goes back to its sender): fixed bytes of
   * the protocol, so every node builds the same transfer (docs/protocol.md).
   */
  public static final String REFUND_MEMO = "refund: deposit over the safety limit";

  Payout struck() {
    return new Payout(seq, kind, to, amount, asset, memo, requestedBlock, source, strikes + 1);
  }

  /** Whether a signed round holding it has expired before: it is then built alone. */
  boolean suspect() {
    return strikes > 0;
  }
}
