package io.hivesafe.hive.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Set;

/**
 * Field readers for the project's own JSON files (the network genesis, the node config): strict, and
 * every error an {@link IllegalArgumentException} naming the field by its path ({@code where} is the
 * prefix, e.g. {@code "keys.active."}). Hive's API answers are read by {@link JsonFields} instead.
 */
public final class StrictFields {
  private StrictFields() {}

  /** {@code node} itself, which must be an object; {@code what} names it in the error. */
  public static JsonNode object(JsonNode node, String what) {
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException(what + " must be a JSON object");
    }
    return node;
  }

  /** Fails on the first field of {@code node} that is not in {@code known}. */
  public static void only(JsonNode node, String where, Set<String> known) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!known.contains(name)) {
        throw new IllegalArgumentException(where + name + " is not a known field");
      }
    }
  }

  public static JsonNode required(JsonNode node, String field, String where) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      throw new IllegalArgumentException(where + field + " is required");
    }
    return v;
  }

  public static String text(JsonNode node, String field, String where) {
    JsonNode v = required(node, field, where);
    if (!v.isTextual()) {
      throw new IllegalArgumentException(where + field + " must be a string");
    }
    return v.asText();
  }
}
