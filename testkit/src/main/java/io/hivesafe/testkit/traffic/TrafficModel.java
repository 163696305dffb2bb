package io.hivesafe.testkit.traffic;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the generator believes about the chain and the sidechain, updated by every operation it
 * generates as if each were accepted: Hive balances (exact, as long as nobody else spends the users'
 * funds), sidechain balances, queued withdrawals, registered candidates and open proposals. It does not
 * see chrono (unlocks coming back), the tally or proposals executing, so it errs on the side of less:
 * a generated valid operation is occasionally rejected, never the reverse for hostile ones (those are
 * built to fail whatever the state).
 */
final class TrafficModel {
  /** One account's books as the generator believes them. */
  static final class Holder {
    long hive;
    long hbd;
    long token;
    long gov;
    long peggedHive;
    long peggedHbd;
    long withdrawals;
    boolean registered;
    int keyVersion;
    /** The block a passed proposal removes this node in (0: none); it must not register again before removal_ban_blocks after. */
    long removalDue;

    long liquid(boolean hbdAsset) {
      return hbdAsset ? hbd : hive;
    }

    void addLiquid(boolean hbdAsset, long amount) {
      if (hbdAsset) {
        hbd += amount;
      } else {
        hive += amount;
      }
    }

    long pegged(boolean hbdAsset) {
      return hbdAsset ? peggedHbd : peggedHive;
    }

    void addPegged(boolean hbdAsset, long amount) {
      if (hbdAsset) {
        peggedHbd += amount;
      } else {
        peggedHive += amount;
      }
    }
  }

  /** A proposal the generator made, with the runners it had approve it. */
  static final class OpenProposal {
    final long id;
    final io.hivesafe.ops.Fraction threshold;
    final long deadline;
    final long activation;
    /** The node a remove_node proposal removes, or null. */
    final String removes;
    final TreeSet<String> approvals = new TreeSet<>();
    boolean passed;

    OpenProposal(long id, io.hivesafe.ops.Fraction threshold, long deadline, long activation, String removes) {
      this.id = id;
      this.threshold = threshold;
      this.deadline = deadline;
      this.activation = activation;
      this.removes = removes;
    }
  }

  private final TreeMap<String, Holder> holders = new TreeMap<>();
  private final List<OpenProposal> proposals = new ArrayList<>();
  private final int runnerCount;
  private long nextProposal = 1;

  TrafficModel(int runnerCount) {
    this.runnerCount = runnerCount;
  }

  Holder holder(String account) {
    return holders.computeIfAbsent(account, a -> new Holder());
  }

  long nextProposalId() {
    return nextProposal;
  }

  /**
   * Records a proposal made by {@code proposer} in {@code block} (it approves its own proposal);
   * {@code removes} names the node a remove_node proposal removes.
   */
  OpenProposal propose(String proposer, long block, io.hivesafe.ops.Fraction threshold, long deadline, long activation, String removes) {
    OpenProposal p = new OpenProposal(nextProposal++, threshold, deadline, activation, removes);
    approve(p, proposer, block);
    proposals.add(p);
    return p;
  }

  /** An approval in {@code block}; a proposal that passes a removal unregisters the node until it executes. */
  void approve(OpenProposal p, String runner, long block) {
    p.approvals.add(runner);
    boolean passes = p.threshold.reachedBy(p.approvals.size(), runnerCount);
    if (passes && !p.passed && p.removes != null) {
      Holder h = holder(p.removes);
      h.registered = false;
      h.removalDue = block + Math.max(1, p.activation);
    }
    p.passed = passes;
  }

  /** Proposals still open at {@code block} (not passed, deadline not reached), oldest first. */
  List<OpenProposal> open(long block) {
    List<OpenProposal> out = new ArrayList<>();
    for (OpenProposal p : proposals) {
      if (!p.passed && block <= p.deadline) {
        out.add(p);
      }
    }
    if (proposals.size() > 1_000) {
      proposals.removeIf(p -> p.passed || block > p.deadline);
    }
    return out;
  }
}
