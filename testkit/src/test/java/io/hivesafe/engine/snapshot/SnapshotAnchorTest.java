package io.hivesafe.engine.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivesafe.engine.NodeEvents;
import io.hivesafe.engine.node.SidechainNode;
import io.hivesafe.hive.crypto.PrivateKey;
import io.hivesafe.hive.protocol.Authority;
import io.hivesafe.hive.protocol.Block;
import io.hivesafe.hive.protocol.CustomJsonOperation;
import io.hivesafe.hive.rpc.HiveRpcClient;
import io.hivesafe.hive.rpc.RpcConfig;
import io.hivesafe.ops.BlockApplier;
import io.hivesafe.ops.NetworkGenesis;
import io.hivesafe.ops.NodeRecord;
import io.hivesafe.ops.Roster;
import io.hivesafe.ops.SidechainState;
import io.hivesafe.state.Snapshots;
import io.hivesafe.state.StateConfig;
import io.hivesafe.state.StateDigest;
import io.hivesafe.state.StateStore;
import io.hivesafe.state.StateTransaction;
import io.hivesafe.testkit.cluster.DevnetCluster;
import io.hivesafe.testkit.traffic.TrafficNetwork;
import io.hivesafe.testkit.traffic.TrafficNode;
import io.hivesafe.testkit.traffic.TrafficUser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bootstrap's trust anchor (DESIGN §3.8) end to end on the devnet. Five genesis nodes and two that
 * join by {@code node_add} follow the chain; at the tally of block 200 the keys rotate to all seven
 * (threshold 4), so the chain's authority is no longer the genesis's. node0 writes a snapshot after every
 * report block. Then node3..node6 stop before block 350, and a forger, who controls Hive accounts of his
 * own (users) and — in one case — three of the signers, builds snapshots of block 350 whose forged
 * roster only his accounts are on, and posts matching reports in 350's window: his own registered
 * accounts; strangers whose forged node records carry the signers' keys, pointing at node_adds that
 * prove nothing for them; three signers, one short of the threshold. Each is refused for what the chain
 * cannot confirm; an honest snapshot after the rotation, vouched for by exactly the threshold, is
 * accepted; a snapshot from before the rotation is refused unless the operator gives its digest.
 */
class SnapshotAnchorTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final TrafficNetwork NET = TrafficNetwork.create(12, 7, 5); // node5, node6 join by node_add
  private static final NetworkGenesis GENESIS = NET.network();
  private static final long R = 350;

  @TempDir static Path tmp;
  private static DevnetCluster cluster;
  private static SnapshotProducer producer;
  private static HiveRpcClient api;
  private static final NodeEvents EVENTS = new NodeEvents();
  /** The block of the forger's node_add from user5 that carries node5's own proof (a replay). */
  private static long replayBlock;
  /** Snapshots of block 350 forged by the forger, and their digests. */
  private static Path strangers;
  private static Path strangersOnSignerKeys;
  private static Path threeSigners;

  private static TrafficUser user(int i) {
    return NET.users().get(i);
  }

  private static PrivateKey forgedKey(TrafficUser u) {
    return TrafficNetwork.key(u.name().value(), "forged");
  }

  private static CustomJsonOperation nodeAdd(TrafficUser from, String key, String proofHex) {
    return new CustomJsonOperation(List.of(from.name()), List.of(), GENESIS.prefix() + "node_add",
        "{\"key\":\"" + key + "\",\"proof\":\"" + proofHex + "\"}");
  }

  private static String proof(PrivateKey key, String account) {
    return DevnetCluster.CRYPTO.sign(key, BlockApplier.nodeAddProofDigest(GENESIS, account)).toHex();
  }

  private static void report(TrafficUser from, long block, String hash) {
    cluster.broadcast(from, new CustomJsonOperation(List.of(from.name()), List.of(), GENESIS.prefix() + "report",
        "{\"block\":" + block + ",\"hash\":\"" + hash + "\",\"ms\":{\"ref_block_num\":1,\"ref_block_prefix\":1,"
            + "\"expiration\":\"2030-01-01T00:00:00\"},\"version\":\"forger\"}"));
  }

  private static void runToIrreversible(long block) throws InterruptedException {
    while (cluster.devnet().chain().properties().lastIrreversibleBlockNum() < block) {
      cluster.stepQuiet(1);
    }
  }

  /** node{@code i}'s multisig public key (STM). */
  private static String key(int i) {
    return cluster.node(i).multisigKey().publicKey().toString();
  }

  private static Authority chainActive() {
    return cluster.devnet().chain().account(TrafficNetwork.MULTISIG).orElseThrow().active();
  }

  @BeforeAll
  static void rotateThenForge() throws Exception {
    cluster = new DevnetCluster(NET, tmp.resolve("cluster"), 31L, b -> b);
    for (int i = 0; i < 5; i++) {
      cluster.start(cluster.node(i));
    }
    SidechainNode node0 = cluster.running(cluster.node(0));
    producer = new SnapshotProducer(node0.store(), GENESIS, tmp.resolve("snapshots"), 1, 10, EVENTS);
    node0.onCommit(producer.afterCommits());
    api = new HiveRpcClient(RpcConfig.withEndpoints(List.of(cluster.devnet().url(0))));
    cluster.stepQuiet(3);
    for (TrafficNode n : NET.nodes().subList(5, 7)) { // register with a proof of the multisig key, stake, follow
      cluster.broadcast(n.user(), nodeAdd(n.user(), n.multisigKey().publicKey().toString(), proof(n.multisigKey(),
          n.name().value())), new CustomJsonOperation(List.of(n.name()), List.of(), GENESIS.prefix() + "gov_lock",
          "{\"amount\":" + TrafficNetwork.NODE_TOKEN + "}"));
      cluster.start(n);
    }
    // One newcomer per tally (100, 200); at 200 two of five signers differ: the keys rotate to all seven.
    runToIrreversible(98);
    cluster.stepInLockstep(2);
    runToIrreversible(198);
    for (int i = 0; i < 30 && chainActive().keyAuths().size() != 7; i++) {
      cluster.stepInLockstep(1);
    }
    assertEquals(7, chainActive().keyAuths().size(), "the rotation to the seven nodes' keys landed");
    assertEquals(4, chainActive().weightThreshold());

    // The forger registers three accounts of his own as nodes, with keys of his own and valid proofs. Beside
    // them, node_adds that prove nothing for the accounts his forged records will name: user4's names
    // another key than the one its proof is by; user5's carries node5's proof, made for node5; a proof by
    // node6's key for user6 is posted from user10; and node4 signs a proof for user8, a second account of
    // its own (the core refuses that key: node4 registered it).
    for (int i = 0; i < 3; i++) {
      cluster.broadcast(user(i), nodeAdd(user(i), forgedKey(user(i)).publicKey().toString(), proof(forgedKey(user(i)),
          user(i).name().value())));
    }
    PrivateKey k4 = cluster.node(4).multisigKey();
    PrivateKey k5 = cluster.node(5).multisigKey();
    PrivateKey k6 = cluster.node(6).multisigKey();
    cluster.broadcast(user(4), nodeAdd(user(4), forgedKey(user(4)).publicKey().toString(), proof(k4, "user4")));
    cluster.broadcast(user(5), nodeAdd(user(5), k5.publicKey().toString(), proof(k5, "node5")));
    cluster.broadcast(user(10), nodeAdd(user(10), k6.publicKey().toString(), proof(k6, "user6")));
    cluster.broadcast(user(8), nodeAdd(user(8), k4.publicKey().toString(), proof(k4, "user8")));
    cluster.stepQuiet(1);
    replayBlock = cluster.devnet().chain().properties().headBlockNumber();
    assertEquals(7, api.getBlock(replayBlock).orElseThrow().transactions().stream()
        .flatMap(t -> t.transaction().operations().stream())
        .filter(op -> op instanceof CustomJsonOperation cj && cj.id().equals(GENESIS.prefix() + "node_add")).count(),
        "the forger's node_adds are in block " + replayBlock);
    runToIrreversible(258); // the reports for 250 are on chain
    runToIrreversible(340);
    for (int i = 3; i < 7; i++) {
      cluster.stop(cluster.node(i)); // they will not report for 350: their accounts are free for the forger's use
    }
    runToIrreversible(R);
    cluster.settle();
    assertTrue(producer.awaitIdle(WAIT));

    // 1. His own registered accounts as the whole roster.
    strangers = forge("strangers", s -> s.putRoster(new Roster(List.of("user0", "user1", "user2"), List.of(), 300)));
    // 2. Strangers whose forged node records carry the signers' keys, each pointing at a proof that is not theirs.
    strangersOnSignerKeys = forge("signer-keys", s -> {
      s.putNode(new NodeRecord("user3", key(3), 320, R + 10, 5, 0, 0, 0));
      s.putNode(new NodeRecord("user4", key(4), 320, replayBlock, 5, 0, 0, 0));
      s.putNode(new NodeRecord("user5", key(5), 320, replayBlock, 5, 0, 0, 0));
      s.putNode(new NodeRecord("user6", key(6), 320, replayBlock, 5, 0, 0, 0));
      s.putNode(new NodeRecord("user9", key(0), 320, GENESIS.startBlock(), 5, 0, 0, 0));
      s.putRoster(new Roster(List.of("user3", "user4", "user5", "user6", "user9"), List.of(), 300));
    });
    // 3. Three colluding signers (one short of the threshold of 4), node4's second account and a stranger as the roster.
    threeSigners = forge("three-signers", s -> {
      s.putNode(new NodeRecord("user7", forgedKey(user(7)).publicKey().toString(), 320, 320, 5, 0, 0, 0));
      s.putNode(new NodeRecord("user8", key(4), 320, replayBlock, 5, 0, 0, 0));
      s.putRoster(new Roster(List.of("node3", "node4", "node5", "user7", "user8"), List.of(), 300));
    });
    for (int i = 0; i < 3; i++) {
      report(user(i), R, digest(strangers));
    }
    for (int i : new int[] {3, 4, 5, 6, 9}) {
      report(user(i), R, digest(strangersOnSignerKeys));
    }
    for (int i = 3; i < 6; i++) {
      report(cluster.node(i).user(), R, digest(threeSigners));
    }
    report(user(7), R, digest(threeSigners));
    report(user(8), R, digest(threeSigners));
    cluster.stepQuiet(4);
    assertTrue(cluster.devnet().chain().properties().lastIrreversibleBlockNum() < R + 50, "350's window is still open");
  }

  @AfterAll
  static void stop() {
    if (producer != null) {
      producer.close();
    }
    if (api != null) {
      api.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  private static String digest(Path snapshot) throws IOException {
    return Snapshots.header(snapshot).digest().hex();
  }

  private static SnapshotFile snapshotAt(long block) throws IOException {
    return producer.snapshots().stream().filter(f -> f.block() == block).findFirst().orElseThrow();
  }

  /** node0's snapshot of 250, the chain's blocks applied up to 350, {@code edit} applied in block 350. */
  private static Path forge(String name, Consumer<SidechainState> edit) throws Exception {
    SnapshotFile base = snapshotAt(250);
    Path work = tmp.resolve(name + "-store");
    Snapshots.importInto(base.path(), StateConfig.of(work), Optional.of(base.digest()), OptionalLong.of(250));
    Path out = tmp.resolve(name + ".snapshot");
    try (StateStore store = StateStore.open(StateConfig.of(work))) {
      BlockApplier applier = new BlockApplier(GENESIS, DevnetCluster.CRYPTO);
      for (long b = 251; b <= R; b++) {
        Block block = api.getBlock(b).orElseThrow();
        try (StateTransaction tx = store.begin(b)) {
          applier.apply(tx, block);
          if (b == R) {
            edit.accept(new SidechainState(tx));
          }
          tx.commit();
        }
      }
      Snapshots.export(store, out);
    }
    return out;
  }

  private static BootstrapResult bootstrap(Path snapshot, Path dir, Optional<StateDigest> expect) throws BootstrapException {
    return SnapshotBootstrap.bootstrap(snapshot.toString(), dir, GENESIS, api, DevnetCluster.CRYPTO, expect, EVENTS);
  }

  private static BootstrapException refused(Path snapshot, String dirName, Optional<StateDigest> expect,
      BootstrapException.Failure expected) throws IOException {
    Path dir = tmp.resolve(dirName);
    BootstrapException e = assertThrows(BootstrapException.class, () -> bootstrap(snapshot, dir, expect));
    assertEquals(expected, e.failure(), e.getMessage());
    assertTrue(isEmptyOrAbsent(dir), "nothing is left in " + dir + " after: " + e.getMessage());
    return e;
  }

  private static boolean isEmptyOrAbsent(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return true;
    }
    try (Stream<Path> list = Files.list(dir)) {
      return list.findAny().isEmpty();
    }
  }

  @Test
  void anHonestSnapshotAfterTheRotationIsVouchedForByTheSignersIncludingTheNewcomersNodeAddProofs() throws Exception {
    SnapshotFile s250 = snapshotAt(250);
    BootstrapResult r = bootstrap(s250.path(), tmp.resolve("honest-250"), Optional.empty());
    assertEquals(250, r.block());
    BootstrapResult.Vouched v = r.vouched().orElseThrow();
    assertEquals(4, v.activeThreshold());
    assertEquals(7, v.signerWeight(), "all seven signers reported it: " + v.signers());
    List<String> proofs = v.signers().stream().map(s -> s.account() + " " + s.proof()).toList();
    assertTrue(proofs.contains("node0 genesis"), proofs.toString());
    assertTrue(proofs.stream().anyMatch(p -> p.startsWith("node5 node_add in block ")), proofs.toString());
    assertTrue(proofs.stream().anyMatch(p -> p.startsWith("node6 node_add in block ")), proofs.toString());
  }

  @Test
  void aSnapshotFromBeforeTheRotationIsRefusedUnlessTheOperatorGivesItsDigest() throws Exception {
    SnapshotFile s150 = snapshotAt(150);
    BootstrapException e = refused(s150.path(), "before-rotation", Optional.empty(), BootstrapException.Failure.AUTHORITY);
    String node6Key = cluster.node(6).multisigKey().publicKey().toString();
    String message = e.getMessage();
    int chainPart = message.indexOf("; the chain has owner and active {threshold 4; keys ");
    assertTrue(chainPart > 0, message);
    assertTrue(message.contains("the snapshot (block 150) records owner and active {threshold 3; keys "), message);
    assertFalse(message.substring(0, chainPart).contains(node6Key), message);
    assertTrue(message.substring(chainPart).contains(node6Key + " 1"), message);
    assertTrue(message.contains("--expect-digest"), message);

    StateDigest other = StateDigest.parse(snapshotAt(250).digest().hex());
    BootstrapException wrong = refused(s150.path(), "before-rotation-wrong", Optional.of(other),
        BootstrapException.Failure.UNEXPECTED_DIGEST);
    assertTrue(wrong.getMessage().contains("has digest " + s150.digest().hex() + ", not the expected " + other.hex()),
        wrong.getMessage());

    Path dir = tmp.resolve("before-rotation-pinned");
    BootstrapResult pinned = bootstrap(s150.path(), dir, Optional.of(s150.digest()));
    assertTrue(pinned.pinned());
    assertEquals(150, pinned.block());
    try (StateStore store = StateStore.open(StateConfig.of(dir))) {
      assertEquals(151, SidechainNode.nextBlock(store, GENESIS), "a node started on it continues from 151");
    }
  }

  @Test
  void aForgedRosterOfTheForgersOwnRegisteredAccountsIsRefused() throws Exception {
    BootstrapException e = refused(strangers, "strangers", Optional.empty(), BootstrapException.Failure.NOT_VOUCHED);
    String message = e.getMessage();
    assertTrue(message.contains("is vouched for by node keys of weight 0 of the multisig account hivesafe-ms's active "
        + "threshold 4"), message);
    for (int i = 0; i < 3; i++) {
      assertTrue(message.contains("user" + i + ": its key " + forgedKey(user(i)).publicKey()
          + " is not in the multisig account's active authority"), message);
    }
  }

  @Test
  void forgedNodeRecordsGivingStrangersTheSignersKeysAreRefusedWithoutTheirOwnNodeAddProofs() throws Exception {
    BootstrapException e = refused(strangersOnSignerKeys, "signer-keys", Optional.empty(),
        BootstrapException.Failure.NOT_VOUCHED);
    String message = e.getMessage();
    assertTrue(message.contains("weight 0 of the multisig account hivesafe-ms's active threshold 4"), message);
    String notProven = " (weight 1 in the active authority) is not proven: ";
    String none = " holds no node_add by ";
    assertTrue(message.contains("user3: its key " + key(3) + notProven + "the snapshot records its key as proven in block "
        + (R + 10) + ", not one of the blocks 1.." + R), message);
    assertTrue(message.contains("user4: its key " + key(4) + notProven + "block " + replayBlock + none + "user4"),
        "a proof by the key in a node_add that names another key: " + message);
    assertTrue(message.contains("user5: its key " + key(5) + notProven + "block " + replayBlock + none + "user5"),
        "node5's proof, copied into user5's node_add, is a proof for node5: " + message);
    assertTrue(message.contains("user6: its key " + key(6) + notProven + "block " + replayBlock + none + "user6"),
        "a proof for user6 that user10 posted: the account never claimed the key: " + message);
    assertTrue(message.contains("user9: its key " + key(0) + notProven + "block 1" + none + "user9"),
        "node0's key is the genesis's for node0, not for user9: " + message);
  }

  @Test
  void threeSignersOfFourAreTooFewAndExactlyTheThresholdIsEnough() throws Exception {
    // node6 has not reported yet: with its weight the three could still reach 4, so it is too early to say.
    BootstrapException early = refused(threeSigners, "three-early", Optional.empty(), BootstrapException.Failure.TOO_EARLY);
    assertTrue(early.getMessage().contains("vouched for by node keys of weight 3 of the multisig account hivesafe-ms's active "
        + "threshold 4"), early.getMessage());

    // node6 reports the honest digest: the three colluders stay one short, for good; the honest digest has exactly 4.
    String honest = snapshotAt(R).digest().hex();
    report(cluster.node(6).user(), R, honest);
    cluster.stepQuiet(4);
    BootstrapException e = refused(threeSigners, "three", Optional.empty(), BootstrapException.Failure.NOT_VOUCHED);
    String message = e.getMessage();
    assertTrue(message.contains("weight 3 of the multisig account hivesafe-ms's active threshold 4 (node3 1, genesis; "
        + "node4 1, genesis; node5 1, node_add in block "), message);
    assertTrue(message.contains("user7: its key " + forgedKey(user(7)).publicKey() + " is not in the multisig account's "
        + "active authority"), message);
    assertTrue(message.contains("user8: its key " + key(4) + " is already counted for node4"),
        "a key counts once, whatever accounts it proved itself for: " + message);

    BootstrapResult r = bootstrap(snapshotAt(R).path(), tmp.resolve("honest-350"), Optional.empty());
    BootstrapResult.Vouched v = r.vouched().orElseThrow();
    assertEquals(4, v.signerWeight(), "node0, node1, node2 and node6: " + v.signers());
    assertEquals(List.of("node0", "node1", "node2", "node6"), v.signers().stream().map(BootstrapResult.Signer::account).toList());
  }
}
