package io.hivesafe.engine.service;

import io.hivesafe.engine.NodeEvents;
import io.hivesafe.engine.NodeLogContext;
import io.hivesafe.engine.api.ApiServer;
import io.hivesafe.engine.api.NodeView;
import io.hivesafe.engine.metrics.AuthorityMetrics;
import io.hivesafe.engine.metrics.CustodyMetrics;
import io.hivesafe.engine.metrics.NodeMetrics;
import io.hivesafe.engine.metrics.OutboxMetrics;
import io.hivesafe.engine.metrics.OverdueMetrics;
import io.hivesafe.engine.metrics.RcMetrics;
import io.hivesafe.engine.metrics.RpcMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.hivesafe.engine.config.NodeConfig;
import io.hivesafe.engine.node.AuthorityCheck;
import io.hivesafe.engine.node.CustodyCheck;
import io.hivesafe.engine.node.NodeIdentity;
import io.hivesafe.engine.node.Outbox;
import io.hivesafe.engine.node.RcCheck;
import io.hivesafe.engine.node.SidechainNode;
import io.hivesafe.engine.snapshot.BootstrapException;
import io.hivesafe.engine.snapshot.SnapshotBootstrap;
import io.hivesafe.engine.snapshot.SnapshotProducer;
import io.hivesafe.engine.source.BlockSource;
import io.hivesafe.engine.source.RpcBlockSource;
import io.hivesafe.hive.crypto.Secp256k1Signatures;
import io.hivesafe.hive.crypto.SignatureScheme;
import io.hivesafe.hive.protocol.BlockId;
import io.hivesafe.hive.rpc.ChainGuard;
import io.hivesafe.hive.rpc.HiveRpcClient;
import io.hivesafe.hive.rpc.RpcListener;
import io.hivesafe.ops.NetworkGenesis;
import io.hivesafe.ops.NetworkGenesisFile;
import io.hivesafe.state.StateConfig;
import io.hivesafe.state.StateDigest;
import io.hivesafe.state.StateStore;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The node's composition root and lifecycle (STYLE 11): IDLE → RUNNING → STOPPED. {@link #create} checks
 * everything that can be checked before anything opens (the genesis, the keys); {@link #start} opens the
 * state store, the block source, the Hive client, the outbox, the node, the custody, authority and
 * resource credit checks, the metrics and the API, in that order, and starts the node; {@link #close} stops them in reverse. Dependencies go through constructors; nothing here
 * holds a key beyond the node's identity.
 */
public final class NodeController implements AutoCloseable {
  /** Where the service is in its life. */
  public enum State { IDLE, RUNNING, STOPPED }

  private final NodeConfig config;
  private final NetworkGenesis genesis;
  private final Optional<NodeIdentity> identity;
  private final NodeEvents events;
  private final String version;
  private final WrongChainHalt wrongChain;
  private final SignatureScheme crypto = new Secp256k1Signatures();
  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private State state = State.IDLE;
  private int closeFailures;
  private volatile SidechainNode node;

  private HiveRpcClient client;
  private CustodyCheck custody;
  private AuthorityCheck authority;
  private ApiServer api;
  private final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  private NodeController(NodeConfig config, NetworkGenesis genesis, Optional<NodeIdentity> identity, NodeEvents events,
      String version) {
    this.config = config;
    this.genesis = genesis;
    this.identity = identity;
    this.events = events;
    this.version = version;
    this.wrongChain = new WrongChainHalt(events);
  }

  /**
   * Reads the genesis and loads the keys named by {@code config} (from files or {@code environment});
   * every failure is an {@link IllegalArgumentException} naming the config field, and nothing is opened.
   * Off the devnet's chain, the devnet's well-known keys are refused, as the node's or in the genesis
   * ({@link DevnetKeysRule}).
   */
  public static NodeController create(NodeConfig config, Map<String, String> environment, NodeEvents events, String version) {
    NetworkGenesis genesis = readGenesis(config);
    Optional<NodeIdentity> identity = config.account().map(account -> new NodeIdentity(account,
        config.activeKey().orElseThrow().load(environment), config.multisigKey().orElseThrow().load(environment)));
    DevnetKeysRule.check(genesis, config.genesis(), identity);
    return new NodeController(config, genesis, identity, Objects.requireNonNull(events, "events"), version);
  }

  /** Reads and checks the genesis {@code config} names; a failure is an {@link IllegalArgumentException} naming the file. */
  public static NetworkGenesis readGenesis(NodeConfig config) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(config.genesis());
    } catch (IOException e) {
      throw new IllegalArgumentException("genesis: cannot read " + config.genesis() + " (" + e.getClass().getSimpleName() + ")");
    }
    try {
      return NetworkGenesisFile.parse(bytes);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("genesis " + config.genesis() + ": " + e.getMessage(), e);
    }
  }

  /** Opens everything in order and starts following the chain. */
  public synchronized NodeController start() {
    return start(Optional.empty());
  }

  /**
   * As {@link #start()}, first loading the state from a snapshot (a file or an http(s) URL) into the
   * empty state directory, accepted only if the chain vouches for its digest: its record of the multisig
   * account's authority is the chain's, and proven node keys holding the active threshold reported the
   * digest, the consensus under the tally's rule (docs/node.md, "Snapshots and bootstrap").
   */
  public synchronized NodeController start(Optional<String> bootstrap) {
    return start(bootstrap, Optional.empty());
  }

  /**
   * As {@link #start(Optional)}; with {@code expectDigest} the snapshot must have that digest, which the
   * operator vouches for instead of the reports on chain.
   */
  public synchronized NodeController start(Optional<String> bootstrap, Optional<StateDigest> expectDigest) {
    try (NodeLogContext.Scope named = NodeLogContext.naming(logName())) {
      return startNamed(bootstrap, expectDigest);
    }
  }

  /** The node's name on its log lines: its account, or {@code follower}. */
  public String logName() {
    return identity.map(i -> i.account().value()).orElse("follower");
  }

  private NodeController startNamed(Optional<String> bootstrap, Optional<StateDigest> expectDigest) {
    if (state != State.IDLE) {
      throw new IllegalStateException("the node is " + state + ", not IDLE");
    }
    if (expectDigest.isPresent() && bootstrap.isEmpty()) {
      throw new IllegalArgumentException("an expected snapshot digest needs a snapshot to bootstrap from");
    }
    checkChainIds();
    ChainGuard guard = ChainIdCheck.guard(genesis.chainId(), wrongChain);
    if (bootstrap.isPresent()) {
      try (HiveRpcClient api = new HiveRpcClient(config.rpc(), RpcListener.NONE, guard)) {
        SnapshotBootstrap.bootstrap(bootstrap.get(), config.stateDir(), genesis, api, crypto, expectDigest, events);
      } catch (BootstrapException e) {
        state = State.STOPPED;
        throw new IllegalArgumentException("bootstrap: " + e.getMessage(), e);
      }
    }
    try {
      StateStore store = StateStore.open(StateConfig.of(config.stateDir()));
      started.push(store);
      long next = SidechainNode.nextBlock(store, genesis);
      Optional<BlockId> previous = SidechainNode.lastBlockId(store).map(BlockId::fromHex);
      RpcMetrics rpcMetrics = new RpcMetrics(metrics);
      RpcBlockSource source = RpcBlockSource.overRpc(config.source(), config.rpc(), rpcMetrics, guard, next, previous, events);
      started.push(source);
      client = new HiveRpcClient(config.rpc(), rpcMetrics, guard);
      started.push(client);
      Optional<Outbox> outbox = identity.map(i -> new Outbox(client::broadcastTransaction, events, genesis.multisigAccount()));
      outbox.ifPresent(started::push);
      node = new SidechainNode(genesis, store, source.start(), crypto, identity, outbox, events, version);
      wrongChain.watch(node);
      started.clear(); // from here the node owns and closes the store, the source and the outbox
      started.push(client);
      started.push(node);
      SidechainNode running = node;
      BooleanSupplier live = () -> running.source().mode() == BlockSource.Mode.LIVE;
      custody = new CustodyCheck(genesis, store, client, events).onlyWhen(live);
      started.push(custody);
      node.onCommit(custody.every(CustodyCheck.DEFAULT_EVERY));
      authority = new AuthorityCheck(genesis, store, client, events).onlyWhen(live);
      started.push(authority);
      node.onCommit(authority.atStartAndTallies());
      RcCheck rc = new RcCheck(identity.map(NodeIdentity::account), genesis.multisigAccount(), client, outbox, events).onlyWhen(live);
      started.push(rc);
      node.onCommit(rc.every(RcCheck.DEFAULT_EVERY));
      SnapshotProducer snapshots = new SnapshotProducer(store, genesis, config.snapshotDir(), config.snapshots().every(),
          config.snapshots().keep(), events).onlyWhen(live);
      started.push(snapshots);
      node.onCommit(snapshots.afterCommits());
      NodeView view = NodeView.of(node, genesis, version, Optional.of(custody), Optional.of(authority), Optional.of(rc));
      new NodeMetrics(metrics, node, view);
      outbox.ifPresent(o -> OutboxMetrics.register(metrics, o));
      CustodyMetrics.register(metrics, custody::lastReport);
      AuthorityMetrics.register(metrics, authority::lastReport);
      OverdueMetrics.register(metrics, view, Clock.systemUTC());
      RcMetrics.register(metrics, rc, outbox);
      api = new ApiServer(config.http(), view, metrics, events);
      try {
        api.start();
      } catch (IOException e) {
        throw new IllegalArgumentException("http: cannot listen on " + config.http().bindAddress() + ":" + config.http().port()
            + " (" + e.getMessage() + ")", e);
      }
      started.push(api);
      node.start();
      state = State.RUNNING;
      return this;
    } catch (RuntimeException e) {
      closeStarted();
      state = State.STOPPED;
      throw e;
    }
  }

  /**
   * Asks every endpoint its chain id: one that serves another chain than the genesis's refuses the start
   * (an {@link IllegalArgumentException} with one line saying what to do); one that does not answer is
   * logged, and is checked before its first use by the clients' {@link ChainGuard}.
   */
  private void checkChainIds() {
    List<ChainIdCheck.Answer> answers = ChainIdCheck.ask(config.rpc(), genesis.chainId());
    List<ChainIdCheck.Other> others = ChainIdCheck.others(answers);
    if (!others.isEmpty()) {
      state = State.STOPPED;
      throw new IllegalArgumentException("api.endpoints: " + others.get(0).line());
    }
    for (ChainIdCheck.NoAnswer silent : ChainIdCheck.silent(answers)) {
      events.chainIdUnchecked(io.hivesafe.hive.rpc.EndpointText.of(silent.endpoint()), silent.reason());
    }
  }

  /** Stops everything in reverse order; safe to call twice. */
  @Override
  public synchronized void close() {
    if (state == State.STOPPED) {
      return;
    }
    try (NodeLogContext.Scope named = NodeLogContext.naming(logName())) {
      boolean wasRunning = state == State.RUNNING;
      closeFailures = closeStarted();
      state = State.STOPPED;
      if (wasRunning && closeFailures == 0) {
        events.nodeClosed(node.lastBlock());
      } else if (wasRunning) {
        events.nodeClosedWithErrors(node.lastBlock(), closeFailures);
      }
    }
  }

  /** Closes what was started, in reverse; returns how many failed to close. */
  private int closeStarted() {
    int failures = 0;
    while (!started.isEmpty()) {
      try {
        started.pop().close();
      } catch (Exception e) {
        failures++;
        events.componentCloseFailed(e);
      }
    }
    return failures;
  }

  /** Whether everything closed without an error (true until closed): {@code run} exits 2 when not. */
  public synchronized boolean closedCleanly() {
    return closeFailures == 0;
  }

  /** Test seam: {@code component} is closed with the others, first (as if started last). */
  synchronized void alsoClose(AutoCloseable component) {
    started.push(component);
  }

  public synchronized State state() {
    return state;
  }

  public NetworkGenesis genesis() {
    return genesis;
  }

  public NodeConfig config() {
    return config;
  }

  /** Who the node is (its account and keys, loaded by {@link #create}); empty for a follower. */
  public Optional<NodeIdentity> identity() {
    return identity;
  }

  /** The running node (after {@link #start}). */
  public synchronized SidechainNode node() {
    if (node == null) {
      throw new IllegalStateException("the node is not started");
    }
    return node;
  }

  /** The API server (after {@link #start}): its {@code url()} is the status page. */
  public synchronized ApiServer api() {
    if (api == null) {
      throw new IllegalStateException("the node is not started");
    }
    return api;
  }

  /** The authority check (after {@link #start}). */
  public synchronized AuthorityCheck authorityCheck() {
    if (authority == null) {
      throw new IllegalStateException("the node is not started");
    }
    return authority;
  }

  /** The custody check (after {@link #start}). */
  public synchronized CustodyCheck custodyCheck() {
    if (custody == null) {
      throw new IllegalStateException("the node is not started");
    }
    return custody;
  }
}
