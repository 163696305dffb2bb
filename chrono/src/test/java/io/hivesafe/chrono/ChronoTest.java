package io.hivesafe.chrono;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivesafe.state.StateConfig;
import io.hivesafe.state.StateStore;
import io.hivesafe.state.StateTransaction;
import io.hivesafe.state.WriteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChronoTest {
  @TempDir
  Path dir;

  private static ChronoTask task(String name) {
    return ChronoTask.of("test", Map.of("name", name));
  }

  private static List<String> names(List<ScheduledTask> tasks) {
    return tasks.stream().map(t -> t.task().param("name")).toList();
  }

  /**
   * Across the digit boundary where HoneyComb's unpadded keys broke (99,999,999 → 100,000,000) and at
   * the top of the uint32 range, tasks come out in (block, sequence) order.
   */
  @ParameterizedTest(name = "around block {0}")
  @ValueSource(longs = {9L, 99_999_990L, 999_999_990L, 4_294_967_280L})
  void ordersByBlockThenSequenceAcrossDigitBoundaries(long base) {
    try (StateStore store = StateStore.open(StateConfig.of(dir)); StateTransaction tx = store.begin(base)) {
      Chrono chrono = Chrono.at(tx, base);
      long top = Math.min(base + 15, 4_294_967_295L);
      List<String> expected = new ArrayList<>();
      for (long b = top; b >= base; b--) {
        chrono.schedule(b, task(b + "-first"));
        chrono.schedule(b, task(b + "-second"));
      }
      for (long b = base; b <= top; b++) {
        expected.add(b + "-first");
        expected.add(b + "-second");
      }
      assertEquals(expected, names(chrono.due(top)));
      assertEquals(expected.subList(0, 4), names(chrono.due(base + 1)));
      assertEquals(expected.subList(0, 4), names(chrono.takeDue(base + 1)));
      assertEquals(expected.subList(4, expected.size()), names(chrono.due(top)));
    }
  }

  @Test
  void seededRandomScheduleAndCancelMatchAModel_seed1234() {
    Random rnd = new Random(1234);
    try (StateStore store = StateStore.open(StateConfig.of(dir)); StateTransaction tx = store.begin(99_999_000L)) {
      Chrono chrono = Chrono.at(tx, 99_999_000L);
      List<ScheduledTask> model = new ArrayList<>();
      for (int i = 0; i < 600; i++) {
        if (!model.isEmpty() && rnd.nextInt(4) == 0) {
          ScheduledTask victim = model.remove(rnd.nextInt(model.size()));
          assertTrue(chrono.cancel(victim.id()));
          assertFalse(chrono.cancel(victim.id()), "cancelling twice");
        } else {
          long due = 99_999_000L + rnd.nextInt(2_000);
          ChronoTask t = task("t" + i);
          long id = chrono.schedule(due, t);
          model.add(new ScheduledTask(id, due, t));
        }
      }
      model.sort(Comparator.comparingLong(ScheduledTask::dueBlock).thenComparingLong(ScheduledTask::id));
      assertEquals(model, chrono.due(4_294_967_295L));
      assertEquals(model.subList(0, 10), chrono.pending(10));
      ScheduledTask some = model.get(model.size() / 2);
      assertEquals(Optional.of(some), chrono.find(some.id()));
    }
  }

  @Test
  void tasksPersistThroughCommitAndChangeTheDigest() {
    long id;
    try (StateStore store = StateStore.open(StateConfig.of(dir))) {
      try (StateTransaction tx = store.begin(10)) {
        tx.commit();
      }
      var before = store.digest();
      try (StateTransaction tx = store.begin(11)) {
        id = Chrono.at(tx, 11).schedule(20, ChronoTask.of("recast", Map.of("tx", "abc")));
        tx.commit();
      }
      assertFalse(before.equals(store.digest()));
    }
    try (StateStore store = StateStore.open(StateConfig.of(dir)); StateTransaction tx = store.begin(12)) {
      Chrono chrono = Chrono.at(tx, 12);
      assertEquals(List.of(), chrono.due(19));
      assertEquals(List.of(new ScheduledTask(id, 20, ChronoTask.of("recast", Map.of("tx", "abc")))), chrono.due(20));
      assertEquals(id + 1, chrono.schedule(30, task("next")), "ids keep counting after a restart");
    }
  }

  @Test
  void aDiscardedOperationSchedulesNothing() {
    try (StateStore store = StateStore.open(StateConfig.of(dir)); StateTransaction tx = store.begin(5)) {
      WriteBuffer op = tx.child();
      Chrono.at(op, 5).schedule(6, task("rejected"));
      op.discard();
      assertEquals(List.of(), Chrono.at(tx, 5).due(100));
    }
  }

  @Test
  void refusesThePastAndBlocksBeyondUint32() {
    try (StateStore store = StateStore.open(StateConfig.of(dir)); StateTransaction tx = store.begin(100)) {
      Chrono chrono = Chrono.at(tx, 100);
      assertThrows(IllegalArgumentException.class, () -> chrono.schedule(99, task("late")));
      assertThrows(IllegalArgumentException.class, () -> chrono.schedule(4_294_967_296L, task("far")));
      assertEquals(1, chrono.schedule(100, task("now")));
      assertEquals(List.of("now"), names(chrono.takeDue(100)));
      assertFalse(chrono.cancel(0));
      assertFalse(chrono.cancel(12345));
    }
  }

  @Test
  void taskValuesValidate() {
    assertThrows(IllegalArgumentException.class, () -> ChronoTask.of("Bad Kind"));
    assertThrows(IllegalArgumentException.class, () -> ChronoTask.of(""));
    assertThrows(IllegalArgumentException.class, () -> ChronoTask.of("k", Map.of("", "v")));
    assertThrows(IllegalArgumentException.class, () -> ChronoTask.of("k", Map.of("p", "x".repeat(2000))));
    assertThrows(IllegalArgumentException.class, () -> task("x").param("missing"));
  }
}
