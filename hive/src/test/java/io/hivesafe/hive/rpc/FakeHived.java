package io.hivesafe.hive.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;

/**
 * A MockWebServer acting as hived: answers each JSON-RPC request with the next scripted reply (then
 * the standing reply), echoing the request's id, and records every request body.
 */
final class FakeHived implements AutoCloseable {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Builds the HTTP response to one parsed JSON-RPC request. */
  @FunctionalInterface
  interface Reply {
    MockResponse answer(JsonNode request);
  }

  private final MockWebServer server = new MockWebServer();
  private final Queue<Reply> script = new ConcurrentLinkedQueue<>();
  private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
  private volatile Reply standing = raw(new MockResponse().setResponseCode(500).setBody("no reply scripted"));

  FakeHived() {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest recorded) {
            JsonNode request;
            try {
              request = MAPPER.readTree(recorded.getBody().readUtf8());
            } catch (IOException e) {
              return new MockResponse().setResponseCode(400).setBody("test server got a non-JSON request");
            }
            requests.add(request);
            Reply next = script.poll();
            return (next != null ? next : standing).answer(request);
          }
        });
    try {
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Answers every request not scripted with {@link #then}. */
  FakeHived always(Reply reply) {
    standing = reply;
    return this;
  }

  /** Answers the next request (after those already scripted). */
  FakeHived then(Reply reply) {
    script.add(reply);
    return this;
  }

  URI uri() {
    return server.url("/").uri();
  }

  List<JsonNode> requests() {
    return List.copyOf(requests);
  }

  int requestCount() {
    return server.getRequestCount();
  }

  /** {@code {"jsonrpc":"2.0","result":result,"id":<request id>}}. */
  static Reply result(JsonNode result) {
    return request -> envelope(request.get("id"), "result", result);
  }

  /** {@code {"jsonrpc":"2.0","error":error,"id":<request id>}}. */
  static Reply error(JsonNode error) {
    return request -> envelope(request.get("id"), "error", error);
  }

  /** A result answering a different id than the request's. */
  static Reply resultForOtherId(JsonNode result) {
    return request -> envelope(MAPPER.getNodeFactory().numberNode(request.get("id").asLong() + 1000), "result", result);
  }

  static Reply raw(MockResponse response) {
    return request -> response;
  }

  static Reply body(String body) {
    return raw(new MockResponse().setBody(body).setHeader("Content-Type", "application/json"));
  }

  static Reply status(int code) {
    return raw(new MockResponse().setResponseCode(code).setBody("{\"jsonrpc\":\"2.0\",\"result\":{},\"id\":1}"));
  }

  /** Reads the request and never answers. */
  static Reply silence() {
    return raw(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
  }

  private static MockResponse envelope(JsonNode id, String member, JsonNode value) {
    ObjectNode response = MAPPER.createObjectNode();
    response.put("jsonrpc", "2.0");
    response.set(member, value);
    response.set("id", id);
    return new MockResponse().setBody(response.toString()).setHeader("Content-Type", "application/json");
  }

  /** A URL of a port nobody listens on: a server started and shut down again. */
  static URI deadEndpoint() {
    MockWebServer dead = new MockWebServer();
    try {
      dead.start();
      URI uri = dead.url("/").uri();
      dead.shutdown();
      return uri;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      server.shutdown();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
