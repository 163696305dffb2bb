package io.hivesafe.devnet;

import io.hivesafe.hive.authority.SignatureRules;
import io.hivesafe.hive.protocol.ChainId;
import io.hivesafe.hive.protocol.HiveLimits;
import io.hivesafe.hive.protocol.SymbolNames;
import java.util.Objects;

/**
 * The devnet's settings, validated when built.
 *
 * @param genesis chain id, time of block 0 and accounts
 * @param rules the hardfork's signature rules: {@link SignatureRules#HF28} (the default, Hive mainnet
 *     since 2025) or {@link SignatureRules#PRE_HF28}; the expiration limit follows them
 * @param irreversibleLag how many blocks the last irreversible block trails the head (0 to 1,000)
 * @param maximumBlockSize hived's maximum_block_size; a transaction may be at most this minus 256 bytes
 * @param symbols how HIVE and HBD are spelled in legacy JSON and legacy packing: TESTS/TBD on hived's
 *     testnet chain id (a testnet build), HIVE/HBD with STEEM/SBD bytes on any other chain id
 */
public record DevnetConfig(Genesis genesis, SignatureRules rules, int irreversibleLag, int maximumBlockSize, SymbolNames symbols) {
  public static final int DEFAULT_IRREVERSIBLE_LAG = 2;
  /** maximum_block_size as voted on mainnet (and in the fixtures): hived's HIVE_MIN_BLOCK_SIZE_LIMIT. */
  public static final int DEFAULT_MAXIMUM_BLOCK_SIZE = HiveLimits.MIN_BLOCK_SIZE_LIMIT;
  public static final int MAX_IRREVERSIBLE_LAG = 1_000;

  public DevnetConfig {
    Objects.requireNonNull(genesis, "genesis");
    Objects.requireNonNull(rules, "rules");
    Objects.requireNonNull(symbols, "symbols");
    if (irreversibleLag < 0 || irreversibleLag > MAX_IRREVERSIBLE_LAG) {
      throw new IllegalArgumentException("irreversible lag must be within 0.." + MAX_IRREVERSIBLE_LAG + ", got " + irreversibleLag);
    }
    if (maximumBlockSize < 1_024 || maximumBlockSize > HiveLimits.MAX_BLOCK_SIZE) {
      throw new IllegalArgumentException(
          "maximum block size must be within 1024.." + HiveLimits.MAX_BLOCK_SIZE + ", got " + maximumBlockSize);
    }
  }

  /** hived's testnet convention with HF28 rules. */
  public static DevnetConfig testnet() {
    return of(Genesis.testnet());
  }

  /** Defaults around {@code genesis}: HF28 rules, lag 2, 65,536-byte blocks, symbols by chain id. */
  public static DevnetConfig of(Genesis genesis) {
    return new DevnetConfig(genesis, SignatureRules.HF28, DEFAULT_IRREVERSIBLE_LAG, DEFAULT_MAXIMUM_BLOCK_SIZE, symbolsFor(genesis.chainId()));
  }

  public static SymbolNames symbolsFor(ChainId chainId) {
    return chainId.equals(ChainId.TESTNET) ? SymbolNames.TESTNET : SymbolNames.MAINNET;
  }

  public DevnetConfig withRules(SignatureRules value) {
    return new DevnetConfig(genesis, value, irreversibleLag, maximumBlockSize, symbols);
  }

  public DevnetConfig withIrreversibleLag(int value) {
    return new DevnetConfig(genesis, rules, value, maximumBlockSize, symbols);
  }

  public DevnetConfig withMaximumBlockSize(int value) {
    return new DevnetConfig(genesis, rules, irreversibleLag, value, symbols);
  }

  /** The version condenser_api.get_hardfork_version reports. */
  public String hardforkVersion() {
    return rules == SignatureRules.HF28 ? "1.28.0" : "1.27.0";
  }

  /**
   * hived's limit on how far ahead an expiration may be: HIVE_MAX_TIME_UNTIL_SIGNATURE_EXPIRATION from HF28,
   * HIVE_MAX_TIME_UNTIL_EXPIRATION before.
   */
  public long maxSecondsUntilExpiration() {
    return rules == SignatureRules.HF28
        ? HiveLimits.MAX_TIME_UNTIL_SIGNATURE_EXPIRATION_SECONDS
        : HiveLimits.MAX_TIME_UNTIL_EXPIRATION_SECONDS;
  }
}
