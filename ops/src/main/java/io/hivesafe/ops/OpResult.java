package io.hivesafe.ops;

/**
 * What an operation did: accepted (its writes are kept) with a short description, or rejected with
 * the reason (its writes are discarded). A value, never an exception: invalid input is not a bug.
 */
public record OpResult(boolean accepted, String detail) {
  public static OpResult ok(String detail) {
    return new OpResult(true, detail);
  }

  public static OpResult rejected(String reason) {
    return new OpResult(false, reason);
  }
}
