package io.hivesafe.engine.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivesafe.ops.Reason;
import io.hivesafe.ops.ReasonCode;
import io.hivesafe.ops.Alarm;
import io.hivesafe.ops.AlarmKind;
import io.hivesafe.ops.SidechainState;
import io.hivesafe.state.StateConfig;
import io.hivesafe.state.StateStore;
import io.hivesafe.state.StateTransaction;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Paging the alarms backwards: over alarms spread across four billion blocks' worth of gaps, a block of
 * 700 alarms and indexes that do not start at 0 (an alarm's index is its feed entry's), every page size
 * walks every alarm exactly once, newest first; a cursor inside a block continues inside it.
 */
class AlarmPagesTest {
  @TempDir Path dir;

  private static Alarm alarm(long block, long index) {
    return new Alarm(block, index, "tx" + block, index, AlarmKind.values()[(int) ((block + index) % AlarmKind.values().length)],
        "hivesafe-ms", "transfer", index, 0, 0, Reason.of(ReasonCode.ALARM_TRANSFER_OUT, index, "HIVE", "user" + block));
  }

  @Test
  void everyPageSizeWalksEveryAlarmOnceNewestFirst_seed11() {
    Random random = new Random(11);
    List<Alarm> all = new ArrayList<>();
    long block = 3;
    for (int i = 0; i < 40; i++) {
      block += random.nextInt(5) == 0 ? 1 + random.nextInt(200_000_000) : 1 + random.nextInt(50);
      long index = random.nextInt(4); // the alarm's feed entry: other entries come before it in its block
      for (int n = 1 + (random.nextInt(6) == 0 ? random.nextInt(5) : 0); n > 0; n--) {
        all.add(alarm(block, index));
        index += 1 + random.nextInt(3);
      }
    }
    long dense = block + 7;
    for (int i = 0; i < 700; i++) {
      all.add(alarm(dense, 2 * i + 1));
    }
    all.add(alarm(0xffff_fff0L, 0));
    try (StateStore store = StateStore.open(StateConfig.of(dir))) {
      try (StateTransaction tx = store.begin(1)) {
        SidechainState s = new SidechainState(tx);
        all.forEach(s::putAlarm);
        tx.commit();
      }
      assertEquals(all, store.read(r -> SidechainState.alarms(r, 0, Integer.MAX_VALUE)), "the store holds the layout");
      assertEquals(all.size(), store.read(SidechainState::alarmCount));
      for (int limit : new int[] {1, 3, 50, 200}) {
        List<Alarm> walked = new ArrayList<>();
        Optional<AlarmPages.Cursor> cursor = Optional.of(new AlarmPages.Cursor(0xffff_ffffL + 1, 0));
        int pages = 0;
        while (cursor.isPresent()) {
          AlarmPages.Cursor c = cursor.get();
          AlarmPages.Page page = store.read(r -> AlarmPages.before(r, c, limit));
          assertTrue(page.alarms().size() <= limit);
          walked.addAll(page.alarms());
          cursor = page.next();
          assertTrue(++pages <= all.size() + 1, "the pages end");
        }
        assertEquals(all.size(), walked.size(), "limit " + limit);
        for (int i = 0; i < all.size(); i++) {
          assertEquals(all.get(i), walked.get(walked.size() - 1 - i), "limit " + limit + ", alarm " + i);
        }
      }
      AlarmPages.Page inside = store.read(r -> AlarmPages.before(r, new AlarmPages.Cursor(dense, 401), 200));
      assertEquals(alarm(dense, 399), inside.alarms().get(0), "strictly before (block, index), inside the block");
      assertEquals(200, inside.alarms().size());
      AlarmPages.Page none = store.read(r -> AlarmPages.before(r, new AlarmPages.Cursor(all.get(0).block(), all.get(0).index()), 5));
      assertEquals(List.of(), none.alarms(), "nothing before the oldest");
      assertEquals(Optional.empty(), none.next());
    }
  }
}
