package io.hivesafe.sim;

import io.hivesafe.devnet.DevnetChain;
import io.hivesafe.devnet.ProducedBlock;
import io.hivesafe.hive.protocol.AssetSymbol;
import io.hivesafe.ops.MultisigTx;
import io.hivesafe.ops.NetworkGenesis;
import io.hivesafe.testkit.traffic.TrafficNetwork;
import io.hivesafe.testkit.traffic.TrafficNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * What the byzantine nodes do (forged and replayed signatures, wrong reports, foreign authority updates,
 * redirected funds), drawn from the run's attack stream, and the refused payout: a proposal to an account
 * that does not exist, approved by every genesis account, drawn from the fault stream.
 */
final class ByzantineAttacks {
  /** The account the refused payout goes to: a valid name no account holds. */
  static final String GHOST = "ghost-account";

  private final Scenario scenario;
  private final NetworkGenesis genesis;
  private final DevnetChain chain;
  private final Oracle oracle;
  private final Adversary adversary;
  private final InvariantChecks checks;
  private final List<SimNode> nodes;
  private final SplittableRandom faults;
  private final SplittableRandom attacks;
  private final RunRecord record;
  /** The block the ghost payout was proposed in (-1: not yet) and approved in (-1: not yet). */
  private long ghostProposed = -1;
  private long ghostApproved = -1;
  /** Foreign authority updates made (at most two a run). */
  private int foreignUpdates;

  ByzantineAttacks(Scenario scenario, NetworkGenesis genesis, DevnetChain chain, Oracle oracle, Adversary adversary,
      InvariantChecks checks, List<SimNode> nodes, SplittableRandom faults, SplittableRandom attacks, RunRecord record) {
    this.scenario = scenario;
    this.genesis = genesis;
    this.chain = chain;
    this.oracle = oracle;
    this.adversary = adversary;
    this.checks = checks;
    this.nodes = nodes;
    this.faults = faults;
    this.attacks = attacks;
    this.record = record;
  }

  /** Draws this block's attacks (the refused payout only while {@code faulty}) and makes them. */
  void draw(long block, boolean faulty) {
    if (faulty) {
      drawRefusedPayout(block);
    }
    if (scenario.byzantine().isEmpty()) {
      return;
    }
    Optional<MultisigTx> round = checks.roundInFlight();
    if (round.isPresent() && attacks.nextInt(1000) < scenario.chance(FaultKind.FORGED_SIGNATURE)) {
      TrafficNode byz = byzantine();
      record.record(block, FaultKind.FORGED_SIGNATURE, byz.name().value(), adversary.forgedSignature(byz, round.get(), attacks));
    }
    if (round.isPresent() && !checks.earlierSignatures().isEmpty()
        && attacks.nextInt(1000) < scenario.chance(FaultKind.REPLAYED_SIGNATURE)) {
      TrafficNode byz = byzantine();
      List<String> earlier = checks.earlierSignatures();
      record.record(block, FaultKind.REPLAYED_SIGNATURE, byz.name().value(),
          adversary.replayedSignature(byz, round.get(), earlier.get(attacks.nextInt(earlier.size()))));
    }
    ProducedBlock top = chain.head();
    if (genesis.isReportBlock(top.number()) && attacks.nextInt(1000) < scenario.chance(FaultKind.WRONG_REPORT)) {
      TrafficNode byz = byzantine();
      record.record(block, FaultKind.WRONG_REPORT, byz.name().value(), adversary.wrongReport(byz, top, attacks));
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
      record.record(block, FaultKind.FOREIGN_UPDATE, colluders.get(0).name().value(), adversary.foreignUpdate(colluders, current, stranger,
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
        record.record(block, FaultKind.REDIRECT, colluders.get(0).name().value(), adversary.redirect(colluders, amount, mark));
      }
    }
  }

  private TrafficNode byzantine() {
    List<Integer> b = scenario.byzantine();
    return nodes.get(b.get(attacks.nextInt(b.size()))).who;
  }

  /** REFUSED_PAYOUT: one proposal to the ghost in the first half of the faulty blocks, then every genesis account approves it. */
  private void drawRefusedPayout(long block) {
    if (ghostProposed < 0 && block <= scenario.faultBlocks() / 2 && faults.nextInt(1000) < scenario.chance(FaultKind.REFUSED_PAYOUT)) {
      TrafficNode proposer = nodes.get(faults.nextInt(scenario.genesisNodes())).who;
      record.record(block, FaultKind.REFUSED_PAYOUT, proposer.name().value(), adversary.proposePayout(proposer, GHOST, 1_000 + faults.nextInt(20_000)));
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
        record.note(block, FaultKind.REFUSED_PAYOUT, "-", "every genesis account approves proposal " + open.get().id() + ": " + verdicts);
      } else if (block > ghostProposed + 10) {
        ghostApproved = block; // refused (its proposer was no runner): nothing to approve
      }
    }
  }
}
