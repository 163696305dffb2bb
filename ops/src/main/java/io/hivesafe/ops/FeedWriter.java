package io.hivesafe.ops;

import java.util.ArrayList;
import java.util.List;

/** Appends the feed entries of one block, numbered in the order they happen. */
final class FeedWriter {
  private final SidechainState state;
  private final long block;
  private int next;
  private final List<String> alarms = new ArrayList<>();

  FeedWriter(SidechainState state, long block) {
    this.state = state;
    this.block = block;
  }

  void add(String tx, long op, String account, String kind, boolean ok, String detail) {
    state.putFeed(block, next++, new FeedEntry(block, tx, op, account, kind, ok, detail));
    if (kind.equals("alarm") || detail.startsWith("ALARM")) {
      alarms.add(detail);
    }
  }

  /** The alarms of this block so far (an unexplained transfer out, a stray confirmation, an authority that cannot sign). */
  List<String> alarms() {
    return List.copyOf(alarms);
  }

  int count() {
    return next;
  }
}
