package io.hivesafe.hive.protocol;

import static io.hivesafe.hive.protocol.OperationFields.account;

import com.fasterxml.jackson.databind.JsonNode;
import io.hivesafe.hive.HiveFormatException;
import io.hivesafe.hive.crypto.PublicKey;
import io.hivesafe.hive.json.JsonFields;
import java.util.List;

/**
 * The authorities of pow2 (hive_operations.cpp pow2_operation::get_required_active_authorities and
 * get_required_authorities): with new_owner_key set, the authority of that one key; otherwise the active
 * authority of work.input.worker_account. Mining is disabled since HF17; pow2 never debits.
 */
final class Pow2Rule {
  private Pow2Rule() {}

  static void read(JsonNode body, EffectsBuilder effects) {
    JsonNode key = body.get("new_owner_key");
    if (key != null && !key.isNull()) {
      if (!key.isTextual()) {
        throw new HiveFormatException("field 'new_owner_key' must be a public key string");
      }
      PublicKey ownerKey;
      try {
        ownerKey = PublicKey.fromString(key.asText());
      } catch (HiveFormatException e) {
        throw new HiveFormatException("field 'new_owner_key': " + e.getMessage(), e);
      }
      effects.authority(new Authority(1, List.of(), List.of(new Authority.KeyWeight(ownerKey, 1))));
      return;
    }
    // work is a static_variant<pow2, equihash_pow>: [index, {...}] (legacy) or {"type","value"} (HF26).
    JsonNode work = JsonFields.required(body, "work");
    JsonNode value;
    if (work.isArray() && work.size() == 2) {
      value = work.get(1);
    } else if (work.isObject() && work.has("value")) {
      value = work.get("value");
    } else {
      throw new HiveFormatException("field 'work' must be [type, {…}] or {\"type\",\"value\"}");
    }
    JsonNode input = JsonFields.required(value, "input");
    effects.active(account(input, "worker_account"));
  }
}
