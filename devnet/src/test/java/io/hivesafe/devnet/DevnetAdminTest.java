package io.hivesafe.devnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.hivesafe.hive.json.JsonForm;
import io.hivesafe.hive.json.TransactionJson;
import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.protocol.SymbolNames;
import io.hivesafe.hive.protocol.Transaction;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.rpc.RcAccount;

/** {@code devnet_admin.*} over JSON-RPC: each method's effect on the devnet, and bad params changing nothing. */
class DevnetAdminTest {
  private static final String PROPERTIES = "{\"jsonrpc\":\"2.0\",\"method\":\"database_api.get_dynamic_global_properties\",\"params\":{},\"id\":1}";

  private static JsonNode admin(URI url, String method, String params) throws IOException, InterruptedException {
    return RawRpc.call(url, DevnetAdmin.NAMESPACE + "." + method, params);
  }

  /** The result of an admin call that must succeed. */
  private static JsonNode ok(URI url, String method, String params) throws IOException, InterruptedException {
    JsonNode response = admin(url, method, params);
    assertTrue(response.has("result"), method + " " + params + ": " + response);
    return response.get("result");
  }

  /** ok / 503 / internal / closed for each of {@code count} hived calls. */
  private static List<String> outcomes(URI url, int count) throws InterruptedException {
    List<String> seen = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      try {
        HttpResponse<String> response = RawRpc.post(url, PROPERTIES);
        seen.add(response.statusCode() == 503 ? "503" : RawRpc.json(response).has("result") ? "ok" : "internal");
      } catch (IOException e) {
        seen.add("closed");
      }
    }
    return seen;
  }

  @Test
  void pauseStopsTimedProductionAndResumeStartsItAgain() throws Exception {
    try (Devnet devnet = Devnet.start(DevnetConfig.testnet(), Duration.ofMillis(5), 0)) {
      Await.until("timed blocks", () -> devnet.chain().headBlockNumber() >= 3);
      JsonNode paused = ok(devnet.url(0), "pause_production", "{}");
      assertEquals("paused", paused.get("production").asText());
      long head = devnet.chain().headBlockNumber();
      assertEquals(head, paused.get("head_block_number").asLong(), "answered after the last timed block");
      long ticks = devnet.ticks();
      Await.until("the timer to fire three more times", () -> devnet.ticks() >= ticks + 3);
      assertEquals(head, devnet.chain().headBlockNumber(), "no block while paused");

      assertEquals("running", ok(devnet.url(0), "resume_production", "{}").get("production").asText());
      Await.until("timed blocks again", () -> devnet.chain().headBlockNumber() >= head + 3);
    }
  }

  @Test
  void resumeAfterABugInProductionIsRefused() throws Exception {
    try (Devnet devnet = Devnet.start(DevnetConfig.testnet(), Duration.ofMillis(5), 0)) {
      devnet.chain().onBlock(block -> {
        throw new IllegalStateException("listener bug");
      });
      Await.until("the producer to stop", () -> devnet.productionFailure().isPresent());
      JsonNode refused = admin(devnet.url(0), "resume_production", "{}");
      assertEquals(HivedError.SERVER_ERROR, refused.at("/error/code").asInt(), refused.toString());
      assertTrue(refused.at("/error/message").asText().contains("stopped for good after a bug in the devnet: java.lang.IllegalStateException: listener bug"),
          refused.toString());
      JsonNode status = ok(devnet.url(0), "status", "{}");
      assertEquals("failed", status.get("production").asText());
      assertEquals("java.lang.IllegalStateException: listener bug", status.get("production_failure").asText());
    }
  }

  @Test
  void produceBlocksMovesAPausedHeadByExactlyCountAndIsRefusedWhileRunning() throws Exception {
    try (Devnet devnet = Devnet.start(DevnetConfig.testnet(), Duration.ofHours(1), 0)) {
      JsonNode refused = admin(devnet.url(0), "produce_blocks", "{\"count\":5}");
      assertEquals(HivedError.SERVER_ERROR, refused.at("/error/code").asInt(), refused.toString());
      assertTrue(refused.at("/error/message").asText().contains("pause it first"), refused.toString());
      assertEquals(1, devnet.chain().headBlockNumber(), "refused: no block made");

      ok(devnet.url(0), "pause_production", "{}");
      JsonNode after = ok(devnet.url(0), "produce_blocks", "{\"count\":5}");
      assertEquals(6, devnet.chain().headBlockNumber());
      assertEquals(6, after.get("head_block_number").asLong());
      assertEquals(4, after.get("last_irreversible_block_num").asLong(), "the default lag of 2");
    }
    try (Devnet stepped = Devnet.start(DevnetConfig.testnet(), Duration.ZERO, 0)) {
      assertEquals("stepped", ok(stepped.url(0), "produce_blocks", "{\"count\":2}").get("production").asText());
      assertEquals(3, stepped.chain().headBlockNumber());
      JsonNode noTimer = admin(stepped.url(0), "pause_production", "{}");
      assertTrue(noTimer.at("/error/message").asText().contains("no block timer"), noTimer.toString());
    }
  }

  @Test
  void setFaultsMakesHivedCallsFailAtTheRateWhileAdminCallsStayExempt() throws Exception {
    try (Devnet devnet = Devnet.start(DevnetConfig.testnet(), Duration.ZERO, 0)) {
      JsonRpcServer flaky = devnet.addEndpoint(FaultPlan.NONE);
      JsonNode status = ok(devnet.url(0), "set_faults", "{\"endpoint\":1,\"error_per_mille\":1000,\"kinds\":[\"http_503\"]}");
      assertEquals(FaultPlan.NONE.withErrors(1000, FailureKind.HTTP_503), flaky.faults());
      assertEquals("{\"error_per_mille\":1000,\"kinds\":[\"http_503\"],\"latency_ms\":0,\"jitter_ms\":0,\"dropped_broadcast_per_mille\":0,\"seed\":1}",
          status.at("/endpoints/1/faults").toString());
      assertEquals(List.of("503", "503", "503"), outcomes(flaky.url(), 3));
      assertEquals(List.of("ok"), outcomes(devnet.url(0), 1), "endpoint 0 untouched");

      // The faultiest endpoint still takes admin calls, in either call form: they are the devnet's controls.
      assertEquals(1, ok(flaky.url(), "status", "{}").get("head_block_number").asInt());
      JsonNode callForm = RawRpc.json(RawRpc.post(flaky.url(),
          "{\"jsonrpc\":\"2.0\",\"method\":\"call\",\"params\":[\"devnet_admin\",\"status\",{}],\"id\":2}"));
      assertEquals(2, callForm.at("/result/endpoints").size(), callForm.toString());
      // A batch mixing hived's calls with admin calls is hived traffic: faults apply.
      HttpResponse<String> mixed = RawRpc.post(flaky.url(), "[" + PROPERTIES
          + ",{\"jsonrpc\":\"2.0\",\"method\":\"devnet_admin.status\",\"params\":{},\"id\":3}]");
      assertEquals(503, mixed.statusCode());

      // 300 in 1,000 with seed 42 through admin: the same draws as the same plan set from Java, and admin
      // calls between hived calls draw nothing.
      FaultPlan plan = FaultPlan.NONE.withErrors(300, FailureKind.values()).withSeed(42);
      flaky.setFaults(plan);
      List<String> fromJava = outcomes(flaky.url(), 40);
      ok(flaky.url(), "set_faults", "{\"endpoint\":1,\"error_per_mille\":300,\"seed\":42}");
      assertEquals(plan, flaky.faults(), "kinds default to all three");
      List<String> fromAdmin = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        fromAdmin.addAll(outcomes(flaky.url(), 1));
        ok(flaky.url(), "status", "{}");
      }
      assertEquals(fromJava, fromAdmin);
      long failures = fromAdmin.stream().filter(o -> !o.equals("ok")).count();
      assertTrue(failures > 4 && failures < 24, "about 30 % fail: " + fromAdmin);

      ok(devnet.url(0), "set_faults", "{\"endpoint\":1}");
      assertEquals(FaultPlan.NONE, flaky.faults(), "a plan with no fields is no faults");
      assertEquals(List.of("ok", "ok", "ok"), outcomes(flaky.url(), 3));
    }
  }

  @Test
  void setFaultsDropsBroadcastsAndSetsLatency() throws Exception {
    try (Devnet devnet = Devnet.start(DevnetConfig.testnet(), Duration.ZERO, 0)) {
      ok(devnet.url(0), "set_faults", "{\"endpoint\":0,\"dropped_broadcast_per_mille\":1000,\"latency_ms\":20,\"jitter_ms\":5,\"seed\":-7}");
      assertEquals(FaultPlan.NONE.withDroppedBroadcasts(1000).withLatency(Duration.ofMillis(20), Duration.ofMillis(5)).withSeed(-7),
          devnet.endpoint(0).faults());
      Transaction tx = TestTransactions.transfer(devnet.chain(), "alice", "bob", 1_000, "lost");
      JsonNode answer = RawRpc.call(devnet.url(0), "network_broadcast_api.broadcast_transaction",
          "{\"trx\":" + TransactionJson.write(tx, JsonForm.HF26, SymbolNames.TESTNET) + "}");
      assertTrue(answer.has("result"), answer.toString());
      assertEquals(1, devnet.chain().broadcastsChecked());
      assertEquals(0, devnet.chain().pendingCount(), "answered, then lost");
      devnet.step(1);
      assertTrue(devnet.chain().inclusion(TestTransactions.legacyId(tx)).isEmpty());
      assertEquals(1_000_000, devnet.chain().account(AccountName.of("alice")).orElseThrow().hive().amount());
    }
  }

  @Test
  void stopEndpointRefusesConnectionsAndStartEndpointServesAgainOnTheSamePort() throws Exception {
    try (Devnet devnet = Devnet.start(DevnetConfig.testnet(), Duration.ZERO, 0)) {
      JsonRpcServer second = devnet.addEndpoint(FaultPlan.NONE);
      int port = second.port();
      JsonNode stopped = ok(devnet.url(0), "stop_endpoint", "{\"endpoint\":1}");
      assertFalse(stopped.at("/endpoints/1/running").asBoolean(), stopped.toString());
      assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", port).close());
      assertEquals(List.of("closed"), outcomes(second.url(), 1));

      JsonNode started = ok(devnet.url(0), "start_endpoint", "{\"endpoint\":1}");
      assertTrue(started.at("/endpoints/1/running").asBoolean(), started.toString());
      assertEquals("http://127.0.0.1:" + port, started.at("/endpoints/1/url").asText());
      assertEquals(List.of("ok"), outcomes(second.url(), 1));

      JsonNode self = admin(second.url(), "stop_endpoint", "{\"endpoint\":1}");
      assertEquals(HivedError.SERVER_ERROR, self.at("/error/code").asInt(), self.toString());
      assertTrue(self.at("/error/message").asText().contains("serving this call"), self.toString());
      assertTrue(second.isRunning(), "an endpoint does not stop itself: then none might be left to start it");
      ok(devnet.url(0), "stop_endpoint", "{\"endpoint\":1}");
      try (ServerSocket squatter = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
        JsonNode taken = admin(devnet.url(0), "start_endpoint", "{\"endpoint\":1}");
        assertEquals(HivedError.SERVER_ERROR, taken.at("/error/code").asInt(), taken.toString());
        assertTrue(taken.at("/error/message").asText().contains("cannot listen on 127.0.0.1:" + port + " again"), taken.toString());
        assertFalse(second.isRunning());
      }
      ok(devnet.url(0), "start_endpoint", "{\"endpoint\":1}");
      ok(second.url(), "stop_endpoint", "{\"endpoint\":0}");
      assertFalse(devnet.endpoint(0).isRunning());
      ok(second.url(), "start_endpoint", "{\"endpoint\":0}");
      assertEquals(List.of("ok"), outcomes(devnet.url(0), 1));
    }
  }

  @Test
  void badParamsGetInvalidParamsAndChangeNothing() throws Exception {
    try (Devnet devnet = Devnet.start(DevnetConfig.testnet(), Duration.ZERO, 0)) {
      devnet.addEndpoint(FaultPlan.NONE.withErrors(10, FailureKind.HTTP_503).withSeed(3));
      JsonNode before = ok(devnet.url(0), "status", "{}");
      String[][] cases = {
          {"set_faults", "{\"endpoint\":2,\"error_per_mille\":5}", "'endpoint' must be an integer within 0..1"},
          {"set_faults", "{\"error_per_mille\":5}", "'endpoint' is missing"},
          {"set_faults", "{\"endpoint\":\"1\"}", "'endpoint' must be an integer"},
          {"set_faults", "{\"endpoint\":1,\"error_per_mille\":1001}", "'error_per_mille' must be an integer within 0..1000"},
          {"set_faults", "{\"endpoint\":1,\"error_per_mille\":5,\"kinds\":[]}", "must name at least one kind"},
          {"set_faults", "{\"endpoint\":1,\"error_per_mille\":5,\"kinds\":[\"http_500\"]}", "unknown kind 'http_500'"},
          {"set_faults", "{\"endpoint\":1,\"kinds\":\"http_503\"}", "'kinds' must be an array of strings"},
          {"set_faults", "{\"endpoint\":1,\"latency_ms\":-1}", "'latency_ms' must be an integer within 0..60000"},
          {"set_faults", "{\"endpoint\":1,\"jitter_ms\":60001}", "'jitter_ms'"},
          {"set_faults", "{\"endpoint\":1,\"dropped_broadcast_per_mille\":1.5}", "'dropped_broadcast_per_mille'"},
          {"set_faults", "{\"endpoint\":1,\"seed\":\"x\"}", "'seed' must be a 64-bit integer"},
          {"set_faults", "{\"endpoint\":1,\"error_rate\":5}", "unknown param 'error_rate'"},
          {"set_faults", "[1]", "params must be an object"},
          {"stop_endpoint", "{}", "'endpoint' is missing"},
          {"stop_endpoint", "{\"endpoint\":-1}", "'endpoint' must be an integer within 0..1"},
          {"start_endpoint", "{\"endpoint\":7}", "'endpoint' must be an integer within 0..1"},
          {"produce_blocks", "{}", "'count' is missing"},
          {"produce_blocks", "{\"count\":0}", "'count' must be an integer within 1..10000"},
          {"produce_blocks", "{\"count\":10001}", "'count'"},
          {"pause_production", "{\"now\":true}", "unknown param 'now' (known: none)"},
      };
      for (String[] c : cases) {
        JsonNode response = admin(devnet.url(0), c[0], c[1]);
        String what = c[0] + " " + c[1] + ": " + response;
        assertEquals(-32602, response.at("/error/code").asInt(), what);
        String message = response.at("/error/message").asText();
        assertTrue(message.startsWith("Invalid params: devnet_admin." + c[0] + ": ") && message.contains(c[2]), what);
        assertEquals(before, ok(devnet.url(0), "status", "{}"), "changed nothing: " + what);
      }
      JsonNode unknown = admin(devnet.url(0), "drain_everything", "{}");
      assertEquals(HivedError.METHOD_NOT_FOUND, unknown.at("/error/code").asInt(), unknown.toString());
      assertTrue(unknown.at("/error/message").asText().contains("status"), "lists the methods there are: " + unknown);
    }
  }

  @Test
  void drainRcEmptiesAnAccountSoItsTransactionsAreRefusedUntilSetRcGivesManaBack() throws Exception {
    try (Devnet devnet = Devnet.start(DevnetConfig.testnet(), Duration.ZERO, 0)) {
      devnet.step(1);
      AccountName alice = AccountName.of("alice");
      JsonNode drained = ok(devnet.url(0), "drain_rc", "{\"account\":\"alice\",\"max_rc\":1000000}");
      assertEquals("alice", drained.get("account").asText());
      assertEquals(0, drained.at("/rc_manabar/current_mana").asLong());
      assertEquals(1_000_000L, drained.get("max_rc").asLong());
      assertEquals(0, devnet.chain().rcAccount(alice).orElseThrow().currentMana(), "the chain's pool, not only the answer");
      Admission refused = devnet.chain().broadcast(TestTransactions.transfer(devnet.chain(), "alice", "bob", 1, "a"));
      assertTrue(!refused.isAccepted(), "alice has no mana: " + refused);

      JsonNode set = ok(devnet.url(0), "set_rc", "{\"account\":\"alice\",\"mana\":4000000000000,\"max_rc\":4000000000000}");
      assertEquals(4_000_000_000_000L, set.at("/rc_manabar/current_mana").asLong());
      assertTrue(devnet.chain().broadcast(TestTransactions.transfer(devnet.chain(), "alice", "bob", 1, "b")).isAccepted(),
          "alice has mana again");

      RcAccount before = devnet.chain().rcAccount(alice).orElseThrow();
      String[][] refusedCases = {
          {"drain_rc", "{\"account\":\"nobody-here\"}", "does not exist", "-32000"},
          {"set_rc", "{\"account\":\"alice\",\"mana\":5,\"max_rc\":4}", "mana must be within 0..max_rc", "-32000"},
          {"set_rc", "{\"account\":\"alice\",\"mana\":-1}", "mana must be within", "-32000"},
          {"set_rc", "{\"account\":\"alice\"}", "'mana' is missing", "-32602"},
          {"set_rc", "{\"account\":\"Alice\",\"mana\":1}", "not a Hive account name", "-32602"},
          {"drain_rc", "{}", "'account' is missing", "-32602"},
          {"drain_rc", "{\"account\":7}", "'account' must be a string", "-32602"},
          {"drain_rc", "{\"account\":\"alice\",\"max_rc\":-5}", "max_rc must not be negative", "-32000"},
      };
      for (String[] c : refusedCases) {
        JsonNode response = admin(devnet.url(0), c[0], c[1]);
        assertEquals(Integer.parseInt(c[3]), response.at("/error/code").asInt(), c[0] + " " + c[1] + ": " + response);
        assertTrue(response.at("/error/message").asText().contains(c[2]), c[0] + " " + c[1] + ": " + response);
        assertEquals(before, devnet.chain().rcAccount(alice).orElseThrow(), "changed nothing: " + c[0] + " " + c[1]);
      }
    }
  }

  @Test
  void theNamespaceIsNoneOfHivedsAndOnlyADevnetServesIt() throws Exception {
    try (Devnet devnet = Devnet.start(DevnetConfig.testnet(), Duration.ZERO, 0)) {
      assertEquals(List.of("devnet_admin.drain_rc", "devnet_admin.pause_production", "devnet_admin.produce_blocks", "devnet_admin.resume_production",
          "devnet_admin.set_faults", "devnet_admin.set_rc", "devnet_admin.start_endpoint", "devnet_admin.status", "devnet_admin.stop_endpoint"),
          devnet.admin().methods());
      assertTrue(devnet.api().methods().stream().noneMatch(m -> m.startsWith(DevnetAdmin.NAMESPACE)), devnet.api().methods().toString());
      assertTrue(Set.copyOf(devnet.api().methods()).stream().allMatch(m -> m.substring(0, m.indexOf('.')).endsWith("_api")),
          "hived's API names end in _api; the admin's does not");
      try (JsonRpcServer bare = new JsonRpcServer(devnet.api(), 0, FaultPlan.NONE)) {
        bare.start();
        JsonNode response = admin(bare.url(), "status", "{}");
        assertTrue(response.at("/error/message").asText().contains("Could not find API devnet_admin"), response.toString());
      }
    }
  }
}
