package io.hivesafe.hive.authority;

import io.hivesafe.hive.protocol.HiveLimits;

/**
 * Why an authority check refuses a transaction's signatures or authorities (the devnet's broadcast, the
 * node's check of its own multisig transaction). Each message template is hived's assertion text
 * (openhive-network/hive 1.28.x), with {@code ${…}} standing for the detail; the source of each text is
 * named on the constant. Only {@link #UNSUPPORTED_OPERATION} is Hivesafe's own.
 */
public enum AuthorityReason {
  /**
   * Hivesafe's own: an operation the check does not model (anything but transfer, account_update,
   * account_update2 and custom_json), so it cannot say which authority it needs.
   */
  UNSUPPORTED_OPERATION("Operation ${name} is not modelled by the authority check"),
  /**
   * fc's recovery of a compact signature asserts the BIP-62 (low-S) form, the only mode since HF20
   * (libraries/chain/full_transaction.cpp, the note on signature validation rules). The text is fc's
   * (libraries/fc submodule, not in the hive snapshot read; taken from the fc lineage).
   */
  NON_CANONICAL_SIGNATURE("signature is not canonical"),
  /** fc: no public key can be recovered from the signature's r, s and recovery id. */
  UNRECOVERABLE_SIGNATURE("unable to reconstruct public key from signature"),
  /** libraries/chain/full_transaction.cpp: two signatures recover to the same key (tx_duplicate_sig). */
  DUPLICATE_SIGNATURE("Duplicate signature detected"),
  /**
   * chainbase's failed lookup of an account_authority_object
   * (libraries/chainbase/include/chainbase/chainbase.hpp, "unknown key: …", shortened to the name).
   */
  UNKNOWN_ACCOUNT("unknown key: ${id}"),
  /** libraries/protocol/transaction_util.cpp, tx_combined_auths_with_posting (before HF28 only). */
  MIXED_WITH_POSTING(
      "Transactions with operations required posting authority cannot be combined "
          + "with transactions requiring active or owner authority."),
  /** libraries/protocol/transaction_util.cpp, tx_missing_posting_auth. */
  MISSING_POSTING_AUTHORITY("Missing Posting Authority ${id}"),
  /** libraries/protocol/transaction_util.cpp, tx_missing_active_auth. */
  MISSING_ACTIVE_AUTHORITY("Missing Active Authority ${id}"),
  /** libraries/protocol/transaction_util.cpp, tx_missing_owner_auth. */
  MISSING_OWNER_AUTHORITY("Missing Owner Authority ${id}"),
  /** libraries/protocol/transaction_util.cpp, tx_irrelevant_sig (before HF28 only). */
  UNNECESSARY_SIGNATURE("Unnecessary signature(s) detected"),
  /** libraries/protocol/hive_operations.cpp, validate_auth_size. */
  AUTHORITY_MEMBERSHIP_EXCEEDED(
      "Authority membership exceeded. Max: " + HiveLimits.MAX_AUTHORITY_MEMBERSHIP + " Current: ${n}");

  private final String template;

  AuthorityReason(String template) {
    this.template = template;
  }

  /** hived's message format, with {@code ${…}} where the detail goes. */
  public String template() {
    return template;
  }

  /** The message with {@code detail} in place of the template's placeholder (if it has one). */
  public String message(String detail) {
    int open = template.indexOf("${");
    if (open < 0) {
      return template;
    }
    int close = template.indexOf('}', open);
    return template.substring(0, open) + detail + template.substring(close + 1);
  }
}
