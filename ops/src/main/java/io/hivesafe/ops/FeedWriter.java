package io.hivesafe.ops;

import java.util.ArrayList;
import java.util.List;

/**
 * Appends the feed entries of one block, numbered in the order they happen, and its alarms (each an
 * {@link Alarm} in state beside its feed entry, with the same index). Writes go to the block's own
 * buffer, never an operation's child buffer: a rejected operation's alarm is kept.
 */
final class FeedWriter {
  private final SidechainState state;
  private final long block;
  private int next;
  private final List<Alarm> alarms = new ArrayList<>();

  FeedWriter(SidechainState state, long block) {
    this.state = state;
    this.block = block;
  }

  void add(String tx, long op, String account, String kind, boolean ok, Reason reason) {
    state.putFeed(block, next++, new FeedEntry(block, tx, op, account, kind, ok, reason));
  }

  void add(String tx, long op, String account, String kind, boolean ok, ReasonCode code, Object... args) {
    add(tx, op, account, kind, ok, Reason.of(code, args));
  }

  /** An alarm: a feed entry of kind "alarm" (not ok, the alarm's reason) and the typed record under the same index. */
  void alarm(String tx, long op, AlarmKind kind, String account, String operation, long hive, long hbd, long round,
      ReasonCode code, Object... args) {
    Reason reason = Reason.of(code, args);
    Alarm alarm = new Alarm(block, next, tx, op, kind, account, operation, hive, hbd, round, reason);
    state.putAlarm(alarm);
    add(tx, op, account, "alarm", false, reason);
    alarms.add(alarm);
  }

  /** The alarms of this block so far. */
  List<Alarm> alarms() {
    return List.copyOf(alarms);
  }

  int count() {
    return next;
  }
}
