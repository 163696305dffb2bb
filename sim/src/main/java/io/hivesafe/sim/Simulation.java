package io.hivesafe.sim;

import io.hivesafe.devnet.ChainAccount;
import io.hivesafe.devnet.DevnetChain;
import io.hivesafe.devnet.ProducedBlock;
import io.hivesafe.hive.authority.AccountAuthorities;
import io.hivesafe.hive.crypto.Secp256k1Signatures;
import io.hivesafe.hive.protocol.AssetSymbol;
import io.hivesafe.hive.protocol.Block;
import io.hivesafe.hive.protocol.BlockTransaction;
import io.hivesafe.hive.protocol.CustomJsonOperation;
import io.hivesafe.hive.protocol.Operation;
import io.hivesafe.hive.protocol.Transaction;
import io.hivesafe.ops.BlockApplier;
import io.hivesafe.ops.BlockOutcome;
import io.hivesafe.ops.MultisigTx;
import io.hivesafe.ops.NetworkGenesis;
import io.hivesafe.ops.NetworkParams;
import io.hivesafe.ops.SidechainState;
import io.hivesafe.ops.TallyRecord;
import io.hivesafe.state.StateKey;
import io.hivesafe.state.StateStore;
import io.hivesafe.state.StateTransaction;
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
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * One seed, one network, run to the end or to the first broken invariant (docs/simulation.md).
 *
 * <p>Everything happens on the caller's thread, in an order the seed decides: each step the simulator
 * draws the block's faults and byzantine transactions, the traffic generator adds users' operations, the
 * devnet produces the block, the oracle applies what became irreversible and the invariants are checked
 * on it, then every running node — in an order drawn from the seed — is shown what its API shows and
 * applies it, its sends going through {@link #deliver}. No wall clock, no sleeps, no threads: the same seed
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
  private final SplittableRandom attacks;
  private final List<Fault> schedule = new ArrayList<>();
  private final EnumMap<FaultKind, Long> injected = new EnumMap<>(FaultKind.class);
  /** Nodes faulty for good (dead, tampered, byzantine): against the liveness budget. */
  private final TreeSet<String> faultyForGood = new TreeSet<>();
  private final MessageDigest trace;
  private long head;
  private long starvedUntil;
  private long lostSends;
  /** The block the ghost payout was proposed in (-1: not yet) and approved in (-1: not yet). */
  private long ghostProposed = -1;
  private long ghostApproved = -1;
  /** The oracle's tally records by tally block (looked up, never iterated). */
  private final java.util.Map<Long, TallyRecord> oracleTallies = new java.util.HashMap<>();
  /** Foreign authority updates made (at most two a run). */
  private int foreignUpdates;
  /** Joiners registered so far (the first genesisNodes nodes are the genesis's). */
  private int joined;
  /** What a joiner locks: ten times the default min_stake. */
  private static final long JOIN_STAKE = 10_000;
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
    this.attacks = root.split();
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
    try {
      this.trace = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    for (TrafficNode n : net.nodes()) {
      nodes.add(new SimNode(n, genesis, chain, CRYPTO, dir.resolve(n.name().value()), scenario.batchSize(), this::deliver));
    }
    for (int i : scenario.byzantine()) {
      faultyForGood.add(nodes.get(i).name);
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
      n.start((block, outcome) -> committed(n, block, outcome));
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
      trace.update(oracle.digestAfter(oracle.lastBlock()).getBytes(StandardCharsets.UTF_8));
    }
    return new SimResult(scenario, head, List.copyOf(schedule), new EnumMap<>(injected), checks.counts(),
        checks.violations(), HexFormat.of().formatHex(trace.digest()), livenessClaimed(), lostSends, boundTallies,
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
    return !scenario.collusion() && faultyForGood.size() <= scenario.budget();
  }

  private void step(long block) {
    boolean faulty = block <= scenario.faultBlocks();
    if (block == scenario.faultBlocks() + 1) {
      faultsStop(block);
    }
    for (SimNode n : nodes) {
      if (!n.dead && !n.running() && n.restartAt >= 0 && n.restartAt <= block) {
        n.start((b, outcome) -> committed(n, b, outcome));
        record(block, FaultKind.RESTART, n.name, "resumes after block " + n.lastCommitted);
      }
    }
    if (faulty) {
      drawNodeFaults(block);
    }
    drawAttacks(block, faulty);
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
      trace.update(oracle.accumulatorAfter(b.number()));
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
    record(block, FaultKind.CRASH, n.name, "after committing block " + committed + " with " + delivered
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
        || (block < starvedUntil && kind.equals("broadcast"));
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
    for (SimNode n : nodes) {
      n.stallUntil = 0;
      n.lagUntil = 0;
      n.loseUntil = 0;
      n.crashAtSend = -1;
      if (!n.dead && !n.running()) {
        n.restartAt = block;
      }
    }
    starvedUntil = 0;
    boundTallies = checks.livenessBound();
    note(block, FaultKind.QUIET, "-", "the faults stop; liveness bound " + boundTallies + " tallies");
  }

  private void drawNodeFaults(long block) {
    for (FaultKind kind : List.of(FaultKind.CRASH, FaultKind.DEATH, FaultKind.LOST_SENDS, FaultKind.STARVED_ROUND,
        FaultKind.API_STALL, FaultKind.API_LAG, FaultKind.TAMPERED_STATE, FaultKind.JOIN, FaultKind.STAKE_UNLOCK)) {
      if (faults.nextInt(1000) >= scenario.chance(kind)) {
        continue;
      }
      switch (kind) {
        case CRASH -> pick(n -> n.running() && n.crashAtSend < 0).ifPresent(n -> {
          n.crashAtSend = faults.nextInt(3);
        });
        case DEATH -> {
          if (faultyForGood.size() < scenario.budget()) {
            pick(n -> !n.dead && !faultyForGood.contains(n.name)).ifPresent(n -> {
              n.stop();
              n.dead = true;
              faultyForGood.add(n.name);
              record(block, kind, n.name, "for good");
            });
          }
        }
        case LOST_SENDS -> pick(n -> !n.dead).ifPresent(n -> {
          String[] what = {"report", "sig_submit", "broadcast", "all"};
          n.loses = what[faults.nextInt(what.length)];
          n.loseUntil = block + 1 + faults.nextInt(12);
          record(block, kind, n.name, n.loses + " until block " + n.loseUntil);
        });
        case STARVED_ROUND -> {
          starvedUntil = block + 10 + faults.nextInt(36);
          record(block, kind, "-", "every multisig broadcast lost until block " + starvedUntil);
        }
        case API_STALL -> pick(n -> !n.dead).ifPresent(n -> {
          n.stallUntil = block + 1 + faults.nextInt(25);
          record(block, kind, n.name, "until block " + n.stallUntil);
        });
        case API_LAG -> pick(n -> !n.dead).ifPresent(n -> {
          n.lag = 1 + faults.nextInt(6);
          n.lagUntil = block + 5 + faults.nextInt(36);
          record(block, kind, n.name, n.lag + " blocks behind until block " + n.lagUntil);
        });
        case TAMPERED_STATE -> {
          if (faultyForGood.size() < scenario.budget()) {
            pick(n -> n.running() && n.tamperedAfter < 0 && !faultyForGood.contains(n.name)
                && n.lastCommitted >= 1 && n.lastCommitted + 1 <= chain.lastIrreversibleBlockNumber()).ifPresent(n -> tamper(n, block));
          }
        }
        case JOIN -> {
          if (joined < scenario.joiners()) {
            SimNode n = nodes.get(scenario.genesisNodes() + joined++);
            record(block, kind, n.name, adversary.join(n.who, JOIN_STAKE));
          }
        }
        case STAKE_UNLOCK -> pick(n -> !n.dead && nodes.indexOf(n) < scenario.genesisNodes() + joined).ifPresent(n ->
            record(block, kind, n.name, adversary.unlock(n.who, 1 + faults.nextInt(2_000))));
        default -> throw new IllegalStateException("not a node fault: " + kind);
      }
    }
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
    SimNode n = nodes.get(index);
    n.stop();
    change(n);
    n.start((b, outcome) -> committed(n, b, outcome));
  }

  /** Changes a node's store behind its back: the next block applied for real, plus a balance from nowhere, in one commit. */
  private void tamper(SimNode n, long block) {
    n.stop();
    long next = change(n);
    n.tamperedAfter = next;
    faultyForGood.add(n.name);
    n.start((b, outcome) -> committed(n, b, outcome));
    record(block, FaultKind.TAMPERED_STATE, n.name, "a balance from nowhere committed with block " + next);
  }

  private long change(SimNode n) {
    try (StateStore store = n.openStoreForTampering()) {
      long next = store.lastBlock().orElseThrow() + 1;
      Block b = chain.block(next).orElseThrow().block();
      try (StateTransaction tx = store.begin(next)) {
        new BlockApplier(genesis, CRYPTO).apply(tx, b);
        tx.put(StateKey.of(ATTACKER_MALLORY), new io.hivesafe.ops.Balances(1_000_000, 0, 0, 0, 0), io.hivesafe.ops.Balances.CODEC);
        tx.commit();
      }
      return next;
    }
  }

  /** The account the refused payout goes to: a valid name no account holds. */
  static final String GHOST = "ghost-account";

  /** REFUSED_PAYOUT: one proposal to the ghost in the first half of the faulty blocks, then every genesis account approves it. */
  private void drawRefusedPayout(long block) {
    if (ghostProposed < 0 && block <= scenario.faultBlocks() / 2 && faults.nextInt(1000) < scenario.chance(FaultKind.REFUSED_PAYOUT)) {
      TrafficNode proposer = nodes.get(faults.nextInt(scenario.genesisNodes())).who;
      record(block, FaultKind.REFUSED_PAYOUT, proposer.name().value(), adversary.proposePayout(proposer, GHOST, 1_000 + faults.nextInt(20_000)));
      ghostProposed = block;
      return;
    }
    if (ghostProposed > 0 && ghostApproved < 0) {
      Optional<io.hivesafe.ops.Proposal> open = oracle.read(io.hivesafe.ops.SidechainState::proposals).stream()
          .filter(p -> GHOST.equals(p.args().get("to")) && p.status().equals(io.hivesafe.ops.Proposal.OPEN)).findFirst();
      if (open.isPresent()) {
        StringBuilder verdicts = new StringBuilder();
        for (int i = 0; i < scenario.genesisNodes(); i++) {
          verdicts.append(nodes.get(i).name).append(' ').append(adversary.approve(nodes.get(i).who, open.get().id())).append("; ");
        }
        ghostApproved = block;
        note(block, FaultKind.REFUSED_PAYOUT, "-", "every genesis account approves proposal " + open.get().id() + ": " + verdicts);
      } else if (block > ghostProposed + 10) {
        ghostApproved = block; // refused (its proposer was no runner): nothing to approve
      }
    }
  }

  private void drawAttacks(long block, boolean faulty) {
    if (faulty) {
      drawRefusedPayout(block);
    }
    if (scenario.byzantine().isEmpty()) {
      return;
    }
    Optional<MultisigTx> round = checks.roundInFlight();
    if (round.isPresent() && attacks.nextInt(1000) < scenario.chance(FaultKind.FORGED_SIGNATURE)) {
      TrafficNode byz = byzantine();
      record(block, FaultKind.FORGED_SIGNATURE, byz.name().value(), adversary.forgedSignature(byz, round.get(), attacks));
    }
    if (round.isPresent() && !checks.earlierSignatures().isEmpty()
        && attacks.nextInt(1000) < scenario.chance(FaultKind.REPLAYED_SIGNATURE)) {
      TrafficNode byz = byzantine();
      List<String> earlier = checks.earlierSignatures();
      record(block, FaultKind.REPLAYED_SIGNATURE, byz.name().value(),
          adversary.replayedSignature(byz, round.get(), earlier.get(attacks.nextInt(earlier.size()))));
    }
    ProducedBlock top = chain.head();
    if (genesis.isReportBlock(top.number()) && attacks.nextInt(1000) < scenario.chance(FaultKind.WRONG_REPORT)) {
      TrafficNode byz = byzantine();
      record(block, FaultKind.WRONG_REPORT, byz.name().value(), adversary.wrongReport(byz, top, attacks));
    }
    if (faulty && foreignUpdates < 2 && attacks.nextInt(1000) < scenario.chance(FaultKind.FOREIGN_UPDATE)) {
      List<TrafficNode> colluders = new ArrayList<>();
      for (int i : scenario.byzantine()) {
        colluders.add(nodes.get(i).who);
      }
      io.hivesafe.hive.protocol.Authority current = chain.account(genesis.multisigAccount()).orElseThrow().authorities().active();
      Optional<io.hivesafe.hive.crypto.PublicKey> stranger = attacks.nextBoolean()
          ? Optional.of(TrafficNetwork.key("stranger" + foreignUpdates, "multisig").publicKey()) : Optional.empty();
      foreignUpdates++;
      record(block, FaultKind.FOREIGN_UPDATE, colluders.get(0).name().value(), adversary.foreignUpdate(colluders, current, stranger,
          TrafficNetwork.key(genesis.multisigAccount().value(), "memo").publicKey()));
    }
    if (faulty && attacks.nextInt(1000) < scenario.chance(FaultKind.REDIRECT)) {
      long hive = chain.account(genesis.multisigAccount()).orElseThrow().balance(AssetSymbol.HIVE).amount();
      if (hive >= 2_000) {
        List<TrafficNode> colluders = new ArrayList<>();
        for (int i : scenario.byzantine()) {
          colluders.add(nodes.get(i).who);
        }
        long amount = Math.max(1_000, hive / 50);
        Optional<Long> mark = round.isPresent() && attacks.nextBoolean() ? Optional.of(round.get().seq()) : Optional.empty();
        record(block, FaultKind.REDIRECT, colluders.get(0).name().value(), adversary.redirect(colluders, amount, mark));
      }
    }
  }

  private TrafficNode byzantine() {
    List<Integer> b = scenario.byzantine();
    return nodes.get(b.get(attacks.nextInt(b.size()))).who;
  }

  private Optional<SimNode> pick(java.util.function.Predicate<SimNode> eligible) {
    List<SimNode> candidates = nodes.stream().filter(eligible).toList();
    return candidates.isEmpty() ? Optional.empty() : Optional.of(candidates.get(faults.nextInt(candidates.size())));
  }

  private void shuffle(List<SimNode> list) {
    for (int i = list.size() - 1; i > 0; i--) {
      int j = order.nextInt(i + 1);
      SimNode t = list.get(i);
      list.set(i, list.get(j));
      list.set(j, t);
    }
  }

  /** A line of the schedule that is part of a fault already counted (it does not count again). */
  private void note(long block, FaultKind kind, String node, String detail) {
    Fault f = new Fault(block, kind, node, detail);
    schedule.add(f);
    trace.update((f + "\n").getBytes(StandardCharsets.UTF_8));
  }

  private void record(long block, FaultKind kind, String node, String detail) {
    Fault f = new Fault(block, kind, node, detail);
    schedule.add(f);
    injected.merge(kind, 1L, Long::sum);
    trace.update((f + "\n").getBytes(StandardCharsets.UTF_8));
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
