package io.hivesafe.ops;

import io.hivesafe.chrono.Chrono;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Governance proposals and approvals (DESIGN §3.6, from Factom's authority set). A runner proposes an
 * action; runners approve it. It passes when the approvals of current runners reach the action's
 * threshold (an exact fraction of the runner count) before its deadline; it then waits {@code activation}
 * blocks and executes through chrono. A payout the treasury cannot cover yet waits within its
 * execution window; past the window, or for a node already gone, the action is void and never tried
 * again, so a stale approval cannot act later.
 */
final class GovernanceOperations {
  static final String EXECUTE_TASK = "proposal_execute";
  static final String PAYOUT = "payout";
  static final String PARAM = "param";
  static final String REMOVE_NODE = "remove_node";

  private GovernanceOperations() {}

  /**
   * A runner's proposal ({@link ProposeOp}): stored with the proposer's approval; it may pass at once.
   * A payout over its asset's 24-hour cap could never be paid; a removal must name a registered node;
   * the deadline is bounded by the network's {@code max_proposal_blocks}.
   */
  static OpResult propose(SidechainState s, OpContext ctx, ProposeOp op, CustodyLimits limits) throws OpRejected {
    requireRunner(s, ctx.sender());
    NetworkParams params = s.params();
    ProposeOp.Action action = op.action();
    if (action instanceof ProposeOp.PayoutAction p && p.amount() > limits.dailyCap(p.asset())) {
      throw new OpRejected(ReasonCode.OVER_DAILY_CAP, p.amount(), limits.dailyCap(p.asset()), p.asset().name());
    }
    if (action instanceof ProposeOp.RemoveNodeAction r && s.node(r.account()).isEmpty()) {
      throw new OpRejected(ReasonCode.NODE_UNKNOWN, r.account());
    }
    if (op.deadline() > params.maxProposalBlocks()) {
      throw new OpRejected(ReasonCode.FIELD_OUT_OF_RANGE, "deadline", 1, params.maxProposalBlocks());
    }
    if (op.activation() > params.maxProposalBlocks()) {
      throw new OpRejected(ReasonCode.FIELD_OUT_OF_RANGE, "activation", 0, params.maxProposalBlocks());
    }
    Totals totals = s.totals();
    long id = totals.nextProposal();
    s.putTotals(totals.withNextProposal(id + 1));
    Proposal p = new Proposal(id, ctx.sender(), action.kind(), action.args(), ctx.block(), ctx.block() + op.deadline(),
        op.activation(), List.of(ctx.sender()), Proposal.OPEN, 0, Reason.of(ReasonCode.PROPOSAL_OPEN, id, ctx.block() + op.deadline()));
    p = passIfApproved(s, p, ctx.block());
    s.putProposal(p);
    return OpResult.ok(ReasonCode.PROPOSED, id, action.kind(), p.status());
  }

  /** A runner's approval, counted once. */
  static OpResult approve(SidechainState s, OpContext ctx, ApproveOp op) throws OpRejected {
    long id = op.id();
    requireRunner(s, ctx.sender());
    Optional<Proposal> found = SidechainState.proposal(s.buffer(), id);
    if (found.isEmpty()) {
      throw new OpRejected(ReasonCode.PROPOSAL_UNKNOWN, id);
    }
    Proposal p = found.get();
    if (!p.status().equals(Proposal.OPEN)) {
      throw new OpRejected(ReasonCode.PROPOSAL_NOT_OPEN, id, p.status());
    }
    if (ctx.block() > p.deadline()) {
      throw new OpRejected(ReasonCode.PROPOSAL_CLOSED, id, p.deadline());
    }
    if (p.approvals().contains(ctx.sender())) {
      throw new OpRejected(ReasonCode.ALREADY_APPROVED, id);
    }
    TreeSet<String> approvals = new TreeSet<>(p.approvals());
    approvals.add(ctx.sender());
    p = passIfApproved(s, p.with(new ArrayList<>(approvals), p.status(), 0, p.note()), ctx.block());
    s.putProposal(p);
    return OpResult.ok(ReasonCode.APPROVED, id, p.status());
  }

  /** At a tally: open proposals past their deadline expire; others pass if the new runners suffice. */
  static void review(SidechainState s, long block, FeedWriter feed) {
    for (Proposal p : SidechainState.proposals(s.buffer())) {
      if (!p.status().equals(Proposal.OPEN)) {
        if (!p.status().equals(Proposal.PASSED) && p.deadline() + s.params().feedRetention() < block) {
          s.deleteProposal(p.id());
        }
        continue;
      }
      if (block > p.deadline()) {
        Reason expired = Reason.of(ReasonCode.PROPOSAL_EXPIRED, p.id());
        s.putProposal(p.with(p.approvals(), Proposal.EXPIRED, 0, expired));
        feed.add("", 0, p.proposer(), "proposal", false, expired);
        continue;
      }
      Proposal after = passIfApproved(s, p, block);
      if (after != p) {
        s.putProposal(after);
        feed.add("", 0, p.proposer(), "proposal", true, ReasonCode.PROPOSAL_PASSED, p.id());
      }
    }
  }

  /**
   * The chrono task: executes a passed proposal, or voids it with the reason. A payout the treasury
   * cannot cover yet waits, tried again every tally, until its execution window closes (activation +
   * {@code execution_window} blocks after passing); then it is void. A removal of a node that is gone
   * is void at once; a parameter change always executes.
   */
  static Reason execute(SidechainState s, long id, long block, NetworkGenesis g) {
    Proposal p = SidechainState.proposal(s.buffer(), id)
        .orElseThrow(() -> new IllegalStateException("execution of missing proposal " + id));
    if (!p.status().equals(Proposal.PASSED)) {
      throw new IllegalStateException("execution of proposal " + id + " in status " + p.status());
    }
    long windowEnd = p.passedBlock() + Math.max(1, p.activation()) + s.params().executionWindow();
    Reason outcome;
    String status = Proposal.EXECUTED;
    switch (p.action()) {
      case PAYOUT: {
        PeggedAsset asset = PeggedAsset.valueOf(p.args().get("asset"));
        long amount = Long.parseLong(p.args().get("amount"));
        Totals t = s.totals();
        if (t.treasury(asset) < amount) {
          if (block < windowEnd) {
            long retry = Math.min(windowEnd, nextTally(block, g));
            Chrono.at(s.buffer(), block).schedule(retry, new CoreTask.Execute(id).toChrono());
            Reason waiting = Reason.of(ReasonCode.PROPOSAL_WAITS, id, asset.name(), t.treasury(asset), amount, retry, windowEnd);
            s.putProposal(p.with(p.approvals(), Proposal.PASSED, p.passedBlock(), waiting));
            return waiting;
          }
          status = Proposal.VOID;
          outcome = Reason.of(ReasonCode.PROPOSAL_VOID_UNFUNDED, id, asset.name(), t.treasury(asset), amount);
        } else {
          s.putTotals(t.withTreasury(asset, t.treasury(asset) - amount));
          long seq = PayoutOperations.queue(s, Payout.TREASURY, p.args().get("to"), amount, asset, p.args().get("memo"),
              block, "proposal:" + id);
          outcome = Reason.of(ReasonCode.PROPOSAL_PAYOUT_QUEUED, id, seq);
        }
        break;
      }
      case PARAM: {
        String name = p.args().get("name");
        s.putParams(s.params().withText(name, p.args().get("value")));
        outcome = Reason.of(ReasonCode.PROPOSAL_PARAM_SET, id, name, p.args().get("value"));
        break;
      }
      case REMOVE_NODE: {
        String account = p.args().get("account");
        Optional<NodeRecord> node = s.node(account);
        if (node.isEmpty()) {
          status = Proposal.VOID;
          outcome = Reason.of(ReasonCode.PROPOSAL_VOID_NODE_GONE, id, account);
        } else {
          s.deleteNode(account);
          long banned = block + s.params().removalBanBlocks();
          s.putRemoved(new RemovedNode(account, node.get().key(), block, banned, node.get().unbondBlock()));
          outcome = Reason.of(ReasonCode.PROPOSAL_NODE_REMOVED, id, account, banned);
        }
        break;
      }
      default:
        throw new IllegalStateException("stored proposal " + id + " has unknown action " + p.action());
    }
    s.putProposal(p.with(p.approvals(), status, p.passedBlock(), outcome));
    return outcome;
  }

  private static long nextTally(long block, NetworkGenesis g) {
    return (block / g.tallyInterval() + 1) * g.tallyInterval();
  }

  private static Proposal passIfApproved(SidechainState s, Proposal p, long block) {
    List<String> runners = s.roster().runners();
    long counted = 0;
    for (String a : p.approvals()) {
      if (runners.contains(a)) {
        counted++;
      }
    }
    if (!threshold(s.params(), p.action()).reachedBy(counted, runners.size())) {
      return p;
    }
    long due = block + Math.max(1, p.activation());
    Chrono.at(s.buffer(), block).schedule(due, new CoreTask.Execute(p.id()).toChrono());
    return p.with(p.approvals(), Proposal.PASSED, block, Reason.of(ReasonCode.PROPOSAL_EXECUTES_AT, p.id(), due));
  }

  /** The share of runners whose approvals pass an action, an exact fraction: 2 of 3 passes 2/3. */
  private static Fraction threshold(NetworkParams params, String action) {
    switch (action) {
      case PAYOUT:
        return params.payoutThreshold();
      case PARAM:
        return params.paramThreshold();
      case REMOVE_NODE:
        return params.removeThreshold();
      default:
        throw new IllegalStateException("unknown action " + action);
    }
  }

  private static void requireRunner(SidechainState s, String account) throws OpRejected {
    if (!s.roster().isRunner(account)) {
      throw new OpRejected(ReasonCode.NOT_A_RUNNER);
    }
  }
}
