package io.hivesafe.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivesafe.devnet.Devnet;
import io.hivesafe.ops.NetworkGenesisFile;
import io.hivesafe.state.StateConfig;
import io.hivesafe.state.StateStore;
import io.hivesafe.testkit.traffic.TrafficNetwork;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code hivesafe run} process stopped by SIGTERM (what systemd and Docker send) closes cleanly
 * and exits 0, not the JVM's 143: a supervisor sees a clean stop as one.
 */
class SigtermTest {
  @TempDir Path dir;

  @Test
  void sigtermStopsARunningNodeCleanlyWithExitStatusZero() throws Exception {
    TrafficNetwork net = TrafficNetwork.create(2, 1);
    try (Devnet devnet = Devnet.start(net.devnetConfig(), Duration.ofMillis(100), 0)) {
      Files.write(dir.resolve("genesis.json"), NetworkGenesisFile.write(net.network()));
      Path config = dir.resolve("follower.json");
      Files.writeString(config, "{\"genesis\": \"genesis.json\", \"api\": {\"endpoints\": [\"" + devnet.url(0) + "\"]},"
          + " \"source\": {\"poll_ms\": 20}, \"data\": \"data\", \"http\": {\"port\": 0}}");
      Path out = dir.resolve("out.txt");
      Path err = dir.resolve("err.txt");
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      // The product's logging setup, not the tests' (which keep the node's INFO lines quiet).
      String logback = HivesafeCommand.class.getClassLoader().getResource("logback.xml").toString();
      Process node = new ProcessBuilder(java, "-Xmx256m", "-Dlogback.configurationFile=" + logback, "-cp", System.getProperty("java.class.path"),
          HivesafeCommand.class.getName(), "run", "--config", config.toString())
          .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      try {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.readString(err).contains("caught up at block") && node.isAlive() && System.nanoTime() < deadline) {
          Thread.sleep(50);
        }
        assertTrue(node.isAlive(), "the node runs: " + Files.readString(err));
        node.destroy(); // SIGTERM
        assertTrue(node.waitFor(60, TimeUnit.SECONDS), "the node stopped");
        String log = Files.readString(err);
        assertEquals(0, node.exitValue(), "a clean stop on SIGTERM exits 0: " + log);
        assertTrue(Files.readString(out).startsWith("hivesafe node (follower) on network traffic:"), Files.readString(out));
        assertTrue(log.contains("block source stopped"), log);
        assertTrue(log.matches("(?s).*stopped: the state is committed through block \\d+ and closed\n"), "its last line: " + log);
        for (String line : log.split("\n")) {
          assertTrue(line.matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} (INFO |WARN |ERROR) \\[follower\\] \\S+ - .*"),
              "every line names the node, from every thread: " + line);
        }
      } finally {
        node.destroyForcibly();
      }
      try (StateStore store = StateStore.open(StateConfig.of(dir.resolve("data/state")))) {
        assertTrue(store.lastBlock().orElseThrow() > 0, "the store opens again, with the blocks the node applied");
      }
    }
  }
}
