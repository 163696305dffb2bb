package io.hivesafe.ops;

import io.hivesafe.state.ValueCodec;
import io.hivesafe.state.ValueReader;
import io.hivesafe.state.ValueWriter;

import java.util.Set;

/**
 * Why a rotation that is due was not built at tally {@code block} ({@code multisig/hold}, cleared when
 * a rotation is built or none is due): one of the {@code HOLD_*} reason codes with its figures, for
 * the feed, the API and the status page.
 */
public record RotationHold(long block, Reason reason) {
  /** The canonical encoding (docs/state.md, "State schema"): the fields in declaration order. */
  public static final ValueCodec<RotationHold> CODEC = ValueCodec.of(
      (w, v) -> w.int64(v.block()).then(v.reason(), Reason::write),
      r -> new RotationHold(r.int64(), Reason.read(r)));

  /** The codes a hold can carry (docs/multisig.md, "Rotations"). */
  public static final Set<ReasonCode> CODES = Set.of(
      ReasonCode.HOLD_ROTATION_GAP,
      ReasonCode.HOLD_BELOW_FLOOR,
      ReasonCode.HOLD_OLD_THRESHOLD_NOT_KEPT,
      ReasonCode.HOLD_TOO_MANY_KEYS,
      ReasonCode.HOLD_LIMIT_NOT_RESTORED,
      ReasonCode.HOLD_AUTHORITY_UNUSABLE);

  public RotationHold {
    if (!CODES.contains(reason.code())) {
      throw new IllegalArgumentException("a rotation hold's reason is a HOLD_ code, not " + reason.code());
    }
  }

  public ReasonCode code() {
    return reason.code();
  }
}
