package io.hivesafe.engine.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivesafe.ops.Reason;
import io.hivesafe.ops.ReasonCode;
import io.hivesafe.ops.FeedEntry;
import io.hivesafe.ops.SidechainState;
import io.hivesafe.state.StateConfig;
import io.hivesafe.state.StateStore;
import io.hivesafe.state.StateTransaction;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Paging the feed backwards: over a feed with long empty stretches, a block of 900 entries, single
 * entries and a pruned start, every page size walks through every entry exactly once, newest first,
 * each with its index in its block; a cursor in the middle of a block continues inside it.
 */
class FeedPagesTest {
  @TempDir Path dir;

  private static FeedEntry entry(long block, int index) {
    return new FeedEntry(block, "tx" + block, index, "user", "send", index % 3 != 0, Reason.of(ReasonCode.SENT, index, "user" + block));
  }

  @Test
  void everyPageSizeWalksEveryEntryOnceNewestFirst_seed7() {
    Random random = new Random(7);
    TreeMap<Long, Integer> layout = new TreeMap<>();
    layout.put(5_000L, 1); // the oldest kept entry: blocks before it were pruned
    long block = 5_000;
    for (int i = 0; i < 60; i++) {
      block += random.nextInt(4) == 0 ? 1 + random.nextInt(300_000) : 1 + random.nextInt(20);
      layout.put(block, 1 + random.nextInt(random.nextInt(10) == 0 ? 300 : 4));
    }
    layout.put(block + 3, 900); // a block dense with entries (a flood of sig_submits)
    layout.put(block + 4, 2);
    List<FeedEntry> all = new ArrayList<>();
    try (StateStore store = StateStore.open(StateConfig.of(dir))) {
      long last = block + 10;
      try (StateTransaction tx = store.begin(1)) { // one commit: the feed's keys, not the store's block, are what matter
        SidechainState s = new SidechainState(tx);
        layout.forEach((b, count) -> {
          for (int i = 0; i < count; i++) {
            FeedEntry e = entry(b, i);
            s.putFeed(b, i, e);
            all.add(e);
          }
        });
        tx.commit();
      }
      assertEquals(all, store.read(r -> SidechainState.feed(r, 0, Integer.MAX_VALUE)), "the store holds the layout");
      for (int limit : new int[] {3, 50, 200}) {
        List<FeedPages.Indexed> walked = new ArrayList<>();
        Optional<FeedPages.Cursor> cursor = Optional.of(new FeedPages.Cursor(last + 1, 0));
        int pages = 0;
        while (cursor.isPresent()) {
          FeedPages.Cursor c = cursor.get();
          FeedPages.Page page = store.read(r -> FeedPages.before(r, c, limit));
          assertTrue(page.entries().size() <= limit);
          walked.addAll(page.entries());
          cursor = page.next();
          assertTrue(++pages <= all.size() + 1, "the pages end");
        }
        assertEquals(all.size(), walked.size(), "limit " + limit);
        for (int i = 0; i < all.size(); i++) {
          FeedPages.Indexed got = walked.get(walked.size() - 1 - i);
          assertEquals(all.get(i), got.entry(), "limit " + limit + ", entry " + i);
          assertEquals(all.get(i).op(), got.index(), "the index within its block");
        }
      }
      long dense = block + 3;
      FeedPages.Page inside = store.read(r -> FeedPages.before(r, new FeedPages.Cursor(dense, 450), 200));
      assertEquals(entry(dense, 449), inside.entries().get(0).entry());
      assertEquals(entry(dense, 250), inside.entries().get(199).entry());
      assertEquals(Optional.of(new FeedPages.Cursor(dense, 250)), inside.next());
      FeedPages.Page tail = store.read(r -> FeedPages.before(r, new FeedPages.Cursor(5_000, 1), 10));
      assertEquals(List.of(entry(5_000, 0)), tail.entries().stream().map(FeedPages.Indexed::entry).toList());
      assertEquals(Optional.empty(), tail.next(), "nothing before the oldest kept entry");
    }
  }
}
