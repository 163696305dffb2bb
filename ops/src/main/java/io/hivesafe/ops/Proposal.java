package io.hivesafe.ops;

import io.hivesafe.state.ValueCodec;
import io.hivesafe.state.ValueReader;
import io.hivesafe.state.ValueWriter;

import java.util.List;
import java.util.SortedMap;

/**
 * A governance proposal (DESIGN §3.6). {@code action} is the action's type ({@code payout},
 * {@code param}, {@code remove_node}) and {@code args} its arguments as strings, sorted by name.
 * {@code approvals} holds the approving runners' names, sorted, each once. {@code status} moves from
 * {@code open} to {@code passed} (then {@code executed} or {@code void}) or {@code expired}; {@code note}
 * says where it stands (when it executes, why it waits, what it did).
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
    Reason note) {

  /** The canonical encoding: the fields in declaration order; args as (name, value) pairs in name order. */
  public static final ValueCodec<Proposal> CODEC = ValueCodec.of(
      (w, v) -> w.int64(v.id).text(v.proposer).text(v.action)
          .textMap(v.args)
          .int64(v.createdBlock).int64(v.deadline).int64(v.activation).list(v.approvals, ValueWriter::text).text(v.status)
          .int64(v.passedBlock).then(v.note, Reason::write),
      r -> new Proposal(r.int64(), r.text(), r.text(), r.textMap(), r.int64(), r.int64(), r.int64(), r.list(ValueReader::text),
          r.text(), r.int64(), Reason.read(r)));



  public static final String OPEN = "open";
  public static final String PASSED = "passed";
  public static final String EXECUTED = "executed";
  public static final String VOID = "void";
  public static final String EXPIRED = "expired";

  public Proposal {
    ValueChecks.nonNegative("a proposal", id, createdBlock, deadline, activation, passedBlock);
    ValueChecks.account("a proposal's proposer", proposer);
    ValueChecks.oneOf("a proposal's action", action, GovernanceOperations.PAYOUT, GovernanceOperations.PARAM,
        GovernanceOperations.REMOVE_NODE);
    ValueChecks.oneOf("a proposal's status", status, OPEN, PASSED, EXECUTED, VOID, EXPIRED);
    if (note == null) {
      throw new IllegalArgumentException("a proposal has a note");
    }
    approvals = List.copyOf(approvals);
    args = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(args));
  }

  public Proposal with(List<String> newApprovals, String newStatus, long newPassedBlock, Reason newNote) {
    return new Proposal(id, proposer, action, args, createdBlock, deadline, activation, newApprovals, newStatus,
        newPassedBlock, newNote);
  }
}
