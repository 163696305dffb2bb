package io.hivesafe.hive.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import io.hivesafe.hive.HiveFormatException;
import io.hivesafe.hive.json.JsonFields;
import io.hivesafe.hive.protocol.ChainId;
import java.util.Objects;

/**
 * The part of hived's compile-time configuration (database_api.get_config) a node checks before it
 * trusts an API: the chain id the API's hived signs and checks transactions with, and its public key
 * prefix. A node whose genesis names another chain id must not follow this API: the blocks it serves
 * are another chain's, and signatures made for the genesis's chain id are worthless (or worse) here.
 */
public record ChainConfig(ChainId chainId, String addressPrefix) {
  public ChainConfig {
    Objects.requireNonNull(chainId, "chainId");
    Objects.requireNonNull(addressPrefix, "addressPrefix");
    if (!addressPrefix.matches("[A-Z]{3,8}")) {
      throw new HiveFormatException("HIVE_ADDRESS_PREFIX must be 3 to 8 capital letters, got '" + addressPrefix + "'");
    }
  }

  /** Reads database_api.get_config's result (HIVE_CHAIN_ID: 64 hex digits; HIVE_ADDRESS_PREFIX). */
  public static ChainConfig read(JsonNode node) {
    String id = JsonFields.text(node, "HIVE_CHAIN_ID");
    if (!id.matches("[0-9a-f]{64}")) {
      throw new HiveFormatException("HIVE_CHAIN_ID must be 64 lowercase hex digits, got '" + id + "'");
    }
    return new ChainConfig(ChainId.fromHex(id), JsonFields.text(node, "HIVE_ADDRESS_PREFIX"));
  }
}
