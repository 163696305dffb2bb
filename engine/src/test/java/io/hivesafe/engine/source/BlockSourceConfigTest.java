package io.hivesafe.engine.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class BlockSourceConfigTest {
  private static final BlockSourceConfig DEFAULTS = BlockSourceConfig.defaults();

  @Test
  void defaults() {
    assertEquals(1_000, DEFAULTS.batchSize());
    assertEquals(2_000, DEFAULTS.queueCapacity());
    assertEquals(Duration.ofSeconds(3), DEFAULTS.pollInterval());
    assertEquals(Duration.ofSeconds(10), DEFAULTS.progressInterval());
    assertEquals(true, DEFAULTS.irreversibleOnly());
    assertEquals(Duration.ofMillis(250), DEFAULTS.initialBackoff());
    assertEquals(Duration.ofSeconds(5), DEFAULTS.maxBackoff());
  }

  @Test
  void everyBadValueIsRefusedNamingItsField() {
    record Case(String message, Supplier<BlockSourceConfig> build) {}
    List<Case> cases = List.of(
        new Case("BlockSourceConfig.batchSize must be within 1..1000, got 0", () -> DEFAULTS.withBatchSize(0)),
        new Case("BlockSourceConfig.batchSize must be within 1..1000, got 1001", () -> DEFAULTS.withBatchSize(1_001)),
        new Case("BlockSourceConfig.queueCapacity must be within 1..100000, got 0", () -> DEFAULTS.withQueueCapacity(0)),
        new Case("BlockSourceConfig.pollInterval must be within PT0.001S..PT1H, got PT0S", () -> DEFAULTS.withPollInterval(Duration.ZERO)),
        new Case("BlockSourceConfig.pollInterval is missing", () -> DEFAULTS.withPollInterval(null)),
        new Case("BlockSourceConfig.progressInterval must be within PT0.001S..PT1H, got PT2H",
            () -> DEFAULTS.withProgressInterval(Duration.ofHours(2))),
        new Case("BlockSourceConfig.initialBackoff must be within PT0.001S..PT1H, got PT-1S",
            () -> DEFAULTS.withBackoff(Duration.ofSeconds(-1), Duration.ofSeconds(1))),
        new Case("BlockSourceConfig.maxBackoff (PT1S) must not be shorter than BlockSourceConfig.initialBackoff (PT2S)",
            () -> DEFAULTS.withBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1))));
    for (Case c : cases) {
      assertEquals(c.message(), assertThrows(IllegalArgumentException.class, c.build()::get).getMessage());
    }
  }

  @Test
  void backoffDoublesUpToItsCap() {
    BlockSourceConfig config = DEFAULTS.withBackoff(Duration.ofMillis(100), Duration.ofMillis(700));
    assertEquals(Duration.ofMillis(100), config.backoffAfter(1));
    assertEquals(Duration.ofMillis(200), config.backoffAfter(2));
    assertEquals(Duration.ofMillis(400), config.backoffAfter(3));
    assertEquals(Duration.ofMillis(700), config.backoffAfter(4));
    assertEquals(Duration.ofMillis(700), config.backoffAfter(Integer.MAX_VALUE));
    assertThrows(IllegalArgumentException.class, () -> config.backoffAfter(0));
  }
}
