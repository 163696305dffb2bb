package io.hivesafe.devnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.hivesafe.hive.Fixtures;
import io.hivesafe.hive.json.JsonFields;
import io.hivesafe.hive.json.JsonForm;
import io.hivesafe.hive.json.TransactionJson;
import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.protocol.Block;
import io.hivesafe.hive.protocol.SymbolNames;
import io.hivesafe.hive.protocol.Transaction;
import io.hivesafe.hive.rpc.AccountInfo;
import io.hivesafe.hive.rpc.DynamicGlobalProperties;
import io.hivesafe.hive.rpc.HiveRpcClient;
import io.hivesafe.hive.rpc.RpcConfig;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every method over HTTP in both forms, the JSON-RPC envelope, and hived's errors. */
class JsonRpcServerTest {
  private static Devnet devnet;
  private static URI url;
  private static String transferId;

  @BeforeAll
  static void devnetWithATransferInBlock2() throws Exception {
    devnet = Devnet.start(DevnetConfig.testnet(), Duration.ZERO, 0);
    url = devnet.url(0);
    Admission sent = devnet.chain().broadcast(TestTransactions.transfer(devnet.chain(), "alice", "bob", 1_000, "block 2"));
    assertTrue(sent.isAccepted(), sent.toString());
    transferId = sent.id().orElseThrow().toHex();
    devnet.step(3);
  }

  @AfterAll
  static void close() {
    devnet.close();
  }

  private static JsonNode result(String method, String params) throws Exception {
    JsonNode response = RawRpc.call(url, method, params);
    assertEquals("2.0", response.get("jsonrpc").asText(), response.toString());
    assertEquals(7, response.get("id").asInt(), response.toString());
    assertTrue(response.has("result"), response.toString());
    return response.get("result");
  }

  private static JsonNode error(String method, String params) throws Exception {
    JsonNode response = RawRpc.call(url, method, params);
    assertTrue(response.has("error"), response.toString());
    assertFalse(response.has("result"), response.toString());
    assertEquals(7, response.get("id").asInt(), "the id is echoed with an error too");
    return response.get("error");
  }

  private static String fixtureMessage(String path) {
    return Fixtures.json("errors/" + path).get("message").asText();
  }

  private static HiveRpcClient client(URI... endpoints) {
    return new HiveRpcClient(new RpcConfig(List.of(endpoints), Duration.ofSeconds(10), 3, Duration.ZERO, Duration.ZERO));
  }

  @Test
  void servesExactlyTheListedMethods() {
    assertEquals(List.of("account_history_api.get_account_history", "block_api.get_block", "block_api.get_block_header",
        "block_api.get_block_range", "condenser_api.broadcast_transaction", "condenser_api.broadcast_transaction_synchronous",
        "condenser_api.get_account_history", "condenser_api.get_accounts", "condenser_api.get_block", "condenser_api.get_block_header", "condenser_api.get_config", "condenser_api.get_dynamic_global_properties",
        "condenser_api.get_hardfork_version", "database_api.find_accounts", "database_api.get_config",
        "database_api.get_dynamic_global_properties", "network_broadcast_api.broadcast_transaction", "rc_api.find_rc_accounts"),
        devnet.api().methods());
  }

