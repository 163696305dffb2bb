package io.hivesafe.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StateColumnTest {
  private static final StateColumn<Long> REPORTS = StateColumn.keyed("reports", "n", ValueCodec.INT64,
      StateColumn.Segment.UINT32, StateColumn.Segment.NAME);
  private static final StateColumn<Long> PAID = StateColumn.keyed("multisig/paid", "n", ValueCodec.INT64,
      StateColumn.Segment.UINT32, StateColumn.Segment.INT64);
  private static final StateColumn<Long> FEED = StateColumn.keyed("feed", "n", ValueCodec.INT64,
      StateColumn.Segment.UINT32, StateColumn.Segment.DIGITS5);
  private static final StateColumn<Long> BOOKS = StateColumn.single("multisig/books", "n", ValueCodec.INT64);

  @Test
  void keysAreThePrefixThenEachTypedSegmentAtItsFixedWidth() {
    assertEquals("reports/0000000100/alice", REPORTS.key(100L, "alice").toString());
    assertEquals("multisig/paid/4294967295/0000000000000000007", PAID.key(0xFFFF_FFFFL, 7).toString());
    assertEquals("feed/0000000005/00042", FEED.key(5, 42).toString());
    assertEquals("multisig/books", BOOKS.key().toString());
    assertEquals("reports/0000000100", REPORTS.under(100L).toString());
    assertEquals("reports/<uint32>/<name>", REPORTS.pattern());
  }

  @Test
  void partsOfTheWrongTypeCountOrRangeAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> REPORTS.key(100L), "too few parts");
    assertThrows(IllegalArgumentException.class, () -> REPORTS.key(100L, "alice", "x"), "too many parts");
    assertThrows(IllegalArgumentException.class, () -> REPORTS.key("100", "alice"), "text for a number");
    assertThrows(IllegalArgumentException.class, () -> REPORTS.key(100L, 5L), "a number for a name");
    assertThrows(IllegalArgumentException.class, () -> REPORTS.key(100L, "a/b"), "a name with a slash");
    assertThrows(IllegalArgumentException.class, () -> REPORTS.key(1L << 32, "alice"), "over uint32");
    assertThrows(IllegalArgumentException.class, () -> FEED.key(1, 100_000), "over five digits");
    assertThrows(IllegalArgumentException.class, () -> PAID.key(1, -1L), "negative sequence");
  }

  @Test
  void aColumnOwnsExactlyItsOwnKeys() {
    assertTrue(REPORTS.owns(StateKey.of("reports/0000000100/alice")));
    assertFalse(REPORTS.owns(StateKey.of("reports/100/alice")), "not fixed width");
    assertFalse(REPORTS.owns(StateKey.of("reports/0000000100")), "too short");
    assertFalse(REPORTS.owns(StateKey.of("reports/0000000100/alice/x")), "too long");
    assertFalse(REPORTS.owns(StateKey.of("reportsx/0000000100/alice")), "another prefix");
    assertTrue(BOOKS.owns(StateKey.of("multisig/books")));
    assertFalse(BOOKS.owns(StateKey.of("multisig/paid/0000000001/0000000000000000001")));
    assertFalse(PAID.owns(StateKey.of("multisig/books")));
  }
}
