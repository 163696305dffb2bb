package io.hivesafe.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StateCodecTest {
  record Holder(String zeta, long alpha, Map<String, Long> totals, List<String> tags, BigInteger big) {}

  /**
   * Golden bytes: the digest hashes these, so an encoding change (a Jackson upgrade, a changed
   * setting) must fail here before it splits the network.
   */
  @Test
  void canonicalBytesAreStable() {
    Holder h = new Holder("é\"z", -7, Map.of("b", 2L, "a", 1L, "C", 3L), List.of("y", "x"), new BigInteger("123456789012345678901234567890"));
    String expected = "{\"alpha\":-7,\"big\":123456789012345678901234567890,\"tags\":[\"y\",\"x\"],"
        + "\"totals\":{\"C\":3,\"a\":1,\"b\":2},\"zeta\":\"\\u00E9\\\"z\"}";
    assertEquals(expected, new String(StateCodec.encode(h), StandardCharsets.US_ASCII));
    assertEquals(h, StateCodec.decode(StateCodec.encode(h), Holder.class));
  }

  @Test
  void refusesFractionsUnknownFieldsAndNull() {
    record Amount(long value) {}
    assertThrows(IllegalStateException.class, () -> StateCodec.decode("{\"value\":1.5}".getBytes(StandardCharsets.US_ASCII), Amount.class));
    assertThrows(IllegalStateException.class, () -> StateCodec.decode("{\"value\":1,\"x\":2}".getBytes(StandardCharsets.US_ASCII), Amount.class));
    assertThrows(IllegalStateException.class, () -> StateCodec.decode("{\"value\":1}{}".getBytes(StandardCharsets.US_ASCII), Amount.class));
    assertThrows(IllegalArgumentException.class, () -> StateCodec.encode(null));
    record Ratio(float value) {}
    assertThrows(IllegalArgumentException.class, () -> StateCodec.encode(new Ratio(1)));
    record Money(java.math.BigDecimal value) {}
    assertThrows(IllegalArgumentException.class, () -> StateCodec.encode(new Money(java.math.BigDecimal.ONE)));
  }
}
