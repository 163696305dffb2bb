package io.hivesafe.engine.source;

import java.time.Instant;
import java.util.Objects;

/**
 * The chain's progress as the block source last saw it (database_api.get_dynamic_global_properties):
 * the head block, the last irreversible block, and when it asked. The source asks when it has fetched
 * everything up to its target (every poll interval once live), so during a long catch-up this can be
 * as old as the catch-up; {@code seenAt} tells.
 */
public record ChainTip(long head, long irreversible, Instant seenAt) {
  public ChainTip {
    Objects.requireNonNull(seenAt, "seenAt");
    if (head < 0 || irreversible < 0 || irreversible > head) {
      throw new IllegalArgumentException("a chain tip needs 0 <= irreversible <= head, got irreversible " + irreversible
          + ", head " + head);
    }
  }
}
