package io.hivesafe.ops;

import static io.hivesafe.hive.json.StrictFields.required;
import static io.hivesafe.hive.json.StrictFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.hivesafe.hive.crypto.PublicKey;
import io.hivesafe.hive.json.StrictFields;
import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.protocol.ChainId;

/**
 * Reads the fields of a genesis file for {@link NetworkGenesisFile} and its sections: each reader and
 * {@link #guard} turn a problem into an {@link IllegalArgumentException} that names the field, prefixed
 * by {@code where} (the path of the enclosing object, e.g. {@code "custody.daily_cap."}).
 */
final class GenesisFields {
  private GenesisFields() {}

  interface Builder<T> {
    T build();
  }

  static <T> T guard(String where, Builder<T> builder) {
    try {
      return builder.build();
    } catch (IllegalArgumentException e) {
      String message = e.getMessage();
      throw new IllegalArgumentException(where.isEmpty() || message.startsWith(where) ? message : where + " " + message, e);
    }
  }

  static ChainId chainId(JsonNode root) {
    String hex = text(root, "chain_id", "");
    try {
      return ChainId.fromHex(hex);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("chain_id must be 64 hex digits");
    }
  }

  /** An integer field; {@code fallback} < 0 means required. */
  static long integer(JsonNode node, String field, String where, long fallback) {
    JsonNode v = node.get(field);
    if (v == null && fallback >= 0) {
      return fallback;
    }
    v = required(node, field, where);
    if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < 0) {
      throw new IllegalArgumentException(where + field + " must be a non-negative integer");
    }
    return v.asLong();
  }

  static AccountName account(JsonNode node, String field, String where) {
    String name = text(node, field, where);
    try {
      return AccountName.of(name);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + field + " is not a valid Hive account name: " + name);
    }
  }

  static PublicKey key(JsonNode node, String field, String where) {
    return publicKey(text(node, field, where), where + field);
  }

  static PublicKey publicKey(String text, String where) {
    try {
      return PublicKey.fromString(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + " is not a public key: " + e.getMessage());
    }
  }

  static JsonNode object(JsonNode node, String where) {
    return StrictFields.object(node, where.isEmpty() ? "genesis" : where);
  }

  static JsonNode array(JsonNode node, String where) {
    if (node == null || !node.isArray()) {
      throw new IllegalArgumentException(where + " must be a JSON array");
    }
    return node;
  }
}
