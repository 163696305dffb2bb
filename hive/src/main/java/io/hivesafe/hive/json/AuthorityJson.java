package io.hivesafe.hive.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hivesafe.hive.HiveFormatException;
import io.hivesafe.hive.crypto.PublicKey;
import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.protocol.Authority;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code {"weight_threshold":1,"account_auths":[["bob",1]],"key_auths":[["STM…",1]]}}. */
public final class AuthorityJson {
  private static final String NULL_KEY = PublicKey.nullKeyString();

  private AuthorityJson() {}

  public static Authority read(JsonNode node) {
    long threshold = JsonFields.integer(node, "weight_threshold", 0, Authority.MAX_THRESHOLD);
    List<Authority.AccountWeight> accounts = new ArrayList<>();
    for (JsonNode pair : JsonFields.array(node, "account_auths")) {
      requirePair(pair, "account_auths");
      accounts.add(new Authority.AccountWeight(new AccountName(pair.get(0).asText()), weight(pair.get(1))));
    }
    List<Authority.KeyWeight> keys = new ArrayList<>();
    for (JsonNode pair : JsonFields.array(node, "key_auths")) {
      requirePair(pair, "key_auths");
      keys.add(new Authority.KeyWeight(PublicKey.fromString(pair.get(0).asText()), weight(pair.get(1))));
    }
    return new Authority(threshold, accounts, keys);
  }

  private static void requirePair(JsonNode pair, String field) {
    if (!pair.isArray() || pair.size() != 2 || !pair.get(0).isTextual()) {
      throw new HiveFormatException(field + " entries must be [name, weight] pairs, got " + pair);
    }
  }

  private static int weight(JsonNode node) {
    return (int) JsonFields.integerValue(node, "weight", 0, Authority.MAX_WEIGHT);
  }

  public static ObjectNode write(Authority authority) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode node = f.objectNode();
    node.put("weight_threshold", authority.weightThreshold());
    ArrayNode accounts = node.putArray("account_auths");
    for (Authority.AccountWeight a : authority.accountAuths()) {
      accounts.addArray().add(a.account().value()).add(a.weight());
    }
    ArrayNode keys = node.putArray("key_auths");
    for (Authority.KeyWeight k : authority.keyAuths()) {
      keys.addArray().add(k.key().toString()).add(k.weight());
    }
    return node;
  }

  static Optional<Authority> readOptional(JsonNode body, String field) {
    JsonNode value = body.get(field);
    return value == null || value.isNull() ? Optional.empty() : Optional.of(read(value));
  }

  /** A memo key: an empty value stands for hived's null key ("don't change"). */
  static Optional<PublicKey> readKey(JsonNode value) {
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isTextual()) {
      throw new HiveFormatException("public key must be a string, got " + value);
    }
    return value.asText().equals(NULL_KEY) ? Optional.empty() : Optional.of(PublicKey.fromString(value.asText()));
  }

  static String nullKey() {
    return NULL_KEY;
  }
}
