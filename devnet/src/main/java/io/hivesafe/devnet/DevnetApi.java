package io.hivesafe.devnet;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The hived API methods the devnet serves, by API and method name, over one {@link DevnetChain}:
 *
 * <ul>
 *   <li>block_api: get_block, get_block_header, get_block_range;
 *   <li>database_api: get_dynamic_global_properties, find_accounts, get_config;
 *   <li>account_history_api: get_account_history;
 *   <li>rc_api: find_rc_accounts;
 *   <li>condenser_api: get_block, get_block_header, get_dynamic_global_properties, get_accounts,
 *       get_account_history, get_hardfork_version, get_config, broadcast_transaction,
 *       broadcast_transaction_synchronous;
 *   <li>network_broadcast_api: broadcast_transaction.
 * </ul>
 *
 * Independent of HTTP: {@link JsonRpcServer} reads the envelope and calls {@link #call}. Thread-safe.
 */
public final class DevnetApi {
  /** How long condenser_api.broadcast_transaction_synchronous waits for its block. */
  public static final Duration SYNCHRONOUS_BROADCAST_TIMEOUT = Duration.ofSeconds(60);

  /** One API method: its params (JSON {} when the request had none) to its result. */
  @FunctionalInterface
  interface Method {
    JsonNode call(JsonNode params, BroadcastFate fate) throws JsonRpcError;
  }

  private final DevnetChain chain;
  private final Map<String, Map<String, Method>> apis = new TreeMap<>();

  public DevnetApi(DevnetChain chain) {
    this(chain, SYNCHRONOUS_BROADCAST_TIMEOUT);
  }

  DevnetApi(DevnetChain chain, Duration synchronousTimeout) {
    this.chain = Objects.requireNonNull(chain, "chain");
    FcVariant variant = new FcVariant(chain);
    ReadMethods reads = new ReadMethods(chain, variant);
    BroadcastMethods broadcasts = new BroadcastMethods(chain, variant, synchronousTimeout);
    HistoryMethods history = new HistoryMethods(chain, variant);
    RcMethods rc = new RcMethods(chain, variant);
    apis.put("rc_api", Map.of("find_rc_accounts", (params, fate) -> rc.findRcAccounts(params)));
    apis.put("account_history_api", Map.of("get_account_history", (params, fate) -> history.getAccountHistory(params)));
    apis.put("block_api", Map.of(
        "get_block", (params, fate) -> reads.getBlock(params),
        "get_block_header", (params, fate) -> reads.getBlockHeader(params),
        "get_block_range", (params, fate) -> reads.getBlockRange(params)));
    apis.put("database_api", Map.of(
        "get_dynamic_global_properties", (params, fate) -> reads.databaseProperties(),
        "find_accounts", (params, fate) -> reads.findAccounts(params),
        "get_config", (params, fate) -> reads.config()));
    apis.put("condenser_api", Map.of(
        "get_block", (params, fate) -> reads.condenserBlock(params),
        "get_block_header", (params, fate) -> reads.condenserBlockHeader(params),
        "get_dynamic_global_properties", (params, fate) -> reads.condenserProperties(params),
        "get_accounts", (params, fate) -> reads.condenserAccounts(params),
        "get_account_history", (params, fate) -> history.condenserAccountHistory(params),
        "get_hardfork_version", (params, fate) -> reads.hardforkVersion(params),
        "get_config", (params, fate) -> reads.config(),
        "broadcast_transaction", broadcasts::condenserBroadcast,
        "broadcast_transaction_synchronous", broadcasts::condenserBroadcastSynchronous));
    apis.put("network_broadcast_api", Map.of("broadcast_transaction", broadcasts::broadcast));
  }

  public DevnetChain chain() {
    return chain;
  }

  /**
   * Calls {@code api.method}. An unknown API or method is hived's -32601 assertion ("Could not find API
   * …", "Could not find method …", json_rpc_plugin.cpp find_api_method).
   */
  public JsonNode call(String api, String method, JsonNode params, BroadcastFate fate) throws JsonRpcError {
    Map<String, Method> methods = apis.get(api);
    if (methods == null) {
      throw notFound("api_itr != data._registered_apis.end()", "Could not find API ${api}", Map.of("api", api));
    }
    Method found = methods.get(method);
    if (found == null) {
      throw notFound("method_itr != api_itr->second.end()", "Could not find method ${method}", Map.of("method", method));
    }
    return found.call(params, fate);
  }

  /** A method name that is not {@code api.method}: hived's assertion in process_params, answered as method not found. */
  JsonRpcError invalidMethodName() {
    return notFound("v.size() == 2", "method specification invalid. Should be api.method", Map.of());
  }

  private JsonRpcError notFound(String condition, String text, Map<String, String> data) {
    return JsonRpcError.of(new HivedError(HivedError.METHOD_NOT_FOUND, "assert_exception", HivedError.ASSERT_CODE, "Assert Exception",
        List.of(HivedError.Frame.of(condition + ": " + text, data, "json_rpc_plugin.cpp", 0, "find_api_method"))), chain.headTime());
  }

  /** Every method served, as {@code api.method}, sorted. */
  public List<String> methods() {
    List<String> names = new ArrayList<>();
    apis.forEach((api, methods) -> methods.keySet().forEach(m -> names.add(api + "." + m)));
    names.sort(null);
    return names;
  }

  Instant headTime() {
    return chain.headTime();
  }
}
