package io.hivesafe.engine.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.hivesafe.engine.NodeEvents;
import io.hivesafe.engine.node.SidechainNode;
import io.hivesafe.hive.protocol.Block;
import io.hivesafe.hive.rpc.HiveRpcClient;
import io.hivesafe.hive.rpc.RpcConfig;
import io.hivesafe.ops.Balances;
import io.hivesafe.ops.BlockApplier;
import io.hivesafe.ops.NetworkGenesis;
import io.hivesafe.ops.SidechainState;
import io.hivesafe.state.SnapshotInfo;
import io.hivesafe.state.Snapshots;
import io.hivesafe.state.StateConfig;
import io.hivesafe.state.StateKey;
import io.hivesafe.state.StateStore;
import io.hivesafe.state.StateTransaction;
import io.hivesafe.testkit.cluster.DevnetCluster;
import io.hivesafe.testkit.traffic.TrafficNetwork;
import io.hivesafe.testkit.traffic.TrafficNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Snapshot bootstrap end to end on the devnet: five of six genesis nodes follow the chain with seeded
 * traffic, node0 writes a snapshot after every report block, and the sixth node starts from node0's
 * latest snapshot — once from the file, once over HTTP — instead of from the genesis, then follows the
 * chain and holds the same digest as the others at every later block. Refused snapshots (not the
 * consensus, damaged, unreachable, of another network, not at a report block) each give a clear error
 * and leave the data directory as it was.
 */
class SnapshotBootstrapTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final TrafficNetwork NET = TrafficNetwork.create(20, 6);
  private static final NetworkGenesis GENESIS = NET.network();

  @TempDir static Path tmp;
  private static DevnetCluster cluster;
  private static SnapshotProducer producer;
  private static HiveRpcClient api;
  private static final NodeEvents EVENTS = new NodeEvents();

  @BeforeAll
  static void runFiveNodesPastTwoTallies() throws Exception {
    cluster = new DevnetCluster(NET, tmp.resolve("cluster"), 21L, b -> b);
    for (int i = 0; i < 5; i++) {
      cluster.start(cluster.node(i)); // node5 stays off: it is the fresh node
    }
    SidechainNode node0 = cluster.running(cluster.node(0));
    producer = new SnapshotProducer(node0.store(), GENESIS, tmp.resolve("snapshots"), 1, 3, EVENTS);
    node0.onCommit(producer.afterCommits());
    api = new HiveRpcClient(RpcConfig.withEndpoints(List.of(cluster.devnet().url(0))));
    cluster.step(170); // the tally at 100; snapshots after 50 and 150; 150's reports irreversible
    cluster.settle();
    assertTrue(producer.awaitIdle(WAIT));
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

  private static String digestOf(int node, long block) {
    return cluster.digests().get(cluster.node(node).name().value()).get(block);
  }

  private static boolean isEmptyOrAbsent(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return true;
    }
    try (Stream<Path> list = Files.list(dir)) {
      return list.findAny().isEmpty();
    }
  }

  /** Every block node5 committed after {@code from}: the same digest as each of the five others. */
  private static void assertSameDigestsAsTheOthers(long from, long through) {
    Map<Long, String> fresh = cluster.digests().get(cluster.node(5).name().value());
    for (long b = from; b <= through; b++) {
      for (int i = 0; i < 5; i++) {
        assertEquals(digestOf(i, b), fresh.get(b), "block " + b + ": node5 against node" + i);
      }
    }
  }

  private static BootstrapException refused(String source, Path dir, BootstrapException.Failure expected) throws IOException {
    BootstrapException e = assertThrows(BootstrapException.class, () -> SnapshotBootstrap.bootstrap(source, dir, GENESIS, api,
        DevnetCluster.CRYPTO, EVENTS));
    assertEquals(expected, e.failure(), e.getMessage());
    assertTrue(isEmptyOrAbsent(dir), "nothing is left in " + dir + " after: " + e.getMessage());
    assertFalse(Files.exists(dir.resolveSibling(dir.getFileName() + ".importing")));
    assertFalse(Files.exists(dir.resolveSibling(dir.getFileName() + ".download")));
    return e;
  }

  @Test
  void aFreshNodeStartsFromTheLatestSnapshotByFileThenByHttpAndHoldsTheOthersDigests() throws Exception {
    TrafficNode fresh = cluster.node(5);
    Path dataDir = tmp.resolve("cluster").resolve(fresh.name().value());

    // From the file: node0's latest snapshot, at report block R, checked against the reports for R on chain.
    SnapshotFile latest = producer.latest().orElseThrow();
    long r = latest.block();
    assertTrue(GENESIS.isReportBlock(r) && r >= 150, latest.toString());
    BootstrapResult fromFile = SnapshotBootstrap.bootstrap(latest.path().toString(), dataDir, GENESIS, api, DevnetCluster.CRYPTO, EVENTS);
    assertEquals(r, fromFile.block());
    assertEquals(digestOf(0, r), fromFile.digest().hex(), "the snapshot is node0's state after block R");
    long runners = cluster.running(cluster.node(0)).store().read(SidechainState::roster).runners().size();
    BootstrapResult.Vouched vouched = fromFile.vouched().orElseThrow();
    assertEquals(runners, vouched.runners(), "the roster has not changed since R: no tally since");
    assertEquals(5, vouched.reporters(), "every running node reported this digest");
    assertEquals(4, vouched.activeThreshold(), "the genesis authority: 6 keys, floor(6/2)+1");
    assertEquals(5, vouched.signerWeight(), "the five running genesis nodes' keys, weight 1 each: " + vouched.signers());
    assertTrue(vouched.signers().stream().allMatch(s -> s.proof().equals("genesis")), vouched.signers().toString());
    SidechainNode node5 = cluster.start(fresh);
    assertEquals(r + 1, SidechainNode.nextBlock(node5.store(), GENESIS), "it resumes after R");
    cluster.step(100); // past the tally of R and the next report block, R + 100
    long settled = cluster.settle();
    Map<Long, String> seen = cluster.digests().get(fresh.name().value());
    assertTrue(seen.keySet().stream().allMatch(b -> b > r), "node5 never applied a block up to R");
    assertSameDigestsAsTheOthers(r + 1, settled);
    assertFalse(node5.diverged());

    // Over HTTP: node5 starts afresh from the next snapshot, once its reports are on chain.
    cluster.stop(fresh);
    deleteTree(dataDir);
    long next = r + GENESIS.tallyInterval();
    assertTrue(producer.awaitIdle(WAIT));
    SnapshotFile newer = producer.latest().orElseThrow();
    assertEquals(next, newer.block());
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/snapshot/latest", exchange -> {
      byte[] body = Files.readAllBytes(newer.path());
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
    try {
      String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/snapshot/latest";
      BootstrapResult overHttp = SnapshotBootstrap.bootstrap(url, dataDir, GENESIS, api, DevnetCluster.CRYPTO, EVENTS);
      assertEquals(next, overHttp.block());
      assertEquals(digestOf(1, next), overHttp.digest().hex());
      assertEquals(newer.digest(), overHttp.digest());
    } finally {
      server.stop(0);
    }
    node5 = cluster.start(fresh);
    cluster.step(40);
    long end = cluster.settle();
    assertSameDigestsAsTheOthers(next + 1, end);
    assertEquals(end, node5.lastBlock());
    assertFalse(node5.diverged());
  }

  @Test
  void fromTheImportUntilTheChainVouchedTheDataDirectoryHoldsNoStore() throws Exception {
    // A process killed while the snapshot is being checked must not leave a store a later plain run
    // would start from: the store is built beside the data directory and moved in once vouched for.
    // The log line "snapshot imported" is written between the import and the vouching: what the data
    // directory holds then is what a kill at that moment would leave.
    Path dir = tmp.resolve("vouching");
    Files.createDirectories(dir);
    java.util.List<String> atImport = new java.util.concurrent.CopyOnWriteArrayList<>();
    ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("test.bootstrap.vouching");
    logger.setAdditive(false);
    logger.setLevel(ch.qos.logback.classic.Level.INFO);
    ch.qos.logback.core.AppenderBase<ch.qos.logback.classic.spi.ILoggingEvent> watcher = new ch.qos.logback.core.AppenderBase<>() {
      @Override
      protected void append(ch.qos.logback.classic.spi.ILoggingEvent event) {
        if (event.getFormattedMessage().contains("snapshot imported")) {
          try (java.util.stream.Stream<Path> inside = Files.list(dir)) {
            atImport.add("listed");
            inside.forEach(p -> atImport.add(p.getFileName().toString()));
          } catch (java.io.IOException e) {
            atImport.add("cannot list: " + e);
          }
        }
      }
    };
    watcher.start();
    logger.addAppender(watcher);
    SnapshotFile latest = producer.latest().orElseThrow();
    BootstrapResult result = SnapshotBootstrap.bootstrap(latest.path().toString(), dir, GENESIS, api, DevnetCluster.CRYPTO,
        new NodeEvents(logger));
    assertTrue(result.vouched().isPresent());
    assertEquals(List.of("listed"), atImport, "nothing in the data directory between the import and the vouching");
    try (java.util.stream.Stream<Path> inside = Files.list(dir)) {
      assertTrue(inside.findAny().isPresent(), "the vouched store is in place after");
    }
    assertFalse(Files.exists(dir.resolveSibling("vouching.unvouched")), "nothing left beside it");
  }

  @Test
  void aSnapshotTooFreshForItsReportsIsRefusedUntilTheyAreOnChain() throws Exception {
    // node0 commits a report block when it becomes irreversible, and the nodes' reports for it land
    // in the blocks after: right then, none of them is irreversible yet.
    long head = cluster.devnet().chain().properties().lastIrreversibleBlockNum();
    while (!GENESIS.isReportBlock(head)) {
      cluster.stepQuiet(1);
      head = cluster.devnet().chain().properties().lastIrreversibleBlockNum();
    }
    cluster.settle();
    assertTrue(producer.awaitIdle(WAIT));
    SnapshotFile fresh = producer.latest().orElseThrow();
    assertEquals(head, fresh.block());
    Path dir = Files.createDirectories(tmp.resolve("too-early"));
    BootstrapException e = refused(fresh.path().toString(), dir, BootstrapException.Failure.TOO_EARLY);
    assertTrue(e.getMessage().contains("try again after block " + (head + 50)), e.getMessage());
    assertTrue(Files.isDirectory(dir), "an existing empty directory stays, empty");
    cluster.stepQuiet(6);
    cluster.settle();
    assertEquals(head, SnapshotBootstrap.bootstrap(fresh.path().toString(), dir, GENESIS, api, DevnetCluster.CRYPTO, EVENTS).block(),
        "a few blocks later its reports are irreversible and it passes, long before the tally");
  }

  /** Imports node0's snapshot at {@code r}, applies the chain's blocks up to {@code through}, tampering in the last if asked. */
  private static Path exportAfterReplay(long r, long through, boolean tamper, String name) throws Exception {
    SnapshotFile base = producer.snapshots().stream().filter(f -> f.block() == r).findFirst().orElseThrow();
    Path work = tmp.resolve(name + "-store");
    Snapshots.importInto(base.path(), StateConfig.of(work), Optional.of(base.digest()), OptionalLong.of(r));
    Path out = tmp.resolve(name + ".snapshot");
    try (StateStore store = StateStore.open(StateConfig.of(work))) {
      BlockApplier applier = new BlockApplier(GENESIS, DevnetCluster.CRYPTO);
      for (long b = r + 1; b <= through; b++) {
        Block block = api.getBlock(b).orElseThrow();
        try (StateTransaction tx = store.begin(b)) {
          applier.apply(tx, block);
          if (tamper && b == through) {
            tx.put(StateKey.of("acct/mallory"), new Balances(1_000_000, 0, 0, 0, 0), Balances.CODEC);
          }
          tx.commit();
        }
      }
      Snapshots.export(store, out);
    }
    return out;
  }

  @Test
  void aSnapshotFromATamperedStoreIsNotTheConsensusAndIsRefused() throws Exception {
    List<SnapshotFile> all = producer.snapshots();
    long r = all.get(1).block();
    long target = all.get(0).block(); // the newest: its reports are on chain
    Path tampered = exportAfterReplay(r, target, true, "tampered");
    SnapshotInfo header = Snapshots.header(tampered);
    assertEquals(target, header.block());
    assertFalse(header.digest().hex().equals(digestOf(0, target)));
    BootstrapException e = refused(tampered.toString(), tmp.resolve("tampered-data"), BootstrapException.Failure.NOT_CONSENSUS);
    assertTrue(e.getMessage().contains("its digest " + header.digest().hex() + " was reported by 0 of the"), e.getMessage());
    assertTrue(e.getMessage().contains("the consensus on chain for block " + target + " is " + digestOf(0, target)),
        e.getMessage());
    // the same replay without the edit is the consensus: the check refused the edit, not the replay
    Path honest = exportAfterReplay(r, target, false, "honest");
    assertEquals(digestOf(0, target), Snapshots.header(honest).digest().hex());
  }

  @Test
  void aSnapshotNotAtAReportBlockIsRefused() throws Exception {
    long r = producer.snapshots().get(1).block();
    Path off = exportAfterReplay(r, r + 1, false, "off-block");
    BootstrapException e = refused(off.toString(), tmp.resolve("off-block-data"), BootstrapException.Failure.NOT_REPORT_BLOCK);
    assertTrue(e.getMessage().contains("at block " + (r + 1) + ", which is not a report block"), e.getMessage());
  }

  @Test
  void truncatedOrDamagedFilesAreRefusedAndTheDirectoryStaysEmpty() throws Exception {
    Path original = producer.latest().orElseThrow().path();
    Path cut = tmp.resolve("cut.snapshot");
    Files.copy(original, cut);
    try (RandomAccessFile f = new RandomAccessFile(cut.toFile(), "rw")) {
      f.setLength(f.length() / 2);
    }
    Path dir = Files.createDirectories(tmp.resolve("cut-data"));
    BootstrapException e = refused(cut.toString(), dir, BootstrapException.Failure.SNAPSHOT);
    assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    assertTrue(e.getMessage().contains("left empty"), e.getMessage());
    assertTrue(Files.isDirectory(dir));

    Path flipped = tmp.resolve("flipped.snapshot");
    Files.copy(original, flipped);
    try (RandomAccessFile f = new RandomAccessFile(flipped.toFile(), "rw")) {
      long at = f.length() * 2 / 3;
      f.seek(at);
      int b = f.read();
      f.seek(at);
      f.write(b ^ 0x01);
    }
    refused(flipped.toString(), tmp.resolve("flipped-data"), BootstrapException.Failure.SNAPSHOT);
    refused(tmp.resolve("no-such.snapshot").toString(), tmp.resolve("missing-data"), BootstrapException.Failure.SOURCE);
  }

  @Test
  void aDeadUrlOrAMissingFileOnTheServerIsRefused() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    BootstrapException dead = refused("http://127.0.0.1:" + closedPort + "/snapshot", tmp.resolve("dead-url-data"),
        BootstrapException.Failure.SOURCE);
    assertTrue(dead.getMessage().contains("cannot download http://127.0.0.1:" + closedPort), dead.getMessage());
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      exchange.sendResponseHeaders(404, -1);
      exchange.close();
    });
    server.start();
    try {
      BootstrapException missing = refused("http://127.0.0.1:" + server.getAddress().getPort() + "/none",
          tmp.resolve("404-data"), BootstrapException.Failure.SOURCE);
      assertTrue(missing.getMessage().contains("HTTP 404"), missing.getMessage());
    } finally {
      server.stop(0);
    }
  }

  @Test
  void aDeadApiAnotherGenesisOrAFullDirectoryIsRefused() throws Exception {
    String latest = producer.latest().orElseThrow().path().toString();
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    try (HiveRpcClient deadApi = new HiveRpcClient(new RpcConfig(List.of(URI.create("http://127.0.0.1:" + closedPort)),
        Duration.ofSeconds(2), 1, Duration.ZERO, Duration.ZERO))) {
      Path dir = tmp.resolve("dead-api-data");
      BootstrapException e = assertThrows(BootstrapException.class, () -> SnapshotBootstrap.bootstrap(latest, dir, GENESIS,
          deadApi, DevnetCluster.CRYPTO, EVENTS));
      assertEquals(BootstrapException.Failure.API, e.failure(), e.getMessage());
      assertTrue(isEmptyOrAbsent(dir));
    }

    NetworkGenesis other = TrafficNetwork.create(7, 3).network(); // same prefix and intervals, other allocations
    Path otherDir = tmp.resolve("other-network-data");
    BootstrapException wrong = assertThrows(BootstrapException.class, () -> SnapshotBootstrap.bootstrap(latest, otherDir, other,
        api, DevnetCluster.CRYPTO, EVENTS));
    assertEquals(BootstrapException.Failure.NETWORK, wrong.failure(), wrong.getMessage());
    assertTrue(wrong.getMessage().contains("token supply"), wrong.getMessage());
    assertTrue(isEmptyOrAbsent(otherDir));

    Path full = Files.createDirectories(tmp.resolve("full-data"));
    Path mine = Files.writeString(full.resolve("keep-me"), "operator's file");
    BootstrapException e = assertThrows(BootstrapException.class, () -> SnapshotBootstrap.bootstrap(latest, full, GENESIS, api,
        DevnetCluster.CRYPTO, EVENTS));
    assertEquals(BootstrapException.Failure.DATA_DIR, e.failure());
    assertEquals("operator's file", Files.readString(mine), "nothing was touched");
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
