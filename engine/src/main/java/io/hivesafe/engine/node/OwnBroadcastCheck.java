package io.hivesafe.engine.node;

import io.hivesafe.hive.authority.AccountAuthorities;
import io.hivesafe.hive.authority.AuthorityVerifier;
import io.hivesafe.hive.authority.SignatureRules;
import io.hivesafe.hive.crypto.SignatureScheme;
import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.protocol.Authority;
import io.hivesafe.hive.protocol.ChainId;
import io.hivesafe.hive.protocol.Transaction;
import io.hivesafe.hive.protocol.WireFormat;
import io.hivesafe.ops.MultisigAuthority;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The node's check of its own multisig transaction before it broadcasts it: hived's authority walk
 * ({@link AuthorityVerifier}) over the signed transaction. The signatures must recover, over the HF26
 * digest in the network's chain id, to distinct keys in low-S form, and those keys must satisfy every
 * authority the operations need, taken from the multisig account's owner and active authorities as the
 * state records them (weights, thresholds, account members). It runs under both the pre-HF28 and the
 * HF28 rules: the node does not know the chain's hardfork, and the broadcast is built to pass both
 * (no redundant signature, no owner key standing in for active).
 *
 * <p>The account's posting authority is not recorded: nothing satisfies it here (no multisig transaction
 * needs it). Any other account is unknown, as hived's lookup of a missing account: an account member is
 * only looked up when the keys fall short, and then the transaction is refused either way.
 */
final class OwnBroadcastCheck {
  /** Stands for the posting authority, which the state does not record: no key satisfies it. */
  private static final Authority UNRECORDED = new Authority(1, List.of(), List.of());

  private OwnBroadcastCheck() {}

  /**
   * Why hived would refuse {@code signed} from {@code account} under {@code recorded} (the rules and
   * hived's message), or empty when it would accept it under both rule sets.
   */
  static Optional<String> refusal(
      Transaction signed, AccountName account, MultisigAuthority recorded, ChainId chainId, SignatureScheme crypto) {
    AccountAuthorities authorities =
        new AccountAuthorities(recorded.owner().toAuthority(), recorded.active().toAuthority(), UNRECORDED);
    Function<AccountName, Optional<AccountAuthorities>> lookup =
        name -> name.equals(account) ? Optional.of(authorities) : Optional.empty();
    for (SignatureRules rules : SignatureRules.values()) {
      var check = new AuthorityVerifier(rules).verify(signed, chainId, WireFormat.HF26, crypto, lookup);
      if (!check.isAccepted()) {
        return Optional.of(rules + " rules: " + check.message());
      }
    }
    return Optional.empty();
  }
}
