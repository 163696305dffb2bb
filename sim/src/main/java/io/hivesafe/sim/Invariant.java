package io.hivesafe.sim;

/** The invariants the simulator checks after every block (docs/simulation.md, "Invariants"). */
public enum Invariant {
  /** Every node that applied a block, and whose store was not changed behind its back, has the oracle's digest after it. */
  DIGESTS_AGREE("digests-agree"),
  /** No node stopped on an exception: a bug in the core or the shell. */
  NO_NODE_FAILURE("no-node-failure"),
  /** No queued payout is paid by two transactions that landed. */
  PAYOUT_ONCE("payout-once"),
  /** A payout leaves the queue only paid by its round's own landed transaction, or returned with a feed entry. */
  PAYOUT_ACCOUNTED("payout-accounted"),
  /** Every operation that moves funds out of the multisig account or uses its authority is in the confirmed round's own transaction or is an alarm of its block. */
  OUTFLOW_ALARMED("outflow-alarmed"),
  /** Tokens: balances equal the genesis supply. Pegged HIVE/HBD: balances + queue + paid + outflows + treasury = deposits + genesis treasury. */
  CONSERVATION("conservation"),
  /** What the books say the multisig account holds equals what it holds on the chain after the block. */
  BOOKS_MATCH_CHAIN("books-match-chain"),
  /** Every signature counted for the round in flight recovers to its key over the round's digest. */
  SIGNATURES_VALID("signatures-valid"),
  /** No node sends a sig_submit or a multisig broadcast once its store records a divergence. */
  NO_DIVERGED_SIGNATURE("no-diverged-signature"),
  /** A node whose store was changed behind its back knows it diverged after the first consensus tally that shows it. */
  TAMPERING_DETECTED("tampering-detected"),
  /** The recorded authority equals the chain's, keeps at least the floor of keys, and can sign. */
  AUTHORITY_FLOOR("authority-floor"),
  /** Governance stake behind a key of the authority (or one that left it within signer_unbond_blocks) never starts unlocking. */
  SIGNER_STAKE_LOCKED("signer-stake-locked"),
  /** The simulator itself raised no exception (a bug of the simulator, reported with its seed like any failure). */
  SIMULATOR_SOUND("simulator-sound"),
  /** With at most n - threshold signers faulty, every payout requested before the faults stop leaves the queue within the bound. */
  LIVENESS("liveness");

  private final String label;

  Invariant(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
