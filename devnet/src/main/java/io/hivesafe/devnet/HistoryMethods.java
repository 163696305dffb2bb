package io.hivesafe.devnet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hivesafe.hive.HiveFormatException;
import io.hivesafe.hive.json.JsonForm;
import io.hivesafe.hive.protocol.AccountName;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * account_history_api.get_account_history and condenser_api.get_account_history, as hived 1.28 answers
 * them (libraries/plugins/apis/account_history_api/account_history_api.cpp, the rocksdb plugin's
 * find_account_history_data; condenser_api.cpp):
 *
 * <ul>
 *   <li>{@code start} (default −1, i.e. the newest) is the highest sequence number wanted; the answer is
 *       the {@code limit} (default 1,000, at most 1,000) entries at or below it, in ascending order;
 *   <li>without {@code include_reversible: true} only operations of irreversible blocks are seen (hived's
 *       default, and always so through condenser_api, which cannot pass it);
 *   <li>if either filter is given — even as 0 — only operations whose id's bit is set in the 128-bit mask
 *       {high, low} are returned, looking at no more than 2,000 entries.
 * </ul>
 */
final class HistoryMethods {
  static final long MAX_LIMIT = 1000;
  /** The most entries a filtered query looks at before giving up (account_history_api.cpp). */
  static final int MAX_FILTER_SCAN = 2000;
  private static final String FILE = "account_history_api.cpp";

  private final DevnetChain chain;
  private final FcVariant variant;
  private final HistoryJsonWriter writer;

  /** A get_account_history request; {@code start} and the filters are uint64 bits, {@code limit} a uint32. */
  record Request(String account, long start, long limit, boolean includeReversible, OptionalLong filterLow, OptionalLong filterHigh) {}

  HistoryMethods(DevnetChain chain, FcVariant variant) {
    this.chain = chain;
    this.variant = variant;
    this.writer = new HistoryJsonWriter(chain.config().symbols());
  }

  /** account_history_api.get_account_history {"account","start","limit","include_reversible","operation_filter_low","operation_filter_high"} → {"history":[…]}. */
  JsonNode getAccountHistory(JsonNode params) throws JsonRpcError {
    JsonNode args = variant.object(params);
    String account = args.has("account") ? variant.string(args.get("account")) : "";
    long start = args.has("start") ? variant.uint64Bits(args.get("start")) : -1L;
    long limit = args.has("limit") ? variant.uint32(args.get("limit")) : MAX_LIMIT;
    boolean includeReversible = args.has("include_reversible") && variant.bool(args.get("include_reversible"));
    OptionalLong low = optionalUint64(args.get("operation_filter_low"));
    OptionalLong high = optionalUint64(args.get("operation_filter_high"));
    ObjectNode result = JsonNodeFactory.instance.objectNode();
    result.set("history", writer.write(query(new Request(account, start, limit, includeReversible, low, high)), JsonForm.HF26));
    return result;
  }

  /** condenser_api.get_account_history [account, start, limit(, filter_low(, filter_high))] → [[seq, {…}], …] in legacy form. */
  JsonNode condenserAccountHistory(JsonNode params) throws JsonRpcError {
    JsonNode args = variant.arguments(params, 0, Integer.MAX_VALUE);
    if (args.size() < 3 || args.size() > 5) {
      throw variant.error(assertion("args.size() == 3 || args.size() == 4 || args.size() == 5", "Expected 3, 4, or 5 argument(s), was ${n}",
          Map.of("n", Integer.toString(args.size())), "condenser_api.cpp", 826));
    }
    OptionalLong low = args.size() >= 4 ? OptionalLong.of(variant.uint64Bits(args.get(3))) : OptionalLong.empty();
    OptionalLong high = args.size() >= 5 ? OptionalLong.of(variant.uint64Bits(args.get(4))) : OptionalLong.empty();
    Request request = new Request(variant.string(args.get(0)), variant.uint64Bits(args.get(1)), variant.uint32(args.get(2)), false, low, high);
    return writer.write(query(request), JsonForm.LEGACY);
  }

