package io.hivesafe.engine.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CatchUpProgressTest {
  @Test
  void speedLeftAndEta() {
    CatchUpProgress progress = new CatchUpProgress(1_000, 11_000, 5_000, Duration.ofSeconds(10));
    assertEquals(10_000, progress.blocksLeft());
    assertEquals(500.0, progress.blocksPerSecond());
    assertEquals(Optional.of(Duration.ofSeconds(20)), progress.eta());
  }

  @Test
  void noSpeedNoEta() {
    CatchUpProgress stalled = new CatchUpProgress(1_000, 11_000, 0, Duration.ofSeconds(10));
    assertEquals(0.0, stalled.blocksPerSecond());
    assertEquals(Optional.empty(), stalled.eta());
    assertEquals(Optional.empty(), new CatchUpProgress(1, 2, 0, Duration.ZERO).eta());
  }

  @Test
  void nothingLeftPastTheTarget() {
    assertEquals(0, new CatchUpProgress(12, 10, 5, Duration.ofSeconds(1)).blocksLeft());
  }
}
