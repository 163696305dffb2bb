package io.hivesafe.engine.source;

import java.time.Duration;
import java.util.Optional;

/**
 * One catch-up progress report: where the consumer is, where the chain is, and how fast the gap closed
 * over the last interval.
 *
 * @param lastBlock the last block handed on (the start block − 1 before the first)
 * @param targetBlock the block being caught up to (the last irreversible block, or the head)
 * @param blocksInInterval blocks handed on during {@code interval}
 * @param interval the time since the last report (or since the start)
 */
public record CatchUpProgress(long lastBlock, long targetBlock, long blocksInInterval, Duration interval) {
  public CatchUpProgress {
    if (blocksInInterval < 0) {
      throw new IllegalArgumentException("blocksInInterval must not be negative, got " + blocksInInterval);
    }
    if (interval == null || interval.isNegative()) {
      throw new IllegalArgumentException("interval must be zero or positive, got " + interval);
    }
  }

  public long blocksLeft() {
    return Math.max(0, targetBlock - lastBlock);
  }

  /** Blocks per second over the interval; 0 for an empty interval. */
  public double blocksPerSecond() {
    long nanos = interval.toNanos();
    return nanos == 0 ? 0 : blocksInInterval * 1e9 / nanos;
  }

  /** The time left at this speed; empty when nothing moved in the interval. */
  public Optional<Duration> eta() {
    if (blocksInInterval == 0 || interval.isZero()) {
      return Optional.empty();
    }
    double seconds = blocksLeft() / blocksPerSecond();
    return Optional.of(Duration.ofSeconds((long) Math.ceil(Math.min(seconds, Long.MAX_VALUE / 1e9))));
  }
}