  @Test
  void blockMethodsAnswerInBothForms() throws Exception {
    JsonNode block = result("block_api.get_block", "{\"block_num\":2}").get("block");
    assertEquals(List.of(), JsonShapes.differences(Fixtures.json("block_api/get_block/one.json").get("block"), block));
    assertEquals(transferId, block.at("/transaction_ids/0").asText());
    assertEquals("transfer_operation", block.at("/transactions/0/operations/0/type").asText());
    assertEquals(Fixtures.json("block_api/get_block/non_existing.json"), result("block_api.get_block", "{\"block_num\":1000000000}"));
    assertEquals(Fixtures.json("block_api/get_block/non_existing.json"), result("block_api.get_block", "{\"block_num\":-1}"));

    JsonNode range = result("block_api.get_block_range", "{\"starting_block_num\":1,\"count\":1000}").get("blocks");
    assertEquals(devnet.chain().headBlockNumber(), range.size(), "cut at the head");
    assertEquals(Fixtures.json("block_api/get_block_range/non_existing.json"),
        result("block_api.get_block_range", "{\"starting_block_num\":1000000000,\"count\":1000}"));
    assertEquals(0, result("block_api.get_block_range", "{\"starting_block_num\":\"2\",\"count\":0}").get("blocks").size());

    JsonNode legacy = result("condenser_api.get_block", "[2]");
    assertEquals(List.of(), JsonShapes.differences(Fixtures.json("condenser_api/get_block/one.json"), legacy));
    assertEquals("1.000 TESTS", legacy.at("/transactions/0/operations/0/1/amount").asText());
    assertEquals(transferId, legacy.at("/transactions/0/transaction_id").asText());
    assertEquals(2, legacy.at("/transactions/0/block_num").asInt());
    assertEquals(Fixtures.json("condenser_api/get_block/non_existing.json"), result("condenser_api.get_block", "[1000000000]"));
  }

  @Test
  void propertiesAccountsHardforkAndConfigAnswerInBothForms() throws Exception {
    JsonNode database = result("database_api.get_dynamic_global_properties", "{}");
    assertEquals(List.of(), JsonShapes.differences(Fixtures.json("database_api/get_dynamic_global_properties/get.json"), database));
    assertEquals(devnet.chain().headBlockNumber(), database.get("head_block_number").asLong());
    JsonNode condenser = result("condenser_api.get_dynamic_global_properties", "[]");
    assertEquals(List.of(), JsonShapes.differences(Fixtures.json("condenser_api/get_dynamic_global_properties/get.json"), condenser));

    JsonNode found = result("database_api.find_accounts", "{\"accounts\":[\"bob\",\"nobody\",\"alice\",\"NOT VALID\"]}").get("accounts");
    assertEquals(2, found.size(), "unknown names are left out, as hived does");
    assertEquals("bob", found.get(0).get("name").asText());
    long bob = devnet.chain().account(AccountName.of("bob")).orElseThrow().hive().amount();
    assertEquals(Long.toString(bob), found.get(0).at("/balance/amount").asText());
    assertEquals(List.of(), JsonShapes.differences(Fixtures.json("database_api/find_accounts/find.json").get("accounts").get(0),
        found.get(1), "previous_owner_update"));
    JsonNode accounts = result("condenser_api.get_accounts", "[[\"alice\",\"not.existing.account\"]]");
    assertEquals(1, accounts.size());
    assertEquals(devnet.chain().account(AccountName.of("alice")).orElseThrow().hive().toLegacyString(SymbolNames.TESTNET),
        accounts.get(0).get("balance").asText());
    assertEquals(List.of(), JsonShapes.differences(Fixtures.json("condenser_api/get_accounts/get.json").get(0), accounts.get(0)));

    assertEquals("1.28.0", result("condenser_api.get_hardfork_version", "[]").asText());
    assertEquals("18dcf0a285365fc58b71f18b3d3fec954aa0c141c44e4e5cb4cf777b9eab274e",
        result("database_api.get_config", "{}").get("HIVE_CHAIN_ID").asText());
    assertTrue(result("condenser_api.get_config", "[]").get("IS_TEST_NET").asBoolean());
  }

