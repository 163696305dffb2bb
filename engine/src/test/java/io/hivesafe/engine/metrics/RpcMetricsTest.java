package io.hivesafe.engine.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.hivesafe.hive.rpc.RpcListener;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** RPC attempts become a timer per (endpoint, method, outcome) and an error counter per failure kind; no URL secret reaches a label. */
class RpcMetricsTest {
  @Test
  void attemptsAreTimedAndFailuresCountedPerEndpointAndMethod() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    RpcMetrics metrics = new RpcMetrics(registry);
    URI paid = URI.create("https://user:secret@api.example.org/rpc?token=abc123");
    URI local = URI.create("http://127.0.0.1:8090");
    metrics.attempted("block_api.get_block_range", paid, Duration.ofMillis(120), RpcListener.Outcome.RESULT);
    metrics.attempted("block_api.get_block_range", paid, Duration.ofMillis(30), RpcListener.Outcome.RESULT);
    metrics.attempted("block_api.get_block_range", paid, Duration.ofSeconds(10), RpcListener.Outcome.TRANSPORT_FAILURE);
    metrics.attempted("network_broadcast_api.broadcast_transaction", local, Duration.ofMillis(5), RpcListener.Outcome.RPC_ERROR);

    var ok = registry.get("hivesafe.rpc").tags("endpoint", "https://api.example.org:443", "method", "block_api.get_block_range",
        "outcome", "result").timer();
    assertEquals(2, ok.count());
    assertEquals(150, ok.totalTime(TimeUnit.MILLISECONDS), 0.001);
    assertEquals(1, registry.get("hivesafe.rpc.errors").tags("endpoint", "https://api.example.org:443", "kind", "transport_failure")
        .counter().count());
    assertEquals(1, registry.get("hivesafe.rpc.errors").tags("endpoint", "http://127.0.0.1:8090",
        "method", "network_broadcast_api.broadcast_transaction", "kind", "rpc_error").counter().count());
    assertNull(registry.find("hivesafe.rpc.errors").tags("outcome", "result").counter(), "an answer is not an error");
    registry.getMeters().forEach(m -> m.getId().getTags().forEach(t -> {
      assertEquals(-1, t.getValue().indexOf("secret"), t.toString());
      assertEquals(-1, t.getValue().indexOf("token"), t.toString());
      assertEquals(-1, t.getValue().indexOf("/rpc"), t.toString());
    }));
  }
}
