package io.hivesafe.ops;

/**
 * Thrown by argument checks deep inside a handler and caught at that operation's boundary in
 * {@link OperationHandlers}, where it becomes {@link OpResult#rejected}: it never leaves the op, so an
 * invalid op stays a value for the rest of the node. Any other exception from a handler is a bug.
 */
final class OpRejected extends Exception {
  private final Reason reason;

  OpRejected(ReasonCode code, Object... args) {
    super(code.name(), null, false, false);
    this.reason = Reason.of(code, args);
  }

  Reason reason() {
    return reason;
  }
}
