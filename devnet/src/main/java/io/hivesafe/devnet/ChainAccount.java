package io.hivesafe.devnet;

import io.hivesafe.hive.authority.AccountAuthorities;
import io.hivesafe.hive.crypto.PublicKey;
import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.protocol.Asset;
import io.hivesafe.hive.protocol.AssetSymbol;
import io.hivesafe.hive.protocol.Authority;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An account as the devnet holds it: hived's account_object and account_authority_object, reduced to
 * what the devnet models. Immutable; every change makes a new value.
 *
 * @param memoKey empty for hived's null key
 * @param lastOwnerUpdate when the owner authority last changed (epoch 0 for never, as hived starts it)
 * @param previousOwnerUpdate the change before that (HF26's "twice an hour" rule looks at both)
 * @param recoveryAccount the account that may recover this one (empty: none, as hived's genesis accounts)
 */
public record ChainAccount(
    AccountName name,
    Authority owner,
    Authority active,
    Authority posting,
    Optional<PublicKey> memoKey,
    Asset hive,
    Asset hbd,
    String jsonMetadata,
    String postingJsonMetadata,
    Instant created,
    Instant lastOwnerUpdate,
    Instant previousOwnerUpdate,
    Instant lastAccountUpdate,
    Optional<AccountName> recoveryAccount) {

  public ChainAccount {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(active, "active");
    Objects.requireNonNull(posting, "posting");
    Objects.requireNonNull(memoKey, "memoKey");
    Objects.requireNonNull(jsonMetadata, "jsonMetadata");
    Objects.requireNonNull(postingJsonMetadata, "postingJsonMetadata");
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(lastOwnerUpdate, "lastOwnerUpdate");
    Objects.requireNonNull(previousOwnerUpdate, "previousOwnerUpdate");
    Objects.requireNonNull(lastAccountUpdate, "lastAccountUpdate");
    Objects.requireNonNull(recoveryAccount, "recoveryAccount");
    if (hive.symbol() != AssetSymbol.HIVE || hbd.symbol() != AssetSymbol.HBD) {
      throw new IllegalArgumentException("account " + name + ": balances must be HIVE and HBD");
    }
    if (hive.amount() < 0 || hbd.amount() < 0) {
      throw new IllegalStateException("account " + name + ": a balance went negative: " + hive + ", " + hbd);
    }
  }

  static ChainAccount fromGenesis(Genesis genesis, GenesisAccount account) {
    return new ChainAccount(account.name(), account.owner(), account.active(), account.posting(), Optional.of(account.memoKey()),
        account.hive(), account.hbd(), "", "", genesis.genesisTime(), Instant.EPOCH, Instant.EPOCH, Instant.EPOCH,
        genesis.recoveryAccountOf(account));
  }

  public AccountAuthorities authorities() {
    return new AccountAuthorities(owner, active, posting);
  }

  /** The liquid balance in {@code symbol} (HIVE or HBD). */
  public Asset balance(AssetSymbol symbol) {
    return switch (symbol) {
      case HIVE -> hive;
      case HBD -> hbd;
      case VESTS -> throw new IllegalArgumentException("the devnet holds no VESTS");
    };
  }

  ChainAccount withBalance(Asset balance) {
    return switch (balance.symbol()) {
      case HIVE -> new ChainAccount(name, owner, active, posting, memoKey, balance, hbd, jsonMetadata, postingJsonMetadata, created,
          lastOwnerUpdate, previousOwnerUpdate, lastAccountUpdate, recoveryAccount);
      case HBD -> new ChainAccount(name, owner, active, posting, memoKey, hive, balance, jsonMetadata, postingJsonMetadata, created,
          lastOwnerUpdate, previousOwnerUpdate, lastAccountUpdate, recoveryAccount);
      case VESTS -> throw new IllegalArgumentException("the devnet holds no VESTS");
    };
  }

  ChainAccount withUpdate(Optional<Authority> newOwner, Optional<Authority> newActive, Optional<Authority> newPosting,
      Optional<PublicKey> newMemo, Optional<String> newJson, Optional<String> newPostingJson, Instant now) {
    boolean ownerChanged = newOwner.isPresent();
    return new ChainAccount(name, newOwner.orElse(owner), newActive.orElse(active), newPosting.orElse(posting),
        newMemo.isPresent() ? newMemo : memoKey, hive, hbd, newJson.orElse(jsonMetadata), newPostingJson.orElse(postingJsonMetadata),
        created, ownerChanged ? now : lastOwnerUpdate, ownerChanged ? lastOwnerUpdate : previousOwnerUpdate, now, recoveryAccount);
  }

  ChainAccount withRecoveryAccount(AccountName recovery) {
    return new ChainAccount(name, owner, active, posting, memoKey, hive, hbd, jsonMetadata, postingJsonMetadata, created,
        lastOwnerUpdate, previousOwnerUpdate, lastAccountUpdate, Optional.of(recovery));
  }
}
