package io.hivesafe.sim;

import io.hivesafe.devnet.ChainAccount;
import io.hivesafe.devnet.DevnetChain;
import io.hivesafe.devnet.ProducedBlock;
import io.hivesafe.hive.crypto.Secp256k1Signatures;
import io.hivesafe.hive.protocol.AssetSymbol;
import io.hivesafe.hive.protocol.Block;
import io.hivesafe.ops.BlockOutcome;
import io.hivesafe.ops.NetworkGenesis;
import io.hivesafe.ops.NetworkParams;
import io.hivesafe.testkit.traffic.ChainHead;
import io.hivesafe.testkit.traffic.TrafficGenerator;
import io.hivesafe.testkit.traffic.TrafficKind;
import io.hivesafe.testkit.traffic.TrafficMix;
import io.hivesafe.testkit.traffic.TrafficNetwork;
import io.hivesafe.testkit.traffic.TrafficNode;
import io.hivesafe.testkit.traffic.TrafficTransaction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * One seed, one network, run to the end or to the first broken invariant (docs/simulation.md).
 *
 * <p>Everything happens on the caller's thread, in an order the seed decides: each step the simulator
 * draws the block's faults and byzantine transactions, the traffic generator adds users' operations, the
 * devnet produces the block, the oracle applies what became irreversible and the invariants are checked
 * on it, then every running node — in an order drawn from the seed — is shown what its API shows and
 * applies it ({@link NodeTurns}), its sends going through {@link NodeSends} and each block it commits
 * checked by the {@link CommittedBlockCheck}. The faults are drawn by {@link NodeFaults} and
 * {@link ByzantineAttacks} and written down in the {@link RunRecord}. No wall clock, no sleeps, no
 * threads: the same seed gives the same blocks, the same faults and the same digests, which
 * {@link SimResult#trace()} proves.
 */
public final class Simulation implements AutoCloseable {
  static final Secp256k1Signatures CRYPTO = new Secp256k1Signatures();

  private final Scenario scenario;
  private final Path dir;
  private final TrafficNetwork net;
  private final NetworkGenesis genesis;
  private final DevnetChain chain;
  private final TrafficGenerator traffic;
  private final Oracle oracle;
  private final List<SimNode> nodes = new ArrayList<>();
  private final Adversary adversary;
  private final InvariantChecks checks;
  private final RunRecord record = new RunRecord();
  private final NodeFaults nodeFaults;
  private final ByzantineAttacks attacks;
  private final CommittedBlockCheck commits;
  private final NodeSends sends;
  private final NodeTurns turns;
  private long head;
  /** The liveness bound in tallies, set when the faults stop (docs/simulation.md, "Liveness"). */
  private long boundTallies;

  /**
   * What a test may do to the world behind the simulator's back, to show that an invariant notices
   * (SimulationBitesTest), or what the consensus vector's recorder adds to the run ({@link VectorHooks}).
   * The simulator itself never uses them.
   */
  interface Hooks {
    Hooks NONE = new Hooks() {};

    /** Before the devnet produces {@code block}. */
    default void beforeProduce(long block, DevnetChain chain, Simulation sim) {}
  }

  private final Hooks hooks;

  private Simulation(Scenario scenario, Path dir, Hooks hooks) {
    this.scenario = scenario;
    this.hooks = hooks;
    this.dir = dir;
    SplittableRandom root = new SplittableRandom(scenario.seed());
    SplittableRandom faults = root.split();
    SplittableRandom order = root.split();
    SplittableRandom attackDraws = root.split();
    long trafficSeed = root.nextLong();
    this.net = network(scenario);
    this.genesis = net.network();
    this.chain = new DevnetChain(net.devnetConfig());
    TrafficMix mix = TrafficMix.busy().withShape(0.6, 3, 0.02, 5, 12).withBackground(0.1, 2)
        .withWeight(TrafficKind.WITHDRAW, 120).withWeight(TrafficKind.DEPOSIT, 150);
    // Only the genesis nodes: the generator would register the joiners with keys their nodes do not hold;
    // the simulator registers them itself, with their real keys (FaultKind.JOIN).
    this.traffic = TrafficGenerator.builder(net.network()).users(net.users())
        .nodes(net.nodes().subList(0, scenario.genesisNodes())).seed(trafficSeed).mix(mix).build();
    this.oracle = new Oracle(genesis, CRYPTO, dir.resolve("oracle"));
    this.adversary = new Adversary(chain, genesis, CRYPTO);
    this.checks = new InvariantChecks(genesis, CRYPTO, oracle);
    this.commits = new CommittedBlockCheck(checks, oracle);
    this.nodeFaults = new NodeFaults(scenario, genesis, chain, adversary, nodes, faults, record, this::start);
    this.sends = new NodeSends(genesis, chain, checks, nodeFaults, () -> head);
    this.turns = new NodeTurns(nodes, checks, commits, order, faults, record);
    for (TrafficNode n : net.nodes()) {
      nodes.add(new SimNode(n, genesis, chain, CRYPTO, dir.resolve(n.name().value()), scenario.batchSize(), sends::deliver));
    }
    this.attacks = new ByzantineAttacks(scenario, genesis, chain, oracle, adversary, checks, nodes, faults, attackDraws, record);
    for (int i : scenario.byzantine()) {
      nodeFaults.faultyForGood(nodes.get(i).name);
    }
  }

  /**
   * The simulated network: the scenario's genesis nodes and joiners, six users, a tally every 20 blocks,
   * rounds that expire after 90 seconds (30 blocks) and are recast every 5 blocks, stake that unlocks in
   * 40 blocks, so that a few hundred blocks hold many rounds, expiries and unlocks.
   */
  static TrafficNetwork network(Scenario s) {
    NetworkParams params = TrafficNetwork.defaultParams().with("expiration_seconds", 90).with("recast_interval", 5)
        .with("unlock_delay", 40);
    return TrafficNetwork.create(s.users(), s.genesisNodes() + s.joiners(), s.genesisNodes(), params,
        TrafficNetwork.Shape.DEFAULT.withIntervals(Scenario.TALLY_INTERVAL, Scenario.REPORT_OFFSET));
  }

  /** Runs {@code scenario} in a fresh directory under {@code work}, deleted afterwards. */
  public static SimResult run(Scenario scenario, Path work) {
    return run(scenario, work, Hooks.NONE);
  }

  static SimResult run(Scenario scenario, Path work, Hooks hooks) {
    Path dir;
    try {
      Files.createDirectories(work);
      dir = Files.createTempDirectory(work, "seed-" + scenario.seed() + "-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try (Simulation sim = new Simulation(scenario, dir, hooks)) {
      return sim.run();
    } finally {
      delete(dir);
    }
  }

  private SimResult run() {
    for (SimNode n : nodes) {
      start(n);
    }
    head = chain.headBlockNumber();
    try {
      while (head < lastBlock() && checks.violations().isEmpty()) {
        checks.count(Invariant.SIMULATOR_SOUND);
        step(head + 1);
        head = chain.headBlockNumber();
      }
      if (checks.violations().isEmpty()) {
        checks.liveness(scenario.faultBlocks(), livenessClaimed());
      }
    } catch (RuntimeException e) {
      checks.violation(Invariant.SIMULATOR_SOUND, head + 1, "the simulator threw: " + stackOf(e));
    }
    if (oracle.lastBlock() > 0) {
      record.trace(oracle.digestAfter(oracle.lastBlock()).getBytes(StandardCharsets.UTF_8));
    }
    return new SimResult(scenario, head, record.schedule(), record.injected(), checks.counts(),
        checks.violations(), record.traceHex(), livenessClaimed(), sends.lostSends(), boundTallies,
        checks.rotations());
  }

  /**
   * The last block of the run: the scenario's, or later when the liveness bound set when the faults
   * stopped needs more quiet blocks.
   */
  private long lastBlock() {
    // The oracle trails the head by the irreversible lag: the run goes on until it has seen the whole window.
    return scenario.faultBlocks() + Math.max(scenario.tailBlocks(), boundTallies * Scenario.TALLY_INTERVAL)
        + chain.config().irreversibleLag();
  }

  /** Whether this run holds the network to liveness: at most n − threshold signers faulty for good. */
  boolean livenessClaimed() {
    return !scenario.collusion() && nodeFaults.faultyForGoodCount() <= scenario.budget();
  }

  private void step(long block) {
    boolean faulty = block <= scenario.faultBlocks();
    if (block == scenario.faultBlocks() + 1) {
      faultsStop(block);
    }
    for (SimNode n : nodes) {
      if (!n.dead && !n.running() && n.restartAt >= 0 && n.restartAt <= block) {
        start(n);
        record.record(block, FaultKind.RESTART, n.name, "resumes after block " + n.lastCommitted);
      }
    }
    if (faulty) {
      nodeFaults.draw(block);
    }
    attacks.draw(block, faulty);
    for (TrafficTransaction tx : traffic.nextBlock(ChainHead.of(chain.head()))) {
      chain.broadcast(tx.transaction());
    }
    hooks.beforeProduce(block, chain, this);
    ProducedBlock produced = chain.produceBlock();
    ChainAccount ms = chain.account(genesis.multisigAccount()).orElseThrow();
    checks.chainAfter(produced.number(), ms.balance(AssetSymbol.HIVE).amount(), ms.balance(AssetSymbol.HBD).amount(),
        ms.authorities(), chain.pendingCount());
    long irreversible = chain.lastIrreversibleBlockNumber();
    while (oracle.lastBlock() < irreversible && checks.violations().isEmpty()) {
      Block b = chain.block(oracle.lastBlock() + 1).orElseThrow().block();
      checks.beforeBlock(b.number());
      BlockOutcome outcome;
      try {
        outcome = oracle.apply(b);
      } catch (RuntimeException e) {
        // The core itself failed on the block: every node would stop on it too.
        checks.violation(Invariant.NO_NODE_FAILURE, b.number(), "the core threw applying block " + b.number()
            + " in the oracle: " + stackOf(e));
        return;
      }
      outcome.tally().ifPresent(t -> commits.tally(b.number(), t));
      checks.afterBlock(b, outcome);
      record.trace(oracle.accumulatorAfter(b.number()));
    }
    turns.take(block, produced.number(), irreversible);
  }

  private void faultsStop(long block) {
    nodeFaults.stop(block);
    boundTallies = checks.livenessBound();
    record.note(block, FaultKind.QUIET, "-", "the faults stop; liveness bound " + boundTallies + " tallies");
  }

  /** For a hook: a query of the oracle's state (the irreversible blocks applied so far). */
  <T> T readOracle(java.util.function.Function<io.hivesafe.state.StateReader, T> query) {
    return oracle.read(query);
  }

  /**
   * For a test: changes the store of running node {@code index} as {@link FaultKind#TAMPERED_STATE} does,
   * but without telling the invariants, which must then find it.
   */
  void tamperUnannounced(int index) {
    nodeFaults.tamperUnannounced(nodes.get(index));
  }

  /** Starts {@code n}, each block it commits checked against the oracle. */
  private void start(SimNode n) {
    n.start((b, outcome) -> commits.check(n, b));
  }

  /** {@code e} and its causes, each with its first frames, for a violation's detail. */
  static String stackOf(Throwable e) {
    StringBuilder s = new StringBuilder(e.toString());
    StackTraceElement[] frames = e.getStackTrace();
    for (int i = 0; i < Math.min(8, frames.length); i++) {
      s.append("\n    at ").append(frames[i]);
    }
    if (e.getCause() != null && e.getCause() != e) {
      s.append("\n  caused by ").append(stackOf(e.getCause()));
    }
    return s.toString();
  }

  @Override
  public void close() {
    for (SimNode n : nodes) {
      n.stop();
    }
    oracle.close();
  }

  static void delete(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
