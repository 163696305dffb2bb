package io.hivesafe.ops;

/**
 * Thrown by argument checks deep inside a handler and caught at that operation's boundary in
 * {@link OperationHandlers}, where it becomes {@link OpResult#rejected}: it never leaves the op, so an
 * invalid op stays a value for the rest of the node. Any other exception from a handler is a bug.
 */
final class OpRejected extends Exception {
  OpRejected(String reason) {
    super(reason, null, false, false);
  }
}
