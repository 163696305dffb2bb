package io.hivesafe.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tallies on a young chain. */
class TallyEdgeTest {
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

  private static io.hivesafe.hive.protocol.CustomJsonOperation report(String node, long block, String expiration) {
    return OpsHarness.op(node, "hs_report", "{\"block\":" + block + ",\"hash\":\"" + "ab".repeat(32)
        + "\",\"ms\":{\"ref_block_num\":50,\"ref_block_prefix\":" + OpsHarness.id(50).refBlockPrefix() + ",\"expiration\":\""
        + expiration + "\"},\"version\":\"t\"}");
  }

  @Test
  void aMajorityReportingTheYearZeroAsExpirationGetsTheDerivedHeader() {
    try (OpsHarness h = new OpsHarness(dir)) {
      h.skipTo(51);
      List<FeedEntry> reports = h.apply(report("node0", 50, "0000-01-01T00:00:00"), report("node1", 50, "0000-01-01T00:00:00"),
          report("node2", 50, "0000-01-01T00:00:00"));
      assertTrue(reports.stream().allMatch(FeedEntry::ok), reports.toString());
      h.skipTo(100);
      FeedEntry tally = h.apply().stream().filter(e -> e.kind().equals("tally")).findFirst().orElseThrow();
      assertTrue(tally.ok(), tally.toString());
      TallyRecord record = h.store.read(r -> SidechainState.lastTally(r)).orElseThrow();
      assertEquals("2026-01-01T00:55:00", record.expiration(), "block 100's time + expiration_seconds");
      assertEquals("mixed", record.headerSource(), "the ref block is agreed, the expiration derived");
    }
  }
}
