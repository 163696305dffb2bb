package io.hivesafe.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivesafe.hive.crypto.PrivateKey;
import io.hivesafe.hive.protocol.BlockId;
import io.hivesafe.hive.protocol.Operation;
import io.hivesafe.state.StateStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DESIGN §3.3 and §3.4: consensus with the node-ageing quorum, the multisig header, ages, election. */
class TallyTest {
  static final String A = "aa".repeat(32);
  static final String B = "bb".repeat(32);
  @TempDir Path dir;
  private StateStore store;
  private BlockApplier applier;
  private NetworkGenesis genesis;
  private long next = 1;

  private void start(NetworkGenesis g) {
    genesis = g;
    applier = new BlockApplier(g, TestNetwork.CRYPTO);
    store = TestNetwork.open(dir);
  }

  @AfterEach
  void close() {
    if (store != null) {
      store.close();
    }
  }

  /** Applies blocks until {@code last}, putting {@code ops} into block {@code at}. */
  private BlockOutcome runTo(long last, long at, List<Operation> ops) {
    BlockOutcome out = null;
    while (next <= last) {
      long b = next++;
      out = TestNetwork.apply(store, applier, TestBlocks.block(b, b == at ? ops : List.of()));
    }
    return out;
  }

  /** Reports for block {@code reportBlock} (landing in reportBlock + 1), node i reporting hashes.get(i). */
  private List<Operation> reports(long reportBlock, Map<String, String> hashes, long refNum, long refPrefix, String exp) {
    List<Operation> ops = new ArrayList<>();
    for (Map.Entry<String, String> e : hashes.entrySet()) {
      ops.add(TestBlocks.active(e.getKey(), "hs_report", "{\"block\":" + reportBlock + ",\"hash\":\"" + e.getValue()
          + "\",\"ms\":{\"ref_block_num\":" + refNum + ",\"ref_block_prefix\":" + refPrefix + ",\"expiration\":\"" + exp
          + "\"},\"version\":\"t\"}"));
    }
    return ops;
  }

  private List<Operation> reports(long reportBlock, Map<String, String> hashes) {
    BlockId ref = TestBlocks.id(reportBlock);
    return reports(reportBlock, hashes, ref.refBlockNum(), ref.refBlockPrefix(), "2026-01-01T00:20:00");
  }

