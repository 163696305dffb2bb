package io.hivesafe.ops;

/**
 * Why a rotation that is due was not built at tally {@code block} ({@code multisig/hold}, cleared when
 * a rotation is built or none is due): for the feed, the API and the status page.
 */
public record RotationHold(long block, Reason reason, String detail) {
  public enum Reason {
    /** The one-rotation-an-hour gap has not passed since the last rotation. */
    ROTATION_GAP,
    /** The new set would hold fewer than {@code min_signers} keys. */
    BELOW_FLOOR,
    /** Registered nodes do not hold enough of the old keys to keep the old threshold. */
    OLD_THRESHOLD_NOT_KEPT,
    /** The new set would hold more than 40 keys (HIVE_MAX_AUTHORITY_MEMBERSHIP). */
    TOO_MANY_KEYS,
    /** Custody is over the safety limit and no set of eligible nodes restores it. */
    LIMIT_NOT_RESTORED,
    /** The recorded authority cannot sign (threshold 0 or above its weights). */
    AUTHORITY_UNUSABLE
  }
}
