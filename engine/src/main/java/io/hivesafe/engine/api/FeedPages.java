package io.hivesafe.engine.api;

import io.hivesafe.ops.FeedEntry;
import io.hivesafe.ops.SidechainState;
import io.hivesafe.state.StateReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Pages through the feed from the newest entry back, with only {@link SidechainState#feed}, which
 * reads forward from a block. An entry's place is (block, index): its index is its position among its
 * block's entries (the feed numbers them from 0 in the order they happened). A cursor names the entry a
 * page ends at; the next page holds the entries strictly before it.
 *
 * <p>It reads windows of blocks backwards: a window whose entries all came back (the read ran past its
 * end) is taken whole; one that holds more than the read brought is narrowed; an empty one is widened.
 * So a page costs a few reads whatever the density of the feed: long stretches of empty blocks, or one
 * block with hundreds of signature submissions.
 */
final class FeedPages {
  /** Most entries one page holds. */
  static final int MAX_LIMIT = 200;
  private static final long FIRST_WINDOW = 16;
  private static final long MAX_WINDOW = 1L << 24;

  private FeedPages() {}

  /** Entries strictly before (block, index): blocks before {@code block}, and that block's entries below {@code index}. */
  record Cursor(long block, long index) {}

  /** A feed entry with its index within its block. */
  record Indexed(FeedEntry entry, long index) {}

  /** Up to {@code limit} entries, newest first, and the cursor for the next page when this one is full. */
  record Page(List<Indexed> entries, Optional<Cursor> next) {}

  static Page before(StateReader r, Cursor cursor, int limit) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit " + limit);
    }
    List<Indexed> out = new ArrayList<>(limit);
    List<FeedEntry> first = SidechainState.feed(r, 0, 1);
    if (first.isEmpty()) {
      return new Page(out, Optional.empty());
    }
    long oldest = first.get(0).block(); // older entries were pruned (feed_retention)
    if (cursor.index() > 0) {
      List<FeedEntry> head = new ArrayList<>();
      for (FeedEntry e : SidechainState.feed(r, cursor.block(), (int) Math.min(cursor.index(), Integer.MAX_VALUE - 1))) {
        if (e.block() == cursor.block()) {
          head.add(e);
        }
      }
      for (int i = head.size() - 1; i >= 0 && out.size() < limit; i--) {
        out.add(new Indexed(head.get(i), i));
      }
    }
    long hi = cursor.block(); // exclusive
    long window = FIRST_WINDOW;
    int cap = 4 * limit + 64;
    while (out.size() < limit && hi > oldest) {
      long lo = Math.max(oldest, hi - window);
      List<FeedEntry> got = SidechainState.feed(r, lo, cap);
      boolean cut = got.size() == cap && got.get(cap - 1).block() < hi;
      if (cut) {
        // More entries in [lo, hi) than the read brought: the newest of them are missing.
        if (hi - lo > 1) {
          window = Math.max(1, (hi - lo) / 2);
        } else {
          cap = cap > Integer.MAX_VALUE / 4 ? Integer.MAX_VALUE : cap * 4; // one block holds them all: read it whole
        }
        continue;
      }
      List<Indexed> segment = indexed(got, hi);
      for (int i = segment.size() - 1; i >= 0 && out.size() < limit; i--) {
        out.add(segment.get(i));
      }
      if (segment.isEmpty()) {
        window = Math.min(MAX_WINDOW, window * 4);
      }
      hi = lo;
    }
    Optional<Cursor> next = Optional.empty();
    if (out.size() == limit) {
      Indexed last = out.get(limit - 1);
      if (last.entry().block() > oldest || last.index() > 0) {
        next = Optional.of(new Cursor(last.entry().block(), last.index()));
      }
    }
    return new Page(out, next);
  }

  /** The entries of blocks before {@code hi}, oldest first, each with its index in its block. */
  private static List<Indexed> indexed(List<FeedEntry> entries, long hi) {
    List<Indexed> out = new ArrayList<>();
    long block = -1;
    long index = 0;
    for (FeedEntry e : entries) {
      if (e.block() >= hi) {
        break;
      }
      index = e.block() == block ? index + 1 : 0;
      block = e.block();
      out.add(new Indexed(e, index));
    }
    return out;
  }
}
