package io.hivesafe.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile operations found by the traffic generator: each must be a rejected op, never an exception. */
class HostileOpsTest {
  @TempDir
  Path dir;

  @Test
  void nodeAddWithAProofWhoseHeaderByteIsNoSignatureHeaderIsRejected() {
    try (OpsHarness h = new OpsHarness(dir)) {
      h.apply();
      String key = OpsHarness.key("x").publicKey().toString();
      List<FeedEntry> feed = h.apply(OpsHarness.op("alice", "hs_node_add",
          "{\"key\":\"" + key + "\",\"proof\":\"bb" + "11".repeat(64) + "\"}"));
      assertEquals(1, feed.size(), feed.toString());
      assertFalse(feed.get(0).ok());
      assertTrue(feed.get(0).detail().contains("signature header"), feed.get(0).detail());
    }
  }
}
