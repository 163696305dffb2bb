package io.hivesafe.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hivesafe.chrono.ChronoTask;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CoreTaskTest {
  @Test
  void eachTaskReadsBackFromItsChronoForm() {
    for (CoreTask t : List.of(new CoreTask.Unlock("alice", 15_000), new CoreTask.Recast(3), new CoreTask.Execute(0))) {
      assertEquals(t, CoreTask.of(t.toChrono()));
    }
    assertEquals(ChronoTask.of("gov_unlock", Map.of("account", "alice", "amount", "15000")),
        new CoreTask.Unlock("alice", 15_000).toChrono(), "the stored form chrono keeps");
  }

  @Test
  void aStoredTaskNotInCanonicalFormStopsTheNode() {
    assertThrows(IllegalStateException.class, () -> CoreTask.of(ChronoTask.of("ms_recast", Map.of("seq", "007"))), "leading zeros");
    assertThrows(IllegalStateException.class, () -> CoreTask.of(ChronoTask.of("ms_recast", Map.of("seq", "+7"))), "a sign");
    assertThrows(IllegalStateException.class, () -> CoreTask.of(ChronoTask.of("ms_recast", Map.of("seq", "x"))), "not a number");
    assertThrows(IllegalStateException.class, () -> CoreTask.of(ChronoTask.of("ms_recast", Map.of("seq", "1", "extra", "2"))),
        "a parameter too many");
    assertThrows(IllegalStateException.class, () -> CoreTask.of(ChronoTask.of("mint", Map.of())), "an unknown kind");
  }
}
