package io.hivesafe.hive.rpc;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What a guarded client knows of one endpoint's chain id: whether it was checked, when, and how many
 * connections to the endpoint had been opened then. The check is due again after a failed attempt, once
 * a new connection was opened (it may reach another server), and after the guard's recheck interval.
 * Thread-safe.
 */
final class EndpointChainCheck {
  private final AtomicLong connectionsOpened = new AtomicLong();
  private final long recheckNanos;
  private long checkedAtNanos;
  private long connectionsAtCheck = -1;

  EndpointChainCheck(long recheckNanos) {
    this.recheckNanos = recheckNanos;
  }

  /** A connection to the endpoint is being opened (okhttp's event listener). */
  void connectionOpened() {
    connectionsOpened.incrementAndGet();
  }

  /** Connections opened so far. */
  long connections() {
    return connectionsOpened.get();
  }

  /** Whether an answer over the connections open now may be used without asking the chain id first. */
  synchronized boolean fresh(long nowNanos) {
    return connectionsAtCheck == connectionsOpened.get() && nowNanos - checkedAtNanos < recheckNanos;
  }

  /** The chain id was found right; {@code connections} had been opened by then (the check's own included). */
  synchronized void checked(long connections, long nowNanos) {
    connectionsAtCheck = connections;
    checkedAtNanos = nowNanos;
  }

  /** An attempt failed, or the chain id could not be read: ask again before the next use. */
  synchronized void forget() {
    connectionsAtCheck = -1;
  }
}
