package io.hivesafe.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ValueCodecTest {
  record Sample(long n, boolean flag, String text, List<Long> list) {
    static final ValueCodec<Sample> CODEC = ValueCodec.of(
        (w, v) -> w.int64(v.n()).bool(v.flag()).text(v.text()).list(v.list(), ValueWriter::int64),
        r -> new Sample(r.int64(), r.bool(), r.text(), r.list(ValueReader::int64)));
  }

  private static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }

  @Test
  void theBytesAreTheFormatByteThenEachFieldAsWritten() {
    Sample s = new Sample(-2, true, "é1", List.of(1L, 256L));
    assertEquals("01" // format 1
        + "fffffffffffffffe" // int64 -2, big-endian two's complement
        + "01" // true
        + "00000003" + "c3a931" // 3 bytes of UTF-8: é, 1
        + "00000002" + "0000000000000001" + "0000000000000100", // a list of two int64
        hex(Sample.CODEC.encode(s)));
    assertEquals(s, Sample.CODEC.decode(Sample.CODEC.encode(s)));
    assertEquals("010000000000000000", hex(ValueCodec.INT64.encode(0L)));
    assertEquals("0100000000", hex(ValueCodec.TEXT.encode("")));
  }

  @Test
  void onlyTheCanonicalBytesDecode() {
    byte[] good = Sample.CODEC.encode(new Sample(7, false, "ab", List.of()));
    assertEquals(new Sample(7, false, "ab", List.of()), Sample.CODEC.decode(good));
    byte[] trailing = java.util.Arrays.copyOf(good, good.length + 1);
    assertThrows(IllegalStateException.class, () -> Sample.CODEC.decode(trailing), "a byte after the value");
    byte[] cut = java.util.Arrays.copyOf(good, good.length - 1);
    assertThrows(IllegalStateException.class, () -> Sample.CODEC.decode(cut), "cut short");
    byte[] badBool = good.clone();
    badBool[9] = 2;
    assertThrows(IllegalStateException.class, () -> Sample.CODEC.decode(badBool), "a boolean is 0 or 1");
    byte[] badFormat = good.clone();
    badFormat[0] = 2;
    assertThrows(IllegalStateException.class, () -> Sample.CODEC.decode(badFormat), "another format");
    assertThrows(IllegalStateException.class, () -> Sample.CODEC.decode(new byte[0]));
    byte[] notUtf8 = HexFormat.of().parseHex("01" + "0000000000000007" + "00" + "00000002" + "c328" + "00000000");
    assertThrows(IllegalStateException.class, () -> Sample.CODEC.decode(notUtf8), "malformed UTF-8");
    byte[] hugeCount = HexFormat.of().parseHex("01" + "0000000000000007" + "00" + "7fffffff");
    assertThrows(IllegalStateException.class, () -> Sample.CODEC.decode(hugeCount), "a count larger than the bytes left");
  }

  @Test
  void aTextMapReadsBackOnlyInStrictKeyOrder() {
    java.util.TreeMap<String, String> map = new java.util.TreeMap<>(java.util.Map.of("a", "1", "b", "2"));
    ValueCodec<java.util.SortedMap<String, String>> codec = ValueCodec.of(ValueWriter::textMap, ValueReader::textMap);
    assertEquals(map, codec.decode(codec.encode(map)));
    String key = "00000001";
    byte[] outOfOrder = HexFormat.of().parseHex("01" + "00000002" + key + "62" + key + "32" + key + "61" + key + "31");
    assertThrows(IllegalStateException.class, () -> codec.decode(outOfOrder), "b before a: not the canonical order");
    byte[] repeated = HexFormat.of().parseHex("01" + "00000002" + key + "61" + key + "31" + key + "61" + key + "32");
    assertThrows(IllegalStateException.class, () -> codec.decode(repeated), "a key twice");
  }

  @Test
  void nullsAndLoneSurrogatesAreRefusedWhenWritten() {
    assertThrows(IllegalArgumentException.class, () -> Sample.CODEC.encode(null));
    assertThrows(IllegalArgumentException.class, () -> ValueCodec.TEXT.encode("a\ud800b"));
  }

  @Test
  void seededRandomValuesRoundTripToTheSameBytes() {
    Random rnd = new Random(20261203L);
    for (int i = 0; i < 2_000; i++) {
      StringBuilder text = new StringBuilder();
      for (int c = rnd.nextInt(20); c > 0; c--) {
        text.appendCodePoint(rnd.nextInt(4) == 0 ? 0x1F41D : 0x20 + rnd.nextInt(0x3000));
      }
      List<Long> list = rnd.longs(rnd.nextInt(5)).boxed().toList();
      Sample s = new Sample(rnd.nextLong(), rnd.nextBoolean(), text.toString().replaceAll("[\\ud800-\\udfff&&[^\\x{1F41D}]]", ""), list);
      byte[] once = Sample.CODEC.encode(s);
      Sample back = Sample.CODEC.decode(once);
      assertEquals(s, back);
      assertTrue(java.util.Arrays.equals(once, Sample.CODEC.encode(back)));
    }
  }
}
