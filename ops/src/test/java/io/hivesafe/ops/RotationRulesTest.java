package io.hivesafe.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivesafe.hive.crypto.PrivateKey;
import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.protocol.Authority;
import io.hivesafe.hive.protocol.ChainId;
import io.hivesafe.hive.protocol.WireFormat;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DESIGN §3.5, point 4 of the custody rules: a rotation never leaves fewer than {@code min_signers} keys,
 * always keeps at least the old thresholds of old keys, never exceeds 40 members, comes at most once an
 * hour, and a transfer batch stays under the transaction size cap. A rotation that cannot meet the rules
 * is not built and says why (feed and {@code multisig/hold}).
 */
class RotationRulesTest {
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

  private static NetworkGenesis withFloor(NetworkGenesis g, long minSigners) {
    CustodyLimits l = g.custody();
    return TestNetwork.withCustody(g, new CustodyLimits(l.dailyCapHive(), l.dailyCapHbd(), l.hbdValue(), l.tokenValue(), minSigners,
        l.signerUnbondBlocks()));
  }

  private static String key(int node) {
    return TestNetwork.nodeKey(node).publicKey().toString();
  }

  private RotationHold hold() {
    return h.store.read(SidechainState::rotationHold).orElseThrow(() -> new AssertionError("no rotation hold recorded"));
  }

  private void removeByGovernance(String node, String... approvers) {
    assertTrue(h.applyOp(approvers[0], "propose", "{\"action\":\"remove_node\",\"account\":\"" + node + "\",\"deadline\":50,"
        + "\"activation\":0}").ok());
    for (int i = 1; i < approvers.length; i++) {
      h.applyOp(approvers[i], "approve", "{\"id\":1}");
    }
    h.apply();
    assertTrue(h.store.read(r -> SidechainState.node(r, node)).isEmpty(), node + " removed");
  }

  @Test
  void aRotationThatWouldGoBelowTheFloorIsNotBuiltAndSaysWhy() {
    start(TestNetwork.genesis(3, 3, 0));
    removeByGovernance("node2", "node0", "node1", "node2");
    h.tallyWithReports("node0", "node1");
    assertTrue(h.nothingInFlight(), "two runners: a rotation to 2 keys would go below min_signers 3");
    assertEquals(Reason.of(ReasonCode.HOLD_BELOW_FLOOR, 2, 3), hold().reason());
    assertEquals(3, h.authority().active().keys().size(), "the old three keys stay (two of them still sign)");
  }

  @Test
  void aRotationToTheSameRunnersIsBuiltWhenTheFloorAllowsIt() {
    start(withFloor(TestNetwork.genesis(3, 3, 0), 2));
    removeByGovernance("node2", "node0", "node1", "node2");
    h.tallyWithReports("node0", "node1");
    MultisigTx rotation = h.inFlight();
    assertEquals(MultisigTx.ROTATION, rotation.kind());
    h.signAndLand("node0", "node1");
    assertEquals(new TreeSet<>(List.of(key(0), key(1))), h.authority().active().keySet());
    assertEquals(2, h.authority().active().threshold(), "⌊2/2⌋+1");
    assertTrue(h.store.read(SidechainState::rotationHold).isEmpty(), "the hold is cleared once nothing holds");
  }

