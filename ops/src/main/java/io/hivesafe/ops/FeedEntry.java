package io.hivesafe.ops;

/**
 * One line of the feed: what an operation (or a chrono task, or a tally) did, or why it changed
 * nothing. {@code tx} is the Hive transaction id (empty for block-level events), {@code op} the
 * operation's index in it.
 */
public record FeedEntry(long block, String tx, long op, String account, String kind, boolean ok, String detail) {}
