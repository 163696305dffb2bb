package io.hivesafe.hive.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.Optional;

/**
 * hived answered the call with a JSON-RPC {@code error} object. Not retried on another endpoint: the
 * request reached a working node and was refused. Codes (libraries/plugins/json_rpc): -32000 server
 * error (most failures, including broadcast rejections), -32003 an assertion inside the API call,
 * -32602 invalid params, -32601 method not found, -32700 parse error.
 */
public final class RpcErrorException extends RpcException {
  /** hived's text when a transaction with the same id is already known (database.cpp). */
  public static final String DUPLICATE_TRANSACTION = "Duplicate transaction check failed";

  private final int code;
  private final String message;
  private final JsonNode data;

  /**
   * @param data the {@code data} member as sent: usually an object {code,name,message,stack}, sometimes
   *     a plain string, often absent ({@code null})
   */
  public RpcErrorException(String method, int code, String message, JsonNode data) {
    super(method, method + " failed with JSON-RPC error " + code + ": " + message, null);
    this.code = code;
    this.message = Objects.requireNonNull(message, "message");
    this.data = data == null || data.isMissingNode() || data.isNull() ? null : data.deepCopy();
  }

  /** The JSON-RPC error code, e.g. -32003. */
  public int code() {
    return code;
  }

  /** hived's message exactly as sent ({@link #getMessage()} adds the method and code). */
  public String message() {
    return message;
  }

  /** The error's {@code data} member, if it had one (an object or, for some errors, a plain string). */
  public Optional<JsonNode> data() {
    return Optional.ofNullable(data).map(JsonNode::deepCopy);
  }

  /**
   * Whether hived refused a broadcast because it already knows the transaction. After a broadcast whose
   * earlier attempt may have been delivered, this means success.
   */
  public boolean isDuplicateTransaction() {
    return message.contains(DUPLICATE_TRANSACTION);
  }
}
