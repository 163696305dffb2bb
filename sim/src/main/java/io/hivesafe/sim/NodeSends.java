package io.hivesafe.sim;

import io.hivesafe.devnet.DevnetChain;
import io.hivesafe.hive.protocol.CustomJsonOperation;
import io.hivesafe.hive.protocol.Operation;
import io.hivesafe.hive.protocol.Transaction;
import io.hivesafe.ops.NetworkGenesis;
import java.util.function.LongSupplier;

/**
 * The wire from the nodes to the devnet: each send is checked (no-diverged-signature), may be the armed
 * crash point, may be lost to a lost-sends fault or a starved round, and otherwise is broadcast.
 */
final class NodeSends {
  private final NetworkGenesis genesis;
  private final DevnetChain chain;
  private final InvariantChecks checks;
  private final NodeFaults faults;
  /** The devnet's head block as the simulation last saw it. */
  private final LongSupplier head;
  private long lostSends;

  NodeSends(NetworkGenesis genesis, DevnetChain chain, InvariantChecks checks, NodeFaults faults, LongSupplier head) {
    this.genesis = genesis;
    this.chain = chain;
    this.checks = checks;
    this.faults = faults;
    this.head = head;
  }

  /** Sends lost so far. */
  long lostSends() {
    return lostSends;
  }

  /** A node's send: checked, then maybe lost, maybe the crash point, else broadcast to the devnet. */
  void deliver(SimNode n, Transaction tx) {
    try {
      send(n, tx);
    } catch (SimulatedCrash crash) {
      throw crash;
    } catch (RuntimeException e) {
      checks.violation(Invariant.SIMULATOR_SOUND, head.getAsLong() + 1, "delivering " + n.name + "'s transaction: " + Simulation.stackOf(e));
    }
  }

  private void send(SimNode n, Transaction tx) {
    String kind = kindOf(tx);
    if (!kind.equals("report")) {
      checks.count(Invariant.NO_DIVERGED_SIGNATURE);
      if (n.node().diverged()) {
        checks.violation(Invariant.NO_DIVERGED_SIGNATURE, head.getAsLong(), n.name + " sent a " + kind + " after its divergence");
      }
    }
    if (n.crashAtSend >= 0 && n.sendsThisStep == n.crashAtSend) {
      throw new SimulatedCrash(n.name, n.lastCommitted);
    }
    n.sendsThisStep++;
    long block = head.getAsLong() + 1;
    boolean lost = (block < n.loseUntil && (n.loses.equals("all") || n.loses.equals(kind)))
        || (block < faults.starvedUntil() && kind.equals("broadcast"));
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
}
