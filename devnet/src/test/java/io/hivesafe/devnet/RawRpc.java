package io.hivesafe.devnet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** Raw JSON-RPC over HTTP, to see exactly what an endpoint sends (status, body, envelope). */
final class RawRpc {
  static final ObjectMapper MAPPER = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private RawRpc() {}

  static HttpRequest request(URI url, String body) {
    return HttpRequest.newBuilder(url)
        .timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  static HttpResponse<String> post(URI url, String body) throws IOException, InterruptedException {
    return HTTP.send(request(url, body), HttpResponse.BodyHandlers.ofString());
  }

  static CompletableFuture<HttpResponse<String>> postAsync(URI url, String body) {
    return HTTP.sendAsync(request(url, body), HttpResponse.BodyHandlers.ofString());
  }

  /** The whole JSON-RPC response to {@code {"jsonrpc":"2.0","method":method,"params":params,"id":7}}. */
  static JsonNode call(URI url, String method, String paramsJson) throws IOException, InterruptedException {
    return json(post(url, "{\"jsonrpc\":\"2.0\",\"method\":\"" + method + "\",\"params\":" + paramsJson + ",\"id\":7}"));
  }

  static JsonNode json(HttpResponse<String> response) {
    if (response.statusCode() != 200) {
      throw new AssertionError("HTTP " + response.statusCode() + ": " + response.body());
    }
    try {
      return MAPPER.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
