package io.hivesafe.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReasonTest {
  @Test
  void aReasonHoldsExactlyTheArgumentsItsCodeDeclares() {
    Reason r = Reason.of(ReasonCode.OVER_DAILY_CAP, 10_001, 10_000L, "HIVE");
    assertEquals(List.of(10_001L, 10_000L, "HIVE"), r.args(), "ints are widened to longs: equal reasons are equal values");
    assertEquals(10_001L, r.integer(0));
    assertEquals("HIVE", r.text(2));
    assertThrows(IllegalArgumentException.class, () -> Reason.of(ReasonCode.OVER_DAILY_CAP, 1, 2), "too few");
    assertThrows(IllegalArgumentException.class, () -> Reason.of(ReasonCode.OVER_DAILY_CAP, 1, 2, "HIVE", 4), "too many");
    assertThrows(IllegalArgumentException.class, () -> Reason.of(ReasonCode.OVER_DAILY_CAP, "1", 2, "HIVE"), "text for an integer");
    assertThrows(IllegalArgumentException.class, () -> Reason.of(ReasonCode.OVER_DAILY_CAP, 1, 2, 3), "an integer for text");
    assertThrows(IllegalArgumentException.class, () -> new Reason(null, List.of()));
  }

  @Test
  void argumentNamesAreUniqueWithinACode() {
    for (ReasonCode code : ReasonCode.values()) {
      assertEquals(code.args().size(), code.args().stream().map(ReasonCode.Arg::name).distinct().count(), code.name());
    }
  }

  @Test
  void aRotationHoldCarriesOnlyAHoldCode() {
    assertEquals(ReasonCode.HOLD_BELOW_FLOOR, new RotationHold(5, Reason.of(ReasonCode.HOLD_BELOW_FLOOR, 2, 3)).code());
    assertThrows(IllegalArgumentException.class, () -> new RotationHold(5, Reason.of(ReasonCode.LOCKED, 1)));
  }
}
