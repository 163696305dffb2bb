package io.hivesafe.ops;

import io.hivesafe.state.ValueCodec;
import io.hivesafe.state.ValueReader;
import io.hivesafe.state.ValueWriter;

/**
 * The multisig lifecycle's counters: the next round's number, what confirmed rounds paid out, what
 * left the account outside any round (unexplained outflows: never a payout), the block of the last
 * confirmed key rotation, how many rounds were confirmed and expired, whether custody stands over the
 * safety limit, and whether the last transfer round built was a suspect payout's round of its own.
 */
public record MultisigBooks(long nextSeq, long paidHive, long paidHbd, long lastRotationBlock, long confirmed, long expired,
    long unexplainedHive, long unexplainedHbd, boolean overLimit, boolean lastBuiltIsolated) {
  /** The canonical encoding (docs/state.md, "State schema"): the fields in declaration order. */
  public static final ValueCodec<MultisigBooks> CODEC = ValueCodec.of(
      (w, v) -> w.int64(v.nextSeq()).int64(v.paidHive()).int64(v.paidHbd()).int64(v.lastRotationBlock()).int64(v.confirmed()).int64(v.expired()).int64(v.unexplainedHive()).int64(v.unexplainedHbd()).bool(v.overLimit()).bool(v.lastBuiltIsolated()),
      r -> new MultisigBooks(r.int64(), r.int64(), r.int64(), r.int64(), r.int64(), r.int64(), r.int64(), r.int64(), r.bool(), r.bool()));

  public static final MultisigBooks START = new MultisigBooks(1, 0, 0, 0, 0, 0, 0, 0, false, false);

  MultisigBooks built(boolean isolated) {
    return new MultisigBooks(nextSeq + 1, paidHive, paidHbd, lastRotationBlock, confirmed, expired, unexplainedHive,
        unexplainedHbd, overLimit, isolated);
  }

  MultisigBooks afterConfirmation(long hive, long hbd, long rotationBlock) {
    return new MultisigBooks(nextSeq, Math.addExact(paidHive, hive), Math.addExact(paidHbd, hbd), rotationBlock,
        confirmed + 1, expired, unexplainedHive, unexplainedHbd, overLimit, lastBuiltIsolated);
  }

  MultisigBooks afterExpiry() {
    return new MultisigBooks(nextSeq, paidHive, paidHbd, lastRotationBlock, confirmed, expired + 1, unexplainedHive,
        unexplainedHbd, overLimit, lastBuiltIsolated);
  }

  MultisigBooks unexplained(long hive, long hbd) {
    return new MultisigBooks(nextSeq, paidHive, paidHbd, lastRotationBlock, confirmed, expired,
        Math.addExact(unexplainedHive, hive), Math.addExact(unexplainedHbd, hbd), overLimit, lastBuiltIsolated);
  }

  MultisigBooks withOverLimit(boolean over) {
    return new MultisigBooks(nextSeq, paidHive, paidHbd, lastRotationBlock, confirmed, expired, unexplainedHive,
        unexplainedHbd, over, lastBuiltIsolated);
  }
}
