package io.hivesafe.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class NodeEventsTest {
  @Test
  void durationsReadAsAnOperatorWritesThem() {
    assertEquals("250ms", NodeEvents.duration(Duration.ofMillis(250)));
    assertEquals("1.5s", NodeEvents.duration(Duration.ofMillis(1_500)));
    assertEquals("6s", NodeEvents.duration(Duration.ofSeconds(6)));
    assertEquals("4m05s", NodeEvents.duration(Duration.ofSeconds(245)));
    assertEquals("1h02m03s", NodeEvents.duration(Duration.ofSeconds(3_723)));
  }
}
