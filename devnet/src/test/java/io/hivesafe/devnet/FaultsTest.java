package io.hivesafe.devnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.hivesafe.hive.json.JsonForm;
import io.hivesafe.hive.json.TransactionJson;
import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.protocol.SymbolNames;
import io.hivesafe.hive.protocol.Transaction;
import io.hivesafe.hive.protocol.TransactionId;
import io.hivesafe.hive.rpc.HiveRpcClient;
import io.hivesafe.hive.rpc.RpcConfig;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Injected faults: seeded failures, latency, dropped broadcasts, an endpoint going down and coming back. */
class FaultsTest {
  private static final String PROPERTIES = "{\"jsonrpc\":\"2.0\",\"method\":\"database_api.get_dynamic_global_properties\",\"params\":{},\"id\":1}";
  private Devnet devnet;

  @BeforeEach
  void start() throws IOException {
    devnet = Devnet.start(DevnetConfig.testnet(), Duration.ZERO, 0);
  }

  @AfterEach
  void close() {
    devnet.close();
  }

  private static HiveRpcClient client(URI... endpoints) {
    return new HiveRpcClient(new RpcConfig(List.of(endpoints), Duration.ofSeconds(10), endpoints.length, Duration.ZERO, Duration.ZERO));
  }

  /** What each of {@code count} requests got: ok, 503, internal (-32603) or closed. */
  private static List<String> outcomes(URI url, int count) throws InterruptedException {
    List<String> seen = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      try {
        HttpResponse<String> response = RawRpc.post(url, PROPERTIES);
        if (response.statusCode() == 503) {
          assertFalse(response.body().startsWith("{"), "a 503 body is not JSON");
          seen.add("503");
        } else {
          JsonNode json = RawRpc.json(response);
          seen.add(json.has("result") ? "ok" : json.at("/error/code").asInt() == -32603 ? "internal" : "other " + json);
        }
      } catch (IOException e) {
        seen.add("closed");
      }
    }
    return seen;
  }

  @Test
  void aFixedSeedGivesTheSameFailuresEveryTime_seed42() throws Exception {
    FaultPlan plan = FaultPlan.NONE.withErrors(300, FailureKind.values()).withSeed(42);
    JsonRpcServer endpoint = devnet.addEndpoint(plan);
    List<String> first = outcomes(endpoint.url(), 40);
    endpoint.setFaults(plan);
    List<String> second = outcomes(endpoint.url(), 40);
    assertEquals(first, second);
    assertEquals(Set.of("ok", "503", "internal", "closed"), Set.copyOf(first), first.toString());
    long failures = first.stream().filter(o -> !o.equals("ok")).count();
    assertTrue(failures > 4 && failures < 24, "about 30 % fail: " + first);

    endpoint.setFaults(plan.withSeed(43));
    assertNotEquals(first, outcomes(endpoint.url(), 40), "another seed, other failures");
    endpoint.setFaults(FaultPlan.NONE);
    assertEquals(List.of("ok", "ok", "ok"), outcomes(endpoint.url(), 3), "faults turned off at runtime");
    assertEquals(List.of("ok", "ok", "ok"), outcomes(devnet.url(0), 3), "endpoint 0 has no faults");
  }

  @Test
  void latencyDelaysEveryAnswerByAtLeastTheFixedPart() throws Exception {
    JsonRpcServer slow = devnet.addEndpoint(FaultPlan.NONE.withLatency(Duration.ofMillis(250), Duration.ofMillis(50)));
    for (int i = 0; i < 2; i++) {
      long start = System.nanoTime();
      assertEquals(List.of("ok"), outcomes(slow.url(), 1));
      assertTrue(System.nanoTime() - start >= 250_000_000L, "answered before the latency passed");
    }
  }

  @Test
  void droppedBroadcastsAreAnsweredButNeverLandWhileBlocksGoOn() throws Exception {
    JsonRpcServer lossy = devnet.addEndpoint(FaultPlan.NONE.withDroppedBroadcasts(1000));
    Transaction tx = TestTransactions.transfer(devnet.chain(), "alice", "bob", 1_000, "lost");
    TransactionId id = TestTransactions.legacyId(tx);
    long balance = devnet.chain().account(AccountName.of("alice")).orElseThrow().hive().amount();
    try (HiveRpcClient client = client(lossy.url())) {
      client.broadcastTransaction(tx);
    }
    assertEquals(0, devnet.chain().pendingCount());
    devnet.step(3);
    assertTrue(devnet.chain().inclusion(id).isEmpty());
    assertEquals(balance, devnet.chain().account(AccountName.of("alice")).orElseThrow().hive().amount());

    try (HiveRpcClient client = client(devnet.url(0))) {
      client.broadcastTransaction(tx);
    }
    devnet.step(1);
    assertTrue(devnet.chain().inclusion(id).isPresent(), "a dropped transaction is not remembered: it can be sent again");
  }

  @Test
  void aDroppedSynchronousBroadcastAnswersExpiredOnceABlockPassesItsExpiration() throws Exception {
    JsonRpcServer lossy = devnet.addEndpoint(FaultPlan.NONE.withDroppedBroadcasts(1000));
    Transaction tx = TestTransactions.transfer(devnet.chain(), "bob", "alice", 1, "expires", 9);
    String body = "{\"jsonrpc\":\"2.0\",\"method\":\"call\",\"params\":[\"condenser_api\",\"broadcast_transaction_synchronous\",["
        + TransactionJson.write(tx, JsonForm.HF26, SymbolNames.TESTNET)
        + "]],\"id\":3}";
    CompletableFuture<HttpResponse<String>> pending = RawRpc.postAsync(lossy.url(), body);
    Await.until("the broadcast to be checked", () -> devnet.chain().broadcastsChecked() == 1);
    devnet.step(4);
    JsonNode result = RawRpc.json(pending.get()).get("result");
    assertTrue(result.get("expired").asBoolean(), result.toString());
    assertEquals(-1, result.get("trx_num").asInt());
  }

  @Test
  void aStoppedEndpointRefusesConnectionsAndServesAgainOnTheSamePortAfterStart() throws Exception {
    JsonRpcServer flaky = devnet.addEndpoint(FaultPlan.NONE);
    int port = flaky.port();
    flaky.stop();
    assertFalse(flaky.isRunning());
    assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", port).close());
    try (HiveRpcClient client = client(flaky.url(), devnet.url(0))) {
      assertEquals(devnet.chain().head().id(), client.getDynamicGlobalProperties().headBlockId(), "the client fails over to endpoint 0");
    }
    flaky.start();
    assertEquals(port, flaky.port());
    assertEquals(List.of("ok"), outcomes(flaky.url(), 1));
  }

  @Test
  void faultPlansAreCheckedWhenBuilt() {
    IllegalArgumentException rate = assertThrows(IllegalArgumentException.class, () -> FaultPlan.NONE.withErrors(1001, FailureKind.HTTP_503));
    assertTrue(rate.getMessage().contains("errorRatePerMille"), rate.getMessage());
    assertThrows(IllegalArgumentException.class, () -> FaultPlan.NONE.withErrors(10));
    assertThrows(IllegalArgumentException.class, () -> FaultPlan.NONE.withDroppedBroadcasts(-1));
    IllegalArgumentException latency = assertThrows(IllegalArgumentException.class,
        () -> FaultPlan.NONE.withLatency(Duration.ofMillis(-1), Duration.ZERO));
    assertTrue(latency.getMessage().contains("latency"), latency.getMessage());
    assertThrows(IllegalArgumentException.class, () -> FaultPlan.NONE.withLatency(Duration.ZERO, Duration.ofMinutes(2)));
    assertEquals(FaultPlan.NONE.withErrors(5, FailureKind.HTTP_503, FailureKind.HTTP_503), FaultPlan.NONE.withErrors(5, FailureKind.HTTP_503));
  }
}
