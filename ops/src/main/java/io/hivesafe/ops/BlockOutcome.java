package io.hivesafe.ops;

import java.util.List;
import java.util.Optional;

/**
 * What applying one block did: sidechain operations accepted and rejected, chrono tasks run, the tally,
 * and the alarms it raised (also in the feed), which the shell logs and counts.
 */
public record BlockOutcome(long block, int accepted, int rejected, int tasks, Optional<TallyRecord> tally, List<Alarm> alarms) {
  public BlockOutcome {
    alarms = List.copyOf(alarms);
  }
}
