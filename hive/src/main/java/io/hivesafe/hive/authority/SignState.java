package io.hivesafe.hive.authority;

import io.hivesafe.hive.crypto.PublicKey;
import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.protocol.Authority.AccountWeight;
import io.hivesafe.hive.protocol.Authority.KeyWeight;
import io.hivesafe.hive.protocol.Authority;
import io.hivesafe.hive.protocol.HiveLimits;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The mutable state of one authority check, Hivesafe's counterpart of hived's sign_state
 * (libraries/protocol/include/hive/protocol/sign_state.hpp); it lives for one {@link AuthorityVerifier}
 * call. It remembers which provided keys a walk has looked up (a key counts as used when a walk finds it,
 * even if that walk fails), which member accounts were approved, and the first account that could not be
 * found.
 *
 * <p>A walk over one authority: keys in their sorted order, adding the weight of each signing key and
 * stopping as soon as the threshold is reached; then account members in sorted order, an approved
 * member adding its weight directly and any other being checked recursively in the current role's
 * authority (approved on success), except at depth {@value HiveLimits#MAX_SIG_CHECK_DEPTH} where
 * members are skipped. The walk fails once {@value HiveLimits#MAX_AUTHORITY_MEMBERSHIP} members have
 * been passed without reaching the threshold, or when more than
 * {@value HiveLimits#MAX_SIG_CHECK_ACCOUNTS} member accounts would be looked up (the count restarts
 * per top-level check before HF28 and runs over the whole transaction from HF28).
 */
final class SignState {
  private final boolean strict;
  private final Function<AccountName, Optional<AccountAuthorities>> accounts;
  private final SortedMap<PublicKey, Boolean> used = new TreeMap<>();
  private final Set<AccountName> approved = new TreeSet<>();
  private Function<AccountAuthorities, Authority> role;
  private int accountLookups;
  private AccountName unknownAccount;

  SignState(
      SignatureRules rules,
      Set<PublicKey> keys,
      Function<AccountName, Optional<AccountAuthorities>> accounts,
      Function<AccountAuthorities, Authority> role) {
    this.strict = rules.strictAndMixedAuthorities();
    this.accounts = accounts;
    this.role = role;
    for (PublicKey key : keys) {
      used.put(key, false);
    }
  }

  /** The role whose authority an account member stands for from now on. */
  void useRole(Function<AccountAuthorities, Authority> newRole) {
    this.role = newRole;
  }

  void clearApproved() {
    approved.clear();
  }

  /** hived's check_authority(id): the account's authority in the current role, unless already approved. */
  boolean checkAccount(AccountName account) {
    if (unknownAccount != null) {
      return false;
    }
    Optional<Authority> authority = authorityOf(account, role);
    if (authority.isEmpty()) {
      return false;
    }
    if (approved.contains(account)) {
      return true;
    }
    accountLookups = strict ? accountLookups + 1 : 1;
    return satisfies(authority.get(), 0);
  }

  /**
   * hived's check_authority(auth, id, role): the account's authority in {@code topRole}, its members still
   * standing for the current role.
   */
  boolean checkAuthority(Function<AccountAuthorities, Authority> topRole, AccountName account) {
    if (unknownAccount != null) {
      return false;
    }
    Optional<Authority> authority = authorityOf(account, topRole);
    if (authority.isEmpty()) {
      return false;
    }
    if (!strict) {
      accountLookups = 0;
    }
    return satisfies(authority.get(), 0);
  }

  /** Whether a provided key was never looked up by any walk (hived's remove_unused_signatures). */
  boolean hasUnusedKeys() {
    return used.containsValue(false);
  }

  /** The first account a walk needed and the lookup did not know; once set, every check fails. */
  Optional<AccountName> unknownAccount() {
    return Optional.ofNullable(unknownAccount);
  }

  private Optional<Authority> authorityOf(AccountName account, Function<AccountAuthorities, Authority> which) {
    Optional<AccountAuthorities> found = accounts.apply(account);
    if (found.isEmpty()) {
      unknownAccount = account;
      return Optional.empty();
    }
    return Optional.of(which.apply(found.get()));
  }

  private boolean signedBy(PublicKey key) {
    if (!used.containsKey(key)) {
      return false;
    }
    used.put(key, true);
    return true;
  }

  private boolean satisfies(Authority authority, int depth) {
    long threshold = authority.weightThreshold();
    long weight = 0;
    int passed = 0;
    for (KeyWeight member : authority.keyAuths()) {
      if (signedBy(member.key())) {
        weight += member.weight();
        if (weight >= threshold) {
          return true;
        }
      }
      if (++passed >= HiveLimits.MAX_AUTHORITY_MEMBERSHIP) {
        return false;
      }
    }
    for (AccountWeight member : authority.accountAuths()) {
      if (approved.contains(member.account())) {
        weight += member.weight();
        if (weight >= threshold) {
          return true;
        }
      } else {
        if (depth == HiveLimits.MAX_SIG_CHECK_DEPTH) {
          continue; // too deep: skipped, and not counted as a passed member (as in hived)
        }
        if (accountLookups >= HiveLimits.MAX_SIG_CHECK_ACCOUNTS) {
          return false;
        }
        accountLookups++;
        Optional<Authority> memberAuthority = authorityOf(member.account(), role);
        if (memberAuthority.isEmpty()) {
          return false;
        }
        boolean satisfied = satisfies(memberAuthority.get(), depth + 1);
        if (unknownAccount != null) {
          return false;
        }
        if (satisfied) {
          approved.add(member.account());
          weight += member.weight();
          if (weight >= threshold) {
            return true;
          }
        }
      }
      if (++passed >= HiveLimits.MAX_AUTHORITY_MEMBERSHIP) {
        return false;
      }
    }
    return weight >= threshold;
  }
}
