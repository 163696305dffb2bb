package io.hivesafe.hive.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import io.hivesafe.hive.HiveFormatException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one JSON-RPC call to the configured endpoints in turn until one answers: each failed attempt
 * moves to the next endpoint after an exponentially growing pause; a call starts at the endpoint that
 * answered last. Thread-safe.
 */
final class FailoverTransport implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FailoverTransport.class);
  private static final MediaType JSON = MediaType.get("application/json");
  private static final long ERROR_BODY_SHOWN = 512;
  /**
   * The largest response read. A full get_block_range of 1,000 blocks at the 64 KiB block limit is
   * about 130 MB of JSON; anything beyond this bound is a broken or hostile endpoint, not a reply.
   */
  static final long MAX_RESPONSE_BYTES = 256L * 1024 * 1024;

  private final RpcConfig config;
  private final List<HttpUrl> urls;
  private final OkHttpClient http;
  private final Sleeper sleeper;
  private final RpcListener listener;
  private final AtomicInteger preferred = new AtomicInteger();
  private final AtomicLong nextId = new AtomicLong(1);

  FailoverTransport(RpcConfig config, Sleeper sleeper, RpcListener listener) {
    this.config = Objects.requireNonNull(config, "config");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.listener = Objects.requireNonNull(listener, "listener");
    List<HttpUrl> parsed = new ArrayList<>();
    for (URI endpoint : config.endpoints()) {
      HttpUrl url = HttpUrl.parse(endpoint.toString());
      if (url == null) {
        throw new IllegalArgumentException("RpcConfig.endpoints: okhttp cannot use '" + endpoint + "'");
      }
      parsed.add(url);
    }
    this.urls = List.copyOf(parsed);
    Duration timeout = config.callTimeout();
    this.http =
        new OkHttpClient.Builder()
            .callTimeout(timeout)
            .connectTimeout(timeout)
            .readTimeout(timeout)
            .writeTimeout(timeout)
            // Our own loop retries, on another endpoint and with a pause; a silent second send inside
            // okhttp would make attempt counts (and broadcast behaviour) harder to reason about.
            .retryOnConnectionFailure(false)
            .followRedirects(false)
            .build();
  }

  /**
   * Calls {@code method} and turns its result into a value with {@code reader}. A result the reader
   * rejects with {@link HiveFormatException} counts as a failed attempt of that endpoint.
   */
  <T> T call(String method, JsonNode params, Function<JsonNode, T> reader) throws RpcException {
    int start = preferred.get();
    List<EndpointFailure> failures = new ArrayList<>();
    Throwable lastCause = null;
    for (int attempt = 1; attempt <= config.maxAttempts(); attempt++) {
      if (attempt > 1) {
        try {
          Duration pause = config.backoffBeforeRetry(attempt - 1);
          if (!pause.isZero()) {
            sleeper.sleep(pause);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new RpcTransportException(method, failures, "interrupted after " + failures.size() + " attempt(s)", e);
        }
      }
      int index = (start + attempt - 1) % urls.size();
      URI endpoint = config.endpoints().get(index);
      long began = System.nanoTime();
      try {
        JsonNode result = exchange(urls.get(index), method, params);
        T value = read(reader, result);
        preferred.set(index);
        listener.attempted(method, endpoint, Duration.ofNanos(System.nanoTime() - began), RpcListener.Outcome.RESULT);
        return value;
      } catch (RpcErrorException e) {
        preferred.set(index);
        listener.attempted(method, endpoint, Duration.ofNanos(System.nanoTime() - began), RpcListener.Outcome.RPC_ERROR);
        throw e;
      } catch (FailedAttempt e) {
        listener.attempted(method, endpoint, Duration.ofNanos(System.nanoTime() - began),
            RpcListener.Outcome.TRANSPORT_FAILURE);
        LOG.debug("{} attempt {} at {} failed: {}", method, attempt, endpoint, e.getMessage());
        failures.add(new EndpointFailure(endpoint, e.getMessage()));
        lastCause = e.getCause() != null ? e.getCause() : e;
        if (Thread.currentThread().isInterrupted()) {
          throw new RpcTransportException(method, failures, "interrupted after " + failures.size() + " attempt(s)", lastCause);
        }
      }
    }
    throw new RpcTransportException(method, failures, "failed after " + failures.size() + " attempt(s)", lastCause);
  }

  private static <T> T read(Function<JsonNode, T> reader, JsonNode result) throws FailedAttempt {
    try {
      return reader.apply(result);
    } catch (HiveFormatException e) {
      throw new FailedAttempt("malformed result: " + e.getMessage(), e);
    }
  }

  private JsonNode exchange(HttpUrl url, String method, JsonNode params) throws FailedAttempt, RpcErrorException {
    long id = nextId.getAndIncrement();
    Request request =
        new Request.Builder().url(url).post(RequestBody.create(JsonRpcEnvelope.request(method, params, id), JSON)).build();
    byte[] body;
    try (Response response = http.newCall(request).execute()) {
      if (!response.isSuccessful()) {
        // Read the start of the body: it names the problem (a proxy's error page), and an unread body
        // would make okhttp wait to discard it before the next attempt.
        throw new FailedAttempt("HTTP " + response.code() + (response.message().isEmpty() ? "" : " " + response.message())
            + JsonRpcEnvelope.quoteOrEmpty(response.peekBody(ERROR_BODY_SHOWN).bytes()));
      }
      ResponseBody responseBody = response.body();
      if (responseBody == null) {
        throw new FailedAttempt("HTTP " + response.code() + " without a body");
      }
      okio.BufferedSource source = responseBody.source();
      if (source.request(MAX_RESPONSE_BYTES + 1)) {
        throw new FailedAttempt("response larger than " + MAX_RESPONSE_BYTES + " bytes");
      }
      body = source.getBuffer().readByteArray();
    } catch (InterruptedIOException e) {
      String reason = Thread.currentThread().isInterrupted()
          ? "interrupted"
          : "timed out (limit " + config.callTimeout().toMillis() + " ms): " + e.getMessage();
      throw new FailedAttempt(reason, e);
    } catch (IOException e) {
      throw new FailedAttempt(e.getClass().getSimpleName() + ": " + e.getMessage(), e);
    }
    return JsonRpcEnvelope.result(method, id, body);
  }

  @Override
  public void close() {
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }
}