  /** The entries {@code request} selects, by sequence number. */
  SortedMap<Integer, HistoryEntry> query(Request request) throws JsonRpcError {
    if (request.limit() > MAX_LIMIT) {
      throw variant.error(assertion("args.limit <= 1000", "limit of ${l} is greater than maxmimum allowed",
          Map.of("l", Long.toString(request.limit())), FILE, 125));
    }
    // hived compares the uint64 start with the uint32 limit-1, which wraps to 4294967295 for limit 0
    if (Long.compareUnsigned(request.start(), (request.limit() - 1) & 0xffffffffL) < 0) {
      throw variant.error(assertion("args.start >= args.limit-1", "start must be greater than or equal to limit-1 (start is 0-based index)",
          Map.of(), FILE, 126));
    }
    SortedMap<Integer, HistoryEntry> result = new TreeMap<>();
    Optional<AccountName> account = accountName(request.account());
    if (request.limit() == 0 || account.isEmpty()) {
      return result;
    }
    int size = chain.accountHistorySize(account.get(), request.includeReversible());
    if (size == 0) {
      return result;
    }
    int top = (int) unsignedMin(request.start(), size - 1);
    boolean filtered = request.filterLow().isPresent() || request.filterHigh().isPresent();
    int window = filtered ? MAX_FILTER_SCAN : (int) request.limit();
    int bottom = Math.max(0, top - window + 1);
    List<HistoryEntry> entries = chain.accountHistory(account.get(), bottom, top + 1);
    long low = request.filterLow().orElse(0);
    long high = request.filterHigh().orElse(0);
    for (int sequence = top; sequence >= bottom && result.size() < request.limit(); sequence--) {
      HistoryEntry entry = entries.get(sequence - bottom);
      if (!filtered || accepts(low, high, entry.operation().id())) {
        result.put(sequence, entry);
      }
    }
    if (filtered && result.size() < request.limit() && bottom > 0 && result.isEmpty()) {
      // the 2,001st entry trips hived's assertion; with some found, hived answers with those instead
      throw variant.error(assertion("total_processed_items < 2000",
          "Could not find filtered operation in ${total_processed_items} operations, to continue searching, set start=${sequence}.",
          Map.of("total_processed_items", Integer.toString(MAX_FILTER_SCAN), "sequence", Integer.toString(bottom - 1)), FILE, 143));
    }
    return result;
  }

  /** Bit {@code id} of the 128-bit mask {high, low}: op ids 0..63 in low, 64..127 in high (account_history_api.hpp). */
  static boolean accepts(long low, long high, int id) {
    return id < 64 ? (low >>> id & 1) != 0 : (high >>> (id - 64) & 1) != 0;
  }

  private static long unsignedMin(long unsigned, long small) {
    return Long.compareUnsigned(unsigned, small) < 0 ? unsigned : small;
  }

  private OptionalLong optionalUint64(JsonNode value) throws JsonRpcError {
    return value == null || value.isNull() ? OptionalLong.empty() : OptionalLong.of(variant.uint64Bits(value));
  }

  private static Optional<AccountName> accountName(String text) {
    try {
      return Optional.of(AccountName.of(text));
    } catch (HiveFormatException e) {
      return Optional.empty();
    }
  }

  /** An FC_ASSERT inside the API call: JSON-RPC -32003, the format's ${…} filled from {@code data}. */
  private static HivedError assertion(String condition, String format, Map<String, String> data, String file, int line) {
    return new HivedError(HivedError.ERROR_DURING_CALL, "assert_exception", HivedError.ASSERT_CODE, "Assert Exception",
        List.of(HivedError.Frame.of(condition + ": " + format, data, file, line, "get_account_history")));
  }
}
