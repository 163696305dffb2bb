package io.hivesafe.devnet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.hivesafe.hive.json.JsonForm;
import io.hivesafe.hive.protocol.AccountName;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The read methods of block_api, database_api and condenser_api, with hived's argument handling and
 * assertion texts (libraries/plugins/apis/block_api/block_api.cpp, database_api.cpp, condenser_api.cpp;
 * libraries/chain/block_log.cpp fetch_block_range).
 */
final class ReadMethods {
  /** block_api.get_block_range's limit. */
  static final long MAX_BLOCK_RANGE = 1000;
  /** DATABASE_API_SINGLE_QUERY_LIMIT. */
  static final int SINGLE_QUERY_LIMIT = 1000;
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final DevnetChain chain;
  private final FcVariant variant;
  private final BlockJsonWriter blocks;
  private final AccountJsonWriter accounts;
  private final PropertiesJsonWriter properties;
  /** hived's account ids: the order accounts were created in, which for the devnet is the genesis order. */
  private final Map<AccountName, Long> accountIds = new HashMap<>();

  ReadMethods(DevnetChain chain, FcVariant variant) {
    this.chain = chain;
    this.variant = variant;
    this.blocks = new BlockJsonWriter(chain.config().symbols());
    this.accounts = new AccountJsonWriter(chain.config().symbols());
    this.properties = new PropertiesJsonWriter(chain.config().symbols());
    List<GenesisAccount> genesis = chain.config().genesis().accounts();
    for (int i = 0; i < genesis.size(); i++) {
      accountIds.put(genesis.get(i).name(), (long) i);
    }
  }

  /** block_api.get_block {"block_num"} → {"block":{…}}, or {} past the head. */
  JsonNode getBlock(JsonNode params) throws JsonRpcError {
    long number = variant.uint32Field(params, "block_num");
    ObjectNode result = JSON.objectNode();
    chain.block(number).ifPresent(b -> result.set("block", blocks.write(b, JsonForm.HF26)));
    return result;
  }

  /** block_api.get_block_header {"block_num"} → {"header":{…}}, or {} past the head. */
  JsonNode getBlockHeader(JsonNode params) throws JsonRpcError {
    long number = variant.uint32Field(params, "block_num");
    ObjectNode result = JSON.objectNode();
    chain.block(number).ifPresent(b -> result.set("header", blocks.writeHeader(b)));
    return result;
  }

  /** condenser_api.get_block_header [n] → the header, or null past the head. */
  JsonNode condenserBlockHeader(JsonNode params) throws JsonRpcError {
    long number = variant.uint32(variant.arguments(params, 1).get(0));
    Optional<ProducedBlock> block = chain.block(number);
    return block.isPresent() ? blocks.writeHeader(block.get()) : JSON.nullNode();
  }

  /** block_api.get_block_range {"starting_block_num","count"} → {"blocks":[…]}, cut at the head. */
  JsonNode getBlockRange(JsonNode params) throws JsonRpcError {
    long start = variant.uint32Field(params, "starting_block_num");
    long count = variant.uint32Field(params, "count");
    if (start == 0) {
      throw rangeAssertion("starting_block_num > 0", "Invalid starting block number");
    }
    if (count > MAX_BLOCK_RANGE) {
      throw rangeAssertion("count <= 1000", "You can only ask for 1000 blocks at a time");
    }
    ObjectNode result = JSON.objectNode();
    ArrayNode list = result.putArray("blocks");
    chain.blocks(start, (int) count).forEach(b -> list.add(blocks.write(b, JsonForm.HF26)));
    return result;
  }

  /** The FC_ASSERT of fetch_block_range, rethrown by get_block_range: "…: <text>rethrow". */
  private JsonRpcError rangeAssertion(String condition, String text) {
    return variant.error(HivedError.apiAssertion(condition + " && \"fetch_block_range\"", text, "block_log.cpp", 0, "fetch_block_range")
        .rethrownWith(HivedError.Frame.of("rethrow", Map.of(), "block_api.cpp", 0, "get_block_range")));
  }

  /** database_api.get_dynamic_global_properties. */
  JsonNode databaseProperties() {
    return properties.write(chain.properties(), JsonForm.HF26);
  }

  /** database_api.find_accounts {"accounts":[…]} → {"accounts":[…]}: the ones that exist, in the order asked. */
  JsonNode findAccounts(JsonNode params) throws JsonRpcError {
    JsonNode names = variant.object(params).get("accounts");
    if (names != null && names.isArray() && names.size() > SINGLE_QUERY_LIMIT) {
      throw variant.error(HivedError.apiAssertion("args.accounts.size() <= DATABASE_API_SINGLE_QUERY_LIMIT", "",
          "database_api.cpp", 0, "find_accounts"));
    }
    ObjectNode result = JSON.objectNode();
    result.set("accounts", accountList(variant.accountNames(names, "accounts"), JsonForm.HF26));
    return result;
  }

  /** condenser_api.get_block [n] → the block in legacy form, or null past the head. */
  JsonNode condenserBlock(JsonNode params) throws JsonRpcError {
    long number = variant.uint32(variant.arguments(params, 1).get(0));
    Optional<ProducedBlock> block = chain.block(number);
    return block.isPresent() ? blocks.write(block.get(), JsonForm.LEGACY) : JSON.nullNode();
  }

  /** condenser_api.get_dynamic_global_properties []. */
  JsonNode condenserProperties(JsonNode params) throws JsonRpcError {
    variant.arguments(params, 0);
    return properties.write(chain.properties(), JsonForm.LEGACY);
  }

  /** condenser_api.get_accounts [[names]] (or [[names], delayed_votes_active]) → the accounts that exist. */
  JsonNode condenserAccounts(JsonNode params) throws JsonRpcError {
    JsonNode names = variant.arguments(params, 1, 2).get(0);
    return accountList(variant.accountNames(names, "account_names"), JsonForm.LEGACY);
  }

  /** condenser_api.get_hardfork_version [] → "1.28.0". */
  JsonNode hardforkVersion(JsonNode params) throws JsonRpcError {
    variant.arguments(params, 0);
    return TextNode.valueOf(chain.config().hardforkVersion());
  }

  /** database_api.get_config and condenser_api.get_config. */
  JsonNode config() {
    return ConfigJsonWriter.write(chain.config());
  }

  private ArrayNode accountList(List<AccountName> names, JsonForm form) {
    ArrayNode list = JSON.arrayNode();
    for (ChainAccount account : chain.accounts(names)) {
      list.add(accounts.write(account, accountIds.getOrDefault(account.name(), (long) accountIds.size()), form));
    }
    return list;
  }
}
