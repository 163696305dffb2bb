package io.hivesafe.devnet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The JSON-RPC 2.0 envelope as hived's json_rpc_plugin.cpp reads it: one request object or a batch
 * (an array, answered by an array in the same order; an empty one is "Array is invalid"); the id echoed
 * when it is an integer or a string; "jsonrpc" must be "2.0"; the method is {@code api.method}, or the
 * old {@code call} form {@code {"method":"call","params":[api, method, args]}} that dhive sends. Params
 * default to {} when absent. Every answer is a JSON-RPC response, never an exception. Written by hand
 * on Jackson: a generic JSON-RPC library (jsonrpc4j) has its own envelope checks and error texts, and the
 * point here is hived's. Calls to {@link DevnetAdmin#NAMESPACE} go to the devnet's admin methods, when the
 * endpoint has them.
 */
final class JsonRpcDispatcher {
  static final int PARSE_ERROR = HivedError.PARSE_ERROR;
  private static final ObjectMapper MAPPER = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private static final byte[] ADMIN_MARK = DevnetAdmin.NAMESPACE.getBytes(StandardCharsets.US_ASCII);

  private final DevnetApi api;
  private final DevnetAdmin admin;
  private final JsonRpcServer via;

  /** A dispatcher of hived's APIs only. */
  JsonRpcDispatcher(DevnetApi api) {
    this(api, null, null);
  }

  /** A dispatcher of hived's APIs and of {@code admin} (when not null), for the endpoint {@code via}. */
  JsonRpcDispatcher(DevnetApi api, DevnetAdmin admin, JsonRpcServer via) {
    this.api = Objects.requireNonNull(api, "api");
    this.admin = admin;
    this.via = via;
  }

