package io.hivesafe.sim;

/** What the simulator can do to a network, drawn per block from the seed (docs/simulation.md, "Faults"). */
public enum FaultKind {
  /** A node stops right after committing a block, before or between its sends, and restarts from its store later. */
  CRASH,
  /** A node that crashed earlier starts again on its store and catches up. */
  RESTART,
  /** A node stops for good (the oldest ones too); counted against the liveness budget. */
  DEATH,
  /** For a while, a node's reports, sig_submits or multisig broadcasts (or all three) never reach the chain. */
  LOST_SENDS,
  /** For a while, every node's multisig broadcasts are lost: the round in flight may expire unconfirmed. */
  STARVED_ROUND,
  /** A node's API shows no new block for a while (partitioned), then all of them at once. */
  API_STALL,
  /** A node's API trails the chain by a few blocks for a while. */
  API_LAG,
  /** A byzantine signer posts a sig_submit over another digest, or signed by a key that is not a signer. */
  FORGED_SIGNATURE,
  /** A byzantine signer posts an earlier round's counted signature for the round in flight. */
  REPLAYED_SIGNATURE,
  /** A byzantine runner reports a wrong digest, or a report with a wrong header. */
  WRONG_REPORT,
  /** Colluding signers sign and broadcast a transfer out of the multisig account (the chain takes it only from a majority). */
  REDIRECT,
  /**
   * A colluding majority rewrites the multisig account's active authority with an account_update: a
   * stranger's key added, or only their own keys left. An AUTHORITY_CHANGE alarm; the round in flight
   * follows the new authority.
   */
  FOREIGN_UPDATE,
  /**
   * The runners pass a treasury payout to an account that does not exist (an operator's typo): every
   * round holding it is refused by the chain, its batch expires with strikes, and it must come back to
   * the treasury without holding the queue.
   */
  REFUSED_PAYOUT,
  /** A node that was not in the genesis locks stake and registers its real key: a new runner or standby. */
  JOIN,
  /** A node's operator asks to unlock its stake (the core refuses while its key signs or unbonds). */
  STAKE_UNLOCK,
  /** A node's store is changed behind its back (a bit flip the store's own checks cannot see); counted against the budget. */
  TAMPERED_STATE,
  /** Not a fault: the block where the faults stop (crashed nodes restart, APIs heal) and the liveness bound is set. */
  QUIET
}
