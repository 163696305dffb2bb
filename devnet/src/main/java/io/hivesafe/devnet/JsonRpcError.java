package io.hivesafe.devnet;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hivesafe.hive.json.JsonFields;
import java.time.Instant;
import java.util.Objects;

/**
 * A call the devnet answers with a JSON-RPC {@code error} member instead of a result: the error object
 * as hived sends it, ready to go out with the request's id. Thrown by the API methods so that a refusal
 * found deep in reading the params ends the call at once.
 */
public final class JsonRpcError extends Exception {
  private static final long serialVersionUID = 1L;
  /** hived's JSON_RPC_INTERNAL_ERROR. */
  public static final int INTERNAL_ERROR = -32603;
  /** hived's JSON_RPC_PARSE_PARAMS_ERROR: an assertion while reading the params of the old {@code call} form. */
  public static final int PARSE_PARAMS_ERROR = -32002;

  private final transient ObjectNode error;

  private JsonRpcError(ObjectNode error) {
    super(error.path("message").asText());
    this.error = error;
  }

  /** hived's error object for {@code error}, its log frames stamped with {@code headTime}. */
  public static JsonRpcError of(HivedError error, Instant headTime) {
    return new JsonRpcError(error.toJson(JsonFields.formatTime(headTime)));
  }

  /** An error object with only code and message, as hived sends for a malformed envelope. */
  public static JsonRpcError plain(int code, String message) {
    ObjectNode error = JsonNodeFactory.instance.objectNode();
    error.put("code", code);
    error.put("message", Objects.requireNonNull(message, "message"));
    return new JsonRpcError(error);
  }

  public int code() {
    return error.path("code").asInt();
  }

  /** A copy of the error object. */
  public ObjectNode toJson() {
    return error.deepCopy();
  }
}
