package io.hivesafe.ops;

import java.util.List;
import java.util.SortedMap;

/**
 * A governance proposal (DESIGN §3.6). {@code action} is the action's type ({@code payout},
 * {@code param}, {@code remove_node}) and {@code args} its arguments as strings, sorted by name.
 * {@code approvals} holds the approving runners' names, sorted, each once. {@code status} moves from
 * {@code open} to {@code passed} (then {@code executed} or {@code void}) or {@code expired}.
 */
public record Proposal(
    long id,
    String proposer,
    String action,
    SortedMap<String, String> args,
    long createdBlock,
    long deadline,
    long activation,
    List<String> approvals,
    String status,
    long passedBlock,
    String outcome) {

  public static final String OPEN = "open";
  public static final String PASSED = "passed";
  public static final String EXECUTED = "executed";
  public static final String VOID = "void";
  public static final String EXPIRED = "expired";

  public Proposal {
    approvals = List.copyOf(approvals);
    args = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(args));
  }

  public Proposal with(List<String> newApprovals, String newStatus, long newPassedBlock, String newOutcome) {
    return new Proposal(id, proposer, action, args, createdBlock, deadline, activation, newApprovals, newStatus,
        newPassedBlock, newOutcome);
  }
}
