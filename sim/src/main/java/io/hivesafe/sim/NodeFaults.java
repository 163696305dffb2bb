package io.hivesafe.sim;

import io.hivesafe.devnet.DevnetChain;
import io.hivesafe.hive.protocol.Block;
import io.hivesafe.ops.BlockApplier;
import io.hivesafe.ops.NetworkGenesis;
import io.hivesafe.state.StateKey;
import io.hivesafe.state.StateStore;
import io.hivesafe.state.StateTransaction;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The faults the simulation does to nodes and their API in the faulty blocks (crashes, deaths, lost
 * sends, a starved round, stalled or lagging APIs, tampered stores, joiners, stake unlocks), every choice
 * drawn from the run's fault stream, and the nodes faulty for good that count against the liveness budget.
 */
final class NodeFaults {
  private static final String ATTACKER_MALLORY = "acct/mallory";
  /** What a joiner locks: ten times the default min_stake. */
  private static final long JOIN_STAKE = 10_000;

  private final Scenario scenario;
  private final NetworkGenesis genesis;
  private final DevnetChain chain;
  private final Adversary adversary;
  private final List<SimNode> nodes;
  private final SplittableRandom faults;
  private final RunRecord record;
  /** Starts a node with the simulation's check of each block it commits. */
  private final Consumer<SimNode> start;
  /** Nodes faulty for good (dead, tampered, byzantine): against the liveness budget. */
  private final TreeSet<String> faultyForGood = new TreeSet<>();
  private long starvedUntil;
  /** Joiners registered so far (the first genesisNodes nodes are the genesis's). */
  private int joined;

  NodeFaults(Scenario scenario, NetworkGenesis genesis, DevnetChain chain, Adversary adversary, List<SimNode> nodes,
      SplittableRandom faults, RunRecord record, Consumer<SimNode> start) {
    this.scenario = scenario;
    this.genesis = genesis;
    this.chain = chain;
    this.adversary = adversary;
    this.nodes = nodes;
    this.faults = faults;
    this.record = record;
    this.start = start;
  }

  /** Counts {@code node} as faulty for good from the start (a byzantine node). */
  void faultyForGood(String node) {
    faultyForGood.add(node);
  }

  int faultyForGoodCount() {
    return faultyForGood.size();
  }

  /** Every multisig broadcast is lost before this block (0: none). */
  long starvedUntil() {
    return starvedUntil;
  }

  /** The faults stop at {@code block}: every stall, lag, loss, armed crash and starved round ends; stopped nodes restart. */
  void stop(long block) {
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
  }

  /** Draws this faulty block's node faults, each kind in turn with its chance, and injects them. */
  void draw(long block) {
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
              record.record(block, kind, n.name, "for good");
            });
          }
        }
        case LOST_SENDS -> pick(n -> !n.dead).ifPresent(n -> {
          String[] what = {"report", "sig_submit", "broadcast", "all"};
          n.loses = what[faults.nextInt(what.length)];
          n.loseUntil = block + 1 + faults.nextInt(12);
          record.record(block, kind, n.name, n.loses + " until block " + n.loseUntil);
        });
        case STARVED_ROUND -> {
          starvedUntil = block + 10 + faults.nextInt(36);
          record.record(block, kind, "-", "every multisig broadcast lost until block " + starvedUntil);
        }
        case API_STALL -> pick(n -> !n.dead).ifPresent(n -> {
          n.stallUntil = block + 1 + faults.nextInt(25);
          record.record(block, kind, n.name, "until block " + n.stallUntil);
        });
        case API_LAG -> pick(n -> !n.dead).ifPresent(n -> {
          n.lag = 1 + faults.nextInt(6);
          n.lagUntil = block + 5 + faults.nextInt(36);
          record.record(block, kind, n.name, n.lag + " blocks behind until block " + n.lagUntil);
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
            record.record(block, kind, n.name, adversary.join(n.who, JOIN_STAKE));
          }
        }
        case STAKE_UNLOCK -> pick(n -> !n.dead && nodes.indexOf(n) < scenario.genesisNodes() + joined).ifPresent(n ->
            record.record(block, kind, n.name, adversary.unlock(n.who, 1 + faults.nextInt(2_000))));
        default -> throw new IllegalStateException("not a node fault: " + kind);
      }
    }
  }

  /** Changes running node {@code n}'s store as {@link FaultKind#TAMPERED_STATE} does, without recording it. */
  void tamperUnannounced(SimNode n) {
    n.stop();
    change(n);
    start.accept(n);
  }

  /** Changes a node's store behind its back: the next block applied for real, plus a balance from nowhere, in one commit. */
  private void tamper(SimNode n, long block) {
    n.stop();
    long next = change(n);
    n.tamperedAfter = next;
    faultyForGood.add(n.name);
    start.accept(n);
    record.record(block, FaultKind.TAMPERED_STATE, n.name, "a balance from nowhere committed with block " + next);
  }

  private long change(SimNode n) {
    try (StateStore store = n.openStoreForTampering()) {
      long next = store.lastBlock().orElseThrow() + 1;
      Block b = chain.block(next).orElseThrow().block();
      try (StateTransaction tx = store.begin(next)) {
        new BlockApplier(genesis, Simulation.CRYPTO).apply(tx, b);
        tx.put(StateKey.of(ATTACKER_MALLORY), new io.hivesafe.ops.Balances(1_000_000, 0, 0, 0, 0), io.hivesafe.ops.Balances.CODEC);
        tx.commit();
      }
      return next;
    }
  }

  private Optional<SimNode> pick(java.util.function.Predicate<SimNode> eligible) {
    List<SimNode> candidates = nodes.stream().filter(eligible).toList();
    return candidates.isEmpty() ? Optional.empty() : Optional.of(candidates.get(faults.nextInt(candidates.size())));
  }
}
