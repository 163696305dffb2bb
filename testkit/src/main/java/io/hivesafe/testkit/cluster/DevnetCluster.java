package io.hivesafe.testkit.cluster;

import io.hivesafe.devnet.Admission;
import io.hivesafe.devnet.ChainProperties;
import io.hivesafe.devnet.Devnet;
import io.hivesafe.devnet.DevnetConfig;
import io.hivesafe.engine.NodeEvents;
import io.hivesafe.engine.NodeLogContext;
import io.hivesafe.engine.node.NodeIdentity;
import io.hivesafe.engine.node.Outbox;
import io.hivesafe.engine.node.RcCheck;
import io.hivesafe.engine.node.SidechainNode;
import io.hivesafe.engine.source.BlockSourceConfig;
import io.hivesafe.engine.source.RpcBlockSource;
import io.hivesafe.hive.crypto.CompactSignature;
import io.hivesafe.hive.crypto.PrivateKey;
import io.hivesafe.hive.crypto.Secp256k1Signatures;
import io.hivesafe.hive.protocol.BlockId;
import io.hivesafe.hive.protocol.Operation;
import io.hivesafe.hive.protocol.Transaction;
import io.hivesafe.hive.protocol.WireFormat;
import io.hivesafe.hive.rpc.HiveRpcClient;
import io.hivesafe.hive.rpc.RpcConfig;
import io.hivesafe.hive.rpc.RpcListener;
import io.hivesafe.state.StateConfig;
import io.hivesafe.state.StateStore;
import io.hivesafe.testkit.traffic.DevnetTraffic;
import io.hivesafe.testkit.traffic.TrafficGenerator;
import io.hivesafe.testkit.traffic.TrafficNetwork;
import io.hivesafe.testkit.traffic.TrafficNode;
import io.hivesafe.testkit.traffic.TrafficUser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A devnet with stepped blocks, seeded traffic, and real {@link SidechainNode}s following it over
 * JSON-RPC, each with its own store (in a directory of its own under {@code root}), block source and
 * outbox, reporting and signing when live. Records every node's digest after every block. For
 * end-to-end tests and benchmarks, not for production: it runs every node in this process.
 *
 * <p>The caller paces the chain. {@link #step} produces blocks with traffic and, after a report block
 * becomes irreversible, waits until the running nodes have committed it and delivered their reports, so
 * the reports land in time; {@link #stepInLockstep} waits like that after every block, so the chain
 * never outruns the nodes (as a live network with 3-second blocks effectively does) and block counts
 * are the protocol's, not the machine's.
 */
public class DevnetCluster implements AutoCloseable {
  /** The signature scheme of every node of the cluster. */
  public static final Secp256k1Signatures CRYPTO = new Secp256k1Signatures();
  /** The version string the nodes put in their reports. */
  public static final String NODE_VERSION = "test";
  private static final Duration POLL = Duration.ofMillis(20);
  private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(20);
  private static final Duration BLOCK_TIMEOUT = Duration.ofSeconds(60);

  private final TrafficNetwork net;
  private final Devnet devnet;
  private final DevnetTraffic traffic;
  private final Path root;
  private final Map<String, Running> running = new TreeMap<>();
  /** node → block → digest after that block. */
  private final Map<String, Map<Long, String>> digests = new ConcurrentHashMap<>();
  private volatile RpcListener rpcListener = RpcListener.NONE;

  private record Running(SidechainNode node, Outbox outbox, HiveRpcClient client, RcCheck rc) {}

  /** A cluster on {@code net}'s devnet settings; {@code tune} adjusts the seeded traffic generator. */
  public DevnetCluster(TrafficNetwork net, Path root, long seed, Function<TrafficGenerator.Builder, TrafficGenerator.Builder> tune) {
    this(net, net.devnetConfig(), root, seed, tune);
  }

  public DevnetCluster(TrafficNetwork net, DevnetConfig config, Path root, long seed,
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

  public TrafficNetwork network() {
    return net;
  }

  public Devnet devnet() {
    return devnet;
  }

  public DevnetTraffic traffic() {
    return traffic;
  }

  /** Every node's digest after every block it committed (node → block → digest): a live view. */
  public Map<String, Map<Long, String>> digests() {
    return Collections.unmodifiableMap(digests);
  }

  public TrafficNode node(int i) {
    return net.nodes().get(i);
  }

  /** Tells {@code listener} about every JSON-RPC attempt of the nodes started from now on (metrics). */
  public DevnetCluster rpcListener(RpcListener listener) {
    this.rpcListener = java.util.Objects.requireNonNull(listener, "listener");
    return this;
  }

  /** Starts (or restarts) a node on its store, resuming after its last commit. */
  public SidechainNode start(TrafficNode n) {
    return start(n, new NodeEvents());
  }

  /** As {@link #start(TrafficNode)}, the node's lines going to {@code events} (a test reads them back). */
  public synchronized SidechainNode start(TrafficNode n, NodeEvents events) {
    try (NodeLogContext.Scope named = NodeLogContext.naming(n.name().value())) {
      return startNamed(n, events);
    }
  }

  private SidechainNode startNamed(TrafficNode n, NodeEvents events) {
    String name = n.name().value();
    if (running.containsKey(name)) {
      throw new IllegalStateException(name + " is running");
    }
    StateStore store = StateStore.open(StateConfig.of(root.resolve(name)));
    long next = SidechainNode.nextBlock(store, net.network());
    Optional<BlockId> previous = SidechainNode.lastBlockId(store).map(BlockId::fromHex);
    RpcBlockSource source = RpcBlockSource.overRpc(
        BlockSourceConfig.defaults().withPollInterval(POLL).withBackoff(POLL, Duration.ofMillis(200)),
        RpcConfig.withEndpoints(List.of(devnet.url(0))), rpcListener, next, previous, events);
    HiveRpcClient client = new HiveRpcClient(RpcConfig.withEndpoints(List.of(devnet.url(0))), rpcListener);
    Outbox outbox = new Outbox(client::broadcastTransaction, events, net.network().multisigAccount());
    NodeIdentity identity = new NodeIdentity(n.name(), n.user().activeKey(), n.multisigKey());
    SidechainNode node = new SidechainNode(net.network(), store, source.start(), CRYPTO, Optional.of(identity),
        Optional.of(outbox), events, NODE_VERSION);
    Map<Long, String> mine = digests.computeIfAbsent(name, k -> new ConcurrentHashMap<>());
    node.onCommit((block, outcome) -> mine.put(block, store.digest().hex()));
    RcCheck rc = new RcCheck(Optional.of(n.name()), net.network().multisigAccount(), client, Optional.of(outbox), events);
    running.put(name, new Running(node, outbox, client, rc));
    return node.start();
  }

  /** Starts every node of the network. */
  public void startAll() {
    for (TrafficNode n : net.nodes()) {
      start(n);
    }
  }

  public synchronized void stop(TrafficNode n) {
    Running r = running.remove(n.name().value());
    r.rc().close();
    r.node().close();
    r.client().close();
  }

  public synchronized SidechainNode running(TrafficNode n) {
    return running.get(n.name().value()).node();
  }

  /** The outbox of a running node (its broadcasts: reports, signatures, multisig transactions). */
  public synchronized Outbox outbox(TrafficNode n) {
    return running.get(n.name().value()).outbox();
  }

  /**
   * The resource credit check of a running node (its own account and the multisig account): not
   * scheduled, so that a test reads when it chooses ({@link RcCheck#check}).
   */
  public synchronized RcCheck rcCheck(TrafficNode n) {
    return running.get(n.name().value()).rc();
  }

  /** Produces {@code count} blocks with traffic, pacing at report blocks. */
  public void step(int count) throws InterruptedException {
    step(count, true);
  }

  /** Produces {@code count} blocks holding only what was broadcast (the nodes' own transactions, a caller's). */
  public void stepQuiet(int count) throws InterruptedException {
    step(count, false);
  }

  /**
   * Produces {@code count} blocks one at a time, each only after every running node has committed the
   * last irreversible block and handed what it queued to the devnet: the chain waits for the nodes, as
   * a live network with 3-second blocks effectively does.
   */
  public void stepInLockstep(int count) throws InterruptedException {
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
  public String broadcast(TrafficUser user, Operation... ops) {
    return broadcastSignedBy(List.of(user.activeKey()), ops);
  }

  /** Signs {@code ops} with each of {@code keys} against the head and broadcasts them; fails if refused; returns the id. */
  public String broadcastSignedBy(List<PrivateKey> keys, Operation... ops) {
    ChainProperties p = devnet.chain().properties();
    Transaction tx = Transaction.builder()
        .referenceBlock(p.headBlockId()).expiration(p.time().plusSeconds(60)).operations(List.of(ops)).build();
    byte[] digest = tx.digest(net.network().chainId(), WireFormat.HF26);
    List<CompactSignature> sigs = new ArrayList<>();
    for (PrivateKey k : keys) {
      sigs.add(CRYPTO.sign(k, digest));
    }
    Transaction signed = tx.withSignatures(sigs);
    Admission a = devnet.chain().broadcast(signed);
    if (!a.isAccepted()) {
      throw new IllegalStateException("refused: " + a.message());
    }
    return signed.id(WireFormat.HF26).toHex();
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
  public synchronized void awaitReports(long block) throws InterruptedException {
    for (Running r : running.values()) {
      awaitBlock(r.node(), block);
      long deadline = System.nanoTime() + DELIVERY_TIMEOUT.toNanos();
      // a transaction held for resource credits waits for RC, not for the chain: not waited for here
      while (r.outbox().pending() - r.outbox().rcHeld() > 0
          || r.outbox().sent() + r.outbox().failed() + r.outbox().dropped() + r.outbox().rcHeld() < r.node().reportsQueued()) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(r.node().identity() + ": its reports were not delivered in "
              + DELIVERY_TIMEOUT.toSeconds() + " s");
        }
        Thread.sleep(5);
      }
    }
  }

  /** Waits until {@code node} has committed {@code block}; throws if it does not within a minute or stops. */
  public static void awaitBlock(SidechainNode node, long block) throws InterruptedException {
    if (!node.awaitBlock(block, BLOCK_TIMEOUT)) {
      throw new IllegalStateException(node.identity() + " did not reach block " + block + " (at " + node.lastBlock()
          + ", failure " + node.failure().map(Throwable::toString).orElse("none") + ")");
    }
  }

  /** Waits until every running node has committed the last irreversible block; returns that block. */
  public synchronized long settle() throws InterruptedException {
    long irreversible = devnet.chain().properties().lastIrreversibleBlockNum();
    for (Running r : running.values()) {
      awaitBlock(r.node(), irreversible);
    }
    return irreversible;
  }

  @Override
  public synchronized void close() {
    for (Running r : running.values()) {
      r.rc().close();
      r.node().close();
      r.client().close();
    }
    running.clear();
    devnet.close();
  }
}
