package io.hivesafe.state;

import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/** Builds stores with seeded random contents and reads whole stores back, for comparisons. */
final class StoreFixtures {
  record Row(long n, String text) {
    static final ValueCodec<Row> CODEC = ValueCodec.of((w, v) -> w.int64(v.n()).text(v.text()), r -> new Row(r.int64(), r.text()));
  }

  private StoreFixtures() {}

  /** Applies {@code blocks} blocks of seeded random puts and deletes, starting at block 1. */
  static void fill(StateStore store, long seed, int blocks, int writesPerBlock) {
    Random rnd = new Random(seed);
    long first = store.lastBlock().isPresent() ? store.lastBlock().getAsLong() + 1 : 1;
    for (long b = first; b < first + blocks; b++) {
      try (StateTransaction tx = store.begin(b)) {
        for (int i = 0; i < writesPerBlock; i++) {
          StateKey k = StateKey.path("rows", FixedWidth.int64(rnd.nextInt(writesPerBlock * 4)));
          if (rnd.nextInt(5) == 0) {
            tx.delete(k);
          } else {
            tx.put(k, new Row(rnd.nextLong(), "v" + "x".repeat(rnd.nextInt(40))), Row.CODEC);
          }
        }
        tx.commit();
      }
    }
  }

  /** Every entry, key → value text. */
  static Map<String, String> contents(StateStore store) {
    return store.read(r -> {
      Map<String, String> all = new TreeMap<>();
      r.iterate(KeyRange.all()).forEachRemaining(e -> all.put(e.key().toString(), new String(e.value(), java.nio.charset.StandardCharsets.UTF_8)));
      return all;
    });
  }

  static Map<String, String> contents(Path dir) {
    try (StateStore store = StateStore.open(StateConfig.of(dir))) {
      return contents(store);
    }
  }
}
