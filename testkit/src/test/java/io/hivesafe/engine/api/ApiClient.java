package io.hivesafe.engine.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BooleanSupplier;

/** Asks a node's API over real HTTP and remembers every body it got (for the no-key check). */
final class ApiClient {
  static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI root;
  private final List<String> bodies = Collections.synchronizedList(new ArrayList<>());

  record Response(int status, java.net.http.HttpHeaders headers, byte[] bytes) {
    String text() {
      return new String(bytes, StandardCharsets.UTF_8);
    }

    JsonNode json() {
      try {
        return JSON.readTree(bytes);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + text(), e);
      }
    }

    String header(String name) {
      return headers.firstValue(name).orElse(null);
    }
  }

  ApiClient(URI root) {
    this.root = root;
  }

  Response send(String method, String path) {
    try {
      HttpRequest request = HttpRequest.newBuilder(root.resolve(path)).timeout(Duration.ofSeconds(20))
          .method(method, HttpRequest.BodyPublishers.noBody()).build();
      HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      bodies.add(new String(r.body(), StandardCharsets.ISO_8859_1));
      return new Response(r.statusCode(), r.headers(), r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  Response get(String path) {
    return send("GET", path);
  }

  /** GET, expecting 200 and JSON. */
  JsonNode json(String path) {
    Response r = get(path);
    if (r.status() != 200) {
      throw new AssertionError(path + " answered " + r.status() + ": " + r.text());
    }
    if (!r.header("Content-Type").startsWith("application/json")) {
      throw new AssertionError(path + " is " + r.header("Content-Type"));
    }
    return r.json();
  }

  /** Every body received so far (bytes as ISO-8859-1, so nothing is lost in decoding). */
  List<String> bodies() {
    synchronized (bodies) {
      return List.copyOf(bodies);
    }
  }

  /** Polls {@code condition} until it holds; fails naming {@code what} after 30 s. */
  static void waitFor(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(10);
    }
  }
}
