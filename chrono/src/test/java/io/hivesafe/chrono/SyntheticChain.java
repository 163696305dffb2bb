package io.hivesafe.chrono;

import io.hivesafe.state.ValueCodec;
import io.hivesafe.state.FixedWidth;
import io.hivesafe.state.StateKey;
import io.hivesafe.state.StateStore;
import io.hivesafe.state.StateTransaction;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A seeded synthetic block stream: random puts and deletes over a fixed key space, chrono schedules and
 * cancels, due tasks run; one block in eight is heavy (thousands of writes). Block {@code b} is a pure
 * function of (seed, b, state), so any process that applies blocks 1..n from the same seed holds the
 * same state.
 */
final class SyntheticChain {
  record Row(long n, String text) {
    static final ValueCodec<Row> CODEC = ValueCodec.of((w, v) -> w.int64(v.n()).text(v.text()), r -> new Row(r.int64(), r.text()));
  }

  private final long seed;

  SyntheticChain(long seed) {
    this.seed = seed;
  }

  /** Applies block {@code block} inside {@code tx} (not committed). Returns the number of writes. */
  int apply(StateTransaction tx, long block) {
    // SplittableRandom mixes its seed; java.util.Random's first outputs for consecutive seeds are
    // nearly equal, which made every block light.
    SplittableRandom rnd = new SplittableRandom(seed * 1_000_003L + block);
    Chrono chrono = Chrono.at(tx, block);
    boolean heavy = rnd.nextInt(8) == 0;
    int writes = heavy ? 1_000 + rnd.nextInt(2_000) : 1 + rnd.nextInt(60);
    for (int i = 0; i < writes; i++) {
      int roll = rnd.nextInt(100);
      StateKey key = StateKey.path("k", FixedWidth.int64(rnd.nextInt(20_000)));
      if (roll < 65) {
        tx.put(key, new Row(rnd.nextLong(), "v".repeat(rnd.nextInt(100))), Row.CODEC);
      } else if (roll < 90) {
        tx.delete(key);
      } else if (roll < 97) {
        chrono.schedule(block + 1 + rnd.nextInt(40), ChronoTask.of("touch", Map.of("i", Integer.toString(i))));
      } else {
        chrono.cancel(1 + rnd.nextInt((int) Math.min(Integer.MAX_VALUE, block * 3)));
      }
    }
    for (ScheduledTask task : chrono.takeDue(block)) {
      tx.put(StateKey.path("done", FixedWidth.int64(task.id())), block, io.hivesafe.state.ValueCodec.INT64);
    }
    return writes;
  }

  /** Applies blocks from the store's next block through {@code last}, uninterrupted. */
  void run(StateStore store, long last) {
    long next = store.lastBlock().isPresent() ? store.lastBlock().getAsLong() + 1 : 1;
    for (long b = next; b <= last; b++) {
      try (StateTransaction tx = store.begin(b)) {
        apply(tx, b);
        tx.commit();
      }
    }
  }
}
