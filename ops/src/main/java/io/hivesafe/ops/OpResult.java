package io.hivesafe.ops;

/**
 * What an operation did: accepted (its writes are kept) with the reason saying what it did, or rejected
 * with the reason it changed nothing (its writes are discarded). A value, never an exception: invalid
 * input is not a bug.
 */
public record OpResult(boolean accepted, Reason reason) {
  public static OpResult ok(ReasonCode code, Object... args) {
    return new OpResult(true, Reason.of(code, args));
  }

  public static OpResult rejected(Reason reason) {
    return new OpResult(false, reason);
  }

  public static OpResult rejected(ReasonCode code, Object... args) {
    return new OpResult(false, Reason.of(code, args));
  }
}