  @Test
  void theProjectsOwnClientReadsEverythingAndTheBlocksLink() throws Exception {
    try (HiveRpcClient client = client(url)) {
      DynamicGlobalProperties properties = client.getDynamicGlobalProperties();
      assertEquals(devnet.chain().head().id(), properties.headBlockId());
      assertEquals(65_536, properties.maximumBlockSize());
      List<Block> blocks = client.getBlockRange(1, 1000);
      assertEquals(properties.headBlockNumber(), blocks.size());
      assertEquals(blocks.get(1), client.getBlock(2).orElseThrow());
      assertEquals(transferId, blocks.get(1).transactions().get(0).id().toHex());
      assertTrue(client.getBlock(99).isEmpty());
      List<AccountInfo> accounts = client.findAccounts(List.of(AccountName.of("alice"), AccountName.of("carol")));
      assertEquals(devnet.chain().account(AccountName.of("carol")).orElseThrow().active(), accounts.get(1).active());
      assertEquals(devnet.chain().account(AccountName.of("alice")).orElseThrow().memoKey(), accounts.get(0).memoKey());
      assertEquals(28, client.getHardforkVersion().hardfork());

      Transaction tx = TestTransactions.transfer(devnet.chain(), "carol", "alice", 250, "via client");
      client.broadcastTransaction(tx);
      Block next = devnet.step(1).get(0).block();
      assertEquals(tx.unsigned(), next.transactions().get(0).transaction().unsigned());
      assertEquals(next, client.getBlock(next.number()).orElseThrow());
    }
  }

  @Test
  void batchesAreAnsweredInOrderAndTheOldCallFormWorks() throws Exception {
    JsonNode batch = RawRpc.json(RawRpc.post(url, "[{\"jsonrpc\":\"2.0\",\"method\":\"condenser_api.get_hardfork_version\",\"params\":[],\"id\":\"a\"},"
        + "{\"jsonrpc\":\"2.0\",\"method\":\"nope_api.x\",\"id\":2},"
        + "{\"jsonrpc\":\"2.0\",\"method\":\"block_api.get_block\",\"params\":{\"block_num\":1},\"id\":3}]"));
    assertEquals(3, batch.size());
    assertEquals("a", batch.get(0).get("id").asText());
    assertEquals("1.28.0", batch.get(0).get("result").asText());
    assertEquals(-32601, batch.get(1).at("/error/code").asInt());
    assertEquals(devnet.chain().block(1).orElseThrow().id().toHex(), batch.get(2).at("/result/block/block_id").asText());
    JsonNode empty = RawRpc.json(RawRpc.post(url, "[]"));
    assertEquals(-32000, empty.at("/error/code").asInt());
    assertEquals("Array is invalid", empty.at("/error/message").asText());

    JsonNode viaCall = result("call", "[\"condenser_api\",\"get_dynamic_global_properties\",[]]");
    assertEquals(devnet.chain().headBlockNumber(), viaCall.get("head_block_number").asLong());
    assertTrue(viaCall.get("current_supply").isTextual(), "condenser form through call");
    assertEquals(1, result("call", "[\"database_api\",\"find_accounts\",{\"accounts\":[\"bob\"]}]").get("accounts").size());
    assertTrue(result("call", "[\"database_api\",\"get_dynamic_global_properties\"]").has("head_block_id"), "args default to {}");
    assertEquals(-32002, error("call", "[\"condenser_api\"]").get("code").asInt());
    JsonNode noParams = RawRpc.json(RawRpc.post(url, "{\"jsonrpc\":\"2.0\",\"method\":\"call\",\"id\":1}"));
    assertEquals(-32001, noParams.at("/error/code").asInt());
    assertEquals("A member \"params\" does not exist", noParams.at("/error/message").asText());
  }

