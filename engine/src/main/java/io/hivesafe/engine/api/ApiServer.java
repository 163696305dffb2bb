package io.hivesafe.engine.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.hivesafe.engine.NodeEvents;
import io.hivesafe.engine.NodeLogContext;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * The node's read-only HTTP API (JSON under {@code /api/}), its status page at {@code /} and its
 * Prometheus metrics at {@code /metrics}. Endpoints and examples: docs/api.md.
 *
 * <p>Served by the JDK's own {@link HttpServer} ({@code jdk.httpserver}): the API is a handful of small
 * GET answers on loopback, which needs no routing framework, no servlet container and no new dependency
 * (and so nothing more to pin, audit or shade). It runs on a small pool of its own threads, never the
 * node's: an answer is one short read of committed state ({@code StateStore.read}, which makes commits
 * wait while it runs, so every answer is bounded), and a slow client holds one pool thread, not the
 * node.
 *
 * <p>Only GET and HEAD are served (405 otherwise); a bad parameter is a 400, an unknown path a 404, a
 * node that has not applied its first block a 503 — each with {@code {"error": …, "status": …}}. A bug
 * in a handler is answered 500 and logged; the node goes on.
 *
 * <p>Lifecycle: built idle, {@link #start()} binds and serves, {@link #close()} stops (idempotent).
 */
public final class ApiServer implements AutoCloseable {
  private static final String PAGE = "/io/hivesafe/engine/api/page/";
  /** What {@link PrometheusMeterRegistry#scrape()} writes: Prometheus' text format 0.0.4. */
  private static final String METRICS_TYPE = "text/plain; version=0.0.4; charset=utf-8";
  private static final Pattern ACCOUNT_PATH = Pattern.compile("/api/accounts/([^/]*)");
  private static final Map<String, String[]> STATIC = Map.of(
      "/", new String[] {"index.html", "text/html; charset=utf-8"},
      "/status.js", new String[] {"status.js", "text/javascript; charset=utf-8"},
      "/status.css", new String[] {"status.css", "text/css; charset=utf-8"});
  /** The JSON endpoints, as {@code GET /api} lists them. */
  static final java.util.List<String> ENDPOINTS = java.util.List.of("/api/status", "/api/runners", "/api/nodes",
      "/api/multisig", "/api/payouts", "/api/proposals", "/api/accounts/{name}", "/api/feed", "/api/alarms", "/api/custody",
      "/api/authority", "/api/snapshot", "/api/snapshot/latest", "/metrics");

  private enum State { IDLE, RUNNING, STOPPED }

  private final ApiConfig config;
  private final NodeView view;
  private final PrometheusMeterRegistry metrics;
  private final NodeEvents events;
  private final StatusAnswers status;
  private final NodeAnswers nodes;
  private final MultisigAnswers multisig;
  private final FeedAnswer feed;
  private final AlarmAnswers alarms;
  private final Map<String, byte[]> page;
  private State state = State.IDLE;
  private HttpServer server;
  private ExecutorService pool;

  /**
   * @param metrics the registry whose scrape {@code /metrics} serves (the node's meters are registered
   *     on it by their holders in {@code io.hivesafe.engine.metrics})
   */
  public ApiServer(ApiConfig config, NodeView view, PrometheusMeterRegistry metrics, NodeEvents events) {
    this.config = Objects.requireNonNull(config, "config");
    this.view = Objects.requireNonNull(view, "view");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.events = Objects.requireNonNull(events, "events");
    this.status = new StatusAnswers(view);
    this.nodes = new NodeAnswers(view);
    this.multisig = new MultisigAnswers(view);
    this.feed = new FeedAnswer(view);
    this.alarms = new AlarmAnswers(view);
    java.util.TreeMap<String, byte[]> files = new java.util.TreeMap<>();
    for (String[] f : STATIC.values()) {
      files.put(f[0], resource(f[0]));
    }
    this.page = files;
  }

  private static byte[] resource(String name) {
    try (InputStream in = ApiServer.class.getResourceAsStream(PAGE + name)) {
      if (in == null) {
        throw new IllegalStateException("the status page's " + name + " is missing from the jar (" + PAGE + name + ")");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Binds to the configured address and port and starts serving.
   *
   * @throws IOException when it cannot listen there (the message names the address)
   */
  public synchronized ApiServer start() throws IOException {
    if (state != State.IDLE) {
      throw new IllegalStateException("the API server is " + state.name().toLowerCase(java.util.Locale.ROOT));
    }
    InetSocketAddress address = new InetSocketAddress(config.bindAddress(), config.port());
    if (address.isUnresolved()) {
      throw new IOException("cannot listen on " + config.bindAddress() + ":" + config.port() + ": unknown host");
    }
    try {
      server = HttpServer.create(address, 64);
    } catch (IOException e) {
      throw new IOException("cannot listen on " + config.bindAddress() + ":" + config.port() + ": " + e.getMessage(), e);
    }
    AtomicInteger n = new AtomicInteger();
    NodeLogContext log = NodeLogContext.current();
    pool = Executors.newFixedThreadPool(config.threads(), r -> {
      Thread t = new Thread(log.carry(r), "hivesafe-api-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(pool);
    server.createContext("/", this::handle);
    server.start();
    state = State.RUNNING;
    events.apiStarted(url().toString());
    return this;
  }

  /** Where it listens (the actual port when configured with 0); only while running. */
  public synchronized InetSocketAddress address() {
    if (state != State.RUNNING) {
      throw new IllegalStateException("the API server is not running");
    }
    return server.getAddress();
  }

  /** {@code http://host:port/}: the status page; the API is under {@code api/}. */
  public URI url() {
    InetSocketAddress a = address();
    String host = a.getAddress().getHostAddress();
    return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort() + "/");
  }

  @Override
  public synchronized void close() {
    if (state == State.RUNNING) {
      String url = url().toString();
      server.stop(0);
      pool.shutdownNow();
      events.apiStopped(url);
    }
    state = State.STOPPED;
  }

  // ---- requests ----

  private void handle(HttpExchange ex) throws IOException {
    String method = ex.getRequestMethod();
    String path = ex.getRequestURI().getRawPath();
    Answer answer;
    try {
      if (!method.equals("GET") && !method.equals("HEAD")) {
        answer = Answer.error(405, "method " + ApiRequest.shorten(method) + " is not allowed: the API is read-only (GET, HEAD)")
            .withHeader("Allow", "GET, HEAD");
      } else {
        answer = route(ApiRequest.of(path, ex.getRequestURI().getRawQuery()));
      }
    } catch (ApiException e) {
      answer = Answer.error(e.status(), e.getMessage());
    } catch (RuntimeException | IOException bug) {
      events.apiRequestFailed(method, ApiRequest.shorten(path), bug);
      answer = Answer.error(500, "internal error: " + bug.getClass().getSimpleName());
    }
    try (ex) {
      send(ex, method.equals("HEAD"), answer);
    }
  }

  private Answer route(ApiRequest q) throws ApiException, IOException {
    String path = q.path();
    String[] file = STATIC.get(path);
    if (file != null) {
      q.accepting();
      return Answer.bytes(file[1], page.get(file[0]))
          .withHeader("Content-Security-Policy", "default-src 'self'; img-src 'self' data:");
    }
    switch (path) {
      case "/api":
      case "/api/":
        q.accepting();
        return Answer.json(index());
      case "/api/status":
        q.accepting();
        return Answer.json(status.status());
      case "/api/runners":
        q.accepting();
        return Answer.json(nodes.runners());
      case "/api/nodes":
        q.accepting();
        return Answer.json(nodes.nodes());
      case "/api/multisig":
        q.accepting();
        return Answer.json(multisig.multisig());
      case "/api/payouts":
        q.accepting();
        return Answer.json(multisig.payouts());
      case "/api/proposals":
        q.accepting("status");
        return Answer.json(multisig.proposals(q.string("status")));
      case "/api/feed":
        return Answer.json(feed.feed(q));
      case "/api/alarms":
        return Answer.json(alarms.alarms(q));
      case "/api/custody":
        q.accepting();
        return Answer.json(status.custody());
      case "/api/authority":
        q.accepting();
        return Answer.json(status.authority());
      case "/api/snapshot":
        q.accepting();
        return Answer.json(SnapshotFiles.info(latestSnapshot()));
      case "/api/snapshot/latest":
        q.accepting();
        return SnapshotFiles.download(latestSnapshot());
      case "/metrics":
        q.accepting();
        return Answer.text(METRICS_TYPE, metrics.scrape());
      default:
        java.util.regex.Matcher m = ACCOUNT_PATH.matcher(path);
        if (m.matches()) {
          q.accepting();
          return Answer.json(nodes.account(m.group(1)));
        }
        throw ApiException.notFound("no such path: " + ApiRequest.shorten(path) + " (GET /api lists the endpoints)");
    }
  }

  private static ObjectNode index() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    ArrayNode a = o.putArray("endpoints");
    for (String e : ENDPOINTS) {
      a.add(e);
    }
    o.put("docs", "docs/api.md");
    return o;
  }

  private SnapshotFiles.Latest latestSnapshot() throws ApiException, IOException {
    if (config.snapshotsDir().isEmpty()) {
      throw ApiException.notFound("this node serves no snapshots (no snapshot directory is configured)");
    }
    Path dir = config.snapshotsDir().get();
    Optional<SnapshotFiles.Latest> latest = SnapshotFiles.latest(dir);
    return latest.orElseThrow(() -> ApiException.notFound("no snapshot yet: the snapshot directory holds none"));
  }

  private static void send(HttpExchange ex, boolean head, Answer a) throws IOException {
    var h = ex.getResponseHeaders();
    h.set("Content-Type", a.contentType());
    h.set("Cache-Control", "no-store");
    h.set("X-Content-Type-Options", "nosniff");
    a.headers().forEach(h::set);
    if (a.file().isPresent()) {
      Path f = a.file().get();
      long size = Files.size(f);
      if (head) {
        ex.sendResponseHeaders(a.status(), -1);
        return;
      }
      ex.sendResponseHeaders(a.status(), size == 0 ? -1 : size);
      try (OutputStream out = ex.getResponseBody()) {
        Files.copy(f, out);
      }
      return;
    }
    if (head || a.body().length == 0) {
      ex.sendResponseHeaders(a.status(), -1);
      return;
    }
    ex.sendResponseHeaders(a.status(), a.body().length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(a.body());
    }
  }
}
