package io.hivesafe.hive.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RpcConfigTest {
  private static final List<URI> ONE = List.of(URI.create("http://127.0.0.1:8091"));
  private static final Duration SECOND = Duration.ofSeconds(1);

  @Test
  void defaultsAreValidAndUseTheConstants() {
    RpcConfig config = RpcConfig.defaults();
    assertEquals(RpcConfig.DEFAULT_ENDPOINTS, config.endpoints());
    assertEquals(RpcConfig.DEFAULT_CALL_TIMEOUT, config.callTimeout());
    assertEquals(RpcConfig.DEFAULT_MAX_ATTEMPTS, config.maxAttempts());
    assertEquals(RpcConfig.DEFAULT_INITIAL_BACKOFF, config.initialBackoff());
    assertEquals(RpcConfig.DEFAULT_MAX_BACKOFF, config.maxBackoff());
    assertEquals(ONE, RpcConfig.withEndpoints(ONE).endpoints());
  }

  static Stream<Arguments> invalidConfigs() {
    return Stream.of(
        bad("no endpoints", "RpcConfig.endpoints", () -> config(List.of(), SECOND, 3, SECOND, SECOND)),
        bad("null endpoint list", "RpcConfig.endpoints", () -> config(null, SECOND, 3, SECOND, SECOND)),
        bad("null endpoint", "RpcConfig.endpoints[1]", () -> config(Arrays.asList(ONE.get(0), null), SECOND, 3, SECOND, SECOND)),
        bad("ftp", "RpcConfig.endpoints[0]", () -> config(List.of(URI.create("ftp://host/")), SECOND, 3, SECOND, SECOND)),
        bad("no scheme", "RpcConfig.endpoints[0]", () -> config(List.of(URI.create("api.hive.blog")), SECOND, 3, SECOND, SECOND)),
        bad("no host", "RpcConfig.endpoints[0]", () -> config(List.of(URI.create("http:///path")), SECOND, 3, SECOND, SECOND)),
        bad("repeated", "RpcConfig.endpoints[1]", () -> config(List.of(ONE.get(0), ONE.get(0)), SECOND, 3, SECOND, SECOND)),
        bad("zero timeout", "RpcConfig.callTimeout", () -> config(ONE, Duration.ZERO, 3, SECOND, SECOND)),
        bad("sub-millisecond timeout", "RpcConfig.callTimeout", () -> config(ONE, Duration.ofNanos(999_999), 3, SECOND, SECOND)),
        bad("huge timeout", "RpcConfig.callTimeout", () -> config(ONE, Duration.ofHours(2), 3, SECOND, SECOND)),
        bad("null timeout", "RpcConfig.callTimeout", () -> config(ONE, null, 3, SECOND, SECOND)),
        bad("zero attempts", "RpcConfig.maxAttempts", () -> config(ONE, SECOND, 0, SECOND, SECOND)),
        bad("too many attempts", "RpcConfig.maxAttempts", () -> config(ONE, SECOND, 1001, SECOND, SECOND)),
        bad("negative backoff", "RpcConfig.initialBackoff", () -> config(ONE, SECOND, 3, Duration.ofMillis(-1), SECOND)),
        bad("max below initial", "RpcConfig.maxBackoff", () -> config(ONE, SECOND, 3, SECOND, Duration.ofMillis(999))),
        bad("huge max backoff", "RpcConfig.maxBackoff", () -> config(ONE, SECOND, 3, SECOND, Duration.ofDays(1))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidConfigs")
  void rejectsAndNamesTheField(String name, String field, Supplier<RpcConfig> build) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build::get);
    assertTrue(e.getMessage().contains(field), () -> "'" + e.getMessage() + "' should name " + field);
  }

  @Test
  void endpointsAreCopied() {
    List<URI> endpoints = new ArrayList<>(ONE);
    RpcConfig config = config(endpoints, SECOND, 3, SECOND, SECOND);
    endpoints.add(URI.create("https://other.example"));
    assertEquals(ONE, config.endpoints());
    assertThrows(UnsupportedOperationException.class, () -> config.endpoints().add(ONE.get(0)));
  }

  @Test
  void backoffDoublesUntilTheCap() {
    RpcConfig config = config(ONE, SECOND, 10, Duration.ofMillis(100), Duration.ofMillis(1000));
    List<Long> millis = new ArrayList<>();
    for (int retry = 1; retry <= 6; retry++) {
      millis.add(config.backoffBeforeRetry(retry).toMillis());
    }
    assertEquals(List.of(100L, 200L, 400L, 800L, 1000L, 1000L), millis);
    assertEquals(Duration.ofMillis(1000), config.backoffBeforeRetry(1000));
    assertEquals(Duration.ofHours(1), config(ONE, SECOND, 3, Duration.ofHours(1), Duration.ofHours(1)).backoffBeforeRetry(999));
    assertEquals(Duration.ZERO, config(ONE, SECOND, 3, Duration.ZERO, SECOND).backoffBeforeRetry(50));
    assertThrows(IllegalArgumentException.class, () -> config.backoffBeforeRetry(0));
  }

  private static RpcConfig config(List<URI> endpoints, Duration timeout, int attempts, Duration initial, Duration max) {
    return new RpcConfig(endpoints, timeout, attempts, initial, max);
  }

  private static Arguments bad(String name, String field, Supplier<RpcConfig> build) {
    return Arguments.of(name, field, build);
  }
}
