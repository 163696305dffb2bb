package io.hivesafe.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivesafe.hive.crypto.PrivateKey;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DESIGN §3.9 liveness, point 5 of the custody rules: with up to n − threshold runners gone for good —
 * the oldest included — missed reports fault them, consensus returns among the runners still
 * reporting, a rotation replaces them and queued payouts are paid. And the governance rules that keep
 * the network movable: exact thresholds, a reachable execution window, a ban after removal.
 */
class LivenessTest {
  @TempDir Path dir;
  private OpsHarness h;

  @AfterEach
  void close() {
    if (h != null) {
      h.close();
    }
  }

  private NetworkGenesis start(NetworkGenesis g) {
    h = new OpsHarness(dir, g);
    h.apply();
    return g;
  }

  private static final String[] YOUNG = {"node3", "node4", "node5", "node6"};

  @Test
  void theThreeOldestOfSevenRunnersDieForGoodAndWithinTwoTalliesTheKeysRotateAndAWithdrawalIsPaid() {
    // node0..node2 hold 300 of the runners' 304 age; the authority is 4 of the 7 keys.
    start(TestNetwork.genesis(new long[] {100, 100, 100, 1, 1, 1, 1}, 3));
    h.depositAndWithdraw("user0", 4_000, PeggedAsset.HIVE);
    // they stop for good; the four young runners keep reporting
    h.tallyWithReports(YOUNG);
    TallyRecord first = h.store.read(SidechainState::lastTally).orElseThrow();
    assertFalse(first.consensus(), "4 of 7 runners but 4 of 304 age: no consensus while the oldest are counted");
    assertTrue(h.nothingInFlight());
    h.tallyWithReports(YOUNG);
    TallyRecord second = h.store.read(SidechainState::lastTally).orElseThrow();
    assertTrue(second.consensus(), "at max_missed (2) missed reports the oldest are faulted and leave the count and the age");
    assertEquals(4, second.runnerCount());
    assertEquals(List.of(), h.store.read(r -> SidechainState.reports(r, 50)), "reports of an earlier report block are pruned");
    assertEquals(List.of(YOUNG), List.of(h.store.read(SidechainState::roster).runners().toArray(String[]::new)));
    MultisigTx rotation = h.inFlight();
    assertEquals(MultisigTx.ROTATION, rotation.kind(), "3 of 7 keys belong to faulted nodes: the keys rotate");
    h.signAndLand(YOUNG);
    TreeSet<String> young = new TreeSet<>();
    for (String n : YOUNG) {
      young.add(h.keyOf(n).publicKey().toString());
    }
    assertEquals(young, h.authority().active().keySet());
    assertEquals(3, h.authority().active().threshold());
    h.tallyWithReports(YOUNG);
    MultisigTx batch = h.inFlight();
    assertEquals(MultisigTx.TRANSFER, batch.kind());
    h.signAndLand("node3", "node4", "node5");
    assertEquals(4_000, h.books().paidHive(), "paid at the third tally after the oldest stopped");
    assertEquals(List.of(), h.queue());
    h.assertBalanced();
  }

  @Test
  void twoOfThreeRunnersPassATwoThirdsThresholdExactly() {
    start(TestNetwork.genesis(3, 2, 0));
    FeedEntry p = h.applyOp("node0", "propose", "{\"action\":\"payout\",\"to\":\"user0\",\"amount\":1000,\"asset\":\"HIVE\","
        + "\"deadline\":50,\"activation\":0}");
    assertEquals(Proposal.OPEN, p.reason().text(2), String.valueOf(p.reason()));
    FeedEntry second = h.applyOp("node1", "approve", "{\"id\":1}");
    assertEquals(Reason.of(ReasonCode.APPROVED, 1, Proposal.PASSED), second.reason(), "2 × 3 ≥ 2 × 3");
    FeedEntry change = h.applyOp("node0", "propose", "{\"action\":\"param\",\"name\":\"payout_threshold\",\"value\":\"3/4\","
        + "\"deadline\":50,\"activation\":0}");
    assertTrue(change.ok(), String.valueOf(change.reason()));
    assertTrue(h.applyOp("node1", "approve", "{\"id\":2}").ok());
    h.apply();
    assertEquals(new Fraction(3, 4), h.store.read(SidechainState::params).payoutThreshold());
    assertFalse(h.applyOp("node0", "propose", "{\"action\":\"param\",\"name\":\"payout_threshold\",\"value\":\"1/2\","
        + "\"deadline\":50,\"activation\":0}").ok(), "a half never passes: thresholds are over one half");
  }

  @Test
  void aRemovedNodeMayNotRegisterAgainForTheBanPeriod() {
    NetworkGenesis g = TestNetwork.genesis(4, 2, 0);
    start(TestNetwork.withParams(g, g.params().with("removal_ban_blocks", 400)));
    assertTrue(h.applyOp("user0", "gov_lock", "{\"amount\":5000}").ok());
    PrivateKey key = PrivateKey.fromSeed("user0 key");
    assertTrue(h.register("user0", key).ok());
    assertTrue(h.applyOp("node0", "propose", "{\"action\":\"remove_node\",\"account\":\"user0\",\"deadline\":50,"
        + "\"activation\":0}").ok());
    for (String n : List.of("node1", "node2", "node3")) {
      h.applyOp(n, "approve", "{\"id\":1}");
    }
    h.apply();
    long removed = h.nextBlock() - 1;
    assertEquals(removed + 400, h.store.read(r -> SidechainState.removed(r, "user0")).orElseThrow().bannedUntil());
    FeedEntry early = h.register("user0", PrivateKey.fromSeed("user0 other key"));
    assertFalse(early.ok(), "a new key does not lift the ban");
    h.skipTo(removed + 399);
    assertFalse(h.register("user0", key).ok());
    FeedEntry back = h.register("user0", key);
    assertTrue(back.ok(), String.valueOf(back.reason()));
    assertEquals(0, h.node("user0").age());
    assertTrue(h.store.read(r -> SidechainState.removed(r, "user0")).isEmpty());
  }
}
