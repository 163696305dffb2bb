package io.hivesafe.hive.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.hivesafe.hive.HiveFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HardforkVersionTest {
  @Test
  void hardforkIsTheMinorPart() {
    HardforkVersion hf28 = HardforkVersion.parse("1.28.0");
    assertEquals(new HardforkVersion(1, 28, 0), hf28);
    assertEquals(28, hf28.hardfork());
    assertEquals(13, HardforkVersion.parse("0.13.0").hardfork());
    assertEquals("1.28.7", HardforkVersion.parse("1.28.7").toString());
  }

  @Test
  void ordersByMajorMinorPatch() {
    assertTrue(HardforkVersion.parse("1.27.9").compareTo(HardforkVersion.parse("1.28.0")) < 0);
    assertTrue(HardforkVersion.parse("1.28.1").compareTo(HardforkVersion.parse("1.28.0")) > 0);
    assertTrue(HardforkVersion.parse("0.99.0").compareTo(HardforkVersion.parse("1.0.0")) < 0);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "1.28", "1.28.0.1", "01.28.0", "-1.28.0", "1.256.0", "256.1.0", "1.1.65536", " 1.28.0", "1.28.0 ", "a.b.c", "1..0"})
  void rejectsMalformedText(String text) {
    assertThrows(HiveFormatException.class, () -> HardforkVersion.parse(text));
  }

  @Test
  void readNeedsAJsonString() {
    assertEquals(HardforkVersion.parse("0.13.0"), HardforkVersion.read(JsonNodeFactory.instance.textNode("0.13.0")));
    assertThrows(HiveFormatException.class, () -> HardforkVersion.read(JsonNodeFactory.instance.numberNode(13)));
    assertThrows(HiveFormatException.class, () -> HardforkVersion.read(JsonNodeFactory.instance.nullNode()));
  }

  @Test
  void constructorChecksRanges() {
    assertThrows(HiveFormatException.class, () -> new HardforkVersion(-1, 0, 0));
    assertThrows(HiveFormatException.class, () -> new HardforkVersion(0, 256, 0));
    assertEquals(65535, new HardforkVersion(0, 0, 65535).patch());
  }
}
