package io.hivesafe.engine.source;

import io.hivesafe.hive.rpc.HiveRpcClient;
import java.time.Duration;

/**
 * Settings of the RPC block source, validated when built: every problem is an
 * {@link IllegalArgumentException} naming the field.
 *
 * @param batchSize blocks asked for per block_api.get_block_range call, 1 to 1000 (hived's limit)
 * @param queueCapacity blocks fetched ahead of the consumer at most, 1 to 100,000; the fetch thread
 *     waits while the queue is full (one more batch may be in flight beside it)
 * @param pollInterval how long to wait before asking again once caught up (Hive's block interval is
 *     3 s; tests use a few milliseconds), 1 ms to 1 hour
 * @param progressInterval at most one catch-up progress line per this interval, 1 ms to 1 hour
 * @param irreversibleOnly hand on only blocks up to last_irreversible_block_num (true, the default);
 *     false follows the head block, which a fork can still replace
 * @param initialBackoff the pause after the first failed fetch in a row; each further failure doubles it
 * @param maxBackoff the cap on that pause, at least {@code initialBackoff}, at most 1 hour
 */
public record BlockSourceConfig(
    int batchSize, int queueCapacity, Duration pollInterval, Duration progressInterval, boolean irreversibleOnly,
    Duration initialBackoff, Duration maxBackoff) {
  public static final int DEFAULT_BATCH_SIZE = HiveRpcClient.MAX_BLOCK_RANGE;
  public static final int DEFAULT_QUEUE_CAPACITY = 2_000;
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(3);
  public static final Duration DEFAULT_PROGRESS_INTERVAL = Duration.ofSeconds(10);
  public static final boolean DEFAULT_IRREVERSIBLE_ONLY = true;
  public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(250);
  public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(5);

  public static final int MAX_QUEUE_CAPACITY = 100_000;
  /** Upper bound for every duration here, so that no arithmetic on them can overflow. */
  public static final Duration MAX_DURATION = Duration.ofHours(1);

  public BlockSourceConfig {
    checkRange("batchSize", batchSize, 1, HiveRpcClient.MAX_BLOCK_RANGE);
    checkRange("queueCapacity", queueCapacity, 1, MAX_QUEUE_CAPACITY);
    checkDuration("pollInterval", pollInterval, Duration.ofMillis(1));
    checkDuration("progressInterval", progressInterval, Duration.ofMillis(1));
    checkDuration("initialBackoff", initialBackoff, Duration.ofMillis(1));
    checkDuration("maxBackoff", maxBackoff, Duration.ofMillis(1));
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException("BlockSourceConfig.maxBackoff (" + maxBackoff
          + ") must not be shorter than BlockSourceConfig.initialBackoff (" + initialBackoff + ")");
    }
  }

  /** The defaults for every field. */
  public static BlockSourceConfig defaults() {
    return new BlockSourceConfig(DEFAULT_BATCH_SIZE, DEFAULT_QUEUE_CAPACITY, DEFAULT_POLL_INTERVAL, DEFAULT_PROGRESS_INTERVAL,
        DEFAULT_IRREVERSIBLE_ONLY, DEFAULT_INITIAL_BACKOFF, DEFAULT_MAX_BACKOFF);
  }

  public BlockSourceConfig withBatchSize(int value) {
    return new BlockSourceConfig(value, queueCapacity, pollInterval, progressInterval, irreversibleOnly, initialBackoff, maxBackoff);
  }

  public BlockSourceConfig withQueueCapacity(int value) {
    return new BlockSourceConfig(batchSize, value, pollInterval, progressInterval, irreversibleOnly, initialBackoff, maxBackoff);
  }

  public BlockSourceConfig withPollInterval(Duration value) {
    return new BlockSourceConfig(batchSize, queueCapacity, value, progressInterval, irreversibleOnly, initialBackoff, maxBackoff);
  }

  public BlockSourceConfig withProgressInterval(Duration value) {
    return new BlockSourceConfig(batchSize, queueCapacity, pollInterval, value, irreversibleOnly, initialBackoff, maxBackoff);
  }

  public BlockSourceConfig withIrreversibleOnly(boolean value) {
    return new BlockSourceConfig(batchSize, queueCapacity, pollInterval, progressInterval, value, initialBackoff, maxBackoff);
  }

  public BlockSourceConfig withBackoff(Duration initial, Duration max) {
    return new BlockSourceConfig(batchSize, queueCapacity, pollInterval, progressInterval, irreversibleOnly, initial, max);
  }

  /**
   * The pause after {@code failures} failed fetches in a row (1 for the first):
   * {@code initialBackoff × 2^(failures-1)}, capped at {@code maxBackoff}.
   */
  public Duration backoffAfter(int failures) {
    if (failures < 1) {
      throw new IllegalArgumentException("failure counts start at 1, got " + failures);
    }
    Duration pause = initialBackoff;
    for (int i = 1; i < failures && pause.compareTo(maxBackoff) < 0; i++) {
      pause = pause.multipliedBy(2);
    }
    return pause.compareTo(maxBackoff) > 0 ? maxBackoff : pause;
  }

  private static void checkRange(String field, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException("BlockSourceConfig." + field + " must be within " + min + ".." + max + ", got " + value);
    }
  }

  private static void checkDuration(String field, Duration value, Duration min) {
    if (value == null) {
      throw new IllegalArgumentException("BlockSourceConfig." + field + " is missing");
    }
    if (value.compareTo(min) < 0 || value.compareTo(MAX_DURATION) > 0) {
      throw new IllegalArgumentException(
          "BlockSourceConfig." + field + " must be within " + min + ".." + MAX_DURATION + ", got " + value);
    }
  }
}
