package io.hivesafe.devnet;

import io.hivesafe.hive.crypto.PublicKey;
import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.protocol.Asset;
import io.hivesafe.hive.protocol.AssetSymbol;
import io.hivesafe.hive.protocol.Authority;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An account as the devnet starts with it: authorities, memo key, liquid balances and recovery account.
 *
 * @param recoveryAccount the account's recovery account; empty for the genesis default ({@link
 *     Genesis#recoveryAccountOf})
 */
public record GenesisAccount(AccountName name, Authority owner, Authority active, Authority posting, PublicKey memoKey,
    Asset hive, Asset hbd, Optional<AccountName> recoveryAccount) {
  public GenesisAccount {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(recoveryAccount, "recoveryAccount");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(active, "active");
    Objects.requireNonNull(posting, "posting");
    Objects.requireNonNull(memoKey, "memo key");
    if (hive.symbol() != AssetSymbol.HIVE || hbd.symbol() != AssetSymbol.HBD || hive.amount() < 0 || hbd.amount() < 0) {
      throw new IllegalArgumentException("account " + name + ": balances must be non-negative HIVE and HBD");
    }
    for (Authority a : List.of(owner, active, posting)) {
      if (!a.isSatisfiable()) {
        throw new IllegalArgumentException("account " + name + ": every authority needs 1 <= threshold <= sum of weights");
      }
    }
  }

  /** An account with the genesis default recovery account. */
  public GenesisAccount(AccountName name, Authority owner, Authority active, Authority posting, PublicKey memoKey, Asset hive, Asset hbd) {
    this(name, owner, active, posting, memoKey, hive, hbd, Optional.empty());
  }

  /** The same account with {@code recovery} as its recovery account. */
  public GenesisAccount withRecoveryAccount(AccountName recovery) {
    return new GenesisAccount(name, owner, active, posting, memoKey, hive, hbd, Optional.of(recovery));
  }

  /** An account whose four roles are each one key of weight 1. */
  public static GenesisAccount singleKeys(AccountName name, PublicKey owner, PublicKey active, PublicKey posting, PublicKey memo,
      Asset hive, Asset hbd) {
    return new GenesisAccount(name, oneKey(owner), oneKey(active), oneKey(posting), memo, hive, hbd);
  }

  static Authority oneKey(PublicKey key) {
    return new Authority(1, List.of(), List.of(new Authority.KeyWeight(key, 1)));
  }
}
