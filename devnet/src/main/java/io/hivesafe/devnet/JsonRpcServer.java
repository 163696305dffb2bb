package io.hivesafe.devnet;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One JSON-RPC endpoint of the devnet: the JDK's HTTP server on 127.0.0.1, answering POSTs on any path
 * with {@link DevnetApi}, each request on a thread of its own pool (injected latency or a synchronous
 * broadcast delays only its own request), with the faults of its {@link FaultPlan}: per request first the
 * latency, then the drawn failure (HTTP 503, JSON-RPC -32603, or the connection closed), and for each
 * broadcast the drawn fate (kept or dropped). A body of {@link DevnetAdmin} calls only is answered at
 * once, without faults and without drawing: the devnet's controls work on its faultiest endpoint.
 *
 * <p>The endpoint can be stopped (it refuses connections; the port is free) and started again on the
 * same port; {@link #close()} stops it for good and ends its threads. The fault plan can be changed at
 * any time; a new plan starts its draws afresh from its seed.
 */
public final class JsonRpcServer implements AutoCloseable {
  private static final AtomicInteger SERVERS = new AtomicInteger();
  private static final byte[] UNAVAILABLE = "503 Service Unavailable\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] POST_ONLY = "405 Method Not Allowed: JSON-RPC requests are POSTs\n".getBytes(StandardCharsets.US_ASCII);
  private static final int BACKLOG = 64;

  static {
    // The JDK server writes a response's headers and body in separate packets; with Nagle's algorithm on,
    // the body then waits for the client's delayed ACK (~40 ms) on every kept-alive connection. The server
    // has no per-instance option: this property (read once, when its first instance starts) is the only
    // switch. An explicit setting by the user is left alone.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final JsonRpcDispatcher dispatcher;
  private final ExecutorService executor;
  private volatile SeededFaults faults;
  private HttpServer server;
  private int port;
  private boolean closed;

  /** An endpoint, not yet listening; {@code port} 0 takes a free port at the first {@link #start()}. */
  public JsonRpcServer(DevnetApi api, int port, FaultPlan faults) {
    this(api, null, port, faults);
  }

  /** An endpoint that also serves {@code admin}'s methods (when not null), exempt from its faults. */
  JsonRpcServer(DevnetApi api, DevnetAdmin admin, int port, FaultPlan faults) {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be within 0..65535, got " + port);
    }
    this.dispatcher = new JsonRpcDispatcher(api, admin, this);
    this.port = port;
    this.faults = new SeededFaults(faults);
    this.executor = Executors.newCachedThreadPool(threads("devnet-rpc-" + SERVERS.incrementAndGet() + "-"));
  }

  /** Listens on 127.0.0.1 at the endpoint's port (the same one after a {@link #stop()}). */
  public synchronized void start() throws IOException {
    if (closed) {
      throw new IllegalStateException("the endpoint is closed");
    }
    if (server != null) {
      return;
    }
    HttpServer started = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), BACKLOG);
    started.createContext("/", this::handle);
    started.setExecutor(executor);
    started.start();
    port = started.getAddress().getPort();
    server = started;
  }

  /** Stops listening and drops open connections; requests in progress get no answer. */
  public synchronized void stop() {
    if (server != null) {
      server.stop(0);
      server = null;
    }
  }

  public synchronized boolean isRunning() {
    return server != null;
  }

  /** The port; 0 until a start when it was created with 0. */
  public synchronized int port() {
    return port;
  }

  /** {@code http://127.0.0.1:PORT}. */
  public URI url() {
    return URI.create("http://127.0.0.1:" + port());
  }

  /** Replaces the fault plan; its draws start afresh from its seed. */
  public void setFaults(FaultPlan plan) {
    faults = new SeededFaults(plan);
  }

  public FaultPlan faults() {
    return faults.plan();
  }

  /** Stops the endpoint for good and waits for its request threads to end. */
  @Override
  public void close() {
    synchronized (this) {
      stop();
      closed = true;
    }
    executor.shutdownNow();
    try {
      if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("devnet endpoint threads did not end within 10 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try {
      if (!exchange.getRequestMethod().equals("POST")) {
        send(exchange, 405, "text/plain; charset=us-ascii", POST_ONLY);
        return;
      }
      byte[] body = exchange.getRequestBody().readAllBytes();
      if (dispatcher.adminOnly(body)) {
        send(exchange, 200, "application/json; charset=utf-8", JsonRpcDispatcher.toBytes(answer(body, BroadcastFate.KEEP)));
        return;
      }
      SeededFaults plan = faults;
      Duration delay = plan.nextLatency();
      if (!delay.isZero()) {
        Thread.sleep(delay.toMillis(), delay.toNanosPart() % 1_000_000);
      }
      Optional<FailureKind> failure = plan.nextFailure();
      if (failure.isPresent() && failure.get() == FailureKind.CONNECTION_CLOSED) {
        return; // closed below without a response: the client sees the connection end
      }
      if (failure.isPresent() && failure.get() == FailureKind.HTTP_503) {
        send(exchange, 503, "text/plain; charset=us-ascii", UNAVAILABLE);
        return;
      }
      JsonNode response = failure.isPresent() ? dispatcher.internalError(body) : answer(body, plan::keepBroadcast);
      send(exchange, 200, "application/json; charset=utf-8", JsonRpcDispatcher.toBytes(response));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // the endpoint is closing: no answer
    } finally {
      exchange.close();
    }
  }

  private JsonNode answer(byte[] body, BroadcastFate fate) {
    try {
      return dispatcher.handle(body, fate);
    } catch (RuntimeException bug) {
      // A bug in the devnet. The HTTP server would only drop the connection, which a test would take
      // for an injected fault; answer with the bug named instead, so the test fails on it.
      return dispatcher.bug(bug);
    }
  }

  private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static ThreadFactory threads(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  @Override
  public String toString() {
    return "devnet endpoint " + url() + (isRunning() ? "" : " (stopped)");
  }
}
