package io.hivesafe.hive.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * Any operation Hivesafe does not interpret (vote, comment, pow, …), carried as its legacy name and
 * its JSON body as the API sent it. It cannot be serialized to bytes.
 *
 * <p>The constructor checks that {@link OperationEffects#of} can classify it: when {@code name} is one of
 * hived's non-virtual operations, the body must hold the fields its effects are read from, with valid
 * account names, assets and authorities; otherwise it throws {@link io.hivesafe.hive.HiveFormatException}
 * naming the operation and the field. So a malformed block fails when it is parsed, never later in the
 * core. The four typed operations (transfer, account_update, custom_json, account_update2) are refused
 * here. Any other name (a virtual operation, a future one) is carried unchecked.
 *
 * <p>Immutable: the body is copied in and {@link #body()} hands out a copy.
 */
public record OtherOperation(String name, JsonNode body) implements Operation {
  public OtherOperation {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(body, "body");
    body = body.deepCopy();
    OperationRules.check(name, body);
  }

  /** A copy of the JSON body. */
  @Override
  public JsonNode body() {
    return body.deepCopy();
  }

  /** The body itself, for readers in this package that do not change it. */
  JsonNode bodyUnshared() {
    return body;
  }
}
