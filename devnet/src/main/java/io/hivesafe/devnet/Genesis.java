package io.hivesafe.devnet;

import io.hivesafe.hive.crypto.KeyRole;
import io.hivesafe.hive.crypto.PrivateKey;
import io.hivesafe.hive.crypto.PublicKey;
import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.protocol.Asset;
import io.hivesafe.hive.protocol.AssetSymbol;
import io.hivesafe.hive.protocol.ChainId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the devnet starts from: its chain id, the time of block 0, and its accounts.
 *
 * <p>{@link #testnet()} follows hived's testnet convention, so any Hive client works against it at once:
 * chain id {@code 18dcf0a2…274e}; {@code initminer}, whose four keys are the private key SHA-256("init_key"),
 * holding 1,000,000.000 HIVE and HBD; {@code alice}, {@code bob} and {@code carol} with the password keys of
 * password {@code password} (as every Hive wallet derives them), holding 1,000.000 HIVE and HBD each so
 * that tests can transfer without a funding step. The three have {@code initminer} as their recovery account,
 * as hived gives an account's creator; {@code initminer} has none. All these keys are {@link DevnetKeys
 * well-known}, and its chain id is {@link DevnetKeys#CHAIN_ID}.
 */
public record Genesis(ChainId chainId, Instant genesisTime, List<GenesisAccount> accounts) {
  /** hived's HIVE_INIT_MINER_NAME: the account that creates the others on a testnet. */
  public static final AccountName INIT_MINER = AccountName.of("initminer");
  /** hived's testnet key: SHA-256("init_key"), one of the {@link DevnetKeys well-known keys}. */
  public static final PrivateKey INIT_KEY = DevnetKeys.INIT_KEY;
  public static final String TEST_PASSWORD = DevnetKeys.TEST_PASSWORD;
  /** A fixed start, so that block times and ids repeat from run to run. */
  public static final Instant DEFAULT_GENESIS_TIME = Instant.parse("2026-01-01T00:00:00Z");

  public Genesis {
    accounts = List.copyOf(accounts);
    Set<AccountName> names = new HashSet<>();
    for (GenesisAccount a : accounts) {
      if (!names.add(a.name())) {
        throw new IllegalArgumentException("genesis lists account " + a.name() + " twice");
      }
    }
    for (GenesisAccount a : accounts) {
      if (a.recoveryAccount().isPresent() && !names.contains(a.recoveryAccount().get())) {
        throw new IllegalArgumentException("account " + a.name() + ": recovery account " + a.recoveryAccount().get() + " is not a genesis account");
      }
    }
    if (genesisTime.getNano() != 0) {
      throw new IllegalArgumentException("genesis time must be whole seconds");
    }
  }

  /**
   * The recovery account {@code account} starts with: the one it names, or else hived's choice for an
   * account created by {@code initminer} (account_create_evaluator makes the creator the recovery
   * account): {@code initminer} when the genesis has it. {@code initminer} itself has none, as hived's
   * genesis accounts have none (an empty recovery_account in the API).
   */
  public Optional<AccountName> recoveryAccountOf(GenesisAccount account) {
    if (account.recoveryAccount().isPresent()) {
      return account.recoveryAccount();
    }
    boolean hasInitMiner = accounts.stream().anyMatch(a -> a.name().equals(INIT_MINER));
    return hasInitMiner && !account.name().equals(INIT_MINER) ? Optional.of(INIT_MINER) : Optional.empty();
  }

  public static Genesis testnet() {
    return testnet(DEFAULT_GENESIS_TIME);
  }

  public static Genesis testnet(Instant genesisTime) {
    List<GenesisAccount> accounts = new ArrayList<>();
    PublicKey init = INIT_KEY.publicKey();
    accounts.add(GenesisAccount.singleKeys(INIT_MINER, init, init, init, init,
        Asset.of(1_000_000_000L, AssetSymbol.HIVE), Asset.of(1_000_000_000L, AssetSymbol.HBD)));
    for (String name : List.of("alice", "bob", "carol")) {
      accounts.add(GenesisAccount.singleKeys(AccountName.of(name),
          passwordKey(name, KeyRole.OWNER), passwordKey(name, KeyRole.ACTIVE), passwordKey(name, KeyRole.POSTING),
          passwordKey(name, KeyRole.MEMO), Asset.of(1_000_000L, AssetSymbol.HIVE), Asset.of(1_000_000L, AssetSymbol.HBD)));
    }
    return new Genesis(DevnetKeys.CHAIN_ID, genesisTime, accounts);
  }

  private static PublicKey passwordKey(String account, KeyRole role) {
    return DevnetKeys.passwordKey(account, role).publicKey();
  }
}