  private static Map<String, String> hashes(String... pairs) {
    TreeMap<String, String> m = new TreeMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put(pairs[i], pairs[i + 1]);
    }
    return m;
  }

  private Roster roster() {
    return store.read(SidechainState::roster);
  }

  private NodeRecord node(String n) {
    return store.read(r -> SidechainState.node(r, n)).orElseThrow();
  }

  @Test
  void majorityHashIsConsensusAWrongHashLosesTheSeatAndOneMissCostsOnlyAge() {
    start(TestNetwork.genesis(5, 0, 4));
    TallyRecord t = runTo(100, 51, reports(50, hashes("node0", A, "node1", A, "node2", A, "node3", B))).tally().orElseThrow();
    assertEquals(A, t.consensusHash());
    assertEquals(3, t.runnersAgreeing());
    assertEquals(List.of("node0", "node1", "node2", "node4"), roster().runners(), "node3's wrong hash costs its seat, node4's miss does not");
    assertEquals(5, node("node0").age());
    assertEquals(2, node("node3").age(), "a wrong hash halves the age");
    assertEquals(3, node("node4").age(), "one missed report costs a quarter of the age");
    assertEquals(1, node("node4").missed());
    assertEquals("reports", t.headerSource());
    assertEquals(TestBlocks.id(50).refBlockNum(), t.refBlockNum());
    assertEquals("2026-01-01T00:20:00", t.expiration());
  }

  @Test
  void theAgeQuorumOverrulesAHeadcountOfNewcomers() {
    start(TestNetwork.genesis(new long[] {100, 1, 1, 1, 1}, 0));
    TallyRecord t = runTo(100, 60, reports(50, hashes("node0", A, "node1", B, "node2", B, "node3", B, "node4", B)))
        .tally().orElseThrow();
    assertFalse(t.consensus(), "4 of 5 runners but 4 of 104 age");
    assertEquals(1, t.noConsensusInRow());
    assertEquals(5, roster().runners().size(), "no consensus changes no runner");
    assertEquals(100, node("node0").age());
    TallyRecord t2 = runTo(200, 0, List.of()).tally().orElseThrow();
    assertEquals(2, t2.noConsensusInRow());
    assertEquals(2, t2.noConsensusTotal());
    TallyRecord t3 = runTo(300, 251, reports(250, hashes("node0", A, "node1", A, "node2", A))).tally().orElseThrow();
    assertTrue(t3.consensus());
    assertEquals(0, t3.noConsensusInRow());
    assertEquals(2, t3.noConsensusTotal());
  }

  @Test
  void aHeaderNamingABlockNotAppliedIsReplacedByTheTallyBlock() {
    start(TestNetwork.genesis(3, 0, 0));
    BlockId ref = TestBlocks.id(50);
    TallyRecord t = runTo(100, 51, reports(50, hashes("node0", A, "node1", A, "node2", A), ref.refBlockNum(),
        ref.refBlockPrefix() ^ 1, "2026-01-01T09:00:00")).tally().orElseThrow();
    assertTrue(t.consensus());
    assertEquals("tally-block", t.headerSource(), "forged prefix, and an expiration beyond the chain's hour");
    assertEquals(100, t.refBlockNum());
    assertEquals(TestBlocks.id(100).refBlockPrefix(), t.refBlockPrefix());
    assertEquals("2026-01-01T00:55:00", t.expiration(), "block 100 is at 00:05:00, plus expiration_seconds 3000 (50 min)");
  }

  @Test
  void atMostOneNewcomerJoinsPerTallyAndTheNextWaitsInStandby() {
    start(TestNetwork.genesis(3, 2, 0));
    PrivateKey k0 = PrivateKey.fromSeed("u0");
    PrivateKey k1 = PrivateKey.fromSeed("u1");
    List<Operation> join = List.of(
        TestBlocks.active("user0", "hs_gov_lock", "{\"amount\":50000}"),
        TestBlocks.active("user1", "hs_gov_lock", "{\"amount\":60000}"),
        TestBlocks.active("user0", "hs_node_add", OperationsTest.nodeAdd(k0, sign(k0, "user0"))),
        TestBlocks.active("user1", "hs_node_add", OperationsTest.nodeAdd(k1, sign(k1, "user1"))));
    runTo(10, 10, join);
    Map<String, String> all = hashes("node0", A, "node1", A, "node2", A, "user0", A, "user1", A);
    runTo(100, 51, reports(50, all));
    assertEquals(List.of("user1", "node0", "node1", "node2"), roster().runners(), "user1 ranks first by stake");
    assertEquals(List.of("user0"), roster().standby());
    runTo(200, 151, reports(150, all));
    assertEquals(List.of("user1", "user0", "node0", "node1", "node2"), roster().runners());
    assertEquals(List.of(), roster().standby());
  }

  @Test
  void aFaultedRunnersSeatGoesToTheReadyStandby() {
    NetworkGenesis g = TestNetwork.genesis(3, 2, 0);
    start(new NetworkGenesis(g.network(), g.chainId(), g.prefix(), g.multisigAccount(), g.startBlock(), g.tokenSymbol(),
        g.tokenPrecision(), g.tallyInterval(), g.reportOffset(), g.params().with("max_signers", 3), g.allocations(),
        g.treasuryHive(), g.treasuryHbd(), g.nodes(), g.owner(), g.active(), g.recoveryAccount(), g.custody()));
    PrivateKey k0 = PrivateKey.fromSeed("u0");
    runTo(10, 10, List.of(TestBlocks.active("user0", "hs_gov_lock", "{\"amount\":5000}"),
        TestBlocks.active("user0", "hs_node_add", OperationsTest.nodeAdd(k0, sign(k0, "user0")))));
    runTo(100, 51, reports(50, hashes("node0", A, "node1", A, "node2", A, "user0", A)));
    assertEquals(List.of("node0", "node1", "node2"), roster().runners());
    assertEquals(List.of("user0"), roster().standby(), "5,000 stake ranks below the nodes' 10,000");
    runTo(200, 151, reports(150, hashes("node0", A, "node1", A, "user0", A)));
    assertEquals(List.of("node0", "node1", "node2"), roster().runners(), "one missed report costs age, not the seat");
    runTo(300, 251, reports(250, hashes("node0", A, "node1", A, "user0", A)));
    assertTrue(node("node2").faulted(2), "two reports missed in a row");
    assertEquals(List.of("node0", "node1", "user0"), roster().runners(), "the faulted runner's seat goes to the ready standby");
  }

  private String sign(PrivateKey key, String account) {
    return TestNetwork.CRYPTO.sign(key, BlockApplier.nodeAddProofDigest(genesis, account)).toHex();
  }
}
