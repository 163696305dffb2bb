package io.hivesafe.devnet;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hivesafe.hive.crypto.PublicKey;
import io.hivesafe.hive.json.JsonFields;
import io.hivesafe.hive.protocol.AssetSymbol;
import io.hivesafe.hive.protocol.ChainId;
import io.hivesafe.hive.protocol.HiveLimits;

/**
 * A subset of hived's get_config (the same object in database_api and condenser_api): the constants
 * clients read to recognise a chain and its limits — chain id, key prefix, symbols, block interval,
 * version and the transaction limits the devnet enforces. hived sends about 200 constants; the others
 * are left out rather than invented.
 */
public final class ConfigJsonWriter {
  private ConfigJsonWriter() {}

  public static ObjectNode write(DevnetConfig config) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("IS_TEST_NET", config.genesis().chainId().equals(ChainId.TESTNET));
    node.put("HIVE_CHAIN_ID", config.genesis().chainId().toHex());
    node.put("HIVE_ADDRESS_PREFIX", PublicKey.DEFAULT_PREFIX);
    node.put("HIVE_BLOCKCHAIN_VERSION", config.hardforkVersion());
    node.put("HIVE_GENESIS_TIME", JsonFields.formatTime(config.genesis().genesisTime()));
    node.put("HIVE_INIT_MINER_NAME", DevnetChain.WITNESS);
    node.put("HIVE_INIT_PUBLIC_KEY_STR", Genesis.INIT_KEY.publicKey().toString());
    node.put("HIVE_BLOCK_INTERVAL", DevnetChain.BLOCK_INTERVAL.toSeconds());
    node.put("HIVE_BLOCKS_PER_DAY", 86_400 / DevnetChain.BLOCK_INTERVAL.toSeconds());
    node.put("HIVE_100_PERCENT", 10_000);
    for (AssetSymbol symbol : AssetSymbol.values()) {
      ObjectNode entry = node.putObject(symbol.name() + "_SYMBOL");
      entry.put("decimals", symbol.precision());
      entry.put("nai", symbol.nai());
    }
    node.put("HIVE_MAX_TIME_UNTIL_EXPIRATION", HiveLimits.MAX_TIME_UNTIL_EXPIRATION_SECONDS);
    node.put("HIVE_MAX_TIME_UNTIL_SIGNATURE_EXPIRATION", config.maxSecondsUntilExpiration());
    node.put("HIVE_MAX_AUTHORITY_MEMBERSHIP", HiveLimits.MAX_AUTHORITY_MEMBERSHIP);
    node.put("HIVE_MAX_SIG_CHECK_DEPTH", HiveLimits.MAX_SIG_CHECK_DEPTH);
    node.put("HIVE_MAX_SIG_CHECK_ACCOUNTS", HiveLimits.MAX_SIG_CHECK_ACCOUNTS);
    node.put("HIVE_MIN_ACCOUNT_NAME_LENGTH", HiveLimits.MIN_ACCOUNT_NAME_LENGTH);
    node.put("HIVE_MAX_ACCOUNT_NAME_LENGTH", HiveLimits.MAX_ACCOUNT_NAME_LENGTH);
    node.put("HIVE_CUSTOM_OP_ID_MAX_LENGTH", HiveLimits.CUSTOM_OP_ID_MAX_LENGTH);
    node.put("HIVE_CUSTOM_OP_DATA_MAX_LENGTH", HiveLimits.CUSTOM_OP_DATA_MAX_LENGTH);
    node.put("HIVE_MAX_MEMO_SIZE", HiveLimits.MAX_MEMO_BYTES + 1);
    node.put("HIVE_OWNER_UPDATE_LIMIT", HiveLimits.OWNER_UPDATE_LIMIT.toNanos() / 1_000);
    node.put("HIVE_MAX_BLOCK_SIZE", HiveLimits.MAX_BLOCK_SIZE);
    node.put("HIVE_MIN_BLOCK_SIZE_LIMIT", HiveLimits.MIN_BLOCK_SIZE_LIMIT);
    node.put("HIVE_MAX_TRANSACTION_SIZE", HiveLimits.MIN_BLOCK_SIZE_LIMIT);
    return node;
  }
}
