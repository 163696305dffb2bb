package io.hivesafe.chrono;

import io.hivesafe.state.FixedWidth;
import io.hivesafe.state.KeyRange;
import io.hivesafe.state.StateEntry;
import io.hivesafe.state.StateColumn;
import io.hivesafe.state.StateKey;
import io.hivesafe.state.ValueCodec;
import io.hivesafe.state.WriteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;

/**
 * The block-height scheduler. Tasks live in the state, so they are covered by the digest and written
 * in the block's atomic commit:
 *
 * <pre>
 * chrono/due/&lt;block, 10 digits&gt;/&lt;id, 19 digits&gt;  → the task   (the queue, in due order)
 * chrono/id/&lt;id, 19 digits&gt;                       → its block (to cancel by id)
 * chrono/next-id                                   → the next id
 * </pre>
 *
 * Both numbers are zero-padded to the width of their whole range, so byte order is (block, id) order
 * at every digit boundary, including 99,999,999 → 100,000,000 where HoneyComb's unpadded keys broke
 * and the top of the uint32 block range. Ids grow by one per schedule, so for one block the id is the
 * scheduling order.
 *
 * <p>An instance is a view over one block's write buffer; it holds no state of its own.
 */
public final class Chrono {
  /** The stored form of a queued task: id, due block, kind, then its parameters (name, value) in name order. */
  static final ValueCodec<ScheduledTask> TASK_CODEC = ValueCodec.of(
      (w, t) -> w.int64(t.id()).int64(t.dueBlock()).text(t.task().kind()).textMap(t.task().params()),
      r -> new ScheduledTask(r.int64(), r.int64(), new ChronoTask(r.text(), r.textMap())));
  /** Chrono's columns (docs/state.md, "State schema"). */
  public static final StateColumn<ScheduledTask> DUE = StateColumn.keyed("chrono/due", "ScheduledTask", TASK_CODEC,
      StateColumn.Segment.UINT32, StateColumn.Segment.INT64);
  public static final StateColumn<Long> BY_ID = StateColumn.keyed("chrono/id", "due block (int64)", ValueCodec.INT64,
      StateColumn.Segment.INT64);
  public static final StateColumn<Long> NEXT_ID = StateColumn.single("chrono/next-id", "next id (int64)", ValueCodec.INT64);
  /** Every column chrono writes. */
  public static final List<StateColumn<?>> COLUMNS = List.of(DUE, BY_ID, NEXT_ID);

  private final WriteBuffer state;
  private final long currentBlock;

  private Chrono(WriteBuffer state, long currentBlock) {
    this.state = state;
    this.currentBlock = currentBlock;
  }

  /** The scheduler as seen while applying block {@code currentBlock}. */
  public static Chrono at(WriteBuffer state, long currentBlock) {
    FixedWidth.uint32(currentBlock);
    return new Chrono(state, currentBlock);
  }

  /**
   * Schedules {@code task} at {@code dueBlock}, which may be the current block (a task scheduled by an
   * operation runs in the same block's chrono step) but not an earlier one. Returns the task's id.
   */
  public long schedule(long dueBlock, ChronoTask task) {
    if (dueBlock < currentBlock) {
      throw new IllegalArgumentException("cannot schedule at block " + dueBlock + ", before the current block " + currentBlock);
    }
    FixedWidth.uint32(dueBlock);
    long id = NEXT_ID.get(state).orElse(1L);
    NEXT_ID.put(state, Math.addExact(id, 1));
    DUE.put(state, new ScheduledTask(id, dueBlock, task), dueBlock, id);
    BY_ID.put(state, dueBlock, id);
    return id;
  }

  /** Cancels a pending task. Returns false when no task with that id is pending. */
  public boolean cancel(long id) {
    Optional<ScheduledTask> task = find(id);
    if (task.isEmpty()) {
      return false;
    }
    remove(task.get());
    return true;
  }

  /** The pending task with this id, if any. */
  public Optional<ScheduledTask> find(long id) {
    if (id < 1) {
      return Optional.empty();
    }
    return BY_ID.get(state, id).flatMap(due -> DUE.get(state, due, id));
  }

  /** Tasks due at or before {@code block}, in (block, id) order. Changes nothing. */
  public List<ScheduledTask> due(long block) {
    FixedWidth.uint32(block);
    KeyRange upTo = new KeyRange(KeyRange.descendantsOf(DUE.prefix()).from(),
        StateKey.path("chrono", "due", FixedWidth.uint32(block), ":").toBytes());
    List<ScheduledTask> out = new ArrayList<>();
    Iterator<StateEntry> it = state.iterate(upTo);
    while (it.hasNext()) {
      out.add(DUE.value(it.next()));
    }
    return out;
  }

  /** Tasks due at or before {@code block}, in (block, id) order, removed from the queue. */
  public List<ScheduledTask> takeDue(long block) {
    List<ScheduledTask> due = due(block);
    due.forEach(this::remove);
    return due;
  }

  /** Up to {@code limit} pending tasks in (block, id) order, for status pages. */
  public List<ScheduledTask> pending(int limit) {
    return state.descendants(DUE.prefix(), limit).stream().map(DUE::value).toList();
  }

  private void remove(ScheduledTask task) {
    DUE.delete(state, task.dueBlock(), task.id());
    BY_ID.delete(state, task.id());
  }
}