  @Test
  void errorsHaveHivedsCodesAndMessages() throws Exception {
    JsonNode count = error("block_api.get_block_range", "{\"starting_block_num\":1,\"count\":1001}");
    assertEquals(-32003, count.get("code").asInt());
    assertEquals(fixtureMessage("block_api/get_block_range/count_minus_one.json"), count.get("message").asText());
    assertEquals("assert_exception", count.at("/data/name").asText());
    JsonNode minusOne = error("block_api.get_block_range", "{\"starting_block_num\":1,\"count\":-1}");
    assertEquals(Fixtures.json("errors/block_api/get_block_range/count_minus_one.json").get("code").asInt(), minusOne.get("code").asInt());
    JsonNode start = error("block_api.get_block_range", "{\"starting_block_num\":0,\"count\":10}");
    assertEquals(-32003, start.get("code").asInt());
    assertEquals(fixtureMessage("block_api/get_block_range/start_zero.json"), start.get("message").asText());
    for (JsonNode parse : List.of(error("block_api.get_block", "{\"block_num\":\"zzzz\"}"),
        error("block_api.get_block_range", "{\"starting_block_num\":1,\"count\":\"x\"}"),
        error("condenser_api.get_block", "[\"zzzz\"]"))) {
      assertEquals(-32000, parse.get("code").asInt());
      assertEquals(fixtureMessage("condenser_api/get_block/invalid_input.json"), parse.get("message").asText());
    }

    JsonNode api = error("foo_api.get_block", "{}");
    assertEquals(-32601, api.get("code").asInt());
    assertEquals("Assert Exception:api_itr != data._registered_apis.end(): Could not find API foo_api", api.get("message").asText());
    JsonNode method = error("block_api.get_blocks", "{}");
    assertEquals("Assert Exception:method_itr != api_itr->second.end(): Could not find method get_blocks", method.get("message").asText());
    assertEquals(-32601, error("get_block", "{}").get("code").asInt());
    assertEquals(-32601, error("call", "[\"condenser_api\",\"get_witness\",[]]").get("code").asInt());
    assertEquals("Assert Exception:args.size() == 1: Expected 1 argument(s), was 0", error("condenser_api.get_block", "[]").get("message").asText());
    assertEquals("Bad Cast:Invalid cast from object_type to Array", error("condenser_api.get_block", "{}").get("message").asText());

    for (String malformed : List.of("{\"jsonrpc\":\"2.0\",", "", "{} {}")) {
      JsonNode response = RawRpc.json(RawRpc.post(url, malformed));
      assertEquals(-32000, response.at("/error/code").asInt(), malformed);
      assertTrue(response.at("/error/message").asText().startsWith("Parse Error:"), response.toString());
      assertTrue(response.get("id").isNull());
    }
    JsonNode version = RawRpc.json(RawRpc.post(url, "{\"jsonrpc\":\"1.0\",\"method\":\"block_api.get_block\",\"id\":5}"));
    assertEquals(-32600, version.at("/error/code").asInt());
    assertEquals(5, version.get("id").asInt());
    JsonNode badId = RawRpc.json(RawRpc.post(url, "{\"jsonrpc\":\"2.0\",\"method\":\"block_api.get_block\",\"id\":{}}"));
    assertEquals("Only integer value or string is allowed for member \"id\"", badId.at("/error/message").asText());
    HttpResponse<String> garbage = RawRpc.post(url, "x");
    assertEquals(200, garbage.statusCode(), "every POST body is answered with JSON-RPC");
  }

