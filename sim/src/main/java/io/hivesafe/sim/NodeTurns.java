package io.hivesafe.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Each block, every running node's turn, in an order drawn from the seed: it steps (is shown what its API
 * shows and applies it), and a crash at a send or a failure is handled — a crashed node restarts later,
 * a failed one is a violation.
 */
final class NodeTurns {
  private final List<SimNode> nodes;
  private final InvariantChecks checks;
  private final CommittedBlockCheck commits;
  private final SplittableRandom order;
  private final SplittableRandom faults;
  private final RunRecord record;

  NodeTurns(List<SimNode> nodes, InvariantChecks checks, CommittedBlockCheck commits, SplittableRandom order,
      SplittableRandom faults, RunRecord record) {
    this.nodes = nodes;
    this.checks = checks;
    this.commits = commits;
    this.order = order;
    this.faults = faults;
    this.record = record;
  }

  /** The turns of block {@code block}: the devnet's head is {@code headNow}, its last irreversible block {@code irreversible}. */
  void take(long block, long headNow, long irreversible) {
    List<SimNode> turn = new ArrayList<>();
    for (SimNode n : nodes) {
      if (n.running()) {
        turn.add(n);
      }
    }
    shuffle(turn);
    for (SimNode n : turn) {
      if (checks.violations().isEmpty()) {
        stepNode(n, block, headNow, irreversible);
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
      checks.violation(Invariant.NO_NODE_FAILURE, block, n.name + " stopped: " + Simulation.stackOf(e));
      n.stop();
      n.dead = true;
      return;
    }
    checks.count(Invariant.NO_NODE_FAILURE);
    if (n.node().failure().isPresent()) {
      checks.violation(Invariant.NO_NODE_FAILURE, block, n.name + " failed: " + Simulation.stackOf(n.node().failure().get()));
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
      commits.check(n, last);
    }
    long committed = n.lastCommitted;
    int delivered = n.sendsThisStep;
    n.stop();
    n.restartAt = block + 1 + faults.nextInt(30);
    record.record(block, FaultKind.CRASH, n.name, "after committing block " + committed + " with " + delivered
        + " sends of the step delivered; restarts at block " + n.restartAt);
  }

  private void shuffle(List<SimNode> list) {
    for (int i = list.size() - 1; i > 0; i--) {
      int j = order.nextInt(i + 1);
      SimNode t = list.get(i);
      list.set(i, list.get(j));
      list.set(j, t);
    }
  }
}