  /**
   * Whether the body holds only admin calls (one, or a batch of them): those are the devnet's control
   * plane, not the API node it plays, so the endpoint's faults do not touch them nor draw for them.
   */
  boolean adminOnly(byte[] body) {
    if (admin == null || !contains(body, ADMIN_MARK)) {
      return false;
    }
    JsonNode request;
    try {
      request = MAPPER.readTree(body);
    } catch (IOException e) {
      return false;
    }
    if (request == null || request.isMissingNode() || (request.isArray() && request.isEmpty())) {
      return false;
    }
    for (JsonNode one : request.isArray() ? request : List.of(request)) {
      if (!isAdminCall(one)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isAdminCall(JsonNode request) {
    JsonNode method = request.path("method");
    if (method.asText().equals("call")) {
      return request.path("params").path(0).asText().equals(DevnetAdmin.NAMESPACE);
    }
    return method.isTextual() && method.asText().startsWith(DevnetAdmin.NAMESPACE + ".");
  }

  private static boolean contains(byte[] body, byte[] mark) {
    outer:
    for (int i = 0; i + mark.length <= body.length; i++) {
      for (int j = 0; j < mark.length; j++) {
        if (body[i + j] != mark[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  /** The response to a request body: an object, or an array for a batch. */
  JsonNode handle(byte[] body, BroadcastFate fate) {
    return answerEach(body, request -> one(request, fate));
  }

  /** The same shape as {@link #handle}, every answer a -32603 internal error (an injected fault). */
  JsonNode internalError(byte[] body) {
    return answerEach(body, request -> response(idOf(request),
        JsonRpcError.plain(JsonRpcError.INTERNAL_ERROR, "Internal Error")));
  }

  /** The answer when the devnet itself failed: -32603 naming the exception. */
  JsonNode bug(RuntimeException bug) {
    return response(NullNode.getInstance(), JsonRpcError.plain(JsonRpcError.INTERNAL_ERROR, "devnet bug: " + bug));
  }

  /**
   * A body that is not JSON at all fails in json_rpc_plugin::call, whose catch answers -32000 with fc's
   * "Parse Error:…" text (hived's -32700 is only for a request inside the body that is not an object).
   */
  private static JsonNode answerEach(byte[] body, Function<JsonNode, ObjectNode> answer) {
    JsonNode request;
    try {
      request = MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      return response(NullNode.getInstance(), JsonRpcError.plain(HivedError.SERVER_ERROR, "Parse Error:" + firstLine(e.getOriginalMessage())));
    } catch (IOException e) {
      return response(NullNode.getInstance(), JsonRpcError.plain(HivedError.SERVER_ERROR, "Parse Error:" + e.getMessage()));
    }
    if (request == null || request.isMissingNode()) {
      return response(NullNode.getInstance(), JsonRpcError.plain(HivedError.SERVER_ERROR, "Parse Error:Unexpected end of input"));
    }
    if (!request.isArray()) {
      return answer.apply(request);
    }
    if (request.isEmpty()) {
      return response(NullNode.getInstance(), JsonRpcError.plain(HivedError.SERVER_ERROR, "Array is invalid"));
    }
    ArrayNode responses = JSON.arrayNode();
    request.forEach(r -> responses.add(answer.apply(r)));
    return responses;
  }

  private ObjectNode one(JsonNode request, BroadcastFate fate) {
    if (!request.isObject()) {
      return response(NullNode.getInstance(),
          JsonRpcError.plain(PARSE_ERROR, "Bad Cast:Invalid cast from " + FcVariant.typeName(request) + " to Object"));
    }
    JsonNode id = request.get("id");
    if (id != null && !id.isIntegralNumber() && !id.isTextual()) {
      return response(NullNode.getInstance(),
          JsonRpcError.plain(HivedError.INVALID_REQUEST, "Only integer value or string is allowed for member \"id\""));
    }
    JsonNode echo = id == null ? NullNode.getInstance() : id;
    try {
      return result(echo, dispatch(request, fate));
    } catch (JsonRpcError e) {
      return response(echo, e);
    }
  }

  private JsonNode dispatch(JsonNode request, BroadcastFate fate) throws JsonRpcError {
    JsonNode version = request.get("jsonrpc");
    if (version == null || !version.isTextual() || !version.asText().equals("2.0")) {
      throw JsonRpcError.plain(HivedError.INVALID_REQUEST, "jsonrpc value is not \"2.0\"");
    }
    JsonNode method = request.get("method");
    if (method == null || !method.isTextual()) {
      throw JsonRpcError.plain(HivedError.INVALID_REQUEST, "A member \"method\" does not exist");
    }
    JsonNode params = request.get("params");
    if (method.asText().equals("call")) {
      if (params == null) {
        throw JsonRpcError.plain(HivedError.NO_PARAMS, "A member \"params\" does not exist");
      }
      if (!params.isArray() || params.size() < 2 || params.size() > 3) {
        throw JsonRpcError.plain(JsonRpcError.PARSE_PARAMS_ERROR,
            "Assert Exception:v.size() == 2 || v.size() == 3: params should be {\"api\", \"method\", \"args\"");
      }
      JsonNode args = params.size() == 3 ? params.get(2) : JSON.objectNode();
      return call(params.get(0).asText(), params.get(1).asText(), args, fate);
    }
    String[] parts = method.asText().split("\\.", -1);
    if (parts.length != 2) {
      throw api.invalidMethodName();
    }
    return call(parts[0], parts[1], params == null ? JSON.objectNode() : params, fate);
  }

  private JsonNode call(String apiName, String method, JsonNode params, BroadcastFate fate) throws JsonRpcError {
    if (admin != null && apiName.equals(DevnetAdmin.NAMESPACE)) {
      return admin.call(method, params, via);
    }
    return api.call(apiName, method, params, fate);
  }

  private static JsonNode idOf(JsonNode request) {
    JsonNode id = request.isObject() ? request.get("id") : null;
    return id != null && (id.isIntegralNumber() || id.isTextual()) ? id : NullNode.getInstance();
  }

  private static ObjectNode result(JsonNode id, JsonNode result) {
    ObjectNode response = JSON.objectNode();
    response.put("jsonrpc", "2.0");
    response.set("result", result);
    response.set("id", id);
    return response;
  }

  private static ObjectNode response(JsonNode id, JsonRpcError error) {
    ObjectNode response = JSON.objectNode();
    response.put("jsonrpc", "2.0");
    response.set("error", error.toJson());
    response.set("id", id);
    return response;
  }

  static byte[] toBytes(JsonNode response) {
    try {
      return MAPPER.writeValueAsBytes(response);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a JSON tree", e);
    }
  }

  private static String firstLine(String text) {
    if (text == null) {
      return "malformed JSON";
    }
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }
}
