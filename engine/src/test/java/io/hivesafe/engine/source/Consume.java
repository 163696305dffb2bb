package io.hivesafe.engine.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hivesafe.hive.protocol.Block;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/** Takes blocks from a source the way the applier does, with a deadline instead of waiting forever. */
final class Consume {
  static final Duration LIMIT = Duration.ofSeconds(20);

  private Consume() {}

  /** Takes blocks until block {@code last} has been handed on; fails when the next is not the expected one. */
  static List<Block> through(BlockSource source, long last) throws Exception {
    List<Block> taken = new ArrayList<>();
    long deadline = System.nanoTime() + LIMIT.toNanos();
    while (taken.isEmpty() || taken.get(taken.size() - 1).number() < last) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("gave up waiting for block " + last + "; got " + taken.size() + " block(s), next "
            + source.nextBlockNumber());
      }
      Optional<Block> block = source.poll(Duration.ofNanos(left));
      if (block.isPresent()) {
        if (!taken.isEmpty()) {
          assertEquals(taken.get(taken.size() - 1).number() + 1, block.get().number(), "blocks in order");
        }
        taken.add(block.get());
      }
    }
    return taken;
  }

  /** Polls {@code condition} until it holds. */
  static void until(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + LIMIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("gave up waiting for " + what);
      }
      Thread.sleep(2);
    }
  }
}
