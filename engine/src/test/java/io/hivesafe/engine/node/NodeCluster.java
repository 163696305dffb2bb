package io.hivesafe.engine.node;

import io.hivesafe.devnet.Devnet;
import io.hivesafe.engine.NodeEvents;
import io.hivesafe.engine.source.BlockSourceConfig;
import io.hivesafe.engine.source.RpcBlockSource;
import io.hivesafe.engine.traffic.DevnetTraffic;
import io.hivesafe.engine.traffic.TrafficGenerator;
import io.hivesafe.engine.traffic.TrafficNetwork;
import io.hivesafe.engine.traffic.TrafficNode;
import io.hivesafe.hive.crypto.Secp256k1Signatures;
import io.hivesafe.hive.protocol.BlockId;
import io.hivesafe.hive.rpc.HiveRpcClient;
import io.hivesafe.hive.rpc.RpcConfig;
import io.hivesafe.state.StateConfig;
import io.hivesafe.state.StateStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A devnet with stepped blocks, seeded traffic, and real nodes following it over JSON-RPC, each with
 * its own store, block source and outbox, reporting when live. Records every node's digest after
 * every block. The test paces the chain: after a report block becomes irreversible it waits until the
 * running nodes have committed it and delivered their reports, so the reports land in time.
 */
final class NodeCluster implements AutoCloseable {
  static final Secp256k1Signatures CRYPTO = new Secp256k1Signatures();
  final TrafficNetwork net;
  final Devnet devnet;
  final DevnetTraffic traffic;
  private final Path root;
  private final Map<String, Running> running = new TreeMap<>();
  /** node → block → digest after that block. */
  final Map<String, Map<Long, String>> digests = new ConcurrentHashMap<>();

  record Running(SidechainNode node, Outbox outbox, HiveRpcClient client) {}

  NodeCluster(TrafficNetwork net, Path root, long seed, Function<TrafficGenerator.Builder, TrafficGenerator.Builder> tune) {
    this(net, net.devnetConfig(), root, seed, tune);
  }

