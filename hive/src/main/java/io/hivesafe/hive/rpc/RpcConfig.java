package io.hivesafe.hive.rpc;

import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Settings of the Hive JSON-RPC client, validated when built: every problem is an
 * {@link IllegalArgumentException} naming the field.
 *
 * @param endpoints hived (or API proxy) URLs, http or https, tried in turn; at least one, no repeats
 * @param callTimeout the whole budget of one HTTP exchange (connect, send, wait, read), 1 ms to 1 hour
 * @param maxAttempts how many exchanges one call may make across all endpoints before it fails, 1 to 1000
 * @param initialBackoff the pause before the first retry; each further retry doubles it
 * @param maxBackoff the cap on that pause, at least {@code initialBackoff} and at most 1 hour
 */
public record RpcConfig(
    List<URI> endpoints, Duration callTimeout, int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

  public static final List<URI> DEFAULT_ENDPOINTS =
      List.of(URI.create("https://api.hive.blog"), URI.create("https://api.openhive.network"), URI.create("https://anyx.io"));
  public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(10);
  public static final int DEFAULT_MAX_ATTEMPTS = 5;
  public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(250);
  public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(5);

  /** Upper bound for every duration here, so that no arithmetic on them can overflow. */
  public static final Duration MAX_DURATION = Duration.ofHours(1);
  public static final int MAX_ATTEMPTS_LIMIT = 1000;

  public RpcConfig {
    endpoints = checkEndpoints(endpoints);
    checkDuration("callTimeout", callTimeout, Duration.ofMillis(1));
    if (maxAttempts < 1 || maxAttempts > MAX_ATTEMPTS_LIMIT) {
      throw new IllegalArgumentException(
          "RpcConfig.maxAttempts must be within 1.." + MAX_ATTEMPTS_LIMIT + ", got " + maxAttempts);
    }
    checkDuration("initialBackoff", initialBackoff, Duration.ZERO);
    checkDuration("maxBackoff", maxBackoff, Duration.ZERO);
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException(
          "RpcConfig.maxBackoff (" + maxBackoff + ") must not be shorter than RpcConfig.initialBackoff (" + initialBackoff + ")");
    }
  }

  /** The defaults for every field. */
  public static RpcConfig defaults() {
    return new RpcConfig(DEFAULT_ENDPOINTS, DEFAULT_CALL_TIMEOUT, DEFAULT_MAX_ATTEMPTS, DEFAULT_INITIAL_BACKOFF, DEFAULT_MAX_BACKOFF);
  }

  /** The defaults with other endpoints. */
  public static RpcConfig withEndpoints(List<URI> endpoints) {
    return new RpcConfig(endpoints, DEFAULT_CALL_TIMEOUT, DEFAULT_MAX_ATTEMPTS, DEFAULT_INITIAL_BACKOFF, DEFAULT_MAX_BACKOFF);
  }

  /**
   * The pause before retry number {@code retry} (1 for the pause between the first and second attempt):
   * {@code initialBackoff × 2^(retry-1)}, capped at {@code maxBackoff}.
   */
  public Duration backoffBeforeRetry(int retry) {
    if (retry < 1) {
      throw new IllegalArgumentException("retry numbers start at 1, got " + retry);
    }
    Duration pause = initialBackoff;
    for (int i = 1; i < retry; i++) {
      if (pause.compareTo(maxBackoff.dividedBy(2)) > 0) {
        return maxBackoff;
      }
      pause = pause.multipliedBy(2);
    }
    return pause.compareTo(maxBackoff) > 0 ? maxBackoff : pause;
  }

  private static List<URI> checkEndpoints(List<URI> endpoints) {
    if (endpoints == null || endpoints.isEmpty()) {
      throw new IllegalArgumentException("RpcConfig.endpoints must list at least one URL");
    }
    Set<URI> seen = new HashSet<>();
    for (int i = 0; i < endpoints.size(); i++) {
      URI uri = endpoints.get(i);
      String field = "RpcConfig.endpoints[" + i + "]";
      if (uri == null) {
        throw new IllegalArgumentException(field + " is missing");
      }
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https")) {
        throw new IllegalArgumentException(field + " must be an http or https URL, got '" + uri + "'");
      }
      if (uri.getHost() == null || uri.getHost().isEmpty()) {
        throw new IllegalArgumentException(field + " has no host: '" + uri + "'");
      }
      if (uri.getRawFragment() != null) {
        throw new IllegalArgumentException(field + " must not have a #fragment: '" + uri + "'");
      }
      if (!seen.add(uri)) {
        throw new IllegalArgumentException(field + " repeats '" + uri + "'");
      }
    }
    return List.copyOf(endpoints);
  }

  private static void checkDuration(String field, Duration value, Duration min) {
    if (value == null) {
      throw new IllegalArgumentException("RpcConfig." + field + " is missing");
    }
    if (value.compareTo(min) < 0 || value.compareTo(MAX_DURATION) > 0) {
      throw new IllegalArgumentException(
          "RpcConfig." + field + " must be within " + min + ".." + MAX_DURATION + ", got " + value);
    }
  }
}
