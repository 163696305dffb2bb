package io.hivesafe.devnet;

import io.hivesafe.hive.protocol.Authority;
import io.hivesafe.hive.protocol.HiveLimits;
import java.util.Optional;

/**
 * hived's limits on authorities (libraries/protocol/include/hive/protocol/config.hpp), all in force since
 * HF20 on the paths the devnet models.
 */
public final class AuthorityLimits {
  /** HIVE_MAX_AUTHORITY_MEMBERSHIP: members (accounts + keys) of one authority. */
  public static final int MAX_AUTHORITY_MEMBERSHIP = HiveLimits.MAX_AUTHORITY_MEMBERSHIP;
  /** HIVE_MAX_SIG_CHECK_DEPTH: account_auths are followed this many levels below the top authority. */
  public static final int MAX_SIG_CHECK_DEPTH = HiveLimits.MAX_SIG_CHECK_DEPTH;
  /** HIVE_MAX_SIG_CHECK_ACCOUNTS: account members looked up in one check. */
  public static final int MAX_SIG_CHECK_ACCOUNTS = HiveLimits.MAX_SIG_CHECK_ACCOUNTS;

  private AuthorityLimits() {}

  /**
   * hived's validate_auth_size (libraries/protocol/hive_operations.cpp). It runs on each authority an
   * account_update2 sets, in the operation's validate(); for account_update it runs in the evaluator
   * (libraries/chain/hive_evaluator_account.cpp, since HF20), not in validate(). It is not applied to the
   * authorities already on chain when signatures are checked: there the walk itself gives up after
   * {@value #MAX_AUTHORITY_MEMBERSHIP} unsatisfying members (see {@link AuthorityVerifier}).
   */
  public static Optional<AuthorityRejection> validate(Authority authority) {
    int members = authority.memberCount();
    if (members > MAX_AUTHORITY_MEMBERSHIP) {
      return Optional.of(
          new AuthorityRejection(AuthorityReason.AUTHORITY_MEMBERSHIP_EXCEEDED, Integer.toString(members)));
    }
    return Optional.empty();
  }
}
