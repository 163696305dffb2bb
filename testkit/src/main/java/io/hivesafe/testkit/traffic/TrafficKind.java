package io.hivesafe.testkit.traffic;

/**
 * What one generated operation is meant to exercise. Every kind is a valid Hive operation (the chain
 * admits it); the sidechain's verdict differs:
 *
 * <ul>
 *   <li>{@link Intent#VALID}: built to be accepted by the sidechain, from the generator's own model of
 *       balances, runners and proposals. The model is approximate (it does not see the tally or chrono),
 *       so a few are rejected (an approval after the proposal passed, say);
 *   <li>{@link Intent#HOSTILE}: built so that the sidechain must reject it, whatever the state;
 *   <li>{@link Intent#BACKGROUND}: ordinary Hive traffic the sidechain ignores (transfers between
 *       users, custom_json of other applications).
 * </ul>
 */
public enum TrafficKind {
  DEPOSIT(Intent.VALID, "deposit"),
  SEND(Intent.VALID, "send"),
  GOV_LOCK(Intent.VALID, "gov_lock"),
  GOV_UNLOCK(Intent.VALID, "gov_unlock"),
  NODE_ADD(Intent.VALID, "node_add"),
  WITHDRAW(Intent.VALID, "withdraw"),
  PROPOSE(Intent.VALID, "propose"),
  APPROVE(Intent.VALID, "approve"),
  /** A registered node's report of its digest; made only through a {@link ReportSource}, never drawn. */
  REPORT(Intent.VALID, "report"),

  /** Valid JSON of the wrong shape: an array, a string, null, a duplicated field, a memo over 2,047 characters. */
  MALFORMED_JSON(Intent.HOSTILE, ""),
  /** An amount as a string, a fraction, an exponent, a boolean; an account as a number. */
  WRONG_TYPE(Intent.HOSTILE, ""),
  /** Amounts of 2^60 + 1, 2^63, 2^64, 10^30. */
  HUGE_NUMBER(Intent.HOSTILE, ""),
  /** Zero and negative amounts. */
  NON_POSITIVE(Intent.HOSTILE, ""),
  /** A field the operation does not have. */
  UNKNOWN_FIELD(Intent.HOSTILE, ""),
  /** The network's prefix with a name that is not an operation. */
  UNKNOWN_OP(Intent.HOSTILE, ""),
  /** A well-formed op from an account that holds nothing on the sidechain. */
  EMPTY_SENDER(Intent.HOSTILE, ""),
  /** A well-formed op signed with posting authority (required_posting_auths); every op needs active. */
  POSTING_AUTH(Intent.HOSTILE, ""),
  /** More than the sender holds (by the generator's model: twice its balance plus a billion units). */
  OVERDRAFT(Intent.HOSTILE, ""),
  /** A report from a non-node, or from a node with a wrong block number or a malformed header or hash. */
  FORGED_REPORT(Intent.HOSTILE, "report"),
  /** node_add with a proof for another account, a garbage proof, a key that is not a key, another node's key. */
  BAD_NODE_ADD(Intent.HOSTILE, "node_add"),
  /** propose or approve from an account that is not a runner. */
  NOT_RUNNER(Intent.HOSTILE, ""),
  /** propose or approve from a runner with invalid arguments (unknown action or parameter, out of range, no such proposal). */
  BAD_PROPOSAL(Intent.HOSTILE, ""),

  /** A transfer between two users: not to the multisig account, so not a deposit. */
  HIVE_TRANSFER(Intent.BACKGROUND, ""),
  /** custom_json of another application (follow, reblog, a Hive-Engine action). */
  FOREIGN_JSON(Intent.BACKGROUND, "");

  /** What the sidechain is expected to do with a kind. */
  public enum Intent {
    VALID,
    HOSTILE,
    BACKGROUND
  }

  private final Intent intent;
  private final String operation;

  TrafficKind(Intent intent, String operation) {
    this.intent = intent;
    this.operation = operation;
  }

  public Intent intent() {
    return intent;
  }

  public boolean hostile() {
    return intent == Intent.HOSTILE;
  }

  /**
   * The sidechain operation this kind always is ({@code "deposit"} for a deposit), or empty when a
   * hostile kind varies the operation.
   */
  public String operation() {
    return operation;
  }
}
