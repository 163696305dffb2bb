package io.hivesafe.devnet;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hivesafe.hive.authority.AuthorityRejection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A refusal in the shape hived's JSON-RPC plugin sends it (libraries/plugins/json_rpc/json_rpc_plugin.cpp):
 * {@code {"code":-32000,"message":"<description>:<frames>","data":{"code","name","message","stack"}}},
 * where the message is fc's {@code exception::to_string}: the exception's description, a colon, then the
 * formatted text of each stack frame in turn (most frames of a rethrow have an empty format). The frame
 * formats and exception names and codes are hived's; each factory names the source it follows.
 *
 * @param rpcCode the JSON-RPC error code: -32000 for most refusals, -32003 for an assertion inside an API call
 * @param name fc's exception name, e.g. {@code tx_missing_active_auth} or {@code assert_exception}
 * @param code fc's exception code, e.g. 3010000, or 10 for an assertion
 * @param description the exception's description, e.g. "missing required active authority"
 * @param frames the stack, first frame first
 */
public record HivedError(int rpcCode, String name, long code, String description, List<Frame> frames) {
  /** JSON-RPC 2.0 server error: hived's code for almost every failed call. */
  public static final int SERVER_ERROR = -32000;
  /** hived's code for an fc assertion raised inside an API call (JSON_RPC_ERROR_DURING_CALL). */
  public static final int ERROR_DURING_CALL = -32003;
  public static final int METHOD_NOT_FOUND = -32601;
  public static final int INVALID_REQUEST = -32600;
  public static final int PARSE_ERROR = -32700;
  public static final int NO_PARAMS = -32001;

  /** hived's not_enough_rc_exception (database_exceptions.hpp). */
  public static final long NOT_ENOUGH_RC_CODE = 4_100_100L;
  /** fc::assert_exception. */
  public static final long ASSERT_CODE = 10;
  /** fc's parse_error_exception ("Parse Error"). */
  public static final long PARSE_CODE = 4;
  /** hived's name for a chainbase lookup that found nothing: a boost out_of_range, as its mangled type. */
  static final String OUT_OF_RANGE_NAME = "N5boost16exception_detail10clone_implINS0_19error_info_injectorISt12out_of_rangeEEEE";

  /** One fc log frame: the format with {@code ${name}} placeholders, its values, and where it was raised. */
  public record Frame(String format, SortedMap<String, String> data, String file, int line, String method) {
    public Frame {
      Objects.requireNonNull(format, "format");
      data = new TreeMap<>(data);
      Objects.requireNonNull(file, "file");
      Objects.requireNonNull(method, "method");
    }

    public static Frame of(String format, Map<String, String> data, String file, int line, String method) {
      return new Frame(format, new TreeMap<>(data), file, line, method);
    }

    /** The format with each {@code ${key}} replaced by its value (unknown keys are left as they are, as fc does). */
    public String formatted() {
      StringBuilder out = new StringBuilder();
      int i = 0;
      while (i < format.length()) {
        int open = format.indexOf("${", i);
        if (open < 0) {
          out.append(format, i, format.length());
          break;
        }
        int close = format.indexOf('}', open);
        if (close < 0) {
          out.append(format, i, format.length());
          break;
        }
        out.append(format, i, open);
        String key = format.substring(open + 2, close);
        String value = data.get(key);
        out.append(value != null ? value : format.substring(open, close + 1));
        i = close + 1;
      }
      return out.toString();
    }
  }

  public HivedError {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    frames = List.copyOf(frames);
    if (frames.isEmpty()) {
      throw new IllegalArgumentException("a hived error has at least one frame");
    }
  }

  /** fc's {@code to_string}: description, colon, every frame's formatted text. */
  public String message() {
    StringBuilder out = new StringBuilder(description).append(':');
    frames.forEach(f -> out.append(f.formatted()));
    return out.toString();
  }

  /** The same error with one more frame at the bottom of the stack (a rethrow with a message). */
  public HivedError rethrownWith(Frame frame) {
    List<Frame> more = new ArrayList<>(frames);
    more.add(frame);
    return new HivedError(rpcCode, name, code, description, more);
  }

