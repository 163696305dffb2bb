package io.hivesafe.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.hivesafe.devnet.Devnet;
import io.hivesafe.devnet.DevnetConfig;
import io.hivesafe.devnet.FailureKind;
import io.hivesafe.devnet.FaultPlan;
import io.hivesafe.devnet.JsonRpcServer;
import io.hivesafe.hive.rpc.HiveRpcClient;
import io.hivesafe.hive.rpc.RpcConfig;
import io.hivesafe.hive.rpc.RpcTransportException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code hivesafe devnet admin} against a real devnet: each action's effect, and errors as one line with exit 2. */
class DevnetAdminCommandTest {
  private Devnet devnet;
  private JsonRpcServer second;

  @BeforeEach
  void start() throws Exception {
    devnet = Devnet.start(DevnetConfig.testnet(), Duration.ofHours(1), 0);
    second = devnet.addEndpoint(FaultPlan.NONE);
  }

  @AfterEach
  void close() {
    devnet.close();
  }

  private CliRun admin(String... action) {
    String[] args = new String[3 + action.length];
    args[0] = "devnet";
    args[1] = "admin";
    args[2] = "--url=" + devnet.url(0);
    System.arraycopy(action, 0, args, 3, action.length);
    return CliRun.of(args);
  }

  /** The JSON an action printed, after checking it succeeded with exactly one line. */
  private JsonNode ok(String... action) {
    CliRun r = admin(action);
    assertEquals(0, r.exit(), String.join(" ", action) + ": " + r.err());
    assertEquals("", r.err());
    assertEquals(1, r.out().lines().count(), r.out());
    return r.json();
  }

  private static HiveRpcClient client(URI url) {
    return new HiveRpcClient(new RpcConfig(List.of(url), Duration.ofSeconds(10), 1, Duration.ZERO, Duration.ZERO));
  }

  @Test
  void pauseProduceResumeAndStatusActOnTheDevnet() {
    JsonNode status = ok("status");
    assertEquals(1, status.get("head_block_number").asInt());
    assertEquals("running", status.get("production").asText());
    assertEquals(2, status.get("endpoints").size());
    assertEquals(devnet.url(1).toString(), status.at("/endpoints/1/url").asText());

    assertEquals("paused", ok("pause").get("production").asText());
    assertTrue(devnet.isProductionPaused());
    assertEquals(4, ok("produce", "3").get("head_block_number").asInt());
    assertEquals(4, devnet.chain().headBlockNumber());
    assertEquals("running", ok("resume").get("production").asText());
    assertFalse(devnet.isProductionPaused());
  }

  @Test
  void drainRcAndSetRcChangeAnAccountsResourceCreditsOnTheDevnet() throws Exception {
    io.hivesafe.hive.protocol.AccountName alice = io.hivesafe.hive.protocol.AccountName.of("alice");
    JsonNode drained = ok("drain-rc", "alice", "--max-rc", "5000");
    assertEquals(0, drained.at("/rc_manabar/current_mana").asLong());
    assertEquals(5000, devnet.chain().rcAccount(alice).orElseThrow().maxRc());
    assertEquals(0, devnet.chain().rcAccount(alice).orElseThrow().currentMana());
    try (HiveRpcClient client = client(devnet.url(0))) {
      assertEquals(0, client.findRcAccounts(List.of(alice)).get(0).currentMana(), "rc_api shows the drained pool");
    }
    JsonNode set = ok("set-rc", "alice", "--mana", "4000");
    assertEquals(4000, set.at("/rc_manabar/current_mana").asLong());
    assertEquals(4000, devnet.chain().rcAccount(alice).orElseThrow().currentMana());
    assertEquals(5000, devnet.chain().rcAccount(alice).orElseThrow().maxRc(), "max_rc kept");

    CliRun over = admin("set-rc", "alice", "--mana", "5001");
    assertFailed(over, "set-rc over max_rc", "mana must be within 0..max_rc (5000)");
    CliRun unknown = admin("drain-rc", "nobody-here");
    assertFailed(unknown, "drain-rc of an unknown account", "does not exist");
    assertEquals(4000, devnet.chain().rcAccount(alice).orElseThrow().currentMana(), "refusals changed nothing");
  }

