package io.hivesafe.ops;

import io.hivesafe.state.ValueCodec;
import io.hivesafe.state.ValueReader;
import io.hivesafe.state.ValueWriter;

/**
 * One line of the feed: what an operation (or a chrono task, or a tally) did, or why it changed
 * nothing, as a {@link Reason} (a code and its arguments; the shell renders the text). {@code tx} is the
 * Hive transaction id (empty for block-level events), {@code op} the operation's index in it.
 */
public record FeedEntry(long block, String tx, long op, String account, String kind, boolean ok, Reason reason) {
  public FeedEntry {
    ValueChecks.nonNegative("a feed entry", block, op);
    ValueChecks.accountOrEmpty("a feed entry's account", account);
    // The kind of an operation's entry is its name after the prefix, chosen by whoever signed it: any
    // text, the empty name included (a custom_json whose id is the prefix alone is an unknown operation).
    if (kind == null || reason == null) {
      throw new IllegalArgumentException("a feed entry has a kind and a reason");
    }
  }

  /** The canonical encoding (docs/state.md, "State schema"): the fields in declaration order. */
  public static final ValueCodec<FeedEntry> CODEC = ValueCodec.of(
      (w, v) -> w.int64(v.block()).text(v.tx()).int64(v.op()).text(v.account()).text(v.kind()).bool(v.ok()).then(v.reason(), Reason::write),
      r -> new FeedEntry(r.int64(), r.text(), r.int64(), r.text(), r.text(), r.bool(), Reason.read(r)));
}