  /** The JSON-RPC {@code error} member. {@code timestamp} is the chain's head time, as hived's log frames carry a time. */
  public ObjectNode toJson(String timestamp) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode error = f.objectNode();
    error.put("code", rpcCode);
    error.put("message", message());
    ObjectNode data = error.putObject("data");
    data.put("code", code);
    data.put("name", name);
    data.put("message", description);
    ArrayNode stack = data.putArray("stack");
    boolean first = true;
    for (Frame frame : frames) {
      ObjectNode entry = stack.addObject();
      ObjectNode context = entry.putObject("context");
      context.put("level", first ? "error" : "warn");
      context.put("file", frame.file());
      context.put("line", frame.line());
      context.put("method", frame.method());
      context.put("hostname", "");
      context.put("timestamp", timestamp);
      entry.put("format", frame.format());
      ObjectNode values = entry.putObject("data");
      frame.data().forEach(values::put);
      first = false;
    }
    return error;
  }

  // ---- factories, one per kind of refusal ----

  /**
   * An {@code FC_ASSERT(expr, text)}: "Assert Exception:" + the asserted expression as the preprocessor
   * spells it + ": " + the text (fc/exception/exception.hpp, FC_ASSERT_EXCEPTION_DECL).
   */
  public static HivedError assertion(String expression, String text, Map<String, String> data, String file, int line, String method) {
    return new HivedError(SERVER_ERROR, "assert_exception", ASSERT_CODE, "Assert Exception",
        List.of(Frame.of(expression + ": " + text, data, file, line, method)));
  }

  /** An assertion raised inside an API call (not a broadcast): JSON-RPC code -32003. */
  public static HivedError apiAssertion(String expression, String text, String file, int line, String method) {
    return new HivedError(ERROR_DURING_CALL, "assert_exception", ASSERT_CODE, "Assert Exception",
        List.of(Frame.of(expression + ": " + text, Map.of(), file, line, method)));
  }

  /** libraries/chain/include/hive/chain/database_exceptions.hpp: transaction_expiration_exception, raised with an empty format. */
  public static HivedError expiration(Map<String, String> data) {
    return new HivedError(SERVER_ERROR, "transaction_expiration_exception", 4030100, "transaction expiration exception",
        List.of(Frame.of("", data, "database.cpp", 2554, "validate_transaction")));
  }

  /** database_exceptions.hpp: transaction_tapos_exception, raised with an empty format (database.cpp validate_transaction). */
  public static HivedError tapos(Map<String, String> data) {
    return new HivedError(SERVER_ERROR, "transaction_tapos_exception", 4030200, "transaction tapos exception",
        List.of(Frame.of("", data, "database.cpp", 2566, "validate_transaction")));
  }

  /**
   * rc_utility.cpp {@code use_account_rcs}: the payer's mana, regenerated to the head block's time, is
   * short of the transaction's cost. HIVE_ASSERT( has_mana, not_enough_rc_exception, … ) raises hived's
   * not_enough_rc_exception (database_exceptions.hpp: a plugin_exception, code 4100100, "payer has not
   * enough RC mana for transaction"), rethrown with empty frames by use_account_rcs's
   * FC_CAPTURE_AND_RETHROW and by push_transaction; the JSON-RPC plugin answers it with -32000 (it is no
   * fc assertion). Message: "payer has not enough RC mana for transaction:has_mana: Account: alice has 0
   * RC, needs 500 RC. Please wait to transact or power up HIVE."
   */
  public static HivedError notEnoughRc(String account, long current, long needed) {
    Map<String, String> data = Map.of("account_name", account, "rc_current", Long.toString(current), "rc", Long.toString(needed));
    return new HivedError(SERVER_ERROR, "not_enough_rc_exception", NOT_ENOUGH_RC_CODE, "payer has not enough RC mana for transaction",
        List.of(Frame.of("has_mana: Account: ${account_name} has ${rc_current} RC, needs ${rc} RC. Please wait to transact or power up HIVE.",
                data, "rc_utility.cpp", 557, "operator()"),
            Frame.of("", Map.of(), "rc_utility.cpp", 588, "use_account_rcs"),
            Frame.of("", Map.of(), "database.cpp", 1176, "push_transaction")));
  }

  /** A chainbase lookup of something that does not exist: hived answers "unknown key:unknown key: " (see the fixtures). */
  public static HivedError unknownKey() {
    return new HivedError(SERVER_ERROR, OUT_OF_RANGE_NAME, 13, "unknown key",
        List.of(Frame.of("unknown key: ", Map.of(), "chainbase.hpp", 0, "get")));
  }

  /** fc's parse_error_exception, e.g. "Parse Error:Couldn't parse uint64_t". */
  public static HivedError parse(String text) {
    return new HivedError(SERVER_ERROR, "parse_error_exception", PARSE_CODE, "Parse Error",
        List.of(Frame.of(text, Map.of(), "variant.cpp", 0, "as_uint64")));
  }

  /** A refusal of the signature and authority check, with hived's exception for each reason. */
  public static HivedError authority(AuthorityRejection rejection) {
    Map<String, String> data = new TreeMap<>();
    String frameFormat = rejection.reason().template();
    String placeholder = placeholder(frameFormat);
    if (placeholder != null) {
      data.put(placeholder, rejection.detail());
    }
    return switch (rejection.reason()) {
      case MISSING_ACTIVE_AUTHORITY -> transactionAuth("tx_missing_active_auth", 3010000, "missing required active authority", frameFormat, data);
      case MISSING_OWNER_AUTHORITY -> transactionAuth("tx_missing_owner_auth", 3020000, "missing required owner authority", frameFormat, data);
      case MISSING_POSTING_AUTHORITY -> transactionAuth("tx_missing_posting_auth", 3030000, "missing required posting authority", frameFormat, data);
      case UNNECESSARY_SIGNATURE -> transactionAuth("tx_irrelevant_sig", 3050000, "irrelevant signature included", frameFormat, data);
      case DUPLICATE_SIGNATURE -> new HivedError(SERVER_ERROR, "tx_duplicate_sig", 3060000, "duplicate signature included",
          List.of(Frame.of(frameFormat, data, "full_transaction.cpp", 148, "compute_signature_keys")));
      case MIXED_WITH_POSTING -> transactionAuth("tx_combined_auths_with_posting", 3080000,
          "active/owner authority combined with posting authority", frameFormat, data);
      case UNKNOWN_ACCOUNT -> unknownKey();
      case NON_CANONICAL_SIGNATURE, UNRECOVERABLE_SIGNATURE -> new HivedError(SERVER_ERROR, "assert_exception", ASSERT_CODE,
          "Assert Exception", List.of(Frame.of(frameFormat, data, "elliptic_common.cpp", 0, "public_key")));
      case AUTHORITY_MEMBERSHIP_EXCEEDED -> new HivedError(SERVER_ERROR, "assert_exception", ASSERT_CODE, "Assert Exception",
          List.of(Frame.of("size <= HIVE_MAX_AUTHORITY_MEMBERSHIP: " + frameFormat, data, "hive_operations.cpp", 40, "validate_auth_size")));
      case UNSUPPORTED_OPERATION -> new HivedError(SERVER_ERROR, "assert_exception", ASSERT_CODE, "Assert Exception",
          List.of(Frame.of(frameFormat, data, "devnet", 0, "push_transaction")));
    };
  }

  /** Whether hived would retry this refusal with the legacy packing (a transaction_auth_exception: a missing authority). */
  public boolean isMissingAuthority() {
    return code == 3010000 || code == 3020000 || code == 3030000 || code == 3040000;
  }

  private static HivedError transactionAuth(String name, long code, String description, String format, Map<String, String> data) {
    return new HivedError(SERVER_ERROR, name, code, description,
        List.of(Frame.of(format, data, "transaction_util.cpp", 0, "verify_authority")));
  }

  private static String placeholder(String format) {
    int open = format.indexOf("${");
    if (open < 0) {
      return null;
    }
    return format.substring(open + 2, format.indexOf('}', open));
  }

  @Override
  public String toString() {
    return name + " (" + code + "): " + message();
  }
}
