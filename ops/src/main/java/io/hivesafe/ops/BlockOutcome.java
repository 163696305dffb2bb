package io.hivesafe.ops;

import java.util.Optional;

/** What applying one block did: sidechain operations accepted and rejected, chrono tasks run, the tally. */
public record BlockOutcome(long block, int accepted, int rejected, int tasks, Optional<TallyRecord> tally) {}