  NodeCluster(TrafficNetwork net, io.hivesafe.devnet.DevnetConfig config, Path root, long seed,
      Function<TrafficGenerator.Builder, TrafficGenerator.Builder> tune) {
    this.net = net;
    this.root = root;
    try {
      this.devnet = Devnet.start(config, Duration.ZERO, 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.traffic = new DevnetTraffic(devnet.chain(), tune.apply(net.generator(seed)).build());
  }

  TrafficNode node(int i) {
    return net.nodes().get(i);
  }

  /** Starts (or restarts) a node on its store, resuming after its last commit. */
  synchronized SidechainNode start(TrafficNode n) {
    String name = n.name().value();
    if (running.containsKey(name)) {
      throw new IllegalStateException(name + " is running");
    }
    StateStore store = StateStore.open(StateConfig.of(root.resolve(name)));
    NodeEvents events = new NodeEvents();
    long next = SidechainNode.nextBlock(store, net.network());
    Optional<BlockId> previous = SidechainNode.lastBlockId(store).map(BlockId::fromHex);
    RpcBlockSource source = RpcBlockSource.overRpc(
        BlockSourceConfig.defaults().withPollInterval(Duration.ofMillis(20)).withBackoff(Duration.ofMillis(20), Duration.ofMillis(200)),
        RpcConfig.withEndpoints(List.of(devnet.url(0))), next, previous, events);
    HiveRpcClient client = new HiveRpcClient(RpcConfig.withEndpoints(List.of(devnet.url(0))));
    Outbox outbox = new Outbox(client::broadcastTransaction, events);
    NodeIdentity identity = new NodeIdentity(n.name(), n.user().activeKey(), n.multisigKey());
    SidechainNode node = new SidechainNode(net.network(), store, source.start(), CRYPTO, Optional.of(identity),
        Optional.of(outbox), events, "test");
    Map<Long, String> mine = digests.computeIfAbsent(name, k -> new ConcurrentHashMap<>());
    node.onCommit((block, outcome) -> mine.put(block, store.digest().hex()));
    running.put(name, new Running(node, outbox, client));
    return node.start();
  }

  /** Starts every node of the network. */
  void startAll() {
    for (TrafficNode n : net.nodes()) {
      start(n);
    }
  }

  synchronized void stop(TrafficNode n) {
    Running r = running.remove(n.name().value());
    r.node().close();
    r.client().close();
  }

  synchronized SidechainNode running(TrafficNode n) {
    return running.get(n.name().value()).node();
  }

  /** Produces {@code count} blocks with traffic, pacing at report blocks. */
  void step(int count) throws InterruptedException {
    step(count, true);
  }

  /** Produces {@code count} blocks holding only what was broadcast (the nodes' own transactions, a test's). */
  void stepQuiet(int count) throws InterruptedException {
    step(count, false);
  }

  /**
   * Produces {@code count} blocks one at a time, each only after every running node has committed the
   * last irreversible block and handed what it queued to the devnet: the chain waits for the nodes, as
   * a live network with 3-second blocks effectively does.
   */
  void stepInLockstep(int count) throws InterruptedException {
    for (int i = 0; i < count; i++) {
      devnet.chain().produceBlock();
      long irreversible = devnet.chain().properties().lastIrreversibleBlockNum();
      awaitReports(irreversible);
    }
  }

  /**
   * Signs {@code ops} with {@code user}'s active key against the head and broadcasts them; fails if
   * refused. Returns the transaction's id (hex), as the feed names it.
   */
  String broadcast(io.hivesafe.engine.traffic.TrafficUser user, io.hivesafe.hive.protocol.Operation... ops) {
    return broadcastSignedBy(List.of(user.activeKey()), ops);
  }

  /** Signs {@code ops} with each of {@code keys} against the head and broadcasts them; fails if refused; returns the id. */
  String broadcastSignedBy(List<io.hivesafe.hive.crypto.PrivateKey> keys, io.hivesafe.hive.protocol.Operation... ops) {
    io.hivesafe.devnet.ChainProperties p = devnet.chain().properties();
    io.hivesafe.hive.protocol.Transaction tx = io.hivesafe.hive.protocol.Transaction.builder()
        .referenceBlock(p.headBlockId()).expiration(p.time().plusSeconds(60)).operations(List.of(ops)).build();
    byte[] digest = tx.digest(net.network().chainId(), io.hivesafe.hive.protocol.WireFormat.HF26);
    List<io.hivesafe.hive.crypto.CompactSignature> sigs = new java.util.ArrayList<>();
    for (io.hivesafe.hive.crypto.PrivateKey k : keys) {
      sigs.add(CRYPTO.sign(k, digest));
    }
    tx = tx.withSignatures(sigs);
    io.hivesafe.devnet.Admission a = devnet.chain().broadcast(tx);
    if (!a.isAccepted()) {
      throw new AssertionError("refused: " + a.message());
    }
    return tx.id(io.hivesafe.hive.protocol.WireFormat.HF26).toHex();
  }

  private void step(int count, boolean withTraffic) throws InterruptedException {
    for (int i = 0; i < count; i++) {
      if (withTraffic) {
        traffic.step();
      } else {
        devnet.chain().produceBlock();
      }
      long irreversible = devnet.chain().properties().lastIrreversibleBlockNum();
      if (net.network().isReportBlock(irreversible)) {
        awaitReports(irreversible);
      }
    }
  }

  /** Waits until every running node has committed {@code block} and delivered what it queued. */
  synchronized void awaitReports(long block) throws InterruptedException {
    for (Running r : running.values()) {
      awaitBlock(r.node(), block);
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (r.outbox().pending() > 0 || r.outbox().sent() + r.outbox().failed() < r.node().reportsQueued()) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError(r.node().identity() + ": its reports were not delivered in 20 s");
        }
        Thread.sleep(5);
      }
    }
  }

  static void awaitBlock(SidechainNode node, long block) throws InterruptedException {
    if (!node.awaitBlock(block, Duration.ofSeconds(60))) {
      throw new AssertionError(node.identity() + " did not reach block " + block + " (at " + node.lastBlock() + ", failure "
          + node.failure().map(Throwable::toString).orElse("none") + ")");
    }
  }

  /** Waits until every running node has committed the last irreversible block. */
  synchronized long settle() throws InterruptedException {
    long irreversible = devnet.chain().properties().lastIrreversibleBlockNum();
    for (Running r : running.values()) {
      awaitBlock(r.node(), irreversible);
    }
    return irreversible;
  }

  @Override
  public synchronized void close() {
    for (Running r : running.values()) {
      r.node().close();
      r.client().close();
    }
    running.clear();
    devnet.close();
  }
}
