package io.hivesafe.devnet;

import java.util.function.BooleanSupplier;

/** Polls a condition until it holds: the way tests wait for the devnet, never a fixed sleep. */
final class Await {
  private static final long LIMIT_NANOS = 20_000_000_000L;

  private Await() {}

  static void until(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + LIMIT_NANOS;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("gave up waiting for " + what);
      }
      Thread.sleep(2);
    }
  }
}
