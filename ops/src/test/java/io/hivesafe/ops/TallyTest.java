package io.hivesafe.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tallies on a young chain. */
class TallyTest {
  @TempDir
  Path dir;

  @Test
  void theFirstTallyRunsBeforeFeedRetentionBlocksHavePassed() {
    try (OpsHarness h = new OpsHarness(dir)) {
      h.skipTo(100);
      List<FeedEntry> feed = h.apply(); // block 100: tally, then the feed is pruned up to 100 - feed_retention < 0
      FeedEntry tally = feed.stream().filter(e -> e.kind().equals("tally")).findFirst().orElseThrow();
      assertFalse(tally.ok(), "no reports, so no consensus: " + tally);
      assertEquals(1, h.store.read(r -> SidechainState.feed(r, 1, 10)).stream().filter(e -> e.kind().equals("genesis")).count(),
          "the genesis entry is kept");
      assertTrue(h.store.read(r -> SidechainState.lastTally(r)).isPresent());
    }
  }
}
