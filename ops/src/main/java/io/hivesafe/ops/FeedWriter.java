package io.hivesafe.ops;

/** Appends the feed entries of one block, numbered in the order they happen. */
final class FeedWriter {
  private final SidechainState state;
  private final long block;
  private int next;

  FeedWriter(SidechainState state, long block) {
    this.state = state;
    this.block = block;
  }

  void add(String tx, long op, String account, String kind, boolean ok, String detail) {
    state.putFeed(block, next++, new FeedEntry(block, tx, op, account, kind, ok, detail));
  }

  int count() {
    return next;
  }
}
