package io.hivesafe.hive.authority;

import io.hivesafe.hive.protocol.Authority;
import io.hivesafe.hive.protocol.HiveLimits;
import java.util.Optional;

/**
 * hived's size check of an authority that an operation sets ({@link HiveLimits#MAX_AUTHORITY_MEMBERSHIP}
 * members, in force since HF20).
 */
public final class AuthorityLimits {
  private AuthorityLimits() {}

  /**
   * hived's validate_auth_size (libraries/protocol/hive_operations.cpp). It runs on each authority an
   * account_update2 sets, in the operation's validate(); for account_update it runs in the evaluator
   * (libraries/chain/hive_evaluator_account.cpp, since HF20), not in validate(). It is not applied to the
   * authorities already on chain when signatures are checked: there the walk itself gives up after
   * {@value HiveLimits#MAX_AUTHORITY_MEMBERSHIP} unsatisfying members (see {@link AuthorityVerifier}).
   */
  public static Optional<AuthorityRejection> validate(Authority authority) {
    int members = authority.memberCount();
    if (members > HiveLimits.MAX_AUTHORITY_MEMBERSHIP) {
      return Optional.of(
          new AuthorityRejection(AuthorityReason.AUTHORITY_MEMBERSHIP_EXCEEDED, Integer.toString(members)));
    }
    return Optional.empty();
  }
}
