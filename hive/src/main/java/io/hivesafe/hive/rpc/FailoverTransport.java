package io.hivesafe.hive.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.hivesafe.hive.HiveFormatException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import okhttp3.Call;
import okhttp3.EventListener;
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
 * answered last. With a {@link ChainGuard}, no answer of an endpoint is used before the endpoint's chain
 * id was checked ({@link EndpointChainCheck} says when a check is due). Thread-safe.
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
  private final ChainGuard guard;
  private final List<EndpointChainCheck> checks;

  /** A transport; {@code guard} may be null (answers are used from any chain). */
  FailoverTransport(RpcConfig config, Sleeper sleeper, RpcListener listener, ChainGuard guard) {
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
    this.guard = guard;
    List<EndpointChainCheck> made = new ArrayList<>();
    for (int i = 0; i < urls.size(); i++) {
      made.add(new EndpointChainCheck(guard == null ? Long.MAX_VALUE : guard.recheckEvery().toNanos()));
    }
    this.checks = List.copyOf(made);
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
            .eventListener(new EventListener() {
              @Override
              public void connectStart(Call call, InetSocketAddress address, Proxy proxy) {
                Integer index = call.request().tag(Integer.class);
                if (index != null) {
                  checks.get(index).connectionOpened();
                }
              }
            })
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
        T value = guardedExchange(index, method, params, reader);
        preferred.set(index);
        listener.attempted(method, endpoint, Duration.ofNanos(System.nanoTime() - began), RpcListener.Outcome.RESULT);
        return value;
      } catch (RpcErrorException e) {
        preferred.set(index);
        listener.attempted(method, endpoint, Duration.ofNanos(System.nanoTime() - began), RpcListener.Outcome.RPC_ERROR);
        throw e;
      } catch (FailedAttempt e) {
        checks.get(index).forget();
        listener.attempted(method, endpoint, Duration.ofNanos(System.nanoTime() - began),
            RpcListener.Outcome.TRANSPORT_FAILURE);
        LOG.debug("{} attempt {} at {} failed: {}", method, attempt, EndpointText.of(endpoint), e.getMessage());
        failures.add(new EndpointFailure(endpoint, e.getMessage()));
        lastCause = e.getCause() != null ? e.getCause() : e;
        if (Thread.currentThread().isInterrupted()) {
          throw new RpcTransportException(method, failures, "interrupted after " + failures.size() + " attempt(s)", lastCause);
        }
      }
    }
    throw new RpcTransportException(method, failures, "failed after " + failures.size() + " attempt(s)", lastCause);
  }

  /**
   * One attempt at endpoint {@code index}; with a guard, its chain id is checked first when a check is
   * due, and again before the answer is used when a new connection was opened meanwhile.
   */
  private <T> T guardedExchange(int index, String method, JsonNode params, Function<JsonNode, T> reader)
      throws FailedAttempt, RpcErrorException, WrongChainException {
    if (guard == null) {
      return read(reader, exchange(index, method, params));
    }
    EndpointChainCheck check = checks.get(index);
    if (!check.fresh(System.nanoTime())) {
      checkChain(index, method);
    }
    long connections = check.connections();
    T value;
    try {
      value = read(reader, exchange(index, method, params));
    } catch (RpcErrorException refusal) {
      // hived's refusal is an answer too: the caller acts on it (a "duplicate" broadcast counts as
      // delivered), so it is used only once the endpoint is known to be on the chain
      if (check.connections() != connections) {
        checkChain(index, method);
      }
      throw refusal;
    }
    if (check.connections() != connections) {
      checkChain(index, method);
    }
    return value;
  }

  /**
   * Asks endpoint {@code index} for its chain id: another chain's is a {@link WrongChainException} (told
   * to the guard first), an unreadable one a failed attempt.
   */
  private void checkChain(int index, String method) throws FailedAttempt, WrongChainException {
    EndpointChainCheck check = checks.get(index);
    URI endpoint = config.endpoints().get(index);
    ChainConfig served;
    long began = System.nanoTime();
    try {
      served = read(ChainConfig::read, exchange(index, HiveRpcClient.GET_CONFIG, JsonNodeFactory.instance.objectNode()));
    } catch (RpcErrorException e) {
      listener.attempted(HiveRpcClient.GET_CONFIG, endpoint, Duration.ofNanos(System.nanoTime() - began), RpcListener.Outcome.RPC_ERROR);
      throw new FailedAttempt("its chain id cannot be checked: " + e.getMessage(), e);
    } catch (FailedAttempt e) {
      listener.attempted(HiveRpcClient.GET_CONFIG, endpoint, Duration.ofNanos(System.nanoTime() - began),
          RpcListener.Outcome.TRANSPORT_FAILURE);
      throw e;
    }
    listener.attempted(HiveRpcClient.GET_CONFIG, endpoint, Duration.ofNanos(System.nanoTime() - began), RpcListener.Outcome.RESULT);
    if (!served.chainId().equals(guard.chainId())) {
      check.forget();
      WrongChainException wrong = new WrongChainException(method, endpoint, served.chainId(), guard.chainId());
      guard.onWrongChain().accept(wrong);
      throw wrong;
    }
    check.checked(check.connections(), System.nanoTime());
  }

  private static <T> T read(Function<JsonNode, T> reader, JsonNode result) throws FailedAttempt {
    try {
      return reader.apply(result);
    } catch (HiveFormatException e) {
      throw new FailedAttempt("malformed result: " + e.getMessage(), e);
    }
  }

  private JsonNode exchange(int index, String method, JsonNode params) throws FailedAttempt, RpcErrorException {
    long id = nextId.getAndIncrement();
    Request request =
        new Request.Builder().url(urls.get(index)).tag(Integer.class, index).post(RequestBody.create(JsonRpcEnvelope.request(method, params, id), JSON)).build();
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
