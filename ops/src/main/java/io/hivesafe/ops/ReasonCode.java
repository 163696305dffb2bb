package io.hivesafe.ops;

import java.util.List;

/**
 * The closed set of reasons the core records (docs/protocol.md, "Reason codes"): why an operation was
 * rejected, what an accepted one, a chrono task, a tally or a round did, and what an alarm saw. Each
 * declares its arguments, in order, each an integer or text. The feed and the digest hold the code's
 * name and the arguments; renaming a code or changing its arguments changes consensus bytes (the
 * consensus vectors notice). The English for each code lives in the shell.
 */
public enum ReasonCode {
  // ---- the operation and its JSON, before any rule ----
  UNKNOWN_OPERATION(t("operation")),
  NEEDS_ACTIVE(t("operation")),
  JSON_INVALID(),
  JSON_NOT_OBJECT(),
  FIELD_UNKNOWN(t("field")),
  FIELD_REQUIRED(t("field")),
  FIELD_NOT_OBJECT(t("field")),
  FIELD_NOT_INTEGER(t("field")),
  FIELD_OUT_OF_RANGE(t("field"), n("min"), n("max")),
  FIELD_NOT_STRING(t("field")),
  FIELD_TOO_LONG(t("field"), n("max")),
  FIELD_LONE_SURROGATE(t("field")),
  FIELD_MEMO_TOO_LONG(t("field"), n("bytes"), n("max")),
  FIELD_NOT_SIGNATURE(t("field")),
  FIELD_SIGNATURE_HEADER(t("field"), n("header")),
  FIELD_NOT_ACCOUNT(t("field")),
  FIELD_NOT_HASH(t("field")),
  FIELD_NOT_TIME_FORM(t("field")),
  FIELD_NOT_TIME(t("field")),
  FIELD_NOT_PUBLIC_KEY(t("field")),
  FIELD_NOT_FOR_ACTION(t("field")),
  ASSET_NOT_PEGGED(),

  // ---- token: send, gov_lock, gov_unlock ----
  SEND_TO_SELF(),
  TOKEN_BALANCE_LOW(n("balance"), n("amount")),
  GOV_BALANCE_LOW(n("balance"), n("amount")),
  STAKE_KEY_IN_AUTHORITY(t("key")),
  STAKE_UNBONDING(n("until")),
  SENT(n("amount"), t("to")),
  SENT_PEGGED(n("amount"), t("asset"), t("to")),
  LOCKED(n("amount")),
  UNLOCKING(n("amount"), n("due")),
  UNLOCKED(n("amount")),

  // ---- deposits, withdrawals, payouts ----
  OVER_DAILY_CAP(n("amount"), n("cap"), t("asset")),
  PEGGED_BALANCE_LOW(t("asset"), n("balance"), n("amount")),
  TOO_MANY_WITHDRAWALS(n("queued")),
  DEPOSITED(n("amount"), t("asset")),
  DEPOSIT_REFUNDED(n("seq"), n("amount"), t("asset"), n("value"), n("limit")),
  WITHDRAWAL_QUEUED(n("seq"), n("amount"), t("asset")),
  PAID(n("amount"), t("asset"), t("to"), n("round")),
  PAYOUT_RETURNED_TO_OWNER(n("seq"), t("kind"), n("amount"), t("asset"), t("to"), n("strikes")),
  PAYOUT_RETURNED_TO_TREASURY(n("seq"), n("amount"), t("asset"), t("to"), n("strikes")),

  // ---- node_add, report ----
  PROOF_NOT_CANONICAL(),
  PROOF_WRONG_KEY(),
  KEY_TAKEN(t("account")),
  KEY_OF_REMOVED_NODE(t("account")),
  ALREADY_REGISTERED(),
  KEY_IN_AUTHORITY(t("key")),
  REMOVED_BANNED(n("removed"), n("until")),
  LAST_KEY_IN_AUTHORITY(t("key")),
  KEY_CHANGED(),
  REGISTERED(),
  NOT_A_NODE(),
  ALREADY_REPORTED(n("block")),
  REPORT_BLOCK_WRONG(n("expected"), n("got")),
  REPORT_TOO_LATE(n("block"), n("tally"), n("next")),
  REPORTED(n("block")),

