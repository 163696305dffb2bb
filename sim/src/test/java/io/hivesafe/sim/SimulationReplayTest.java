package io.hivesafe.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A seed replays exactly: the same scenario, the same fault schedule, the same digests block by block. */
class SimulationReplayTest {
  @TempDir
  Path work;

  @Test
  void aSeedRunTwiceGivesTheSameScheduleAndTheSameTrace() throws Exception {
    Scenario s = Scenario.draw(7, 200);
    SimResult first = Simulation.run(s, WorkDir.under(work));
    SimResult second = Simulation.run(Scenario.draw(7, 200), WorkDir.under(work));
    assertTrue(first.schedule().size() > 3, "seed 7 injects faults: " + first.schedule());
    assertEquals(first.schedule(), second.schedule());
    assertEquals(first.trace(), second.trace());
    assertEquals(first.checks(), second.checks());
    assertEquals(first.lastBlock(), second.lastBlock());
    SimResult other = Simulation.run(Scenario.draw(8, 200), WorkDir.under(work));
    assertNotEquals(first.trace(), other.trace(), "another seed, another run");
  }
}
