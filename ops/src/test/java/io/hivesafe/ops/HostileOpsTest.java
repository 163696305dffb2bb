package io.hivesafe.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.protocol.Asset;
import io.hivesafe.hive.protocol.AssetSymbol;
import io.hivesafe.hive.protocol.TransferOperation;
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
      assertEquals(ReasonCode.FIELD_SIGNATURE_HEADER, feed.get(0).reason().code());
    }
  }

  @Test
  void aMemoIsMeasuredInUtf8BytesAsHivedMeasuresATransferMemo() {
    try (OpsHarness h = new OpsHarness(dir)) {
      h.apply();
      h.apply(new TransferOperation(AccountName.of("alice"), AccountName.of("hs-ms"), Asset.of(10_000, AssetSymbol.HIVE), ""));
      List<FeedEntry> feed = h.apply(
          OpsHarness.op("alice", "hs_withdraw", "{\"amount\":1,\"asset\":\"HIVE\",\"memo\":\"" + "\u00e9".repeat(1_100) + "\"}"),
          OpsHarness.op("alice", "hs_withdraw", "{\"amount\":1,\"asset\":\"HIVE\",\"memo\":\"" + "\u00e9".repeat(1_000) + "\"}"),
          OpsHarness.op("alice", "hs_send", "{\"to\":\"node0\",\"amount\":1,\"memo\":\"a\\ud800b\"}"),
          OpsHarness.op("alice", "hs_send", "{\"to\":\"node0\",\"amount\":1,\"memo\":\"\\ud83d\\udc1d\"}"));
      assertEquals(4, feed.size(), feed.toString());
      assertFalse(feed.get(0).ok(), feed.get(0).toString());
      assertEquals(Reason.of(ReasonCode.FIELD_MEMO_TOO_LONG, "memo", 2_200, 2_047), feed.get(0).reason());
      assertTrue(feed.get(1).ok(), "2,000 bytes fit: " + feed.get(1));
      assertFalse(feed.get(2).ok(), feed.get(2).toString());
      assertEquals(Reason.of(ReasonCode.FIELD_LONE_SURROGATE, "memo"), feed.get(2).reason());
      assertTrue(feed.get(3).ok(), "a surrogate pair (a bee) is text: " + feed.get(3));
    }
  }
}
