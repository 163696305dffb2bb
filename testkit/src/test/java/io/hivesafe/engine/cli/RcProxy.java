package io.hivesafe.engine.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.hivesafe.devnet.Devnet;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A JSON-RPC endpoint in front of a devnet that answers rc_api.find_rc_accounts in hived's shape from the
 * mana the test sets (full by default: max_rc 10^13), and forwards every other call to the devnet. The
 * devnet of this branch has no RC model (branch rc adds one with a drain); once it has, these tests can
 * drain the devnet's accounts instead.
 */
final class RcProxy implements AutoCloseable {
  static final long MAX_RC = 10_000_000_000_000L;
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpServer server;
  private final Devnet devnet;
  private final HttpClient client = HttpClient.newHttpClient();
  private final Map<String, Long> mana = new ConcurrentHashMap<>();
  private volatile boolean withoutRcApi;

  RcProxy(Devnet devnet) throws IOException {
    this.devnet = devnet;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      byte[] body = exchange.getRequestBody().readAllBytes();
      byte[] answer;
      int status = 200;
      JsonNode request = JSON.readTree(body);
      if (request.path("method").asText().equals("rc_api.find_rc_accounts") && withoutRcApi) {
        ObjectNode o = JSON.createObjectNode().put("jsonrpc", "2.0");
        o.putObject("error").put("code", -32601).put("message", "Assert Exception:api_itr != data._registered_apis.end(): "
            + "Could not find API rc_api");
        o.set("id", request.get("id"));
        answer = JSON.writeValueAsBytes(o);
      } else if (request.path("method").asText().equals("rc_api.find_rc_accounts")) {
        answer = JSON.writeValueAsBytes(rcAnswer(request));
      } else {
        try {
          HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(devnet.url(0)).header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
          answer = r.body();
          status = r.statusCode();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException(e);
        }
      }
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, answer.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer);
      }
    });
    server.start();
  }

  /** Sets {@code account}'s current mana (of {@link #MAX_RC}) as of the devnet's head time. */
  void setMana(String account, long value) {
    mana.put(account, value);
  }

  /** Answers rc_api calls as a hived without the rc_api plugin does (-32601, "Could not find API rc_api"). */
  void withoutRcApi() {
    withoutRcApi = true;
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private ObjectNode rcAnswer(JsonNode request) {
    ObjectNode o = JSON.createObjectNode().put("jsonrpc", "2.0");
    o.set("id", request.get("id"));
    ArrayNode list = o.putObject("result").putArray("rc_accounts");
    long now = devnet.chain().headTime().getEpochSecond();
    for (JsonNode name : request.path("params").path("accounts")) {
      if (devnet.chain().account(io.hivesafe.hive.protocol.AccountName.of(name.asText())).isEmpty()) {
        continue;
      }
      ObjectNode a = list.addObject().put("account", name.asText()).put("max_rc", String.valueOf(MAX_RC));
      a.putObject("rc_manabar").put("current_mana", String.valueOf(mana.getOrDefault(name.asText(), MAX_RC)))
          .put("last_update_time", now);
    }
    return o;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