  // ---- propose, approve, and a proposal's life ----
  NOT_A_RUNNER(),
  PARAM_UNKNOWN(t("name")),
  FRACTION_INVALID(t("name")),
  NODE_UNKNOWN(t("account")),
  ACTION_UNKNOWN(t("action")),
  PROPOSAL_UNKNOWN(n("id")),
  PROPOSAL_NOT_OPEN(n("id"), t("status")),
  PROPOSAL_CLOSED(n("id"), n("deadline")),
  ALREADY_APPROVED(n("id")),
  PROPOSED(n("id"), t("action"), t("status")),
  PROPOSAL_OPEN(n("id"), n("deadline")),
  APPROVED(n("id"), t("status")),
  PROPOSAL_EXECUTES_AT(n("id"), n("due")),
  PROPOSAL_EXPIRED(n("id")),
  PROPOSAL_PASSED(n("id")),
  PROPOSAL_WAITS(n("id"), t("asset"), n("treasury"), n("amount"), n("retry"), n("void_after")),
  PROPOSAL_VOID_UNFUNDED(n("id"), t("asset"), n("treasury"), n("amount")),
  PROPOSAL_PAYOUT_QUEUED(n("id"), n("seq")),
  PROPOSAL_PARAM_SET(n("id"), t("name"), t("value")),
  PROPOSAL_VOID_NODE_GONE(n("id"), t("account")),
  PROPOSAL_NODE_REMOVED(n("id"), t("account"), n("banned_until")),

  // ---- multisig rounds ----
  ROUND_NOT_IN_FLIGHT(n("seq"), n("current")),
  NO_ROUND_IN_FLIGHT(n("seq")),
  SIG_NOT_CANONICAL(),
  SIG_RECOVERS_TO_NONE(),
  SIG_NOT_SIGNER(t("key"), n("seq")),
  SIG_ALREADY_COUNTED(t("key"), n("seq")),
  SIG_COUNTED(n("seq"), t("key")),
  SIG_COUNTED_READY(n("seq"), t("key")),
  RECAST(n("seq"), n("attempt")),
  NOT_MULTISIG_ACCOUNT(),
  ROUND_CONFIRMED(n("seq"), t("kind"), n("payouts")),
  ROUND_BACK_TO_SIGNING(n("seq")),
  ROUND_READY(n("seq")),
  ROUND_EXPIRED(n("seq"), t("expiration"), n("payouts")),
  ROUND_EXPIRED_STRUCK(n("seq"), t("expiration"), n("payouts")),
  ROTATION_BUILT(n("seq"), t("id"), t("expiration")),
  BATCH_BUILT(n("seq"), n("payouts"), t("id"), t("expiration")),
  ISOLATED_BATCH_BUILT(n("seq"), t("id"), t("expiration")),
  PAYOUTS_WAIT_FOR_CAP(n("seq"), n("amount"), t("asset"), n("paid"), n("cap")),
  OUR_ROTATION(n("owner_threshold"), n("owner_weight"), n("active_threshold"), n("active_weight")),

  // ---- a due rotation not built (multisig/hold) ----
  HOLD_ROTATION_GAP(n("last"), n("next")),
  HOLD_BELOW_FLOOR(n("keys"), n("min")),
  HOLD_OLD_THRESHOLD_NOT_KEPT(n("owner_weight"), n("active_weight"), n("owner_threshold"), n("active_threshold")),
  HOLD_TOO_MANY_KEYS(n("keys"), n("max")),
  HOLD_LIMIT_NOT_RESTORED(n("stake")),
  HOLD_AUTHORITY_UNUSABLE(n("owner_threshold"), n("owner_weight"), n("active_threshold"), n("active_weight")),

  // ---- tally, custody, genesis ----
  NO_CONSENSUS(n("block"), n("reports"), n("runners"), n("in_row")),
  CONSENSUS(n("block"), n("agreeing"), n("runners")),
  WITHIN_LIMIT_AGAIN(n("stake")),
  GENESIS(t("network"), n("allocations"), n("nodes"), n("supply")),

  // ---- alarms (AlarmKind says which; these say what was seen) ----
  ALARM_TRANSFER_TO_SELF(n("amount"), t("asset")),
  ALARM_TRANSFER_OUT(n("amount"), t("asset"), t("to")),
  ALARM_STRAY_MARKER(n("seq"), t("round_tx")),
  ALARM_MARKER_NO_ROUND(n("seq")),
  ALARM_RECOVERY(t("operation")),
  ALARM_OUTFLOW(t("operation"), n("hive"), n("hbd")),
  ALARM_AUTHORITY_USE(t("operation")),
  ALARM_AUTHORITY_CHANGE(n("owner_threshold"), n("owner_weight"), n("active_threshold"), n("active_weight")),
  ALARM_AUTHORITY_UNUSABLE(n("owner_threshold"), n("owner_weight"), n("active_threshold"), n("active_weight")),
  ALARM_SAFETY_LIMIT(n("value"), n("limit"), n("stake"));

  /** One declared argument: its name (for the text and the docs) and whether it is an integer or text. */
  public record Arg(String name, boolean integer) {}

  private final List<Arg> args;

  ReasonCode(Arg... args) {
    this.args = List.of(args);
  }

  public List<Arg> args() {
    return args;
  }

  private static Arg n(String name) {
    return new Arg(name, true);
  }

  private static Arg t(String name) {
    return new Arg(name, false);
  }
}
