package io.hivesafe.hive.authority;

import io.hivesafe.hive.crypto.PublicKey;
import io.hivesafe.hive.crypto.SignatureScheme;
import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.protocol.ChainId;
import io.hivesafe.hive.protocol.Transaction;
import io.hivesafe.hive.protocol.WireFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Decides whether a transaction's signer keys satisfy the authorities it needs, as hived's
 * verify_authority does (libraries/protocol/transaction_util.cpp; called from libraries/chain/database.cpp
 * with the HF28 flags of {@link SignatureRules}, HIVE_MAX_SIG_CHECK_DEPTH, and since HF20 the membership
 * and account-lookup limits). In order, stopping at the first failure:
 *
 * <ol>
 *   <li>posting: before HF28 a transaction that needs posting may need nothing else; each account's
 *       posting authority must be satisfied (before HF28 its active or owner authority also does);
 *       before HF28 the check ends here, with the unused-signature check;
 *   <li>active: each account's active authority (before HF28 its owner authority also does), members
 *       standing for their active authority; approvals from the posting step do not carry over;
 *   <li>owner: each account's owner authority, members standing for their active authority;
 *   <li>before HF28, a provided key that no walk looked up is an unnecessary signature.
 * </ol>
 *
 * A threshold-0 authority is satisfied without signatures; the chain does not forbid one.
 */
public final class AuthorityVerifier {
  private final SignatureRules rules;

  public AuthorityVerifier(SignatureRules rules) {
    this.rules = Objects.requireNonNull(rules, "rules");
  }

  /**
   * The whole check for a signed transaction: the operations must be ones the check models ({@link RequiredAuthorities}), then the
   * signatures (over the digest in {@code chainId} and {@code format}) must recover to distinct keys in
   * the low-S form, then those keys must satisfy the required authorities.
   */
  public AuthorityCheck verify(
      Transaction transaction,
      ChainId chainId,
      WireFormat format,
      SignatureScheme scheme,
      Function<AccountName, Optional<AccountAuthorities>> accounts) {
    RequiredAuthorities required = RequiredAuthorities.compute(transaction.operations());
    if (required.unsupportedOperation().isPresent()) {
      return unsupported(required);
    }
    byte[] digest = transaction.digest(chainId, format);
    SignerKeys signers = SignerKeys.recover(transaction.signatures(), digest, scheme);
    if (!signers.check().isAccepted()) {
      return signers.check();
    }
    return verify(required, signers.keys(), accounts);
  }

  /** Whether {@code keys} (the distinct keys recovered from the signatures) satisfy {@code required}. */
  public AuthorityCheck verify(
      RequiredAuthorities required,
      Set<PublicKey> keys,
      Function<AccountName, Optional<AccountAuthorities>> accounts) {
    if (required.unsupportedOperation().isPresent()) {
      return unsupported(required);
    }
    SignState state = new SignState(rules, keys, accounts, AccountAuthorities::posting);
    if (!required.posting().isEmpty()) {
      if (!rules.strictAndMixedAuthorities()
          && !(required.active().isEmpty() && required.owner().isEmpty())) {
        return AuthorityCheck.rejected(AuthorityReason.MIXED_WITH_POSTING, "");
      }
      for (AccountName account : required.posting()) {
        boolean satisfied = rules.strictAndMixedAuthorities()
            ? state.checkAccount(account)
            : state.checkAccount(account)
                || state.checkAuthority(AccountAuthorities::active, account)
                || state.checkAuthority(AccountAuthorities::owner, account);
        Optional<AuthorityCheck> failure =
            failure(state, satisfied, AuthorityReason.MISSING_POSTING_AUTHORITY, account);
        if (failure.isPresent()) {
          return failure.get();
        }
      }
      if (!rules.strictAndMixedAuthorities()) {
        return unusedSignatures(state);
      }
    }
    state.useRole(AccountAuthorities::active);
    state.clearApproved();
    for (AccountName account : required.active()) {
      boolean satisfied = rules.strictAndMixedAuthorities()
          ? state.checkAccount(account)
          : state.checkAccount(account) || state.checkAuthority(AccountAuthorities::owner, account);
      Optional<AuthorityCheck> failure =
          failure(state, satisfied, AuthorityReason.MISSING_ACTIVE_AUTHORITY, account);
      if (failure.isPresent()) {
        return failure.get();
      }
    }
    for (AccountName account : required.owner()) {
      boolean satisfied = state.checkAuthority(AccountAuthorities::owner, account);
      Optional<AuthorityCheck> failure =
          failure(state, satisfied, AuthorityReason.MISSING_OWNER_AUTHORITY, account);
      if (failure.isPresent()) {
        return failure.get();
      }
    }
    return unusedSignatures(state);
  }

  public SignatureRules rules() {
    return rules;
  }

  private static Optional<AuthorityCheck> failure(
      SignState state, boolean satisfied, AuthorityReason missing, AccountName account) {
    Optional<AccountName> unknown = state.unknownAccount();
    if (unknown.isPresent()) {
      return Optional.of(AuthorityCheck.rejected(AuthorityReason.UNKNOWN_ACCOUNT, unknown.get().value()));
    }
    if (!satisfied) {
      return Optional.of(AuthorityCheck.rejected(missing, account.value()));
    }
    return Optional.empty();
  }

  private AuthorityCheck unusedSignatures(SignState state) {
    if (!rules.redundantSignatures() && state.hasUnusedKeys()) {
      return AuthorityCheck.rejected(AuthorityReason.UNNECESSARY_SIGNATURE, "");
    }
    return AuthorityCheck.accepted();
  }

  private static AuthorityCheck unsupported(RequiredAuthorities required) {
    return AuthorityCheck.rejected(
        AuthorityReason.UNSUPPORTED_OPERATION, required.unsupportedOperation().orElseThrow());
  }
}
