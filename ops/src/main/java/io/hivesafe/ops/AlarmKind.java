package io.hivesafe.ops;

/**
 * What an alarm is about (docs/multisig.md, "Alarms"). An alarm is raised in the block the event is
 * seen in, the same way on every node; none is raised for anything our own confirmed round does.
 */
public enum AlarmKind {
  /** Funds left the multisig account's liquid balance outside our round: booked as an unexplained outflow. */
  OUTFLOW,
  /** The owner or active authority changed outside our rotation: the recorded authority follows the chain. */
  AUTHORITY_CHANGE,
  /** The account's recovery was touched: change_recovery_account, request_account_recovery, recover_account. */
  RECOVERY,
  /** Any other operation that needed the account's owner or active authority outside our round. */
  AUTHORITY_USE,
  /** A marker naming a round, in a transaction that is not that round's (or for a round not in flight): confirms nothing. */
  STRAY_CONFIRMATION,
  /** The recorded authority cannot be satisfied (threshold 0 or above its weights): nothing can be built. */
  AUTHORITY_UNUSABLE,
  /** Custody is worth more than the weakest signer majority's stake. */
  SAFETY_LIMIT
}
