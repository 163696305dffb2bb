package io.hivesafe.hive.rpc;

import io.hivesafe.hive.Fixtures;
import static io.hivesafe.hive.rpc.FakeHived.body;
import static io.hivesafe.hive.rpc.FakeHived.result;
import static io.hivesafe.hive.rpc.FakeHived.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hivesafe.hive.protocol.AccountName;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import okhttp3.mockwebserver.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Transport failures move to the next endpoint with growing pauses; hived's own errors do not. */
class HiveRpcClientFailoverTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNode PROPERTIES = Fixtures.json("database_api/get_dynamic_global_properties/get.json");
  private static final long HEAD = 5_000_000;
  private static final Duration INITIAL = Duration.ofMillis(100);
  private static final Duration MAX = Duration.ofSeconds(1);

  private final List<AutoCloseable> open = new ArrayList<>();
  private final RecordingSleeper sleeper = new RecordingSleeper();

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
  }

  @Test
  void http500MovesToTheNextEndpointAndRemembersIt() throws RpcException {
    FakeHived broken = node().always(status(500));
    FakeHived healthy = node().always(result(PROPERTIES));
    HiveRpcClient client = client(3, Duration.ofSeconds(5), broken.uri(), healthy.uri());

    assertEquals(HEAD, client.getDynamicGlobalProperties().headBlockNumber());
    assertEquals(1, broken.requestCount());
    assertEquals(1, healthy.requestCount());
    assertEquals(List.of(INITIAL), sleeper.pauses());

    assertEquals(HEAD, client.getDynamicGlobalProperties().headBlockNumber());
    assertEquals(1, broken.requestCount(), "the second call starts at the endpoint that worked");
    assertEquals(2, healthy.requestCount());
    assertEquals(List.of(INITIAL), sleeper.pauses());
  }

  @Test
  void rotationWrapsAroundFromTheRememberedEndpoint() throws RpcException {
    FakeHived first = node().always(result(PROPERTIES));
    FakeHived second = node().always(result(PROPERTIES)).then(status(503));
    HiveRpcClient client = client(3, Duration.ofSeconds(5), second.uri(), first.uri());
    // the first call goes to `second` (head of the list), fails, and lands on `first`
    client.getDynamicGlobalProperties();
    first.always(status(503));
    second.always(result(PROPERTIES));
    // now `first` is preferred; it fails, and the call wraps around to `second`
    client.getDynamicGlobalProperties();
    assertEquals(2, first.requestCount());
    assertEquals(2, second.requestCount());
  }

  static Stream<Arguments> slowAnswers() {
    return Stream.of(
        Arguments.of("no response at all", FakeHived.silence()),
        Arguments.of("headers too late", FakeHived.raw(new MockResponse().setBody("{}").setHeadersDelay(1, TimeUnit.SECONDS))),
        Arguments.of("body trickles", FakeHived.raw(new MockResponse()
            .setBody("{\"jsonrpc\":\"2.0\",\"result\":{},\"id\":1}" + " ".repeat(200)).throttleBody(1, 100, TimeUnit.MILLISECONDS))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("slowAnswers")
  void timeoutMovesToTheNextEndpoint(String name, FakeHived.Reply slow) throws RpcException {
    FakeHived stuck = node().always(slow);
    FakeHived healthy = node().always(result(PROPERTIES));
    HiveRpcClient client = client(2, Duration.ofMillis(300), stuck.uri(), healthy.uri());
    long started = System.nanoTime();
    assertEquals(HEAD, client.getDynamicGlobalProperties().headBlockNumber());
    assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(2), "the timeout bounds the whole call");
    assertEquals(1, stuck.requestCount());
    assertEquals(1, healthy.requestCount());

    HiveRpcClient stuckOnly = client(1, Duration.ofMillis(300), stuck.uri());
    RpcTransportException e = assertThrows(RpcTransportException.class, stuckOnly::getDynamicGlobalProperties);
    assertTrue(e.failures().get(0).reason().contains("timed out"), e.getMessage());
  }

  static Stream<Arguments> unusableAnswers() {
    return Stream.of(
        Arguments.of("HTML instead of JSON", body("<html><body>502 Bad Gateway</body></html>"), "not JSON"),
        Arguments.of("empty body", body(""), "JSON"),
        Arguments.of("truncated JSON", body("{\"jsonrpc\":\"2.0\",\"result\":{\"head_block_nu"), "not JSON"),
        Arguments.of("trailing garbage", idEcho("{\"jsonrpc\":\"2.0\",\"result\":{},\"id\":%d} trailing"), "not JSON"),
        Arguments.of("JSON array", body("[]"), "not a JSON-RPC response"),
        Arguments.of("no result nor error", idEcho("{\"jsonrpc\":\"2.0\",\"id\":%d}"), "neither result nor error"),
        Arguments.of("no jsonrpc member", idEcho("{\"result\":{},\"id\":%d}"), "not a JSON-RPC 2.0 response"),
        Arguments.of("JSON-RPC 1.0", idEcho("{\"jsonrpc\":\"1.0\",\"result\":{},\"id\":%d}"), "not a JSON-RPC 2.0 response"),
        Arguments.of("result and error", idEcho("{\"jsonrpc\":\"2.0\",\"result\":{},\"error\":{\"code\":1,\"message\":\"x\"},\"id\":%d}"), "both"),
        Arguments.of("malformed error", idEcho("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":\"bad\",\"message\":\"x\"},\"id\":%d}"), "malformed JSON-RPC error"),
        Arguments.of("duplicate result keys", idEcho("{\"jsonrpc\":\"2.0\",\"result\":{},\"result\":[],\"id\":%d}"), "not JSON"),
        Arguments.of("mismatched id", FakeHived.resultForOtherId(PROPERTIES), "does not match request id"),
        Arguments.of("string id", idEcho("{\"jsonrpc\":\"2.0\",\"result\":{},\"id\":\"%d\"}"), "does not match request id"),
        Arguments.of("error for another id", FakeHived.raw(new MockResponse().setBody(
            "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32000,\"message\":\"x\"},\"id\":987654}")), "does not match request id"),
        Arguments.of("HTTP 503", status(503), "HTTP 503"),
        Arguments.of("HTTP 404", status(404), "HTTP 404"),
        Arguments.of("redirect", FakeHived.raw(new MockResponse().setResponseCode(302).setHeader("Location", "http://127.0.0.1:1/")), "HTTP 302"),
        Arguments.of("result of the wrong shape", result(MAPPER.createObjectNode().put("head_block_number", "five")), "malformed result"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unusableAnswers")
  void unusableAnswerMovesToTheNextEndpoint(String name, FakeHived.Reply unusable, String reason) throws RpcException {
    FakeHived bad = node().always(unusable);
    FakeHived healthy = node().always(result(PROPERTIES));
    assertEquals(HEAD, client(2, Duration.ofSeconds(5), bad.uri(), healthy.uri()).getDynamicGlobalProperties().headBlockNumber());
    assertEquals(1, bad.requestCount());
    assertEquals(1, healthy.requestCount());

    RpcTransportException e = assertThrows(RpcTransportException.class, client(1, Duration.ofSeconds(5), bad.uri())::getDynamicGlobalProperties);
    assertEquals(1, e.failures().size());
    assertEquals(bad.uri(), e.failures().get(0).endpoint());
    assertTrue(e.failures().get(0).reason().contains(reason), () -> "reason '" + e.failures().get(0).reason() + "' should say " + reason);
  }

  @Test
  void errorWithNullIdIsHivedRefusingTheRequest() {
    FakeHived node = node().always(body("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32700,\"message\":\"Parse error\"},\"id\":null}"));
    FakeHived other = node().always(result(PROPERTIES));
    RpcErrorException e = assertThrows(RpcErrorException.class, client(3, Duration.ofSeconds(5), node.uri(), other.uri())::getDynamicGlobalProperties);
    assertEquals(-32700, e.code());
    assertEquals(0, other.requestCount());
  }

  @Test
  void blockOtherThanAskedForIsRejected() {
    FakeHived liar = node().always(result(Fixtures.json("block_api/get_block/one.json")));
    RpcTransportException e = assertThrows(RpcTransportException.class, () -> client(2, Duration.ofSeconds(5), liar.uri()).getBlock(5));
    assertTrue(e.getMessage().contains("asked for block 5, got block 1"), e.getMessage());
    assertEquals(2, liar.requestCount());
  }

  @Test
  void rangeNotStartingWhereAskedIsRejected() {
    FakeHived liar = node().always(result(Fixtures.json("block_api/get_block_range/one.json")));
    RpcTransportException e = assertThrows(RpcTransportException.class, () -> client(1, Duration.ofSeconds(5), liar.uri()).getBlockRange(2, 1000));
    assertTrue(e.getMessage().contains("expected block 2, got 1"), e.getMessage());
    RpcTransportException tooMany = assertThrows(RpcTransportException.class, () -> client(1, Duration.ofSeconds(5), liar.uri()).getBlockRange(1, 999));
    assertTrue(tooMany.getMessage().contains("asked for 999 blocks, got 1000"), tooMany.getMessage());
  }

  @Test
  void accountNotAskedForIsRejected() {
    FakeHived liar = node().always(result(Fixtures.json("database_api/find_accounts/find.json")));
    RpcTransportException e = assertThrows(RpcTransportException.class,
        () -> client(1, Duration.ofSeconds(5), liar.uri()).findAccounts(List.of(AccountName.of("gtg"))));
    assertTrue(e.getMessage().contains("steemit, which was not asked for"), e.getMessage());
  }

  @Test
  void deadEndpointAtTheHeadIsSkipped() throws RpcException {
    URI dead = FakeHived.deadEndpoint();
    FakeHived healthy = node().always(result(PROPERTIES));
    HiveRpcClient client = client(3, Duration.ofSeconds(5), dead, healthy.uri());
    assertEquals(HEAD, client.getDynamicGlobalProperties().headBlockNumber());
    assertEquals(HEAD, client.getDynamicGlobalProperties().headBlockNumber());
    assertEquals(2, healthy.requestCount());
    assertEquals(List.of(INITIAL), sleeper.pauses(), "only the first call met the dead endpoint");
  }

  @Test
  void allEndpointsDeadFailsAfterExactlyMaxAttempts() {
    URI deadA = FakeHived.deadEndpoint();
    URI deadB = FakeHived.deadEndpoint();
    RpcTransportException e = assertThrows(RpcTransportException.class, client(5, Duration.ofSeconds(5), deadA, deadB)::getDynamicGlobalProperties);
    assertEquals(List.of(deadA, deadB, deadA, deadB, deadA), e.failures().stream().map(EndpointFailure::endpoint).toList());
    assertEquals("database_api.get_dynamic_global_properties", e.method());
    assertTrue(e.getMessage().contains(EndpointText.of(deadA)) && e.getMessage().contains(EndpointText.of(deadB)), e.getMessage());
    assertTrue(e.getMessage().contains("after 5 attempt(s)"), e.getMessage());
    assertTrue(e.getCause() instanceof java.io.IOException, String.valueOf(e.getCause()));
    assertEquals(4, sleeper.pauses().size());
  }

  @Test
  void allEndpointsFailingMakeExactlyMaxAttemptsRequests() {
    FakeHived a = node().always(status(500));
    FakeHived b = node().always(status(500));
    RpcTransportException e = assertThrows(RpcTransportException.class, client(4, Duration.ofSeconds(5), a.uri(), b.uri())::getDynamicGlobalProperties);
    assertEquals(2, a.requestCount());
    assertEquals(2, b.requestCount());
    assertEquals(4, e.failures().size());
    assertTrue(e.failures().stream().allMatch(f -> f.reason().startsWith("HTTP 500")), e.getMessage());
  }

  @Test
  void backoffGrowsExponentiallyAndIsCapped() {
    FakeHived broken = node().always(status(500));
    assertThrows(RpcTransportException.class, client(7, Duration.ofSeconds(5), broken.uri())::getDynamicGlobalProperties);
    assertEquals(
        List.of(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofMillis(800), MAX, MAX),
        sleeper.pauses());
    assertEquals(7, broken.requestCount());
  }

  @Test
  void interruptedPauseStopsTheCall() {
    FakeHived broken = node().always(status(500));
    Sleeper interrupted = d -> {
      throw new InterruptedException("test");
    };
    HiveRpcClient client = track(new HiveRpcClient(config(5, Duration.ofSeconds(5), broken.uri()), interrupted));
    try {
      RpcTransportException e = assertThrows(RpcTransportException.class, client::getDynamicGlobalProperties);
      assertTrue(e.getMessage().contains("interrupted after 1 attempt"), e.getMessage());
      assertTrue(Thread.currentThread().isInterrupted(), "the interrupt flag is restored");
      assertEquals(1, broken.requestCount());
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void invalidArgumentsFailBeforeAnyRequest() {
    FakeHived node = node().always(result(PROPERTIES));
    HiveRpcClient client = client(3, Duration.ofSeconds(5), node.uri());
    assertThrows(IllegalArgumentException.class, () -> client.getBlockRange(0, 10));
    assertThrows(IllegalArgumentException.class, () -> client.getBlockRange(1, 0));
    assertThrows(IllegalArgumentException.class, () -> client.getBlockRange(1, 1001));
    assertThrows(IllegalArgumentException.class, () -> client.getBlock(0));
    assertThrows(IllegalArgumentException.class, () -> client.getBlock(1L << 32));
    List<AccountName> tooMany = new ArrayList<>();
    for (int i = 0; i < 1001; i++) {
      tooMany.add(AccountName.of("acc" + i));
    }
    assertThrows(IllegalArgumentException.class, () -> client.findAccounts(tooMany));
    assertEquals(0, node.requestCount());
  }

  @Test
  void findingNoAccountsMakesNoRequest() throws RpcException {
    FakeHived node = node();
    assertEquals(List.of(), client(3, Duration.ofSeconds(5), node.uri()).findAccounts(List.of()));
    assertEquals(0, node.requestCount());
  }

  @Test
  void eachAttemptHasItsOwnId() throws RpcException {
    FakeHived node = node().then(status(500)).always(result(PROPERTIES));
    HiveRpcClient client = client(2, Duration.ofSeconds(5), node.uri());
    client.getDynamicGlobalProperties();
    client.getDynamicGlobalProperties();
    List<Long> ids = node.requests().stream().map(r -> r.get("id").longValue()).toList();
    assertEquals(3, ids.size());
    assertEquals(3, ids.stream().distinct().count(), ids.toString());
    ObjectNode first = (ObjectNode) node.requests().get(0);
    assertEquals("2.0", first.get("jsonrpc").asText());
    assertNotEquals(null, first.get("params"));
  }

  @Test
  void theListenerHearsEveryAttemptWithItsEndpointAndOutcome() throws RpcException {
    FakeHived broken = node().always(status(503));
    FakeHived healthy = node().always(result(PROPERTIES));
    List<String> heard = new ArrayList<>();
    RpcListener listener = (method, endpoint, elapsed, outcome) -> {
      assertTrue(!elapsed.isNegative(), "elapsed " + elapsed);
      heard.add(method + " " + (endpoint.equals(broken.uri()) ? "broken" : "healthy") + " " + outcome);
    };
    HiveRpcClient client = track(new HiveRpcClient(config(3, Duration.ofSeconds(5), broken.uri(), healthy.uri()), sleeper, listener));
    client.getDynamicGlobalProperties();
    healthy.always(FakeHived.error(MAPPER.createObjectNode().put("code", -32003).put("message", "refused")));
    assertThrows(RpcErrorException.class, client::getDynamicGlobalProperties);
    String m = "database_api.get_dynamic_global_properties";
    assertEquals(List.of(m + " broken TRANSPORT_FAILURE", m + " healthy RESULT", m + " healthy RPC_ERROR"), heard);
  }

  private FakeHived node() {
    return track(new FakeHived());
  }

  private HiveRpcClient client(int attempts, Duration timeout, URI... endpoints) {
    return track(new HiveRpcClient(config(attempts, timeout, endpoints), sleeper));
  }

  private static RpcConfig config(int attempts, Duration timeout, URI... endpoints) {
    return new RpcConfig(List.of(endpoints), timeout, attempts, INITIAL, MAX);
  }

  private <T extends AutoCloseable> T track(T closeable) {
    open.add(0, closeable);
    return closeable;
  }

  /** A raw body with the request's id substituted for %d. */
  private static FakeHived.Reply idEcho(String template) {
    return request -> new MockResponse().setBody(String.format(template, request.get("id").longValue()));
  }
}
