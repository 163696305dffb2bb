package io.hivesafe.ops;

import io.hivesafe.state.ValueCodec;
import io.hivesafe.state.ValueReader;
import io.hivesafe.state.ValueWriter;

/**
 * A node removed by governance: it may not register again before {@code bannedUntil}, and while its
 * last key is still in the multisig authority (or until {@code unbondBlock}) its stake stays locked,
 * exactly as if it were still registered.
 */
public record RemovedNode(String account, String key, long removedBlock, long bannedUntil, long unbondBlock) {
  public RemovedNode {
    ValueChecks.account("a removed node", account);
    ValueChecks.nonNegative("a removed node", removedBlock, bannedUntil, unbondBlock);
  }

  /** The canonical encoding (docs/state.md, "State schema"): the fields in declaration order. */
  public static final ValueCodec<RemovedNode> CODEC = ValueCodec.of(
      (w, v) -> w.text(v.account()).text(v.key()).int64(v.removedBlock()).int64(v.bannedUntil()).int64(v.unbondBlock()),
      r -> new RemovedNode(r.text(), r.text(), r.int64(), r.int64(), r.int64()));

  public RemovedNode unbondingUntil(long block) {
    return new RemovedNode(account, key, removedBlock, bannedUntil, Math.max(unbondBlock, block));
  }
}
