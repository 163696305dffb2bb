package io.hivesafe.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class StateKeyTest {
  @ParameterizedTest(name = "refuses {0}")
  @ValueSource(strings = {"", "/a", "a/", "a//b", "has space", "tab\tkey", "ünï", "a\u0000b"})
  void refusesMalformedKeys(String path) {
    assertThrows(IllegalArgumentException.class, () -> StateKey.of(path));
  }

  @Test
  void refusesOverlongKeysAndBadSegments() {
    assertThrows(IllegalArgumentException.class, () -> StateKey.of("k".repeat(StateKey.MAX_BYTES + 1)));
    StateKey.of("k".repeat(StateKey.MAX_BYTES));
    assertThrows(IllegalArgumentException.class, () -> StateKey.path("a", "b/c"));
    assertThrows(IllegalArgumentException.class, () -> StateKey.path("a", ""));
  }

  @Test
  void pathsAndAncestry() {
    StateKey acct = StateKey.path("balances", "alice");
    assertEquals("balances/alice", acct.toString());
    assertTrue(StateKey.of("balances").isAncestorOf(acct));
    assertFalse(StateKey.of("bal").isAncestorOf(acct));
    assertFalse(acct.isAncestorOf(acct));
    assertEquals(acct, StateKey.fromBytes("balances/alice".getBytes(StandardCharsets.US_ASCII)));
  }

  /** The order of keys is unsigned byte order, the same one MapDB and the snapshot use. */
  @Test
  void orderIsByteOrder_seed31() {
    Random rnd = new Random(31);
    List<StateKey> keys = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      StringBuilder sb = new StringBuilder();
      int len = 1 + rnd.nextInt(12);
      for (int j = 0; j < len; j++) {
        sb.append((char) (0x21 + rnd.nextInt(0x7E - 0x21 + 1)));
      }
      String s = sb.toString().replace('/', 'x');
      keys.add(StateKey.of(s));
    }
    List<StateKey> sorted = new ArrayList<>(keys);
    sorted.sort(null);
    List<StateKey> byBytes = new ArrayList<>(keys);
    byBytes.sort((a, b) -> Arrays.compareUnsigned(a.toBytes(), b.toBytes()));
    assertEquals(byBytes, sorted);
  }

  @ParameterizedTest(name = "{0} < {1}")
  @CsvSource({"99999999,100000000", "9,10", "4294967294,4294967295", "0,1", "2147483647,2147483648"})
  void fixedWidthBlocksSortNumericallyAcrossDigitBoundaries(long lower, long higher) {
    String a = FixedWidth.uint32(lower);
    String b = FixedWidth.uint32(higher);
    assertEquals(10, a.length());
    assertTrue(StateKey.path("due", a).compareTo(StateKey.path("due", b)) < 0);
    assertEquals(lower, FixedWidth.parse(a, FixedWidth.UINT32_DIGITS));
  }

  @Test
  void fixedWidthRefusesOutOfRange() {
    assertThrows(IllegalArgumentException.class, () -> FixedWidth.uint32(-1));
    assertThrows(IllegalArgumentException.class, () -> FixedWidth.uint32(4294967296L));
    assertThrows(IllegalArgumentException.class, () -> FixedWidth.int64(-5));
    assertEquals("9223372036854775807", FixedWidth.int64(Long.MAX_VALUE));
    assertThrows(IllegalArgumentException.class, () -> FixedWidth.parse("9999999999999999999", 19));
    assertThrows(IllegalArgumentException.class, () -> FixedWidth.parse("12a", 3));
    assertThrows(IllegalArgumentException.class, () -> FixedWidth.parse("123", 4));
  }
}
