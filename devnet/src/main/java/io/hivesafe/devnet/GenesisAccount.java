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
 * An account as the devnet starts with it: authorities, memo key, liquid balances, recovery account and
 * resource credits.
 *
 * @param recoveryAccount the account's recovery account; empty for the genesis default ({@link
 *     Genesis#recoveryAccountOf})
 * @param maxRc the most resource credits the account holds (hived's max_rc), full at genesis; default
 *     {@link #DEFAULT_MAX_RC}
 */
public record GenesisAccount(AccountName name, Authority owner, Authority active, Authority posting, PublicKey memoKey,
    Asset hive, Asset hbd, Optional<AccountName> recoveryAccount, long maxRc) {
  /**
   * Every account's max_rc unless its genesis says otherwise: 10^15 RC (about 570,000 HP on mainnet in
   * 2026), so that no test, demo, simulator campaign or benchmark runs out — about two million of the
   * devnet's typical transactions without regeneration, and {@code 10^15 × 3 s ÷ 5 days} ≈ 6.9 × 10^9
   * RC back every block, more than any transaction costs ({@link RcCosts}).
   */
  public static final long DEFAULT_MAX_RC = 1_000_000_000_000_000L;

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
    if (maxRc < 0) {
      throw new IllegalArgumentException("account " + name + ": max_rc must not be negative, got " + maxRc);
    }
    for (Authority a : List.of(owner, active, posting)) {
      if (!a.isSatisfiable()) {
        throw new IllegalArgumentException("account " + name + ": every authority needs 1 <= threshold <= sum of weights");
      }
    }
  }

  /** An account with the genesis default recovery account and {@link #DEFAULT_MAX_RC}. */
  public GenesisAccount(AccountName name, Authority owner, Authority active, Authority posting, PublicKey memoKey, Asset hive, Asset hbd) {
    this(name, owner, active, posting, memoKey, hive, hbd, Optional.empty());
  }

  /** An account with {@link #DEFAULT_MAX_RC}. */
  public GenesisAccount(AccountName name, Authority owner, Authority active, Authority posting, PublicKey memoKey, Asset hive, Asset hbd,
      Optional<AccountName> recoveryAccount) {
    this(name, owner, active, posting, memoKey, hive, hbd, recoveryAccount, DEFAULT_MAX_RC);
  }

  /** The same account with {@code recovery} as its recovery account. */
  public GenesisAccount withRecoveryAccount(AccountName recovery) {
    return new GenesisAccount(name, owner, active, posting, memoKey, hive, hbd, Optional.of(recovery), maxRc);
  }

  /** The same account with {@code value} as its max_rc. */
  public GenesisAccount withMaxRc(long value) {
    return new GenesisAccount(name, owner, active, posting, memoKey, hive, hbd, recoveryAccount, value);
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
