package io.hivesafe.ops;

import java.nio.charset.StandardCharsets;

/** The checks the operation records make in their constructors, shared: amounts and memos. */
final class OpAmounts {
  private OpAmounts() {}

  static void check(long amount) {
    if (amount < 1 || amount > NetworkGenesis.MAX_AMOUNT) {
      throw new IllegalArgumentException("amount must be in [1, " + NetworkGenesis.MAX_AMOUNT + "], got " + amount);
    }
  }

  static void checkMemo(String memo) {
    if (memo.getBytes(StandardCharsets.UTF_8).length > OpArgs.MAX_MEMO) {
      throw new IllegalArgumentException("memo over " + OpArgs.MAX_MEMO + " bytes");
    }
  }

  static void checkNonNegative(String what, long v) {
    if (v < 0) {
      throw new IllegalArgumentException(what + " must not be negative, got " + v);
    }
  }
}
