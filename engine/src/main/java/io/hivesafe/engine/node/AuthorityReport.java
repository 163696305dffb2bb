package io.hivesafe.engine.node;

import io.hivesafe.ops.MultisigAuthority;
import io.hivesafe.ops.SignerAuthority;

/**
 * One authority check: the multisig account's owner and active authorities and recovery account as
 * the API showed them at {@code head} (pending transactions included), against the record in state
 * after the node's {@code block} ({@code recorded}) carried through the account's own changes in blocks
 * {@code block+1 .. head} and the {@code pendingTransactions} transactions pending at the API
 * ({@code changes} of them: account_update, account_update2, recover_account, changed_recovery_account).
 * {@code chainRecovery} is "" when the chain names none. {@code readings} is how many readings it took.
 */
public record AuthorityReport(long block, long head, MultisigAuthority recorded, SignerAuthority chainOwner,
    SignerAuthority chainActive, String chainRecovery, boolean ownerMatches, boolean activeMatches, Recovery recovery,
    int changes, int pendingTransactions, int readings) {

  /** How the recovery account compares. */
  public enum Recovery {
    /** The chain names the recorded recovery account. */
    MATCHES,
    /** The chain names another recovery account than the record (or none). */
    DIFFERS,
    /** The genesis did not name one, so there is nothing to compare. */
    NOT_RECORDED
  }

  public boolean matches() {
    return ownerMatches && activeMatches && recovery != Recovery.DIFFERS;
  }

  /** "owner", "active", "recovery account": what differs, joined with " and ". */
  public String differing() {
    java.util.List<String> parts = new java.util.ArrayList<>();
    if (!ownerMatches) {
      parts.add("owner");
    }
    if (!activeMatches) {
      parts.add("active");
    }
    if (recovery == Recovery.DIFFERS) {
      parts.add("recovery account");
    }
    return String.join(" and ", parts);
  }
}
