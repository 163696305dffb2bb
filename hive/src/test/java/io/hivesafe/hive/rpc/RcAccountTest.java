package io.hivesafe.hive.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hivesafe.hive.HiveFormatException;
import io.hivesafe.hive.protocol.AccountName;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Resource credits as hived regenerates them: linear over five days, capped at max_rc, 128-bit exact. */
class RcAccountTest {
  private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
  private static final AccountName ALICE = AccountName.of("alice");

  @Test
  void manaRegeneratesLinearlyFromEmptyToFullInFiveDays() {
    RcAccount empty = new RcAccount(ALICE, 432_000_000L, 0, T0);
    assertEquals(0, empty.manaAt(T0));
    assertEquals(1_000, empty.manaAt(T0.plusSeconds(1)));
    assertEquals(216_000_000L, empty.manaAt(T0.plus(Duration.ofDays(5).dividedBy(2))));
    assertEquals(432_000_000L, empty.manaAt(T0.plus(Duration.ofDays(5))));
    assertEquals(432_000_000L, empty.manaAt(T0.plus(Duration.ofDays(50))), "never above max_rc");
    assertEquals(0, empty.manaAt(T0.minusSeconds(60)), "a time before the update gives the recorded mana");
    assertEquals(50, empty.percentAt(T0.plus(Duration.ofDays(5).dividedBy(2))));
  }

  @Test
  void regenerationRoundsDownAsHivedsIntegerDivisionDoes() {
    RcAccount account = new RcAccount(ALICE, 1_000_000L, 0, T0);
    // 1,000,000 × 1 s / 432,000 s = 2.31…: hived credits 2
    assertEquals(2, account.manaAt(T0.plusSeconds(1)));
    assertEquals(23, account.manaAt(T0.plusSeconds(10)));
  }

  @Test
  void largeAccountsDoNotOverflow() {
    long max = Long.MAX_VALUE / 2;
    RcAccount whale = new RcAccount(ALICE, max, 0, T0);
    // max × 3 days does not fit in 64 bits; hived computes in 128 bits
    assertEquals(java.math.BigInteger.valueOf(max).multiply(java.math.BigInteger.valueOf(259_200))
        .divide(java.math.BigInteger.valueOf(432_000)).longValueExact(), whale.manaAt(T0.plus(Duration.ofDays(3))));
  }

  @Test
  void negativeManaRegeneratesAndAboveMaximumCountsAsTheMaximum() {
    RcAccount negative = new RcAccount(ALICE, 432_000L, -432_000L, T0);
    assertEquals(-216_000L, negative.manaAt(T0.plus(Duration.ofHours(60))));
    assertEquals(0, negative.percentAt(T0.plus(Duration.ofHours(60))));
    // util/manabar.hpp regenerate_mana: current_mana >= max_mana → current_mana = max_mana
    RcAccount above = new RcAccount(ALICE, 100L, 150L, T0);
    assertEquals(100L, above.manaAt(T0.plus(Duration.ofDays(1))));
    assertEquals(100L, above.manaAt(T0));
    assertEquals(100, above.percentAt(T0));
    assertEquals(Optional.of(Duration.ZERO), above.timeUntil(100, T0));
    assertEquals(Optional.empty(), above.timeUntil(101, T0), "mana above the maximum is not spendable beyond it");
  }

  @Test
  void timeUntilIsTheFirstSecondTheManaSuffices() {
    Random random = new Random(17);
    for (int i = 0; i < 2_000; i++) {
      long max = 1 + (random.nextLong() >>> 20);
      long mana = Math.floorMod(random.nextLong(), max);
      long needed = Math.floorMod(random.nextLong(), max) + 1;
      RcAccount account = new RcAccount(ALICE, max, mana, T0);
      Duration wait = account.timeUntil(needed, T0).orElseThrow();
      assertEquals(true, account.manaAt(T0.plus(wait)) >= needed, "enough after " + wait);
      if (!wait.isZero()) {
        assertEquals(true, account.manaAt(T0.plus(wait).minusSeconds(1)) < needed, "not enough a second earlier");
      }
    }
    assertEquals(Optional.empty(), new RcAccount(ALICE, 10, 0, T0).timeUntil(11, T0), "more than max_rc: never");
  }

  @Test
  void readRefusesAManabarWithoutTimeAndANegativeMaximum() throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    assertThrows(HiveFormatException.class, () -> RcAccount.read(mapper.readTree(
        "{\"account\":\"alice\",\"rc_manabar\":{\"current_mana\":1},\"max_rc\":2}")));
    assertThrows(HiveFormatException.class, () -> RcAccount.read(mapper.readTree(
        "{\"account\":\"alice\",\"rc_manabar\":{\"current_mana\":1,\"last_update_time\":5},\"max_rc\":-2}")));
    assertThrows(HiveFormatException.class, () -> RcAccount.read(mapper.readTree(
        "{\"account\":\"Alice!\",\"rc_manabar\":{\"current_mana\":1,\"last_update_time\":5},\"max_rc\":2}")));
  }
}
