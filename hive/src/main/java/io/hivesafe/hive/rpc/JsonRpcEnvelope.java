package io.hivesafe.hive.rpc;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The JSON-RPC 2.0 envelope: writes a request, and checks a response before handing out its
 * {@code result}. A response that is not JSON, not a 2.0 response object, answers another id, or has
 * neither (or both) of result and error is a {@link FailedAttempt}; a well-formed error object is an
 * {@link RpcErrorException}.
 */
final class JsonRpcEnvelope {
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final int QUOTE_LIMIT = 120;

  private JsonRpcEnvelope() {}

  /** {@code {"jsonrpc":"2.0","method":…,"params":…,"id":…}}; params are omitted when null. */
  static byte[] request(String method, JsonNode params, long id) {
    ObjectNode request = MAPPER.createObjectNode();
    request.put("jsonrpc", "2.0");
    request.put("method", method);
    if (params != null) {
      request.set("params", params);
    }
    request.put("id", id);
    try {
      return MAPPER.writeValueAsBytes(request);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a JSON tree", e);
    }
  }

  /**
   * The {@code result} of a response to request {@code id} (may be JSON null, as condenser_api sends for
   * a missing block). An error object whose id is JSON null is still reported as an error: JSON-RPC
   * servers answer so when they could not read the request's id.
   */
  static JsonNode result(String method, long id, byte[] body) throws FailedAttempt, RpcErrorException {
    JsonNode response;
    try {
      response = MAPPER.readTree(body);
    } catch (IOException e) {
      throw new FailedAttempt("body is not JSON: " + quote(body), e);
    }
    if (response == null || !response.isObject()) {
      throw new FailedAttempt("not a JSON-RPC response (expected an object): " + quote(body));
    }
    JsonNode version = response.get("jsonrpc");
    if (version == null || !version.isTextual() || !version.asText().equals("2.0")) {
      throw new FailedAttempt("not a JSON-RPC 2.0 response (jsonrpc is " + version + "): " + quote(body));
    }
    JsonNode result = response.get("result");
    JsonNode error = response.get("error");
    if (result != null && error != null) {
      throw new FailedAttempt("JSON-RPC response has both result and error: " + quote(body));
    }
    JsonNode responseId = response.get("id");
    boolean idMatches = responseId != null && responseId.isIntegralNumber() && responseId.canConvertToLong()
        && responseId.longValue() == id;
    if (error != null) {
      RpcErrorException refusal = error(method, error, body);
      if (idMatches || responseId == null || responseId.isNull()) {
        throw refusal;
      }
    }
    if (!idMatches) {
      throw new FailedAttempt("response id " + responseId + " does not match request id " + id);
    }
    if (result == null) {
      throw new FailedAttempt("JSON-RPC response has neither result nor error: " + quote(body));
    }
    return result;
  }

  private static RpcErrorException error(String method, JsonNode error, byte[] body) throws FailedAttempt {
    JsonNode code = error.get("code");
    JsonNode message = error.get("message");
    if (!error.isObject()
        || code == null || !code.isIntegralNumber() || !code.canConvertToInt()
        || message == null || !message.isTextual()) {
      throw new FailedAttempt("malformed JSON-RPC error object (needs integer code and string message): " + quote(body));
    }
    return new RpcErrorException(method, code.intValue(), message.asText(), error.get("data"));
  }

  /** ": 'start of body…'", or nothing for an empty body. */
  static String quoteOrEmpty(byte[] body) {
    return body.length == 0 ? "" : ": " + quote(body);
  }

  private static String quote(byte[] body) {
    String text = new String(body, 0, Math.min(body.length, QUOTE_LIMIT * 4), StandardCharsets.UTF_8);
    String shown = text.length() > QUOTE_LIMIT ? text.substring(0, QUOTE_LIMIT) + "…" : text;
    return "'" + shown.replaceAll("\\s+", " ") + "'";
  }
}
