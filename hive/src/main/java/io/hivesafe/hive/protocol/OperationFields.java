package io.hivesafe.hive.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import io.hivesafe.hive.HiveFormatException;
import io.hivesafe.hive.json.AssetJson;
import io.hivesafe.hive.json.AuthorityJson;
import io.hivesafe.hive.json.JsonFields;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Reads the typed fields of an operation's JSON body for {@link OperationRules}: each reader names the
 * field it failed on in its {@link HiveFormatException}.
 */
final class OperationFields {
  private OperationFields() {}

  static AccountName account(JsonNode body, String field) {
    String text = JsonFields.text(body, field);
    try {
      return new AccountName(text);
    } catch (HiveFormatException e) {
      throw new HiveFormatException("field '" + field + "': " + e.getMessage(), e);
    }
  }

  static List<AccountName> accounts(JsonNode body, String field) {
    JsonNode array = JsonFields.array(body, field);
    if (array.isEmpty()) {
      return Collections.emptyList();
    }
    List<AccountName> names = new ArrayList<>(array.size());
    for (JsonNode n : array) {
      if (!n.isTextual()) {
        throw new HiveFormatException("field '" + field + "' must hold account names, got " + n);
      }
      try {
        names.add(new AccountName(n.asText()));
      } catch (HiveFormatException e) {
        throw new HiveFormatException("field '" + field + "': " + e.getMessage(), e);
      }
    }
    return names;
  }

  static Asset asset(JsonNode body, String field) {
    JsonNode value = JsonFields.required(body, field);
    try {
      return AssetJson.read(value);
    } catch (HiveFormatException e) {
      throw new HiveFormatException("field '" + field + "': " + e.getMessage(), e);
    }
  }

  static Authority authority(JsonNode body, String field) {
    JsonNode value = JsonFields.required(body, field);
    try {
      return AuthorityJson.read(value);
    } catch (HiveFormatException e) {
      throw new HiveFormatException("field '" + field + "': " + e.getMessage(), e);
    }
  }

  static List<Authority> authorities(JsonNode body, String field) {
    List<Authority> list = new ArrayList<>();
    int index = 0;
    for (JsonNode n : JsonFields.array(body, field)) {
      try {
        list.add(AuthorityJson.read(n));
      } catch (HiveFormatException e) {
        throw new HiveFormatException("field '" + field + "'[" + index + "]: " + e.getMessage(), e);
      }
      index++;
    }
    return list;
  }
}
