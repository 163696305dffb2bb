package io.hivesafe.sim;

import io.hivesafe.devnet.ChainAccount;
import io.hivesafe.devnet.DevnetChain;
import io.hivesafe.devnet.ProducedBlock;
import io.hivesafe.hive.crypto.Secp256k1Signatures;
import io.hivesafe.hive.protocol.AssetSymbol;
import io.hivesafe.hive.protocol.Block;
import io.hivesafe.hive.protocol.CustomJsonOperation;
import io.hivesafe.hive.protocol.Operation;
import io.hivesafe.hive.protocol.Transaction;
import io.hivesafe.ops.BlockOutcome;
import io.hivesafe.ops.NetworkGenesis;
import io.hivesafe.ops.NetworkParams;
import io.hivesafe.ops.TallyRecord;
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
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * One seed, one network, run to the end or to the first broken invariant (docs/simulation.md).
 *
 * <p>Everything happens on the caller's thread, in an order the seed decides: each step the simulator
 * draws the block's faults and byzantine transactions, the traffic generator adds users' operations, the
 * devnet produces the block, the oracle applies what became irreversible and the invariants are checked
 * on it, then every running node — in an order drawn from the seed — is shown what its API shows and
 * applies it, its sends going through {@link #deliver}. The faults are drawn by {@link NodeFaults} and
 * {@link ByzantineAttacks} and written down in the {@link RunRecord}. No wall clock, no sleeps, no threads: the same seed
 * gives the same blocks, the same faults and the same digests, which {@link SimResult#trace()} proves.
 */
public final class Simulation implements AutoCloseable {
  static final Secp256k1Signatures CRYPTO = new Secp256k1Signatures();
  private static final String ATTACKER_MALLORY = "acct/mallory";

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
  private final SplittableRandom faults;
  private final SplittableRandom order;
  private final RunRecord record = new RunRecord();
  private final NodeFaults nodeFaults;
  private final ByzantineAttacks attacks;
  private long head;
  private long lostSends;
  /** The oracle's tally records by tally block (looked up, never iterated). */
  private final java.util.Map<Long, TallyRecord> oracleTallies = new java.util.HashMap<>();
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
    this.faults = root.split();
    this.order = root.split();
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
    for (TrafficNode n : net.nodes()) {
      nodes.add(new SimNode(n, genesis, chain, CRYPTO, dir.resolve(n.name().value()), scenario.batchSize(), this::deliver));
    }
    this.nodeFaults = new NodeFaults(scenario, genesis, chain, adversary, nodes, faults, record, this::start);
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
        checks.violations(), record.traceHex(), livenessClaimed(), lostSends, boundTallies,
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
      outcome.tally().ifPresent(t -> oracleTallies.put(b.number(), t));
      checks.afterBlock(b, outcome);
      record.trace(oracle.accumulatorAfter(b.number()));
    }
    List<SimNode> turn = new ArrayList<>();
    for (SimNode n : nodes) {
      if (n.running()) {
        turn.add(n);
      }
    }
    shuffle(turn);
    for (SimNode n : turn) {
      if (checks.violations().isEmpty()) {
        stepNode(n, block, produced.number(), irreversible);
      }
    }
  }

  private void stepNode(SimNode n, long block, long headNow, long irreversible) {
    try {
      n.step(block, headNow, irreversible);
    } catch (SimulatedCrash crash) {
      crashed(n, block);
      return;
    } catch (Exception e) {
      checks.violation(Invariant.NO_NODE_FAILURE, block, n.name + " stopped: " + stackOf(e));
      n.stop();
      n.dead = true;
      return;
    }
    checks.count(Invariant.NO_NODE_FAILURE);
    if (n.node().failure().isPresent()) {
      checks.violation(Invariant.NO_NODE_FAILURE, block, n.name + " failed: " + stackOf(n.node().failure().get()));
      return;
    }
    if (n.crashAtSend >= 0) {
      // It sent fewer than the armed number this step: it dies after its last commit all the same.
      crashed(n, block);
    }
  }

  private void crashed(SimNode n, long block) {
    // A crash at a send comes after the block's commit and before the node's listeners: check that block here.
    long last = n.node().store().lastBlock().orElse(0);
    if (last > n.lastCommitted) {
      n.lastCommitted = last;
      committed(n, last, null);
    }
    long committed = n.lastCommitted;
    int delivered = n.sendsThisStep;
    n.stop();
    n.restartAt = block + 1 + faults.nextInt(30);
    record.record(block, FaultKind.CRASH, n.name, "after committing block " + committed + " with " + delivered
        + " sends of the step delivered; restarts at block " + n.restartAt);
  }

  /**
   * A node committed {@code block}: its digest must be the oracle's, and a tampered node must see its
   * divergence at a tally (the oracle's record of the block says whether it was one). An exception here is
   * the simulator's, not the node's: it is reported as such.
   */
  private void committed(SimNode n, long block, BlockOutcome ignored) {
    try {
      checkCommitted(n, block);
    } catch (RuntimeException e) {
      checks.violation(Invariant.SIMULATOR_SOUND, block, "checking " + n.name + "'s block: " + stackOf(e));
    }
  }

  private void checkCommitted(SimNode n, long block) {
    boolean tampered = n.tamperedAfter >= 0 && block >= n.tamperedAfter;
    if (!tampered) {
      checks.count(Invariant.DIGESTS_AGREE);
      // Equal accumulators are equal digests; only a difference pays for the two modular inverses.
      if (!Arrays.equals(n.node().store().digestAccumulator(), oracle.accumulatorAfter(block))) {
        String digest = n.node().store().digest().hex();
        String expected = oracle.digestAfter(block);
        if (!digest.equals(expected)) {
          checks.violation(Invariant.DIGESTS_AGREE, block, n.name + " has " + digest + ", the oracle " + expected);
        }
      }
    }
    Optional<TallyRecord> tally = Optional.ofNullable(oracleTallies.get(block));
    if (n.tamperedAfter >= 0 && tally.isPresent() && tally.get().consensus() && tally.get().reportBlock() >= n.tamperedAfter) {
      checks.count(Invariant.TAMPERING_DETECTED);
      if (!n.node().diverged()) {
        checks.violation(Invariant.TAMPERING_DETECTED, block, n.name + "'s store was changed after block " + n.tamperedAfter
            + ", yet the tally of block " + block + " (consensus on report block " + tally.get().reportBlock()
            + ") left it undiverged");
      }
    }
  }

  /** A node's send: checked, then maybe lost, maybe the crash point, else broadcast to the devnet. */
  private void deliver(SimNode n, Transaction tx) {
    try {
      send(n, tx);
    } catch (SimulatedCrash crash) {
      throw crash;
    } catch (RuntimeException e) {
      checks.violation(Invariant.SIMULATOR_SOUND, head + 1, "delivering " + n.name + "'s transaction: " + stackOf(e));
    }
  }

  private void send(SimNode n, Transaction tx) {
    String kind = kindOf(tx);
    if (!kind.equals("report")) {
      checks.count(Invariant.NO_DIVERGED_SIGNATURE);
      if (n.node().diverged()) {
        checks.violation(Invariant.NO_DIVERGED_SIGNATURE, head, n.name + " sent a " + kind + " after its divergence");
      }
    }
    if (n.crashAtSend >= 0 && n.sendsThisStep == n.crashAtSend) {
      throw new SimulatedCrash(n.name, n.lastCommitted);
    }
    n.sendsThisStep++;
    long block = head + 1;
    boolean lost = (block < n.loseUntil && (n.loses.equals("all") || n.loses.equals(kind)))
        || (block < nodeFaults.starvedUntil() && kind.equals("broadcast"));
    if (lost) {
      lostSends++;
      return;
    }
    chain.broadcast(tx);
  }

  private String kindOf(Transaction tx) {
    for (Operation op : tx.operations()) {
      if (op instanceof CustomJsonOperation c && c.id().equals(genesis.opId("report"))) {
        return "report";
      }
      if (op instanceof CustomJsonOperation c && c.id().equals(genesis.opId("sig_submit"))) {
        return "sig_submit";
      }
    }
    return "broadcast";
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
    n.start((b, outcome) -> committed(n, b, outcome));
  }

  private void shuffle(List<SimNode> list) {
    for (int i = list.size() - 1; i > 0; i--) {
      int j = order.nextInt(i + 1);
      SimNode t = list.get(i);
      list.set(i, list.get(j));
      list.set(j, t);
    }
  }

  private static String stackOf(Throwable e) {
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
