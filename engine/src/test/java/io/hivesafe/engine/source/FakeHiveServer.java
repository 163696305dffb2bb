package io.hivesafe.engine.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hivesafe.hive.json.JsonFields;
import io.hivesafe.hive.rpc.DynamicGlobalProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * One hived API endpoint over a {@link SyntheticChain}, on MockWebServer: properties say {@link #head}
 * and {@link #lib}; get_block_range answers the blocks up to {@link #servedUpTo}, unless
 * {@link #rangeReply} or a scripted reply says otherwise.
 */
final class FakeHiveServer implements AutoCloseable {
  private final MockWebServer server = new MockWebServer();
  private final SyntheticChain chain;
  private final Queue<Function<JsonNode, MockResponse>> rangeScript = new ConcurrentLinkedQueue<>();
  volatile long head;
  volatile long lib;
  volatile long servedUpTo;
  /** When set, answers every get_block_range not scripted. */
  volatile Function<JsonNode, MockResponse> rangeReply;
  final AtomicInteger rangeRequests = new AtomicInteger();
  final AtomicInteger propertiesRequests = new AtomicInteger();

  FakeHiveServer(SyntheticChain chain, long head, long lib) {
    this.chain = chain;
    this.head = head;
    this.lib = lib;
    this.servedUpTo = head;
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest recorded) {
        try {
          return answer(SyntheticChain.MAPPER.readTree(recorded.getBody().readUtf8()));
        } catch (IOException e) {
          return new MockResponse().setResponseCode(400);
        }
      }
    });
    try {
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  URI uri() {
    return server.url("/").uri();
  }

  FakeHiveServer thenRange(Function<JsonNode, MockResponse> reply) {
    rangeScript.add(reply);
    return this;
  }

  private MockResponse answer(JsonNode request) {
    String method = request.path("method").asText();
    if (method.equals("database_api.get_dynamic_global_properties")) {
      propertiesRequests.incrementAndGet();
      DynamicGlobalProperties p = chain.properties(head, lib);
      ObjectNode result = SyntheticChain.MAPPER.createObjectNode()
          .put("head_block_number", p.headBlockNumber())
          .put("head_block_id", p.headBlockId().toHex())
          .put("time", JsonFields.formatTime(p.time()))
          .put("last_irreversible_block_num", p.lastIrreversibleBlockNum())
          .put("maximum_block_size", p.maximumBlockSize());
      return result(request, result);
    }
    if (method.equals("block_api.get_block_range")) {
      rangeRequests.incrementAndGet();
      Function<JsonNode, MockResponse> scripted = rangeScript.poll();
      if (scripted == null) {
        scripted = rangeReply;
      }
      if (scripted != null) {
        return scripted.apply(request);
      }
      long start = request.at("/params/starting_block_num").asLong();
      long last = Math.min(start + request.at("/params/count").asLong() - 1, servedUpTo);
      return result(request, SyntheticChain.rangeJson(last < start ? List.of() : chain.blocks(start, last)));
    }
    return new MockResponse().setResponseCode(404);
  }

  static MockResponse result(JsonNode request, JsonNode result) {
    ObjectNode response = SyntheticChain.MAPPER.createObjectNode();
    response.put("jsonrpc", "2.0");
    response.set("result", result);
    response.set("id", request.get("id"));
    return new MockResponse().setBody(response.toString()).setHeader("Content-Type", "application/json");
  }

  /** hived's JSON-RPC error answer. */
  static MockResponse error(JsonNode request, int code, String message) {
    ObjectNode response = SyntheticChain.MAPPER.createObjectNode();
    response.put("jsonrpc", "2.0");
    response.putObject("error").put("code", code).put("message", message);
    response.set("id", request.get("id"));
    return new MockResponse().setBody(response.toString()).setHeader("Content-Type", "application/json");
  }

  static MockResponse status503(JsonNode request) {
    return new MockResponse().setResponseCode(503).setBody("503 Service Unavailable");
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
