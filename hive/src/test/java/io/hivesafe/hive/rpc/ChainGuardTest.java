package io.hivesafe.hive.rpc;

import static io.hivesafe.hive.rpc.FakeHived.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hivesafe.hive.Fixtures;
import io.hivesafe.hive.protocol.ChainId;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A guarded client uses no answer of an endpoint before it checked the endpoint's chain id: before first
 * use, after a failed attempt, after a new connection, after the recheck interval; another chain id
 * fails the call without trying other endpoints.
 */
class ChainGuardTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNode PROPERTIES = Fixtures.json("database_api/get_dynamic_global_properties/get.json");
  private static final ChainId OTHER = ChainId.fromHex("11".repeat(32));

  private final List<AutoCloseable> open = new ArrayList<>();
  private final List<WrongChainException> told = new CopyOnWriteArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
  }

  /** A fake hived serving {@code chain[0]}'s chain id (changeable) and the properties; {@code drop} closes each connection after its answer. */
  private FakeHived node(ChainId[] chain, boolean drop) {
    FakeHived hived = new FakeHived().always(request -> {
      JsonNode answer = request.get("method").asText().equals("database_api.get_config")
          ? MAPPER.createObjectNode().put("HIVE_CHAIN_ID", chain[0].toHex()).put("HIVE_ADDRESS_PREFIX", "STM")
          : PROPERTIES;
      MockResponse response = result(answer).answer(request);
      return drop ? response.setHeader("Connection", "close").setSocketPolicy(SocketPolicy.DISCONNECT_AT_END) : response;
    });
    open.add(hived);
    return hived;
  }

  private HiveRpcClient client(Duration recheck, URI... endpoints) {
    HiveRpcClient client = new HiveRpcClient(new RpcConfig(List.of(endpoints), Duration.ofSeconds(5), 2, Duration.ofMillis(1),
        Duration.ofMillis(1)), new RecordingSleeper(), RpcListener.NONE, new ChainGuard(ChainId.MAINNET, recheck, told::add));
    open.add(client);
    return client;
  }

  private static List<String> methods(FakeHived hived) {
    return hived.requests().stream().map(r -> r.get("method").asText()).toList();
  }

  @Test
  void theChainIdIsAskedBeforeTheFirstUseOnlyWhileTheConnectionStays() throws RpcException {
    ChainId[] chain = {ChainId.MAINNET};
    FakeHived hived = node(chain, false);
    HiveRpcClient client = client(Duration.ofHours(1), hived.uri());
    client.getDynamicGlobalProperties();
    client.getDynamicGlobalProperties();
    assertEquals(List.of("database_api.get_config", "database_api.get_dynamic_global_properties",
        "database_api.get_dynamic_global_properties"), methods(hived));
  }

  @Test
  void anEndpointOfAnotherChainFailsTheCallWithoutTryingTheNext() {
    ChainId[] other = {OTHER};
    ChainId[] right = {ChainId.MAINNET};
    FakeHived wrong = node(other, false);
    FakeHived good = node(right, false);
    HiveRpcClient client = client(Duration.ofHours(1), wrong.uri(), good.uri());
    WrongChainException e = assertThrows(WrongChainException.class, client::getDynamicGlobalProperties);
    assertEquals(wrong.uri(), e.endpoint());
    assertEquals(OTHER, e.served());
    assertEquals(ChainId.MAINNET, e.expected());
    assertEquals(EndpointText.of(wrong.uri()) + " serves chain id " + OTHER.toHex() + ", not the expected " + ChainId.MAINNET.toHex(), e.getMessage());
    assertEquals(List.of("database_api.get_config"), methods(wrong), "its properties were never asked for");
    assertEquals(0, good.requestCount(), "a chain mismatch is not failed over");
    assertEquals(List.of(e), told);
  }

  @Test
  void aChainThatChangesIsFoundAtTheRecheck() throws RpcException {
    ChainId[] chain = {ChainId.MAINNET};
    FakeHived hived = node(chain, false);
    HiveRpcClient client = client(Duration.ofNanos(1), hived.uri());
    client.getDynamicGlobalProperties();
    chain[0] = OTHER;
    assertThrows(WrongChainException.class, client::getDynamicGlobalProperties);
    assertEquals(1, told.size());
  }

  /**
   * A hived whose first data answer closes its connection; the next data request comes over a new
   * connection, from "another hived" on the same address (the chain id is OTHER from then on), and gets
   * {@code second}.
   */
  private FakeHived swappedAfterTheFirstAnswer(FakeHived.Reply second) {
    ChainId[] chain = {ChainId.MAINNET};
    java.util.concurrent.atomic.AtomicInteger dataAnswers = new java.util.concurrent.atomic.AtomicInteger();
    FakeHived hived = new FakeHived().always(request -> {
      if (request.get("method").asText().equals("database_api.get_config")) {
        return result(MAPPER.createObjectNode().put("HIVE_CHAIN_ID", chain[0].toHex()).put("HIVE_ADDRESS_PREFIX", "STM"))
            .answer(request);
      }
      if (dataAnswers.incrementAndGet() == 1) {
        return result(PROPERTIES).answer(request).setHeader("Connection", "close").setSocketPolicy(SocketPolicy.DISCONNECT_AT_END);
      }
      chain[0] = OTHER;
      return second.answer(request);
    });
    open.add(hived);
    return hived;
  }

  @Test
  void anAnswerOverANewConnectionIsUsedOnlyAfterTheChainIdIsCheckedAgain() throws RpcException {
    FakeHived hived = swappedAfterTheFirstAnswer(result(PROPERTIES));
    HiveRpcClient client = client(Duration.ofHours(1), hived.uri());
    client.getDynamicGlobalProperties();
    assertThrows(WrongChainException.class, client::getDynamicGlobalProperties);
    assertEquals(List.of("database_api.get_config", "database_api.get_dynamic_global_properties",
        "database_api.get_dynamic_global_properties", "database_api.get_config"), methods(hived),
        "checked after the answer over the new connection, before its use");
  }

  @Test
  void aRefusalOverANewConnectionIsUsedOnlyAfterTheChainIdIsCheckedAgain() throws RpcException {
    // A refusal is an answer the caller acts on ("duplicate transaction" counts as delivered): one over
    // a new connection, from "another hived" on the same address, must not be believed unchecked.
    FakeHived hived = swappedAfterTheFirstAnswer(
        FakeHived.error(MAPPER.createObjectNode().put("code", -32000).put("message", "Duplicate transaction check failed")));
    HiveRpcClient client = client(Duration.ofHours(1), hived.uri());
    client.getDynamicGlobalProperties();
    assertThrows(WrongChainException.class, client::getDynamicGlobalProperties, "not the refusal: the chain check first");
    assertEquals(1, told.size(), "the guard was told");
    assertEquals(List.of("database_api.get_config", "database_api.get_dynamic_global_properties",
        "database_api.get_dynamic_global_properties", "database_api.get_config"), methods(hived));
  }

  @Test
  void afterAFailedAttemptTheChainIdIsAskedAgain() throws RpcException {
    ChainId[] chain = {ChainId.MAINNET};
    FakeHived hived = node(chain, false);
    HiveRpcClient client = client(Duration.ofHours(1), hived.uri());
    client.getDynamicGlobalProperties();
    hived.then(FakeHived.status(503));
    chain[0] = OTHER;
    assertThrows(WrongChainException.class, client::getDynamicGlobalProperties);
    assertEquals(List.of("database_api.get_config", "database_api.get_dynamic_global_properties",
        "database_api.get_dynamic_global_properties", "database_api.get_config"), methods(hived));
  }

  @Test
  void anEndpointWhoseChainIdCannotBeReadIsNotUsed() {
    FakeHived refusing = new FakeHived().always(request -> request.get("method").asText().equals("database_api.get_config")
        ? FakeHived.error(MAPPER.createObjectNode().put("code", -32601).put("message", "method not found")).answer(request)
        : result(PROPERTIES).answer(request));
    open.add(refusing);
    HiveRpcClient client = client(Duration.ofHours(1), refusing.uri());
    RpcTransportException e = assertThrows(RpcTransportException.class, client::getDynamicGlobalProperties);
    assertTrue(e.getMessage().contains("its chain id cannot be checked"), e.getMessage());
    assertTrue(methods(refusing).stream().allMatch(m -> m.equals("database_api.get_config")), methods(refusing).toString());
    assertTrue(told.isEmpty());
  }

  @Test
  void anUnguardedClientNeverAsksTheChainId() throws RpcException {
    ChainId[] chain = {OTHER};
    FakeHived hived = node(chain, false);
    try (HiveRpcClient client = new HiveRpcClient(new RpcConfig(List.of(hived.uri()), Duration.ofSeconds(5), 1,
        Duration.ofMillis(1), Duration.ofMillis(1)))) {
      client.getDynamicGlobalProperties();
    }
    assertEquals(List.of("database_api.get_dynamic_global_properties"), methods(hived));
  }
}
