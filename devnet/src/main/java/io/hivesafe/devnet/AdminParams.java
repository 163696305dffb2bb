package io.hivesafe.devnet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The params of one {@code devnet_admin} call, read strictly: an object (or absent), only the names the
 * method declares, each of the declared type and range. Every problem is a -32602 "Invalid params" error
 * naming the method and the param, thrown before the method changes anything.
 */
final class AdminParams {
  /** JSON-RPC 2.0's invalid params code. */
  static final int INVALID_PARAMS = -32602;

  private final String method;
  private final JsonNode params;

  private AdminParams(String method, JsonNode params) {
    this.method = method;
    this.params = params;
  }

  /** {@code params} of {@code devnet_admin.method}, which may hold only {@code known} names. */
  static AdminParams read(String method, JsonNode params, Set<String> known) throws JsonRpcError {
    Objects.requireNonNull(method, "method");
    boolean empty = params == null || params.isNull() || (params.isArray() && params.isEmpty());
    AdminParams read = new AdminParams(method, empty ? JsonNodeFactory.instance.objectNode() : params);
    if (empty) {
      return read;
    }
    if (!params.isObject()) {
      throw read.invalid("params must be an object of named params " + new TreeSet<>(known) + ", got " + params);
    }
    for (var names = params.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        throw read.invalid("unknown param '" + name + "' (known: " + (known.isEmpty() ? "none" : String.join(", ", new TreeSet<>(known))) + ")");
      }
    }
    return read;
  }

  boolean has(String name) {
    return params.has(name) && !params.get(name).isNull();
  }

  /** An integer param within {@code min..max}; required. */
  int requiredInt(String name, int min, int max) throws JsonRpcError {
    if (!has(name)) {
      throw invalid("param '" + name + "' is missing (an integer within " + min + ".." + max + ")");
    }
    return intIn(name, min, max, min);
  }

  /** An integer param within {@code min..max}, or {@code absent} when not given. */
  int intIn(String name, int min, int max, int absent) throws JsonRpcError {
    if (!has(name)) {
      return absent;
    }
    JsonNode value = params.get(name);
    if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < min || value.asLong() > max) {
      throw invalid("param '" + name + "' must be an integer within " + min + ".." + max + ", got " + value);
    }
    return value.asInt();
  }

  /** A 64-bit integer param, or {@code absent} when not given. */
  long longValue(String name, long absent) throws JsonRpcError {
    if (!has(name)) {
      return absent;
    }
    JsonNode value = params.get(name);
    if (!value.isIntegralNumber() || !value.canConvertToLong()) {
      throw invalid("param '" + name + "' must be a 64-bit integer, got " + value);
    }
    return value.asLong();
  }

  /** A string param; required. */
  String requiredText(String name) throws JsonRpcError {
    if (!has(name)) {
      throw invalid("param '" + name + "' is missing (a string)");
    }
    JsonNode value = params.get(name);
    if (!value.isTextual()) {
      throw invalid("param '" + name + "' must be a string, got " + value);
    }
    return value.asText();
  }

  /** An array of strings, or empty when not given. */
  Optional<List<String>> strings(String name) throws JsonRpcError {
    if (!has(name)) {
      return Optional.empty();
    }
    JsonNode value = params.get(name);
    if (!value.isArray()) {
      throw invalid("param '" + name + "' must be an array of strings, got " + value);
    }
    List<String> strings = new ArrayList<>();
    for (JsonNode item : value) {
      if (!item.isTextual()) {
        throw invalid("param '" + name + "' must be an array of strings, got " + value);
      }
      strings.add(item.asText());
    }
    return Optional.of(strings);
  }

  /** A -32602 error about these params. */
  JsonRpcError invalid(String problem) {
    return JsonRpcError.plain(INVALID_PARAMS, "Invalid params: devnet_admin." + method + ": " + problem);
  }
}
