package io.hivesafe.engine.metrics;

import io.hivesafe.hive.rpc.RpcListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * RPC latency and errors per endpoint and method, as an {@link RpcListener}: hand it to every JSON-RPC
 * client the node makes (the block source's through {@code RpcBlockSource.overRpc}, the outbox's and the
 * custody check's through {@code new HiveRpcClient(config, listener)}).
 *
 * <p>The endpoint label is the endpoint's scheme, host and port only: a path or query (where a paid API
 * puts its access token) never reaches a label. Meters are made on first use of an (endpoint, method)
 * pair; both sets are small and fixed by the node's configuration and code.
 */
public final class RpcMetrics implements RpcListener {
  private final MeterRegistry registry;

  public RpcMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void attempted(String method, URI endpoint, Duration elapsed, Outcome outcome) {
    String where = endpointLabel(endpoint);
    String result = outcome.name().toLowerCase(Locale.ROOT);
    Timer.builder("hivesafe.rpc").description("JSON-RPC call attempts by endpoint, method and outcome")
        .tag("endpoint", where).tag("method", method).tag("outcome", result)
        .register(registry).record(elapsed);
    if (outcome != Outcome.RESULT) {
      Counter.builder("hivesafe.rpc.errors").description("JSON-RPC attempts that failed (rpc_error: refused by hived; "
              + "transport_failure: no usable answer)")
          .tag("endpoint", where).tag("method", method).tag("kind", result)
          .register(registry).increment();
    }
  }

  /** {@code scheme://host:port}: never the path, query or user info of an endpoint. */
  static String endpointLabel(URI endpoint) {
    String scheme = endpoint.getScheme() == null ? "http" : endpoint.getScheme().toLowerCase(Locale.ROOT);
    int port = endpoint.getPort() >= 0 ? endpoint.getPort() : scheme.equals("https") ? 443 : 80;
    String host = endpoint.getHost() == null ? "unknown" : endpoint.getHost();
    return scheme + "://" + host + ":" + port;
  }
}
