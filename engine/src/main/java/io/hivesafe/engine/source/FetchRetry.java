package io.hivesafe.engine.source;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The block source's one retry policy: after an answer it cannot use, ask another endpoint after a
 * pause of {@link BlockSourceConfig#backoffAfter} the failures in a row — {@code initialBackoff},
 * doubling up to {@code maxBackoff} — and start again from the first pause after a usable answer.
 *
 * <p>A failed call and a damaged answer count as fetch errors; an empty answer (an endpoint behind the
 * one that reported the chain's progress) pauses the same way without being one, and a short answer
 * moves on to another endpoint at once. Used by the fetch thread only, but {@link #fetchErrors()} may be
 * read from any thread.
 */
final class FetchRetry {
  private final BlockSourceConfig config;
  private final BlockApi api;
  private final AtomicLong fetchErrors = new AtomicLong();
  private int failuresInRow;

  FetchRetry(BlockSourceConfig config, BlockApi api) {
    this.config = config;
    this.api = api;
  }

  /** Failed calls and damaged answers so far. */
  long fetchErrors() {
    return fetchErrors.get();
  }

  /**
   * A call failed or its answer was damaged: counts it, moves to another endpoint, tells
   * {@code announce} the pause (to log it) and waits it out.
   */
  void afterFailure(Consumer<Duration> announce) throws InterruptedException {
    fetchErrors.incrementAndGet();
    afterEmptyAnswer(announce);
  }

  /** An answer without blocks although the chain is further: not an error, but otherwise as {@link #afterFailure}. */
  void afterEmptyAnswer(Consumer<Duration> announce) throws InterruptedException {
    api.preferAnotherEndpoint();
    Duration pause = nextPause();
    announce.accept(pause);
    TimeUnit.NANOSECONDS.sleep(pause.toNanos());
  }

  /** An answer with fewer blocks than asked for, but some: another endpoint for the rest, at once. */
  void afterShortAnswer() {
    api.preferAnotherEndpoint();
    failuresInRow = 0;
  }

  /** A usable answer, or nothing left to fetch: the next failure pauses the shortest time again. */
  void afterSuccess() {
    failuresInRow = 0;
  }

  private Duration nextPause() {
    failuresInRow = failuresInRow == Integer.MAX_VALUE ? failuresInRow : failuresInRow + 1;
    return config.backoffAfter(failuresInRow);
  }
}
