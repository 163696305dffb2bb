package io.hivesafe.hive.rpc;

import java.net.URI;
import java.time.Duration;

/**
 * Told about every attempt the client makes: which method, at which endpoint, how long it took and how
 * it ended. For the shell's metrics (RPC latency and errors per endpoint); the client works the same
 * with or without one. Called on the calling thread after each attempt, so it must be quick and must
 * not throw; an exception from it would reach the caller.
 */
@FunctionalInterface
public interface RpcListener {
  /** Listens to nothing. */
  RpcListener NONE = (method, endpoint, elapsed, outcome) -> {};

  /** How one attempt ended. */
  enum Outcome {
    /** The endpoint answered with a result the client could read. */
    RESULT,
    /** The endpoint answered with a JSON-RPC error (not retried). */
    RPC_ERROR,
    /** No usable answer: connection refused or lost, timeout, HTTP error, malformed body or result (retried). */
    TRANSPORT_FAILURE
  }

  /**
   * One attempt of {@code method} at {@code endpoint} (as configured) ended with {@code outcome} after
   * {@code elapsed}.
   */
  void attempted(String method, URI endpoint, Duration elapsed, Outcome outcome);
}
