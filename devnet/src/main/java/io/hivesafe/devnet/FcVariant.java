package io.hivesafe.devnet;

import com.fasterxml.jackson.databind.JsonNode;
import io.hivesafe.hive.HiveFormatException;
import io.hivesafe.hive.protocol.AccountName;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads API params the way hived's fc::variant conversions do, so that odd input gets hived's answer
 * (fc/src/variant.cpp as_uint64, fc/src/string.cpp to_uint64, hived's from_variant of argument structs):
 * a missing struct field keeps its default 0; null is 0; a negative number wraps into the unsigned type;
 * a decimal string is a number; any other string is "Parse Error:Couldn't parse uint64_t"; an array or
 * object where a number belongs is a "Bad Cast". Written by hand: these are fc's rules, which no JSON
 * library follows.
 */
final class FcVariant {
  private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

  private final DevnetChain chain;

  FcVariant(DevnetChain chain) {
    this.chain = chain;
  }

  /** A uint32 field of an argument struct; 0 when missing. */
  long uint32Field(JsonNode args, String field) throws JsonRpcError {
    JsonNode value = object(args).get(field);
    return value == null ? 0 : uint32(value);
  }

  /** fc's {@code static_cast<uint32_t>(var.as_uint64())}. */
  long uint32(JsonNode value) throws JsonRpcError {
    return uint64(value).longValue() & 0xffffffffL;
  }

  /** fc's {@code as_uint64()}, its 64 bits in a long (compare with {@link Long#compareUnsigned}). */
  long uint64Bits(JsonNode value) throws JsonRpcError {
    return uint64(value).longValue();
  }

  /** fc's {@code as_bool()}: "true"/"false" of a string, non-zero of a number, false for null. */
  boolean bool(JsonNode value) throws JsonRpcError {
    if (value.isNull()) {
      return false;
    }
    if (value.isBoolean()) {
      return value.asBoolean();
    }
    if (value.isIntegralNumber()) {
      return value.bigIntegerValue().signum() != 0;
    }
    if (value.isNumber()) {
      return value.doubleValue() != 0.0;
    }
    if (value.isTextual() && (value.asText().equals("true") || value.asText().equals("false"))) {
      return value.asText().equals("true");
    }
    if (value.isTextual()) {
      throw badCast("Cannot convert string to bool (only \"true\" or \"false\" can be converted)");
    }
    throw badCast("Invalid cast from " + typeName(value) + " to bool");
  }

  /** fc's {@code as_string()}: a string as it is, a number or bool as its text, null as "". */
  String string(JsonNode value) throws JsonRpcError {
    if (value.isNull()) {
      return "";
    }
    if (value.isValueNode()) {
      return value.asText();
    }
    throw badCast("Invalid cast from " + typeName(value) + " to string");
  }

  private BigInteger uint64(JsonNode value) throws JsonRpcError {
    if (value.isNull()) {
      return BigInteger.ZERO;
    }
    if (value.isBoolean()) {
      return value.asBoolean() ? BigInteger.ONE : BigInteger.ZERO;
    }
    if (value.isIntegralNumber()) {
      return value.bigIntegerValue().mod(TWO_64);
    }
    if (value.isNumber()) {
      return value.decimalValue().toBigInteger().mod(TWO_64);
    }
    if (value.isTextual() && value.asText().matches("-?[0-9]{1,20}")) {
      return new BigInteger(value.asText()).mod(TWO_64);
    }
    if (value.isTextual()) {
      throw error(HivedError.parse("Couldn't parse uint64_t"));
    }
    throw badCast("Invalid cast from " + typeName(value) + " to uint64");
  }

  /** The params of a database_api, block_api or network_broadcast_api call: an object ({} when absent). */
  JsonNode object(JsonNode params) throws JsonRpcError {
    if (params.isObject()) {
      return params;
    }
    throw badCast("Invalid cast from " + typeName(params) + " to Object");
  }

  /** The params of a condenser_api call: an array of exactly {@code count} arguments (hived's CHECK_ARG_SIZE). */
  JsonNode arguments(JsonNode params, int count) throws JsonRpcError {
    return arguments(params, count, count);
  }

  /** The params of a condenser_api call with optional trailing arguments (hived's CHECK_ARG_MIN_SIZE / MAX_SIZE). */
  JsonNode arguments(JsonNode params, int min, int max) throws JsonRpcError {
    if (!params.isArray()) {
      throw badCast("Invalid cast from " + typeName(params) + " to Array");
    }
    if (params.size() < min || params.size() > max) {
      String expected = min == max ? Integer.toString(min) : min + " to " + max;
      throw error(HivedError.apiAssertion(min == max ? "args.size() == " + min : "args.size() >= " + min + " && args.size() <= " + max,
          "Expected " + expected + " argument(s), was " + params.size(), "condenser_api.cpp", 0, "check_arg_size"));
    }
    return params;
  }

  /** A list of account names; names that are not valid account names cannot exist and are left out. */
  List<AccountName> accountNames(JsonNode array, String field) throws JsonRpcError {
    if (array == null || array.isNull()) {
      return List.of();
    }
    if (!array.isArray()) {
      throw badCast("Invalid cast from " + typeName(array) + " to Array (" + field + ")");
    }
    List<AccountName> names = new ArrayList<>();
    for (JsonNode name : array) {
      if (!name.isTextual()) {
        throw badCast("Invalid cast from " + typeName(name) + " to string (" + field + ")");
      }
      if (isAccountName(name.asText())) {
        names.add(AccountName.of(name.asText()));
      }
    }
    return names;
  }

  private static boolean isAccountName(String text) {
    try {
      AccountName.of(text);
      return true;
    } catch (HiveFormatException e) {
      return false;
    }
  }

  /** fc's parse_error_exception ("Parse Error:…") for a value that does not read as what it must be. */
  JsonRpcError parseError(String text) {
    return error(new HivedError(HivedError.SERVER_ERROR, "parse_error_exception", HivedError.PARSE_CODE, "Parse Error",
        List.of(HivedError.Frame.of(text, Map.of(), "variant.cpp", 0, "from_variant"))));
  }

  /** fc's bad_cast_exception ("Bad Cast:…"), raised while converting a variant: JSON-RPC -32000. */
  JsonRpcError badCast(String text) {
    return error(new HivedError(HivedError.SERVER_ERROR, "bad_cast_exception", 7, "Bad Cast",
        List.of(HivedError.Frame.of(text, Map.of(), "variant.cpp", 0, "from_variant"))));
  }

  JsonRpcError error(HivedError error) {
    return JsonRpcError.of(error, chain.headTime());
  }

  /** fc's name for the variant type of {@code value}. */
  static String typeName(JsonNode value) {
    if (value.isArray()) {
      return "array_type";
    } else if (value.isObject()) {
      return "object_type";
    } else if (value.isTextual()) {
      return "string_type";
    } else if (value.isBoolean()) {
      return "bool_type";
    } else if (value.isNull()) {
      return "null_type";
    } else if (value.isIntegralNumber()) {
      return "int64_type";
    }
    return "double_type";
  }
}
