package io.hivesafe.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivesafe.hive.crypto.PrivateKey;
import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.protocol.Asset;
import io.hivesafe.hive.protocol.AssetSymbol;
import io.hivesafe.hive.protocol.TransferOperation;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DESIGN §3.5, point 3 of the custody rules: the stake behind the multisig keys cannot leave while the
 * keys can sign — not by unlocking, not by handing the key over, not by being removed — and stays
 * locked {@code signer_unbond_blocks} after the key left; the safety limit binds when stake or signers
 * change, not only when a deposit arrives.
 */
class SignerStakeTest {
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

  /** Three nodes (10,000 stake each), threshold 2, a floor of 2 keys and an unbond period of 500 blocks. */
  private static NetworkGenesis threeNodes(CustodyLimits.Rate tokenValue) {
    return TestNetwork.withCustody(TestNetwork.genesis(3, 3, 0), new CustodyLimits(TestNetwork.LOOSE.dailyCapHive(),
        TestNetwork.LOOSE.dailyCapHbd(), new CustodyLimits.Rate(1, 1), tokenValue, 2, 500));
  }

  private FeedEntry unlock(String account, long amount) {
    return h.applyOp(account, "gov_unlock", "{\"amount\":" + amount + "}");
  }

  @Test
  void aSignerUnlockingIsRefusedUntilUnbondBlocksAfterTheRotationThatRemovedItsKey() {
    start(threeNodes(TestNetwork.LOOSE.tokenValue()));
    FeedEntry refused = unlock("node2", 1);
    assertFalse(refused.ok());
    assertEquals(ReasonCode.STAKE_KEY_IN_AUTHORITY, refused.reason().code());
    assertEquals(10_000, h.balances("node2").gov(), "nothing unlocked");
    // node2 stops reporting; at the second tally it is faulted and the keys rotate to node0 and node1.
    h.tallyWithReports("node0", "node1");
    h.tallyWithReports("node0", "node1");
    MultisigTx rotation = h.inFlight();
    assertEquals(MultisigTx.ROTATION, rotation.kind());
    h.signAndLand("node0", "node1");
    long rotated = h.nextBlock() - 1;
    assertFalse(h.authority().holds(TestNetwork.nodeKey(2).publicKey().toString()));
    assertEquals(rotated + 500, h.node("node2").unbondBlock());
    FeedEntry early = unlock("node2", 1);
    assertEquals(Reason.of(ReasonCode.STAKE_UNBONDING, rotated + 500), early.reason());
    h.skipTo(rotated + 499);
    assertFalse(unlock("node2", 1).ok(), "still inside the unbond period at block " + (rotated + 499));
    assertTrue(unlock("node2", 1).ok(), "free at block " + (rotated + 500));
    assertFalse(unlock("node0", 1).ok(), "node0 still signs");
  }

  @Test
  void aSignerCannotHandItsKeyOverAndAKeyChangeStartsTheAgeAgain() {
    start(threeNodes(TestNetwork.LOOSE.tokenValue()));
    FeedEntry change = h.register("node0", PrivateKey.fromSeed("node0 new key"));
    assertFalse(change.ok());
    assertEquals(ReasonCode.KEY_IN_AUTHORITY, change.reason().code());
    // a registered node that is not a signer may change its key, and starts again at age 0
    assertTrue(h.applyOp("user0", "gov_lock", "{\"amount\":5000}").ok());
    assertTrue(h.register("user0", PrivateKey.fromSeed("user0 key")).ok());
    h.tallyWithReports("node0", "node1", "node2", "user0");
    h.tallyWithReports("node0", "node1", "node2", "user0");
    assertEquals(2, h.node("user0").age());
    FeedEntry changed = h.register("user0", PrivateKey.fromSeed("user0 second key"));
    assertTrue(changed.ok(), String.valueOf(changed.reason()));
    assertEquals(0, h.node("user0").age(), "an aged identity cannot be handed over");
    assertEquals(h.nextBlock() - 1, h.node("user0").keyBlock());
  }

