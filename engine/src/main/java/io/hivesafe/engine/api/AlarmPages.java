package io.hivesafe.engine.api;

import io.hivesafe.ops.Alarm;
import io.hivesafe.ops.SidechainState;
import io.hivesafe.state.StateReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Pages through the alarms in state ({@code alarms/<block>/<index>}, never pruned) from the newest back,
 * with only {@link SidechainState#alarms}, which reads forward from a block. An alarm's place is its
 * (block, index); a cursor names the alarm a page ends at, and the next page holds the alarms strictly
 * before it. As {@link FeedPages} does for the feed, it reads windows of blocks backwards, narrowing a
 * window that holds more than one read brings and widening an empty one, so a page costs a few reads
 * whatever the alarms' spacing.
 */
final class AlarmPages {
  /** Most alarms one page holds. */
  static final int MAX_LIMIT = 200;
  private static final long FIRST_WINDOW = 1024;
  private static final long MAX_WINDOW = 1L << 32;

  private AlarmPages() {}

  /** Alarms strictly before (block, index). */
  record Cursor(long block, long index) {}

  /** Up to {@code limit} alarms, newest first, and the cursor for the next page when this one is full. */
  record Page(List<Alarm> alarms, Optional<Cursor> next) {}

  static Page before(StateReader r, Cursor cursor, int limit) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit " + limit);
    }
    List<Alarm> out = new ArrayList<>(limit);
    List<Alarm> first = SidechainState.alarms(r, 0, 1);
    if (first.isEmpty()) {
      return new Page(out, Optional.empty());
    }
    Alarm oldest = first.get(0);
    long hi = Math.min(cursor.block(), 0xffff_ffffL); // inclusive
    long window = FIRST_WINDOW;
    int cap = 4 * limit + 64;
    while (out.size() < limit && hi >= oldest.block()) {
      long lo = Math.max(oldest.block(), hi - window + 1);
      List<Alarm> got = SidechainState.alarms(r, lo, cap);
      if (got.size() == cap && got.get(cap - 1).block() <= hi) {
        // More alarms in [lo, hi] than the read brought: the newest of them are missing.
        if (hi > lo) {
          window = Math.max(1, (hi - lo + 1) / 2);
        } else {
          cap = cap > Integer.MAX_VALUE / 4 ? Integer.MAX_VALUE : cap * 4;
        }
        continue;
      }
      List<Alarm> segment = new ArrayList<>();
      for (Alarm a : got) {
        if (a.block() > hi) {
          break;
        }
        if (a.block() < cursor.block() || a.index() < cursor.index()) {
          segment.add(a);
        }
      }
      for (int i = segment.size() - 1; i >= 0 && out.size() < limit; i--) {
        out.add(segment.get(i));
      }
      if (segment.isEmpty()) {
        window = Math.min(MAX_WINDOW, window * 4);
      }
      hi = lo - 1;
    }
    Optional<Cursor> next = Optional.empty();
    if (out.size() == limit) {
      Alarm last = out.get(limit - 1);
      if (last.block() != oldest.block() || last.index() != oldest.index()) {
        next = Optional.of(new Cursor(last.block(), last.index()));
      }
    }
    return new Page(out, next);
  }
}
