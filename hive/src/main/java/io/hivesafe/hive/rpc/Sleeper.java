package io.hivesafe.hive.rpc;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Waits between retries. Injected so that tests record the pauses instead of taking them. */
@FunctionalInterface
public interface Sleeper {
  /** Really sleeps, on the calling thread. */
  Sleeper SYSTEM = duration -> TimeUnit.NANOSECONDS.sleep(duration.toNanos());

  /** Pauses for {@code duration} (never negative, at most {@link RpcConfig#MAX_DURATION}). */
  void sleep(Duration duration) throws InterruptedException;
}