  @Test
  void aRemovedSignersStakeStaysLockedAndItMayNotRegisterAgainDuringTheBan() {
    NetworkGenesis g = threeNodes(TestNetwork.LOOSE.tokenValue());
    start(TestNetwork.withParams(g, g.params().with("removal_ban_blocks", 300)));
    assertTrue(h.applyOp("node0", "propose", "{\"action\":\"remove_node\",\"account\":\"node2\",\"deadline\":50,"
        + "\"activation\":0}").ok());
    assertTrue(h.applyOp("node1", "approve", "{\"id\":1}").ok());
    assertTrue(h.applyOp("node2", "approve", "{\"id\":1}").ok(), "3 of 3 pass the removal's 4/5");
    h.apply();
    long removed = h.nextBlock() - 1;
    assertTrue(h.store.read(r -> SidechainState.node(r, "node2")).isEmpty());
    FeedEntry unlocked = unlock("node2", 1);
    assertFalse(unlocked.ok(), "its key still signs: " + unlocked.reason());
    FeedEntry again = h.register("node2", TestNetwork.nodeKey(2));
    assertTrue(again.reason().code() == ReasonCode.REMOVED_BANNED && again.reason().integer(0) == removed, String.valueOf(again.reason()));
    h.skipTo(removed + 300);
    FeedEntry stranger = h.register("user1", TestNetwork.nodeKey(2));
    assertTrue(stranger.reason().equals(Reason.of(ReasonCode.KEY_OF_REMOVED_NODE, "node2")), "a removed signer's key cannot move to "
        + "another account while it signs: " + stranger.reason());
    h.skipTo(removed + 300);
    FeedEntry other = h.register("node2", PrivateKey.fromSeed("node2 fresh key"));
    assertTrue(other.reason().code() == ReasonCode.LAST_KEY_IN_AUTHORITY, "not under another key while the old one signs: "
        + other.reason());
    FeedEntry back = h.register("node2", TestNetwork.nodeKey(2));
    assertTrue(back.ok(), "the ban is over: " + back.reason());
  }

  @Test
  void aRemovedSignersStakeUnbondsOnlyAfterItsKeyLeftTheAuthority() {
    NetworkGenesis g = threeNodes(TestNetwork.LOOSE.tokenValue());
    start(TestNetwork.withParams(g, g.params().with("removal_ban_blocks", 10_000)));
    assertTrue(h.applyOp("node0", "propose", "{\"action\":\"remove_node\",\"account\":\"node2\",\"deadline\":50,"
        + "\"activation\":0}").ok());
    h.applyOp("node1", "approve", "{\"id\":1}");
    h.applyOp("node2", "approve", "{\"id\":1}");
    h.apply();
    h.tallyWithReports("node0", "node1");
    assertEquals(MultisigTx.ROTATION, h.inFlight().kind(), "node2's key leaves (floor 2)");
    h.signAndLand("node0", "node1");
    long rotated = h.nextBlock() - 1;
    assertEquals(rotated + 500, h.store.read(r -> SidechainState.removed(r, "node2")).orElseThrow().unbondBlock());
    assertFalse(unlock("node2", 1).ok(), "its key left, but the unbond period runs");
    h.skipTo(rotated + 500);
    assertTrue(unlock("node2", 1).ok());
  }

  @Test
  void theSafetyLimitCrossedByAStakeChangeIsAnAlarmRefundsDepositsAndARotationRestoresIt() {
    // A token unit is worth 4 milli-HIVE: the weakest majority (2 × 10,000) covers 80,000; the treasury
    // holds 50,000 HIVE and 20,000 HBD (1:1), 70,000.
    start(threeNodes(new CustodyLimits.Rate(4, 1)));
    assertTrue(h.applyOp("node0", "propose", "{\"action\":\"remove_node\",\"account\":\"node2\",\"deadline\":50,"
        + "\"activation\":0}").ok());
    h.applyOp("node1", "approve", "{\"id\":1}");
    h.applyOp("node2", "approve", "{\"id\":1}");
    List<FeedEntry> executed = h.apply();
    assertTrue(executed.stream().anyMatch(f -> f.kind().equals("alarm") && f.reason().code() == ReasonCode.ALARM_SAFETY_LIMIT),
        "node2's key now has no stake behind it: 10,000 stake covers 40,000 < 70,000: " + executed);
    assertTrue(h.books().overLimit());
    FeedEntry deposit = h.apply(new TransferOperation(AccountName.of("user1"), AccountName.of(TestNetwork.MULTISIG),
        Asset.of(1, AssetSymbol.HIVE), "")).get(0);
    assertEquals(ReasonCode.DEPOSIT_REFUNDED, deposit.reason().code());
    // user0 stakes 30,000 and registers; the next tally elects it and a rotation to {node0, node1, user0} restores the limit
    assertTrue(h.applyOp("user0", "gov_lock", "{\"amount\":30000}").ok());
    assertTrue(h.register("user0", PrivateKey.fromSeed("user0 key")).ok());
    h.tallyWithReports("node0", "node1", "user0");
    MultisigTx rotation = h.inFlight();
    assertEquals(MultisigTx.ROTATION, rotation.kind());
    h.signAndLand("node0", "node1");
    assertFalse(h.books().overLimit(), "the weakest majority of the new set is 20,000: 80,000 covers custody again");
    assertTrue(h.store.read(r -> SidechainState.feed(r, 0, Integer.MAX_VALUE)).stream()
        .anyMatch(f -> f.reason().code() == ReasonCode.WITHIN_LIMIT_AGAIN), "the feed says so");
    assertEquals(1, h.alarms().stream().filter(a -> a.kind() == AlarmKind.SAFETY_LIMIT).count(), "one alarm per crossing");
    h.assertBalanced();
  }
}
