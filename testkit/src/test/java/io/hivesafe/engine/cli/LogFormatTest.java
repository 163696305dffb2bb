package io.hivesafe.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hivesafe.devnet.Devnet;
import io.hivesafe.ops.NetworkGenesisFile;
import io.hivesafe.testkit.traffic.TrafficNetwork;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code HIVESAFE_LOG_FORMAT=json}: a real {@code hivesafe run} writes one JSON object per line, each
 * with the level, the logger, the message and the node; another value is refused before anything runs.
 */
class LogFormatTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private ProcessBuilder hivesafe(String format, String... args) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String logback = HivesafeCommand.class.getClassLoader().getResource("logback.xml").toString();
    List<String> command = new java.util.ArrayList<>(List.of(java, "-Xmx256m", "-Dlogback.configurationFile=" + logback, "-cp",
        System.getProperty("java.class.path"), HivesafeCommand.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put(HivesafeCommand.LOG_FORMAT, format);
    return builder;
  }

  @Test
  void jsonGivesOneObjectPerLineWithLevelLoggerMessageAndNode() throws Exception {
    TrafficNetwork net = TrafficNetwork.create(2, 1);
    try (Devnet devnet = Devnet.start(net.devnetConfig(), Duration.ofMillis(100), 0)) {
      Files.write(dir.resolve("genesis.json"), NetworkGenesisFile.write(net.network()));
      Path config = dir.resolve("follower.json");
      Files.writeString(config, "{\"genesis\": \"genesis.json\", \"api\": {\"endpoints\": [\"" + devnet.url(0) + "\"]},"
          + " \"source\": {\"poll_ms\": 20}, \"data\": \"data\", \"http\": {\"port\": 0}}");
      Path err = dir.resolve("err.txt");
      Process node = hivesafe("json", "run", "--config", config.toString())
          .redirectOutput(dir.resolve("out.txt").toFile()).redirectError(err.toFile()).start();
      try {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.readString(err).contains("caught up at block") && node.isAlive() && System.nanoTime() < deadline) {
          Thread.sleep(50);
        }
        node.destroy();
        assertTrue(node.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, node.exitValue(), Files.readString(err));
      } finally {
        node.destroyForcibly();
      }
      List<String> lines = Files.readAllLines(err);
      assertTrue(lines.size() >= 3, lines.toString());
      for (String line : lines) {
        JsonNode event = JSON.readTree(line);
        assertTrue(event.isObject(), line);
        assertTrue(event.path("level").asText().matches("INFO|WARN|ERROR"), line);
        assertEquals("io.hivesafe.engine.NodeEvents", event.path("loggerName").asText(), line);
        assertTrue(!event.path("formattedMessage").asText().isEmpty(), line);
        assertEquals("follower", event.path("mdc").path("node").asText(), line);
      }
      assertTrue(lines.stream().anyMatch(l -> l.contains("\"formattedMessage\":\"caught up at block ")), lines.toString());
    }
  }

  @Test
  void anUnknownFormatIsRefusedWithOneLine() throws Exception {
    Process p = hivesafe("xml", "--help").redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(HivesafeCommand.EXIT_FAILURE, p.exitValue());
    assertEquals("error: HIVESAFE_LOG_FORMAT must be text or json, got 'xml'\n", output);
  }
}
