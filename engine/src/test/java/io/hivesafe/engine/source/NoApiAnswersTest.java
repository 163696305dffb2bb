package io.hivesafe.engine.source;

import io.hivesafe.engine.CapturedEvents;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivesafe.hive.rpc.RpcConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * With no API answering before the source ever reached the chain, the node says so with each endpoint
 * and its reason, not "catching up: block 0 of 0, ETA unknown".
 */
class NoApiAnswersTest {
  private static URI deadEndpoint() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }
  }

  @Test
  void anApiDownAtStartIsNamedWithEveryEndpointAndNoProgressLine() throws Exception {
    URI first = deadEndpoint();
    URI second = deadEndpoint();
    RpcConfig rpc = new RpcConfig(List.of(first, second), Duration.ofSeconds(2), 2, Duration.ofMillis(1), Duration.ofMillis(1));
    CapturedEvents captured = new CapturedEvents();
    BlockSourceConfig config = BlockSourceConfig.defaults().withProgressInterval(Duration.ofMillis(1))
        .withBackoff(Duration.ofMillis(1), Duration.ofMillis(20));
    try (RpcBlockSource source = new RpcBlockSource(config, new RpcBlockApi(rpc), 1, Optional.empty(), captured.events,
        Clock.systemUTC()).start()) {
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (source.fetchErrors() < 5 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertTrue(source.fetchErrors() >= 5, "the source kept trying");
    }
    List<String> lines = captured.lines();
    List<String> silent = lines.stream().filter(l -> l.startsWith("WARN no Hive API answers: ")).toList();
    assertTrue(!silent.isEmpty(), lines.toString());
    assertTrue(silent.get(0).matches("WARN no Hive API answers: tried " + first + " \\(ConnectException: [^)]*\\), " + second
        + " \\(ConnectException: [^)]*\\); retrying in \\d+ms \\(then at least every 20ms\\)"), silent.get(0));
    assertEquals(List.of(), lines.stream().filter(l -> l.contains("catching up")).toList(), "no progress towards an unknown target");
    assertEquals(List.of(), lines.stream().filter(l -> l.contains("failed, retrying")).toList(), "one kind of line for it");
  }
}
