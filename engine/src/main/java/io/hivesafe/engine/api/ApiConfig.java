package io.hivesafe.engine.api;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The HTTP API's node-local settings. Loopback by default: the API is read-only, but it tells anyone
 * who can reach it what the node holds and does; put it behind a proxy to publish it.
 *
 * @param bindAddress the address to listen on (an IP literal or host name), {@value #DEFAULT_BIND_ADDRESS} by default
 * @param port the TCP port, 0 for any free one (tests); {@value #DEFAULT_PORT} by default
 * @param snapshotsDir where the node writes its snapshots; the newest is served at
 *     {@code /api/snapshot/latest}; empty: no snapshots served (404)
 * @param threads threads answering requests (a slow client holds one)
 */
public record ApiConfig(String bindAddress, int port, Optional<Path> snapshotsDir, int threads) {
  public static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";
  public static final int DEFAULT_PORT = 8091;
  public static final int DEFAULT_THREADS = 4;
  public static final int MAX_THREADS = 64;

  public ApiConfig {
    if (bindAddress == null || bindAddress.isBlank()) {
      throw new IllegalArgumentException("ApiConfig.bindAddress must name an address, got '" + bindAddress + "'");
    }
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("ApiConfig.port must be within 0..65535, got " + port);
    }
    Objects.requireNonNull(snapshotsDir, "ApiConfig.snapshotsDir");
    if (threads < 1 || threads > MAX_THREADS) {
      throw new IllegalArgumentException("ApiConfig.threads must be within 1.." + MAX_THREADS + ", got " + threads);
    }
  }

  /** Loopback, port {@value #DEFAULT_PORT}, no snapshots. */
  public static ApiConfig defaults() {
    return new ApiConfig(DEFAULT_BIND_ADDRESS, DEFAULT_PORT, Optional.empty(), DEFAULT_THREADS);
  }

  public ApiConfig withBind(String address, int newPort) {
    return new ApiConfig(address, newPort, snapshotsDir, threads);
  }

  public ApiConfig withSnapshotsDir(Path dir) {
    return new ApiConfig(bindAddress, port, Optional.of(dir), threads);
  }

  public ApiConfig withThreads(int n) {
    return new ApiConfig(bindAddress, port, snapshotsDir, n);
  }
}