  @Test
  void malformedTransactionsAreParseErrorsNamingTheProblem() throws Exception {
    Transaction tx = TestTransactions.transfer(devnet.chain(), "alice", "bob", 1, "");
    String legacy = TransactionJson.write(tx, JsonForm.LEGACY, SymbolNames.TESTNET).toString();
    JsonNode decimals = error("condenser_api.broadcast_transaction", "[" + legacy.replace("0.001 TESTS", "0.01 TESTS") + "]");
    assertEquals(-32000, decimals.get("code").asInt());
    assertTrue(decimals.get("message").asText().startsWith("Parse Error:operations[0]: transfer: asset '0.01 TESTS' has 2 decimals"),
        decimals.get("message").asText());
    assertEquals("parse_error_exception", decimals.at("/data/name").asText());
    JsonNode notObject = error("network_broadcast_api.broadcast_transaction", "{\"trx\":[1,2]}");
    assertEquals("Parse Error:transaction must be a JSON object", notObject.get("message").asText());
    JsonNode noTrx = error("network_broadcast_api.broadcast_transaction", "{}");
    assertEquals(-32000, noTrx.get("code").asInt());
    JsonNode badName = error("condenser_api.broadcast_transaction", "[" + legacy.replace("\"alice\"", "\"Alice\"") + "]");
    assertTrue(badName.get("message").asText().contains("invalid account name 'Alice'"), badName.toString());
    String customJson = "[\"custom_json\",{\"required_auths\":[\"alice\"],\"required_posting_auths\":[],\"id\":\""
        + "x".repeat(33) + "\",\"json\":\"{}\"}]";
    String longId = legacy.replaceFirst("\"operations\":\\[.*\\],\"extensions\"",
        java.util.regex.Matcher.quoteReplacement("\"operations\":[" + customJson + "],\"extensions\""));
    JsonNode idTooLong = error("condenser_api.broadcast_transaction", "[" + longId + "]");
    assertTrue(idTooLong.get("message").asText().startsWith("Parse Error:operations[0]: custom_json: id is 33 bytes, more than hived's 32"),
        idTooLong.toString());
    assertEquals(0, devnet.chain().pendingCount());
  }

  @Test
  void refusedBroadcastsAnswerWithTheHivedErrorAndTheRequestId() throws Exception {
    Transaction unsigned = TestTransactions.transfer(devnet.chain(), "alice", "bob", 1, "unsigned").unsigned();
    JsonNode refused = error("network_broadcast_api.broadcast_transaction",
        "{\"trx\":" + TransactionJson.write(unsigned, JsonForm.HF26, SymbolNames.TESTNET) + ",\"max_block_age\":-1}");
    assertEquals(-32000, refused.get("code").asInt());
    assertEquals("tx_missing_active_auth", refused.at("/data/name").asText());
    assertTrue(refused.get("message").asText().startsWith("missing required active authority:Missing Active Authority alice"),
        refused.get("message").asText());
    Admission direct = devnet.chain().broadcast(unsigned);
    String headTime = JsonFields.formatTime(devnet.chain().headTime());
    assertEquals(RawRpc.MAPPER.readTree(direct.error().orElseThrow().toJson(headTime).toString()), refused);

    Transaction signed = TestTransactions.transfer(devnet.chain(), "bob", "carol", 5, "twice");
    String legacy = TransactionJson.write(signed, JsonForm.LEGACY, SymbolNames.TESTNET).toString();
    assertEquals(0, result("condenser_api.broadcast_transaction", "[" + legacy + "]").size());
    JsonNode duplicate = error("condenser_api.broadcast_transaction", "[" + legacy + "]");
    assertTrue(duplicate.get("message").asText().startsWith("Assert Exception:!is_known_transaction( trx_id ): Duplicate transaction check failed"),
        duplicate.toString());
    devnet.step(1);
  }

  @Test
  void synchronousBroadcastAnswersWithItsBlock() throws Exception {
    Transaction tx = TestTransactions.transfer(devnet.chain(), "alice", "carol", 3, "synchronous");
    String params = "[" + TransactionJson.write(tx, JsonForm.LEGACY, SymbolNames.TESTNET) + "]";
    CompletableFuture<HttpResponse<String>> pending = RawRpc.postAsync(url,
        "{\"jsonrpc\":\"2.0\",\"method\":\"condenser_api.broadcast_transaction_synchronous\",\"params\":" + params + ",\"id\":9}");
    Await.until("the transaction to be accepted", () -> devnet.chain().pendingCount() == 1);
    ProducedBlock block = devnet.step(1).get(0);
    JsonNode result = RawRpc.json(pending.get()).get("result");
    assertEquals(TestTransactions.legacyId(tx).toHex(), result.get("id").asText());
    assertEquals(block.number(), result.get("block_num").asLong());
    assertEquals(0, result.get("trx_num").asInt());
    assertFalse(result.get("expired").asBoolean());
  }
}
