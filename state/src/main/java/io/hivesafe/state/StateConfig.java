package io.hivesafe.state;

import java.nio.file.Path;

/**
 * Settings of the state store, node-local (not consensus).
 *
 * @param dataDir directory holding {@code state.db} and {@code state.journal}
 * @param verifyOnOpen recompute the digest from every entry when opening and refuse a store whose
 *     contents do not match it (catches damage MapDB itself cannot see, such as garbage bytes inside a
 *     value); costs one pass over the state
 * @param pageSize granularity of the commit journal in bytes, a power of two
 * @param cacheBytes memory for committed pages of the store file kept for reads (0 disables it)
 */
public record StateConfig(Path dataDir, boolean verifyOnOpen, int pageSize, long cacheBytes) {
  public static final boolean DEFAULT_VERIFY_ON_OPEN = true;
  public static final int DEFAULT_PAGE_SIZE = 1024;
  public static final long DEFAULT_CACHE_BYTES = 64L << 20;

  public StateConfig {
    if (dataDir == null) {
      throw new IllegalArgumentException("state.dataDir is required");
    }
    if (pageSize < 64 || pageSize > 1 << 20 || Integer.bitCount(pageSize) != 1) {
      throw new IllegalArgumentException("state.pageSize must be a power of two between 64 and 1048576, got " + pageSize);
    }
    if (cacheBytes < 0) {
      throw new IllegalArgumentException("state.cacheBytes must not be negative, got " + cacheBytes);
    }
  }

  public static StateConfig of(Path dataDir) {
    return new StateConfig(dataDir, DEFAULT_VERIFY_ON_OPEN, DEFAULT_PAGE_SIZE, DEFAULT_CACHE_BYTES);
  }

  public StateConfig withVerifyOnOpen(boolean verify) {
    return new StateConfig(dataDir, verify, pageSize, cacheBytes);
  }
}