  @Test
  void faultsReplaceAnEndpointsPlanAndCallsThenFail() throws Exception {
    JsonNode status = ok("faults", "--endpoint", "1", "--error-per-mille", "1000", "--error-kinds", "http_503", "--fault-seed", "5");
    assertEquals(FaultPlan.NONE.withErrors(1000, FailureKind.HTTP_503).withSeed(5), second.faults());
    assertEquals(1000, status.at("/endpoints/1/faults/error_per_mille").asInt());
    try (HiveRpcClient flaky = client(second.url())) {
      RpcTransportException e = assertThrows(RpcTransportException.class, flaky::getDynamicGlobalProperties);
      assertTrue(e.getMessage().contains("503"), e.getMessage());
    }
    try (HiveRpcClient clean = client(devnet.url(0))) {
      assertEquals(1, clean.getDynamicGlobalProperties().headBlockNumber(), "endpoint 0 untouched");
    }

    ok("faults", "--endpoint", "1", "--latency-ms", "5", "--jitter-ms", "2", "--drop-broadcasts-per-mille", "250");
    assertEquals(FaultPlan.NONE.withLatency(Duration.ofMillis(5), Duration.ofMillis(2)).withDroppedBroadcasts(250), second.faults(),
        "the whole plan is replaced: the error rate is gone");
    ok("faults", "--endpoint", "1");
    assertEquals(FaultPlan.NONE, second.faults());
  }

  @Test
  void stopEndpointRefusesConnectionsAndStartEndpointBringsItBackOnTheSamePort() throws Exception {
    int port = second.port();
    assertFalse(ok("stop-endpoint", "1").at("/endpoints/1/running").asBoolean());
    assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", port).close());
    assertTrue(ok("start-endpoint", "1").at("/endpoints/1/running").asBoolean());
    assertEquals(port, second.port());
    try (HiveRpcClient back = client(second.url())) {
      assertEquals(1, back.getDynamicGlobalProperties().headBlockNumber());
    }
  }

  @Test
  void refusalsAndBadInputExitTwoWithOneLineAndChangeNothing() throws Exception {
    JsonNode before = ok("status");
    int closedPort;
    try (Devnet gone = Devnet.start(DevnetConfig.testnet(), Duration.ZERO, 0)) {
      closedPort = gone.endpoint(0).port();
    }
    Object[][] cases = {
        {new String[] {"produce", "2"}, "-32000: devnet_admin.produce_blocks: production is running: pause it first"},
        {new String[] {"produce", "0"}, "-32602: Invalid params: devnet_admin.produce_blocks: param 'count' must be an integer within 1..10000"},
        {new String[] {"stop-endpoint", "5"}, "param 'endpoint' must be an integer within 0..1, got 5"},
        {new String[] {"stop-endpoint", "0"}, "endpoint 0 is serving this call"},
        {new String[] {"start-endpoint", "-1"}, "param 'endpoint' must be an integer within 0..1"},
        {new String[] {"faults", "--endpoint", "2"}, "param 'endpoint' must be an integer within 0..1"},
        {new String[] {"faults", "--endpoint", "1", "--error-per-mille", "2000"}, "--error-per-mille must be within 0..1000, got 2000"},
        {new String[] {"faults", "--endpoint", "1", "--error-per-mille", "9", "--error-kinds", "http_500"}, "--error-kinds: unknown kind 'http_500'"},
        {new String[] {"faults", "--endpoint", "1", "--latency-ms", "60001"}, "--latency-ms must be within 0..60000"},
        {new String[] {"faults", "--error-per-mille", "9"}, "--endpoint"},
        {new String[] {"produce", "many"}, "COUNT"},
        {new String[] {"frobnicate"}, "frobnicate"},
        {new String[] {}, "name an action: status, pause"},
    };
    for (Object[] c : cases) {
      CliRun r = admin((String[]) c[0]);
      assertFailed(r, String.join(" ", (String[]) c[0]), (String) c[1]);
      assertEquals(before, ok("status"), "changed nothing: " + String.join(" ", (String[]) c[0]));
    }
    assertFailed(CliRun.of("devnet", "admin", "--url", "http://127.0.0.1:" + closedPort, "status"), "no devnet there",
        "devnet_admin.status failed");
    assertFailed(CliRun.of("devnet", "admin", "--url", "ftp://127.0.0.1:1", "status"), "not http", "--url: ");
    assertFailed(CliRun.of("devnet", "admin", "status"), "no --url", "--url");
  }

  private static void assertFailed(CliRun r, String what, String expected) {
    assertEquals(HivesafeCommand.EXIT_FAILURE, r.exit(), what + ": " + r.out() + r.err());
    assertEquals("", r.out(), what);
    assertEquals(1, r.err().strip().lines().count(), what + ": " + r.err());
    assertTrue(r.err().startsWith("error: ") && r.err().contains(expected), what + ": " + r.err());
  }
}
