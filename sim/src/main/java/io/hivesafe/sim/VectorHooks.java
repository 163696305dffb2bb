package io.hivesafe.sim;

import io.hivesafe.devnet.DevnetChain;
import io.hivesafe.testkit.traffic.TrafficNetwork;
import io.hivesafe.testkit.traffic.TrafficNode;
import io.hivesafe.hive.crypto.PublicKey;
import io.hivesafe.hive.protocol.Authority;
import io.hivesafe.ops.NetworkGenesis;
import io.hivesafe.ops.Proposal;
import io.hivesafe.ops.SidechainState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What the devnet consensus vector (docs/state.md, "Consensus vectors") adds to the simulation's own
 * traffic and faults, at fixed blocks, so that the recorded chain holds what they do not reliably reach.
 *
 * <p>Governance that passes: at {@link #PARAM_PROPOSAL} an honest runner proposes a parameter change
 * and at {@link #REMOVAL_PROPOSAL} the removal of a joined node; once the oracle shows a proposal of
 * theirs open, every node approves it (the non-runners are refused), so both execute.
 *
 * <p>Hostile transactions, each signed by a colluding majority of signers (the scenario's byzantine
 * nodes) with their multisig keys:
 *
 * <ul>
 *   <li>{@link #MARKER}: a round's {@code ms_signed} marker alone, in a transaction of its own
 *       (STRAY_CONFIRMATION);
 *   <li>{@link #REDIRECT}: a transfer out of the multisig account to a colluder (OUTFLOW);
 *   <li>{@link #FOREIGN_ACTION}: another application's custom_json in the account's name (AUTHORITY_USE);
 *   <li>{@link #BACKDOOR}: the active authority keeps its keys and gains a colluder's account with the
 *       whole threshold as its weight (AUTHORITY_CHANGE; and SAFETY_LIMIT, since one account with no
 *       stake behind it can now sign alone);
 *   <li>{@code lockOut} (near the end, since nothing can be built after it): the active threshold one
 *       above its weights (AUTHORITY_CHANGE and AUTHORITY_UNUSABLE).
 * </ul>
 *
 * <p>The RECOVERY alarm needs an operation the devnet does not carry; {@link VectorRecorder} adds it to
 * the recorded file. The chain is kept for the recorder, which writes its blocks after the run.
 */
final class VectorHooks implements Simulation.Hooks {
  static final long MARKER = 70;
  static final long REDIRECT = 75;
  static final long FOREIGN_ACTION = 80;
  static final long PARAM_PROPOSAL = 100;
  static final long REMOVAL_PROPOSAL = 105;
  static final long BACKDOOR = 150;

  private final NetworkGenesis genesis;
  private final List<TrafficNode> nodes;
  /** The honest runner that proposes: the last genesis node. */
  private final TrafficNode proposer;
  private final TreeSet<Long> approved = new TreeSet<>();
  private final List<TrafficNode> colluders = new ArrayList<>();
  private final long lockOut;
  private final List<String> log = new ArrayList<>();
  private DevnetChain chain;
  private Adversary adversary;

  /** Hostile transactions for {@code scenario}'s network, the last of them at block {@code lockOut}. */
  VectorHooks(Scenario scenario, TrafficNetwork net, long lockOut) {
    this.genesis = net.network();
    this.lockOut = lockOut;
    this.nodes = net.nodes();
    this.proposer = nodes.get(scenario.genesisNodes() - 1);
    if (scenario.byzantine().contains(scenario.genesisNodes() - 1)) {
      throw new IllegalArgumentException("the vector's proposer, the last genesis node, must be honest");
    }
    for (int i : scenario.byzantine()) {
      colluders.add(net.nodes().get(i));
    }
    if (colluders.size() < scenario.threshold()) {
      throw new IllegalArgumentException("the vector's attacks need a colluding majority, got byzantine " + scenario.byzantine());
    }
  }

  @Override
  public void beforeProduce(long block, DevnetChain chain, Simulation sim) {
    if (this.chain == null) {
      this.chain = chain;
      this.adversary = new Adversary(chain, genesis, Simulation.CRYPTO);
    }
    approveOpenProposals(block, sim);
    Authority active = chain.account(genesis.multisigAccount()).orElseThrow().authorities().active();
    String what;
    if (block == PARAM_PROPOSAL) {
      what = adversary.propose(proposer, "\"action\":\"param\",\"name\":\"execution_window\",\"value\":5000");
    } else if (block == REMOVAL_PROPOSAL) {
      Optional<TrafficNode> joiner = nodes.stream().skip(genesis.nodes().size())
          .filter(n -> sim.readOracle(r -> SidechainState.node(r, n.name().value())).isPresent()).findFirst();
      if (joiner.isEmpty()) {
        what = "no joined node to propose the removal of";
      } else {
        what = adversary.propose(proposer, "\"action\":\"remove_node\",\"account\":\"" + joiner.get().name() + "\"");
      }
    } else if (block == MARKER) {
      what = adversary.strayMarker(colluders, 1);
    } else if (block == REDIRECT) {
      what = adversary.redirect(colluders, 1_000, Optional.empty());
    } else if (block == FOREIGN_ACTION) {
      what = adversary.foreignAction(colluders);
    } else if (block == BACKDOOR) {
      List<Authority.AccountWeight> accounts = new ArrayList<>(active.accountAuths());
      accounts.add(new Authority.AccountWeight(colluders.get(0).name(), (int) active.weightThreshold()));
      what = adversary.replaceActive(colluders, new Authority(active.weightThreshold(), accounts, active.keyAuths()), memoKey(),
          "the active authority gains " + colluders.get(0).name() + " with the whole threshold");
    } else if (block == lockOut) {
      long weights = 0;
      for (Authority.KeyWeight k : active.keyAuths()) {
        weights += k.weight();
      }
      for (Authority.AccountWeight a : active.accountAuths()) {
        weights += a.weight();
      }
      what = adversary.replaceActive(colluders, new Authority(weights + 1, active.accountAuths(), active.keyAuths()), memoKey(),
          "the active threshold set to " + (weights + 1) + ", one above its weights");
    } else {
      return;
    }
    log.add("block " + block + ": " + what);
  }

  /** Every node approves each open proposal of the proposer's, once. */
  private void approveOpenProposals(long block, Simulation sim) {
    if (block <= PARAM_PROPOSAL) {
      return;
    }
    for (Proposal p : sim.readOracle(SidechainState::proposals)) {
      if (p.proposer().equals(proposer.name().value()) && p.status().equals(Proposal.OPEN) && approved.add(p.id())) {
        StringBuilder verdicts = new StringBuilder();
        for (TrafficNode n : nodes) {
          if (n != proposer) {
            verdicts.append(n.name()).append(' ').append(adversary.approve(n, p.id())).append("; ");
          }
        }
        log.add("block " + block + ": every node approves proposal " + p.id() + " (" + p.action() + "): " + verdicts);
      }
    }
  }

  private PublicKey memoKey() {
    return TrafficNetwork.key(genesis.multisigAccount().value(), "memo").publicKey();
  }

  /** The chain the simulation ran on (after the run: every block it produced). */
  DevnetChain chain() {
    if (chain == null) {
      throw new IllegalStateException("the simulation produced no block");
    }
    return chain;
  }

  /** What each transaction of ours was and what the devnet said, in order. */
  List<String> log() {
    return List.copyOf(log);
  }
}
