package io.hivesafe.hive.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hivesafe.hive.HiveFormatException;
import io.hivesafe.hive.json.JsonFields;
import io.hivesafe.hive.json.JsonForm;
import io.hivesafe.hive.json.TransactionJson;
import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.protocol.Block;
import io.hivesafe.hive.protocol.SymbolNames;
import io.hivesafe.hive.protocol.Transaction;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A JSON-RPC 2.0 client for hived over HTTP with endpoint failover.
 *
 * <p>Every call goes to the endpoint that answered last. A transport failure (connection error, timeout,
 * HTTP status other than 2xx, a body that is not a JSON-RPC 2.0 response to this request, or a result
 * that cannot be read) moves to the next endpoint after a pause ({@link RpcConfig#backoffBeforeRetry});
 * after {@link RpcConfig#maxAttempts()} attempts the call throws {@link RpcTransportException}. A
 * JSON-RPC error from hived is not retried and throws {@link RpcErrorException}. Both are checked
 * {@link RpcException}s. Invalid arguments throw {@link IllegalArgumentException} before any request.
 *
 * <p>Thread-safe; close it to release its HTTP resources.
 */
public final class HiveRpcClient implements AutoCloseable {
  /** block_api.get_block_range's limit per call. */
  public static final int MAX_BLOCK_RANGE = 1000;
  /** database_api's limit on names per find_accounts call. */
  public static final int MAX_FIND_ACCOUNTS = 1000;
  /** account_history_api.get_account_history's limit on entries per call. */
  public static final int MAX_ACCOUNT_HISTORY = 1000;
  /** get_account_history's {@code start} for "from the newest entry". */
  public static final long NEWEST = -1;

  static final String GET_DYNAMIC_GLOBAL_PROPERTIES = "database_api.get_dynamic_global_properties";
  static final String GET_BLOCK = "block_api.get_block";
  static final String GET_BLOCK_RANGE = "block_api.get_block_range";
  static final String FIND_ACCOUNTS = "database_api.find_accounts";
  static final String GET_HARDFORK_VERSION = "condenser_api.get_hardfork_version";
  static final String BROADCAST_TRANSACTION = "network_broadcast_api.broadcast_transaction";
  static final String GET_ACCOUNT_HISTORY = "account_history_api.get_account_history";
  static final String GET_CONFIG = "database_api.get_config";
  static final String FIND_RC_ACCOUNTS = "rc_api.find_rc_accounts";

  private static final long MAX_BLOCK_NUMBER = 0xffffffffL;
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final FailoverTransport transport;

  public HiveRpcClient(RpcConfig config) {
    this(config, Sleeper.SYSTEM);
  }

  /** A client whose pauses between retries go through {@code sleeper}. */
  public HiveRpcClient(RpcConfig config, Sleeper sleeper) {
    this(config, sleeper, RpcListener.NONE);
  }

  /** A client that tells {@code listener} about every attempt (for metrics). */
  public HiveRpcClient(RpcConfig config, RpcListener listener) {
    this(config, Sleeper.SYSTEM, listener);
  }

  /** A client whose pauses go through {@code sleeper} and whose attempts are told to {@code listener}. */
  public HiveRpcClient(RpcConfig config, Sleeper sleeper, RpcListener listener) {
    this.transport = new FailoverTransport(config, sleeper, listener, null);
  }

  /**
   * A client that uses only answers of endpoints serving {@code guard}'s chain id, checked before first
   * use, after failures and new connections, and periodically ({@link ChainGuard}); an endpoint of another
   * chain fails the call with {@link WrongChainException}.
   */
  public HiveRpcClient(RpcConfig config, RpcListener listener, ChainGuard guard) {
    this.transport = new FailoverTransport(config, Sleeper.SYSTEM, listener, Objects.requireNonNull(guard, "guard"));
  }

  /** As {@link #HiveRpcClient(RpcConfig, RpcListener, ChainGuard)}, pausing through {@code sleeper}. */
  public HiveRpcClient(RpcConfig config, Sleeper sleeper, RpcListener listener, ChainGuard guard) {
    this.transport = new FailoverTransport(config, sleeper, listener, Objects.requireNonNull(guard, "guard"));
  }

  /**
   * Any method, for APIs without a typed call here. {@code params} may be null (no params member).
   * Returns the result as sent (possibly JSON null).
   */
  public JsonNode call(String method, JsonNode params) throws RpcException {
    Objects.requireNonNull(method, "method");
    return transport.call(method, params == null ? null : params.deepCopy(), result -> result);
  }

  /** database_api.get_dynamic_global_properties. */
  public DynamicGlobalProperties getDynamicGlobalProperties() throws RpcException {
    return transport.call(GET_DYNAMIC_GLOBAL_PROPERTIES, JSON.objectNode(), DynamicGlobalProperties::read);
  }

  /** block_api.get_block; empty when the block is past the node's head. */
  public Optional<Block> getBlock(long number) throws RpcException {
    checkBlockNumber("number", number);
    ObjectNode params = JSON.objectNode().put("block_num", number);
    return transport.call(GET_BLOCK, params, result -> BlockResults.block(result, number));
  }

  /**
   * block_api.get_block_range: blocks {@code start}, {@code start+1}, … — at most {@code count}, fewer (or
   * none) when the range passes the node's head. The blocks are checked to be consecutive and linked.
   */
  public List<Block> getBlockRange(long start, int count) throws RpcException {
    checkBlockNumber("start", start);
    if (count < 1 || count > MAX_BLOCK_RANGE) {
      throw new IllegalArgumentException("count must be within 1.." + MAX_BLOCK_RANGE + ", got " + count);
    }
    ObjectNode params = JSON.objectNode().put("starting_block_num", start).put("count", count);
    return transport.call(GET_BLOCK_RANGE, params, result -> BlockResults.range(result, start, count));
  }

  /**
   * database_api.find_accounts: the accounts that exist among {@code names} (hived leaves out unknown
   * names), in hived's order. An empty list makes no request.
   */
  public List<AccountInfo> findAccounts(List<AccountName> names) throws RpcException {
    if (checkNames(names)) {
      return List.of();
    }
    Set<AccountName> asked = new HashSet<>(names);
    return transport.call(FIND_ACCOUNTS, accountsParams(names), result -> readAccounts(result, asked));
  }

  private static List<AccountInfo> readAccounts(JsonNode result, Set<AccountName> asked) {
    List<AccountInfo> found = new ArrayList<>();
    for (JsonNode node : JsonFields.array(result, "accounts")) {
      AccountInfo account = AccountInfo.read(node);
      if (!asked.contains(account.name())) {
        throw new HiveFormatException("find_accounts returned account " + account.name() + ", which was not asked for");
      }
      found.add(account);
    }
    return List.copyOf(found);
  }

  /**
   * account_history_api.get_account_history: up to {@code limit} entries of {@code account}'s history
   * ending at sequence {@code start} ({@link #NEWEST}, -1, for the newest), in ascending sequence order.
   * Virtual operations come back as {@link io.hivesafe.hive.protocol.OtherOperation}s. With
   * {@code includeReversible} the node also returns operations of blocks that are not yet irreversible.
   *
   * <p>hived requires {@code start >= limit - 1} (start is a 0-based position) unless start is -1; this is
   * checked before any request. The result is checked to hold at most {@code limit} entries, strictly
   * ascending and none after {@code start}.
   */
  public List<AccountHistoryEntry> getAccountHistory(AccountName account, long start, int limit, boolean includeReversible)
      throws RpcException {
    Objects.requireNonNull(account, "account");
    if (limit < 1 || limit > MAX_ACCOUNT_HISTORY) {
      throw new IllegalArgumentException("limit must be within 1.." + MAX_ACCOUNT_HISTORY + ", got " + limit);
    }
    if (start != NEWEST && (start < 0 || start < limit - 1)) {
      throw new IllegalArgumentException("start must be -1 (newest) or a position >= limit - 1 = " + (limit - 1) + ", got " + start);
    }
    ObjectNode params = JSON.objectNode()
        .put("account", account.value())
        .put("start", start)
        .put("limit", limit)
        .put("include_reversible", includeReversible);
    return transport.call(GET_ACCOUNT_HISTORY, params, result -> readHistory(result, start, limit));
  }

  private static List<AccountHistoryEntry> readHistory(JsonNode result, long start, int limit) {
    JsonNode history = JsonFields.array(result, "history");
    if (history.size() > limit) {
      throw new HiveFormatException("asked for " + limit + " history entries, got " + history.size());
    }
    List<AccountHistoryEntry> entries = new ArrayList<>(history.size());
    for (JsonNode pair : history) {
      AccountHistoryEntry entry = AccountHistoryEntry.read(pair);
      if (!entries.isEmpty() && entry.sequence() <= entries.get(entries.size() - 1).sequence()) {
        throw new HiveFormatException("history sequence " + entry.sequence() + " does not follow "
            + entries.get(entries.size() - 1).sequence());
      }
      if (start != NEWEST && entry.sequence() > start) {
        throw new HiveFormatException("asked for history up to " + start + ", got sequence " + entry.sequence());
      }
      entries.add(entry);
    }
    return List.copyOf(entries);
  }

  /**
   * database_api.get_config: the chain id and key prefix of the API's hived. Asked of the endpoint that
   * answers; with several endpoints, ask each through its own client to check them all.
   */
  public ChainConfig getConfig() throws RpcException {
    return transport.call(GET_CONFIG, JSON.objectNode(), ChainConfig::read);
  }

  /**
   * rc_api.find_rc_accounts: the resource credits of the accounts among {@code names} that exist (hived
   * leaves out unknown names), in hived's order. An empty list makes no request.
   */
  public List<RcAccount> findRcAccounts(List<AccountName> names) throws RpcException {
    if (checkNames(names)) {
      return List.of();
    }
    Set<AccountName> asked = new HashSet<>(names);
    return transport.call(FIND_RC_ACCOUNTS, accountsParams(names), result -> readRcAccounts(result, asked));
  }

  /** Refuses too many names or a null one; true when there are none (no request is made). */
  private static boolean checkNames(List<AccountName> names) {
    if (names.size() > MAX_FIND_ACCOUNTS) {
      throw new IllegalArgumentException("at most " + MAX_FIND_ACCOUNTS + " names per call, got " + names.size());
    }
    for (AccountName name : names) {
      Objects.requireNonNull(name, "names must not hold null");
    }
    return names.isEmpty();
  }

  /** {@code {"accounts": [names…]}}, in the order given. */
  private static ObjectNode accountsParams(List<AccountName> names) {
    ObjectNode params = JSON.objectNode();
    ArrayNode accounts = params.putArray("accounts");
    names.forEach(name -> accounts.add(name.value()));
    return params;
  }

  private static List<RcAccount> readRcAccounts(JsonNode result, Set<AccountName> asked) {
    JsonNode list = JsonFields.array(result, "rc_accounts");
    List<RcAccount> accounts = new ArrayList<>();
    Set<AccountName> seen = new HashSet<>();
    for (JsonNode entry : list) {
      RcAccount account = RcAccount.read(entry);
      if (!asked.contains(account.account())) {
        throw new HiveFormatException("find_rc_accounts answered for " + account.account() + ", which was not asked");
      }
      if (!seen.add(account.account())) {
        throw new HiveFormatException("find_rc_accounts answered twice for " + account.account());
      }
      accounts.add(account);
    }
    return List.copyOf(accounts);
  }

  /** condenser_api.get_hardfork_version: the version the node currently runs, e.g. 1.28.0. */
  public HardforkVersion getHardforkVersion() throws RpcException {
    return transport.call(GET_HARDFORK_VERSION, JSON.arrayNode(), HardforkVersion::read);
  }

  /**
   * network_broadcast_api.broadcast_transaction with the transaction in HF26 JSON. Returns when hived
   * accepted it into its pending pool (not when it is in a block).
   *
   * <p>Not idempotent from the caller's view: an attempt that timed out or lost its connection may
   * still have delivered the transaction, and the retry on the next endpoint then gets hived's
   * "Duplicate transaction check failed". Callers must treat that error
   * ({@link RpcErrorException#isDuplicateTransaction()}) as success, and must treat an
   * {@link RpcTransportException} as "unknown", not "not sent": check for the transaction id on chain
   * before building a replacement.
   */
  public void broadcastTransaction(Transaction tx) throws RpcException {
    ObjectNode params = JSON.objectNode();
    params.set("trx", TransactionJson.write(tx, JsonForm.HF26, SymbolNames.MAINNET));
    // The result ({} today) is ignored on purpose: rejecting an odd-looking result would retry, and so
    // re-send, a transaction the node has just accepted.
    transport.call(BROADCAST_TRANSACTION, params, result -> result);
  }

  private static void checkBlockNumber(String what, long number) {
    if (number < 1 || number > MAX_BLOCK_NUMBER) {
      throw new IllegalArgumentException(what + " must be a block number within 1.." + MAX_BLOCK_NUMBER + ", got " + number);
    }
  }

  @Override
  public void close() {
    transport.close();
  }
}
