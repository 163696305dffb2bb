package io.hivesafe.ops;

/** What confirmed round {@code seq} paid out, at block time {@code time} (epoch seconds): the 24-hour cap's window. */
public record PaidRound(long seq, long time, long hive, long hbd) {}
