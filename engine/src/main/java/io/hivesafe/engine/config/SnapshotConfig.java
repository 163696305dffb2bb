package io.hivesafe.engine.config;

/**
 * How often the node writes a snapshot of its state (after every {@code every}-th report block) and how
 * many it keeps; other nodes bootstrap from them.
 */
public record SnapshotConfig(int every, int keep) {
  public static final int DEFAULT_EVERY = 10;
  public static final int DEFAULT_KEEP = 2;

  public SnapshotConfig {
    if (every < 1 || every > 100_000) {
      throw new IllegalArgumentException("snapshots.every must be in [1, 100000] report blocks, got " + every);
    }
    if (keep < 1 || keep > 100) {
      throw new IllegalArgumentException("snapshots.keep must be in [1, 100], got " + keep);
    }
  }

  public static SnapshotConfig defaults() {
    return new SnapshotConfig(DEFAULT_EVERY, DEFAULT_KEEP);
  }
}
