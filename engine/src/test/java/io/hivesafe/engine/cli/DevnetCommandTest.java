package io.hivesafe.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.hivesafe.devnet.Devnet;
import io.hivesafe.devnet.DevnetConfig;
import io.hivesafe.devnet.Genesis;
import io.hivesafe.hive.rpc.DynamicGlobalProperties;
import io.hivesafe.hive.rpc.HiveRpcClient;
import io.hivesafe.hive.rpc.RpcErrorException;
import io.hivesafe.hive.rpc.RpcConfig;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hivesafe devnet} in-process: the stop signal is the test, which talks to the devnet while it runs. */
class DevnetCommandTest {
  private static final Pattern LINE = Pattern.compile(
      "devnet listening on (http://127\\.0\\.0\\.1:[0-9]+) chain_id ([0-9a-f]{64}) \\(hardfork (1\\.2[78]\\.0), block every ([0-9]+) ms\\)\n");

  /** Runs the CLI; {@code whileRunning} gets what it printed so far, then the devnet stops. */
  private static CliRun run(Consumer<String> whileRunning, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Console console = new Console(new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());
    StopSignal stopAfterTheTest = onStop -> {
      try {
        whileRunning.accept(out.toString(StandardCharsets.UTF_8));
      } finally {
        onStop.run();
      }
    };
    int exit = HivesafeCommand.run(console, stopAfterTheTest, args);
    return new CliRun(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static CliRun run(String... args) {
    return run(printed -> { }, args);
  }

  @Test
  void printsOneLineAndServesUntilStopped() {
    AtomicReference<DynamicGlobalProperties> seen = new AtomicReference<>();
    CliRun r = run(printed -> {
      Matcher m = LINE.matcher(printed);
      assertTrue(m.matches(), printed);
      RpcConfig config = new RpcConfig(List.of(URI.create(m.group(1))), Duration.ofSeconds(10), 1, Duration.ZERO, Duration.ZERO);
      try (HiveRpcClient client = new HiveRpcClient(config)) {
        seen.set(client.getDynamicGlobalProperties());
        assertEquals(28, client.getHardforkVersion().hardfork());
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    }, "devnet", "--port", "0", "--block-ms", "50", "--irreversible-lag", "0");
    assertEquals(0, r.exit(), r.err());
    assertEquals("", r.err());
    Matcher m = LINE.matcher(r.out());
    assertTrue(m.matches(), "exactly one line: " + r.out());
    assertEquals("18dcf0a285365fc58b71f18b3d3fec954aa0c141c44e4e5cb4cf777b9eab274e", m.group(2));
    assertEquals("1.28.0", m.group(3));
    assertEquals("50", m.group(4));
    assertTrue(seen.get().headBlockNumber() >= 1);
    assertEquals(seen.get().headBlockNumber(), seen.get().lastIrreversibleBlockNum());
  }

  @Test
  void startsSeveralEndpointsWithFaultsThatTheAdminCommandShowsAndLifts() {
    AtomicReference<JsonNode> status = new AtomicReference<>();
    CliRun r = run(printed -> {
      List<String> lines = printed.lines().toList();
      assertEquals(4, lines.size(), printed);
      Matcher first = LINE.matcher(lines.get(0) + "\n");
      assertTrue(first.matches(), printed);
      URI url0 = URI.create(first.group(1));
      assertTrue(lines.get(1).matches("devnet endpoint 1 listening on http://127\\.0\\.0\\.1:[0-9]+"), lines.get(1));
      assertTrue(lines.get(2).matches("devnet endpoint 2 listening on http://127\\.0\\.0\\.1:[0-9]+"), lines.get(2));
      assertEquals("devnet faults on every endpoint (endpoint i draws with seed + i): {\"error_per_mille\":1000,\"kinds\":[\"internal_error\"],"
          + "\"latency_ms\":0,\"jitter_ms\":0,\"dropped_broadcast_per_mille\":500,\"seed\":9}", lines.get(3));
      RpcConfig config = new RpcConfig(List.of(url0), Duration.ofSeconds(10), 1, Duration.ZERO, Duration.ZERO);
      try (HiveRpcClient client = new HiveRpcClient(config)) {
        RpcErrorException e = assertThrows(RpcErrorException.class, client::getDynamicGlobalProperties);
        assertEquals(-32603, e.code(), "every call fails on endpoint 0 too");
        CliRun admin = CliRun.of("devnet", "admin", "--url", url0.toString(), "status");
        assertEquals(0, admin.exit(), admin.err());
        status.set(admin.json());
        assertEquals(0, CliRun.of("devnet", "admin", "--url", url0.toString(), "faults", "--endpoint", "0").exit());
        assertEquals(1, client.getDynamicGlobalProperties().headBlockNumber(), "faults lifted at run time");
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    }, "devnet", "--port", "0", "--block-ms", "3600000", "--endpoints", "3", "--error-per-mille", "1000", "--error-kinds", "internal_error",
        "--drop-broadcasts-per-mille", "500", "--fault-seed", "9");
    assertEquals(0, r.exit(), r.err());
    JsonNode endpoints = status.get().get("endpoints");
    assertEquals(3, endpoints.size(), status.get().toString());
    for (int i = 0; i < 3; i++) {
      assertEquals(1000, endpoints.get(i).at("/faults/error_per_mille").asInt());
      assertEquals(500, endpoints.get(i).at("/faults/dropped_broadcast_per_mille").asInt());
      assertEquals(9 + i, endpoints.get(i).at("/faults/seed").asLong(), "each endpoint draws with its own seed");
    }
  }

  @Test
  void hardfork27AndAGenesisFileAreUsed(@TempDir Path dir) throws Exception {
    Path genesis = dir.resolve("genesis.json");
    String key = Genesis.INIT_KEY.publicKey().toString();
    Files.writeString(genesis, "{\"chain_id\":\"" + "42".repeat(32) + "\",\"genesis_time\":\"2030-01-01T00:00:00\",\"accounts\":[{\"name\":\"solo\","
        + "\"keys\":{\"owner\":\"" + key + "\",\"active\":\"" + key + "\",\"posting\":\"" + key + "\",\"memo\":\"" + key + "\"},\"hive\":\"7.000\"}]}");
    CliRun r = run("devnet", "--port", "0", "--hardfork", "27", "--genesis", genesis.toString());
    assertEquals(0, r.exit(), r.err());
    Matcher m = LINE.matcher(r.out());
    assertTrue(m.matches(), r.out());
    assertEquals("42".repeat(32), m.group(2));
    assertEquals("1.27.0", m.group(3));
    assertEquals("3000", m.group(4));
  }

  @Test
  void badOptionsExitTwoWithOneClearLine(@TempDir Path dir) throws Exception {
    Path badGenesis = dir.resolve("bad.json");
    Files.writeString(badGenesis, "{\"chain_id\":\"" + "42".repeat(32) + "\",\"genesis_time\":\"2030-01-01T00:00:00\","
        + "\"accounts\":[{\"name\":\"solo\",\"keys\":{\"owner\":\"STM1\"}}]}");
    try (Devnet taken = Devnet.start(DevnetConfig.testnet(), Duration.ZERO, 0)) {
      String takenPort = Integer.toString(taken.endpoint(0).port());
      Object[][] cases = {
          {new String[] {"devnet", "--port", "0", "--block-ms", "0"}, "--block-ms"},
          {new String[] {"devnet", "--port", "0", "--block-ms", "-5"}, "--block-ms"},
          {new String[] {"devnet", "--port", "0", "--hardfork", "26"}, "--hardfork must be 27 or 28"},
          {new String[] {"devnet", "--port", "70000"}, "--port"},
          {new String[] {"devnet", "--port", "abc"}, "--port"},
          {new String[] {"devnet"}, "--port"},
          {new String[] {"devnet", "--port", "0", "--irreversible-lag", "5000"}, "--irreversible-lag"},
          {new String[] {"devnet", "--port", "0", "--genesis", dir.resolve("absent.json").toString()}, "absent.json"},
          {new String[] {"devnet", "--port", "0", "--genesis", badGenesis.toString()}, "account solo (accounts[0]): field 'keys.owner'"},
          {new String[] {"devnet", "--port", takenPort}, "cannot listen on 127.0.0.1:" + takenPort},
          {new String[] {"devnet", "--port", "0", "--endpoints", "0"}, "--endpoints must be within 1..16, got 0"},
          {new String[] {"devnet", "--port", "0", "--endpoints", "17"}, "--endpoints must be within 1..16, got 17"},
          {new String[] {"devnet", "--port", "0", "--error-per-mille", "1001"}, "--error-per-mille must be within 0..1000"},
          {new String[] {"devnet", "--port", "0", "--error-per-mille", "5", "--error-kinds", "timeout"}, "--error-kinds: unknown kind 'timeout'"},
          {new String[] {"devnet", "--port", "0", "--drop-broadcasts-per-mille", "-1"}, "--drop-broadcasts-per-mille"},
          {new String[] {"devnet", "--port", "0", "--jitter-ms", "60001"}, "--jitter-ms"},
      };
      for (Object[] c : cases) {
        CliRun r = run((String[]) c[0]);
        String what = String.join(" ", (String[]) c[0]);
        assertEquals(HivesafeCommand.EXIT_FAILURE, r.exit(), what + ": " + r.out() + r.err());
        assertEquals("", r.out(), what);
        assertEquals(1, r.err().strip().lines().count(), what + ": " + r.err());
        assertTrue(r.err().startsWith("error: ") && r.err().contains((String) c[1]), what + ": " + r.err());
      }
    }
  }
}