  @Test
  void aRotationKeepsTheOldThresholdOfOldKeysSoNewcomersNeverHoldTheAccountAlone() {
    // Eight genesis nodes are the runners; only node0..node4 hold the keys (3 of 5). With max_missed 1,
    // node2..node4 are faulted at the first tally they miss: the runners are node0, node1 and node5..node7.
    NetworkGenesis g = TestNetwork.genesis(8, 0, 0);
    List<io.hivesafe.hive.crypto.PublicKey> five = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      five.add(TestNetwork.nodeKey(i).publicKey());
    }
    Authority old = NetworkGenesis.simpleAuthority(3, five);
    start(TestNetwork.withParams(TestNetwork.withAuthority(g, old, old), g.params().with("max_missed", 1)));
    h.tallyWithReports("node0", "node1", "node5", "node6", "node7");
    MultisigTx rotation = h.inFlight();
    assertEquals(MultisigTx.ROTATION, rotation.kind());
    io.hivesafe.hive.protocol.AccountUpdateOperation update = (io.hivesafe.hive.protocol.AccountUpdateOperation)
        OpsHarness.decode(rotation).operations().get(0);
    Authority next = update.active().orElseThrow();
    List<String> keys = next.keyAuths().stream().map(k -> k.key().toString()).toList();
    long oldKept = keys.stream().filter(k -> five.stream().anyMatch(o -> o.toString().equals(k))).count();
    assertEquals(3, oldKept, "node0, node1 and one faulted old key: the old threshold of 3 old keys is kept: " + keys);
    assertEquals(6, keys.size());
    assertEquals(4, next.weightThreshold(), "⌊6/2⌋+1: the three newcomers cannot sign alone");
    assertTrue(keys.size() - oldKept < next.weightThreshold());
  }

  @Test
  void aSecondRotationWithinTheHourWaitsForTheGapToTheBlock() {
    start(TestNetwork.genesis(3, 3, 0));
    for (String u : List.of("user0", "user1", "user2")) {
      assertTrue(h.applyOp(u, "gov_lock", "{\"amount\":20000}").ok());
      assertTrue(h.register(u, PrivateKey.fromSeed(u + " key")).ok());
    }
    String[] all = {"node0", "node1", "node2", "user0", "user1", "user2"};
    h.tallyWithReports(all);
    MultisigTx first = h.inFlight();
    assertEquals(MultisigTx.ROTATION, first.kind(), "user0 joins: 1 of 3 keys differ, over 25%");
    h.signRound("node0", "node1");
    h.skipTo(200);
    h.land(first);
    assertEquals(200, h.books().lastRotationBlock(), "confirmed in block 200");
    h.tallyWithReports(all);
    h.tallyWithReports(all);
    assertTrue(h.nothingInFlight(), "user1 and user2 joined: 2 of 4 keys differ, but the last rotation is not an hour old");
    assertEquals(Reason.of(ReasonCode.HOLD_ROTATION_GAP, 200, 1_400), hold().reason());
    while (h.nothingInFlight() && h.nextBlock() < 2_000) {
      h.tallyWithReports(all);
    }
    assertEquals(1_400, h.inFlight().builtBlock(), "built at the first tally from block 200 + 1,200 on");
    assertEquals(MultisigTx.ROTATION, h.inFlight().kind());
    assertTrue(h.store.read(SidechainState::rotationHold).isEmpty(), "the hold is cleared once the rotation is built");
  }

  @Test
  void aQuarterOfTheKeysDifferingIsNotYetADrift() {
    start(TestNetwork.genesis(4, 3, 0));
    for (String u : List.of("user0", "user1")) {
      assertTrue(h.applyOp(u, "gov_lock", "{\"amount\":20000}").ok());
      assertTrue(h.register(u, PrivateKey.fromSeed(u + " key")).ok());
    }
    String[] all = {"node0", "node1", "node2", "node3", "user0", "user1"};
    h.tallyWithReports(all);
    assertTrue(h.nothingInFlight(), "user0 joined: 1 key of 4 differs, 25%, not more");
    h.tallyWithReports(all);
    assertEquals(MultisigTx.ROTATION, h.inFlight().kind(), "user1 joined too: 2 of 4");
  }

  @Test
  void aFaultedSignersSeatTakenByTheStandbyMakesARotationAtAQuarterOfTheKeys() {
    // 8 signers, max_signers 8: user0 waits as standby; node7 stops and is faulted at its first miss.
    NetworkGenesis g = TestNetwork.genesis(8, 3, 0);
    start(TestNetwork.withParams(g, g.params().with("max_signers", 8).with("max_missed", 1)));
    assertTrue(h.applyOp("user0", "gov_lock", "{\"amount\":5000}").ok());
    assertTrue(h.register("user0", PrivateKey.fromSeed("user0 key")).ok());
    h.tallyWithReports("node0", "node1", "node2", "node3", "node4", "node5", "node6", "node7", "user0");
    assertEquals(List.of("user0"), h.store.read(SidechainState::roster).standby());
    assertTrue(h.nothingInFlight());
    h.tallyWithReports("node0", "node1", "node2", "node3", "node4", "node5", "node6", "user0");
    assertTrue(h.store.read(SidechainState::roster).isRunner("user0"), "the standby takes the faulted runner's seat");
    MultisigTx rotation = h.inFlight();
    assertEquals(MultisigTx.ROTATION, rotation.kind(), "2 of 8 keys differ (25%), but a signer is faulted and its replacement runs");
    io.hivesafe.hive.protocol.AccountUpdateOperation update = (io.hivesafe.hive.protocol.AccountUpdateOperation)
        OpsHarness.decode(rotation).operations().get(0);
    List<String> keys = update.active().orElseThrow().keyAuths().stream().map(k -> k.key().toString()).toList();
    assertTrue(keys.contains(PrivateKey.fromSeed("user0 key").publicKey().toString()));
    assertFalse(keys.contains(key(7)));
    assertEquals(8, keys.size());
  }

  @Test
  void theFloorIsMadeUpWithOldKeysOfRegisteredNodes() {
    // authority 2 of node0..node4; node2..node4 stop (faulted at one miss): the runners' two keys keep the
    // old threshold, and two more old keys make up a floor of 4.
    NetworkGenesis g = withFloor(TestNetwork.genesis(5, 3, 0), 4);
    Authority two = NetworkGenesis.simpleAuthority(2, List.of(TestNetwork.nodeKey(0).publicKey(), TestNetwork.nodeKey(1).publicKey(),
        TestNetwork.nodeKey(2).publicKey(), TestNetwork.nodeKey(3).publicKey(), TestNetwork.nodeKey(4).publicKey()));
    start(TestNetwork.withParams(TestNetwork.withAuthority(g, two, two), g.params().with("max_missed", 1)));
    h.tallyWithReports("node0", "node1");
    h.tallyWithReports("node0", "node1");
    MultisigTx rotation = h.inFlight();
    io.hivesafe.hive.protocol.AccountUpdateOperation update = (io.hivesafe.hive.protocol.AccountUpdateOperation)
        OpsHarness.decode(rotation).operations().get(0);
    List<String> keys = update.active().orElseThrow().keyAuths().stream().map(k -> k.key().toString()).toList();
    assertEquals(4, keys.size(), keys.toString());
    assertTrue(keys.contains(key(0)) && keys.contains(key(1)));
    assertEquals(3, update.active().orElseThrow().weightThreshold());
  }

  @Test
  void aFaultedSignerWithoutAReplacementWaitsForTheDrift() {
    NetworkGenesis g = TestNetwork.genesis(5, 3, 0);
    start(TestNetwork.withParams(g, g.params().with("max_missed", 1)));
    h.tallyWithReports("node0", "node1", "node2", "node3");
    assertTrue(h.node("node4").faulted(1));
    assertTrue(h.nothingInFlight(), "1 of 5 keys is 20%, and no runner or standby is there to take node4's key");
    assertTrue(h.store.read(SidechainState::rotationHold).isEmpty());
  }

  @Test
  void anOldKeyIsKeptFromANodeThatIsNotFaultedFirstThenFromTheMostStake() {
    assertEquals(key(2), keptOldKey(true), "node2 lost its seat for a wrong hash but is not faulted: its key is kept first");
  }

  @Test
  void amongFaultedNodesTheOldKeyWithTheMostStakeIsKept() {
    assertEquals(key(4), keptOldKey(false), "node4 staked the most of the faulted three");
  }

  /**
   * Eight runners, node0..node4 hold the keys (3 of 5). node3 and node4 miss (faulted at one miss);
   * node2 reports a wrong hash when {@code node2Wrong}, else misses too. node4 has locked more stake.
   * Returns the one old key kept besides node0's and node1's.
   */
  private String keptOldKey(boolean node2Wrong) {
    NetworkGenesis g = TestNetwork.genesis(8, 0, 0);
    List<io.hivesafe.hive.crypto.PublicKey> five = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      five.add(TestNetwork.nodeKey(i).publicKey());
    }
    Authority old = NetworkGenesis.simpleAuthority(3, five);
    start(TestNetwork.withParams(TestNetwork.withAuthority(g, old, old), g.params().with("max_missed", 1)));
    assertTrue(h.applyOp("node4", "gov_lock", "{\"amount\":4000}").ok());
    if (node2Wrong) {
      h.tallyWithWrongHash(List.of("node0", "node1", "node5", "node6", "node7"), List.of("node2"));
    } else {
      h.tallyWithReports("node0", "node1", "node5", "node6", "node7");
    }
    io.hivesafe.hive.protocol.AccountUpdateOperation update = (io.hivesafe.hive.protocol.AccountUpdateOperation)
        OpsHarness.decode(h.inFlight()).operations().get(0);
    List<String> keys = new ArrayList<>(update.active().orElseThrow().keyAuths().stream().map(k -> k.key().toString()).toList());
    keys.removeIf(k -> !five.stream().map(Object::toString).toList().contains(k) || k.equals(key(0)) || k.equals(key(1)));
    assertEquals(1, keys.size(), keys.toString());
    return keys.get(0);
  }

  @Test
  void custodyOverTheLimitThatNoRotationRestoresIsHeldAndSaysSo() {
    // the treasury alone (70,000) is worth more than the weakest majority's 2 × 10,000 stake at 1 milli-HIVE a token
    start(TestNetwork.withCustody(TestNetwork.genesis(3, 3, 0), new CustodyLimits(TestNetwork.LOOSE.dailyCapHive(),
        TestNetwork.LOOSE.dailyCapHbd(), new CustodyLimits.Rate(1, 1), new CustodyLimits.Rate(1, 1))));
    h.tallyWithReports("node0", "node1", "node2");
    assertTrue(h.books().overLimit());
    assertEquals(List.of(AlarmKind.SAFETY_LIMIT), h.alarms().stream().map(Alarm::kind).toList());
    assertTrue(h.nothingInFlight());
    assertEquals(Reason.of(ReasonCode.HOLD_LIMIT_NOT_RESTORED, 20_000), hold().reason());
  }

  @Test
  void aBatchStaysUnderTheTransactionSizeCap() {
    NetworkGenesis g = TestNetwork.genesis(3, 3, 0);
    start(TestNetwork.withParams(g, g.params().with("max_batch_payouts", 100)));
    String memo = "m".repeat(2_000);
    for (int u = 0; u < 3; u++) {
      for (int i = 0; i < 10; i++) {
        String user = "user" + u;
        h.apply(new io.hivesafe.hive.protocol.TransferOperation(AccountName.of(user), AccountName.of(TestNetwork.MULTISIG),
            io.hivesafe.hive.protocol.Asset.of(1_000, io.hivesafe.hive.protocol.AssetSymbol.HIVE), ""));
        assertTrue(h.applyOp(user, "withdraw", "{\"amount\":1000,\"asset\":\"HIVE\",\"memo\":\"" + memo + "\"}").ok());
      }
    }
    h.tallyWithReports("node0", "node1", "node2");
    MultisigTx batch = h.inFlight();
    int size = OpsHarness.decode(batch).toBytes(WireFormat.HF26).length;
    assertTrue(size <= MultisigBuilder.MAX_UNSIGNED_BYTES, size + " bytes");
    assertTrue(batch.payouts().size() < 30, "30 transfers of 2,000-byte memos are some 61,000 bytes: " + batch.payouts().size());
    assertTrue(size > MultisigBuilder.MAX_UNSIGNED_BYTES - 2_100, "filled up to the cap: " + size);
  }

  @Test
  void aRotationToMoreThanFortyKeysIsNotBuilt() {
    // 40 genesis nodes are the runners; the account's authority is 6 of 11 keys of nodes x0..x10,
    // which register later and stand by. Keeping the old threshold would make 46 keys.
    List<NetworkGenesis.Allocation> allocations = new ArrayList<>();
    List<NetworkGenesis.GenesisNode> nodes = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      allocations.add(new NetworkGenesis.Allocation(AccountName.of("node" + i), 0, 10_000));
      nodes.add(new NetworkGenesis.GenesisNode(AccountName.of("node" + i), TestNetwork.nodeKey(i).publicKey(), 0));
    }
    List<io.hivesafe.hive.crypto.PublicKey> xs = new ArrayList<>();
    for (int i = 0; i < 11; i++) {
      allocations.add(new NetworkGenesis.Allocation(AccountName.of("xnode" + i), 0, 5_000));
      xs.add(PrivateKey.fromSeed("x" + i).publicKey());
    }
    Authority old = NetworkGenesis.simpleAuthority(6, xs);
    NetworkParams params = NetworkParams.defaults().with("max_signers", 40).with("min_stake", 1_000);
    start(new NetworkGenesis("forty", ChainId.TESTNET, TestNetwork.PREFIX, AccountName.of(TestNetwork.MULTISIG), 1, "HSAFE", 3, 100,
        50, params, allocations, 0, 0, nodes, old, old, Optional.empty(), TestNetwork.LOOSE));
    List<String> reporters = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      reporters.add("node" + i);
    }
    for (int i = 0; i < 11; i++) {
      assertTrue(h.register("xnode" + i, PrivateKey.fromSeed("x" + i)).ok());
    }
    h.tallyWithReports(reporters.toArray(String[]::new));
    assertTrue(h.nothingInFlight());
    assertEquals(Reason.of(ReasonCode.HOLD_TOO_MANY_KEYS, 46, 40), hold().reason());
  }
}
