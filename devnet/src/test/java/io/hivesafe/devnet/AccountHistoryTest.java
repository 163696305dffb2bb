package io.hivesafe.devnet;

import static io.hivesafe.devnet.DevnetWallet.customJson;
import static io.hivesafe.devnet.DevnetWallet.hive;
import static io.hivesafe.devnet.DevnetWallet.key;
import static io.hivesafe.devnet.DevnetWallet.name;
import static io.hivesafe.devnet.DevnetWallet.transfer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hivesafe.hive.Fixtures;
import io.hivesafe.hive.crypto.KeyRole;
import io.hivesafe.hive.protocol.AccountUpdateOperation;
import io.hivesafe.hive.protocol.Asset;
import io.hivesafe.hive.protocol.AssetSymbol;
import io.hivesafe.hive.protocol.Transaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** account_history_api.get_account_history and condenser_api.get_account_history, against hived's rules and recorded shapes. */
class AccountHistoryTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ZERO_ID = "0000000000000000000000000000000000000000";

  /** Lag 0: every block is irreversible at once, so the default (irreversible-only) query sees it. */
  private final DevnetChain chain = new DevnetChain(DevnetConfig.testnet().withIrreversibleLag(0));
  private final DevnetApi api = new DevnetApi(chain);
  private final DevnetWallet wallet = new DevnetWallet(chain);

  private JsonNode call(String apiName, String method, String params) throws Exception {
    return api.call(apiName, method, JSON.readTree(params), BroadcastFate.KEEP);
  }

  private JsonNode history(String params) throws Exception {
    return call("account_history_api", "get_account_history", params).get("history");
  }

  private JsonRpcError historyError(String params) {
    return assertThrows(JsonRpcError.class, () -> call("account_history_api", "get_account_history", params));
  }

  private static List<Integer> sequences(JsonNode history) {
    List<Integer> out = new ArrayList<>();
    history.forEach(pair -> out.add(pair.get(0).asInt()));
    return out;
  }

  private static List<String> opTypes(JsonNode history) {
    List<String> out = new ArrayList<>();
    history.forEach(pair -> out.add(pair.get(1).at("/op/type").asText()));
    return out;
  }

  private String send(Transaction tx) {
    Admission admission = chain.broadcast(tx);
    assertTrue(admission.isAccepted(), admission.toString());
    return admission.id().orElseThrow().toHex();
  }

  private String sendTransfer(String from, String to, long milli) {
    return send(wallet.signed(transfer(from, to, hive(milli), ""), key(from, KeyRole.ACTIVE)));
  }

  @Test
  void everyGenesisAccountStartsWithHivedsAccountCreatedVirtualOperationInBlock1() throws Exception {
    JsonNode alice = history("{\"account\":\"alice\"}");
    assertEquals(1, alice.size());
    JsonNode entry = alice.get(0).get(1);
    assertEquals(0, alice.get(0).get(0).asInt());
    assertEquals("account_created_operation", entry.at("/op/type").asText());
    assertEquals("alice", entry.at("/op/value/new_account_name").asText());
    assertEquals("alice", entry.at("/op/value/creator").asText(), "process_genesis_accounts: its own creator");
    assertEquals("@@000000037", entry.at("/op/value/initial_vesting_shares/nai").asText());
    assertEquals(1, entry.get("block").asInt());
    assertEquals(4294967295L, entry.get("trx_in_block").asLong());
    assertEquals(2, entry.get("op_in_trx").asInt(), "the second genesis account; hived counts from 1");
    assertTrue(entry.get("virtual_op").asBoolean());
    assertEquals(ZERO_ID, entry.get("trx_id").asText());
  }

  @Test
  void aTransferIsInBothAccountsHistoriesOnceWithTheIdOfTheBlocksTransaction() throws Exception {
    sendTransfer("carol", "alice", 1);
    String id = sendTransfer("alice", "bob", 2_500);
    ProducedBlock block = chain.produceBlock();
    JsonNode blockJson = call("block_api", "get_block", "{\"block_num\":" + block.number() + "}").get("block");
    assertEquals(id, blockJson.at("/transaction_ids/1").asText());
    for (String account : List.of("alice", "bob")) {
      List<JsonNode> found = new ArrayList<>();
      for (JsonNode pair : history("{\"account\":\"" + account + "\",\"start\":-1,\"limit\":100}")) {
        if (pair.get(1).get("trx_id").asText().equals(id)) {
          found.add(pair.get(1));
        }
      }
      assertEquals(1, found.size(), account);
      JsonNode entry = found.get(0);
      assertEquals(block.number(), entry.get("block").asLong());
      assertEquals(1, entry.get("trx_in_block").asInt());
      assertEquals(0, entry.get("op_in_trx").asInt());
      assertFalse(entry.get("virtual_op").asBoolean());
      assertEquals(blockJson.get("timestamp"), entry.get("timestamp"));
      assertEquals(0, entry.get("operation_id").asInt());
      assertEquals(blockJson.at("/transactions/1/operations/0"), entry.get("op"));
      assertEquals("2500", entry.at("/op/value/amount/amount").asText());
    }
    for (JsonNode pair : history("{\"account\":\"initminer\"}")) {
      assertFalse(pair.get(1).get("trx_id").asText().equals(id), "not an impacted account");
    }
  }

  @Test
  void customJsonGoesToItsRequiredAccountsAndAnUpdateToItsAccount() throws Exception {
    send(wallet.signed(customJson(List.of("alice"), List.of(), "hivesafe", "{}"), key("alice", KeyRole.ACTIVE)));
    send(wallet.signed(customJson(List.of(), List.of("bob", "carol"), "hivesafe", "{}"), key("bob", KeyRole.POSTING),
        key("carol", KeyRole.POSTING)));
    send(wallet.signed(new AccountUpdateOperation(name("carol"), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        "{}"), key("carol", KeyRole.ACTIVE)));
    chain.produceBlock();
    assertEquals(List.of("account_created_operation", "custom_json_operation"), opTypes(history("{\"account\":\"alice\"}")));
    assertEquals(List.of("account_created_operation", "custom_json_operation"), opTypes(history("{\"account\":\"bob\"}")));
    assertEquals(List.of("account_created_operation", "custom_json_operation", "account_update_operation"),
        opTypes(history("{\"account\":\"carol\"}")));
  }

  @Test
  void pagingBackFromMinusOneVisitsEveryEntryOnceInAscendingPages() throws Exception {
    for (int i = 0; i < 4; i++) {
      sendTransfer("alice", "bob", 1 + i);
      sendTransfer("bob", "alice", 1 + i);
      chain.produceBlock();
    }
    int size = chain.accountHistorySize(name("alice"), false);
    assertEquals(9, size, "account_created and 8 transfers");
    List<Integer> seen = new ArrayList<>();
    long start = -1;
    while (true) {
      long limit = start == -1 ? 4 : Math.min(4, start + 1); // hived wants start >= limit-1
      List<Integer> page = sequences(history("{\"account\":\"alice\",\"start\":" + start + ",\"limit\":" + limit + "}"));
      assertEquals(limit, page.size());
      List<Integer> sorted = new ArrayList<>(page);
      sorted.sort(null);
      assertEquals(sorted, page, "ascending");
      seen.addAll(0, page);
      if (page.get(0) == 0) {
        break;
      }
      start = page.get(0) - 1;
    }
    assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8), seen);
    assertEquals(List.of(5, 6, 7, 8), sequences(history("{\"account\":\"alice\",\"limit\":4}")), "start omitted = newest");
  }

  @Test
  void startAndLimitEdgesAreHiveds() throws Exception {
    for (int i = 0; i < 3; i++) {
      sendTransfer("alice", "bob", 1 + i);
    }
    chain.produceBlock();
    assertEquals(List.of(0, 1, 2, 3), sequences(history("{\"account\":\"alice\"}")), "defaults: start -1, limit 1000");
    assertEquals(List.of(2, 3), sequences(history("{\"account\":\"alice\",\"start\":1000000,\"limit\":2}")), "start past the newest");
    assertEquals(List.of(0), sequences(history("{\"account\":\"alice\",\"start\":0,\"limit\":1}")));
    assertEquals(List.of(1, 2), sequences(history("{\"account\":\"alice\",\"start\":\"2\",\"limit\":\"2\"}")), "numbers in strings");
    assertEquals(List.of(0, 1, 2, 3), sequences(history("{\"account\":\"alice\",\"start\":3,\"limit\":4}")));
    assertEquals(0, history("{\"account\":\"alice\",\"start\":-1,\"limit\":0}").size(), "limit 0 with start -1");
    assertEquals(0, history("{\"account\":\"nobody\"}").size(), "an unknown account has an empty history");
    assertEquals(0, history("{\"account\":\"NOT VALID\"}").size());
    assertEquals(1000, HistoryMethods.MAX_LIMIT);
    assertEquals(4, history("{\"account\":\"alice\",\"start\":-1,\"limit\":1000}").size());

    String startMessage = "Assert Exception:args.start >= args.limit-1: start must be greater than or equal to limit-1 (start is 0-based index)";
    JsonRpcError tooLowStart = historyError("{\"account\":\"alice\",\"start\":2,\"limit\":5}");
    assertEquals(-32003, tooLowStart.code());
    assertEquals(startMessage, tooLowStart.toJson().get("message").asText());
    assertEquals(startMessage, historyError("{\"account\":\"alice\",\"start\":5,\"limit\":0}").toJson().get("message").asText(),
        "hived's uint32 limit-1 wraps for limit 0");
    assertEquals(startMessage, historyError("{\"account\":\"alice\",\"start\":3,\"limit\":1000}").toJson().get("message").asText());
  }

  @Test
  void limit1001AndABadIncludeReversibleGetHivedsErrors() throws Exception {
    JsonRpcError over = historyError("{\"account\":\"alice\",\"limit\":1001}");
    assertEquals(-32003, over.code());
    assertEquals("Assert Exception:args.limit <= 1000: limit of 1001 is greater than maxmimum allowed", over.toJson().get("message").asText());
    assertEquals("assert_exception", over.toJson().at("/data/name").asText());
    JsonNode recorded = Fixtures.json("errors/account_history_api/get_account_history/invalid_limit.json");
    JsonRpcError fiveThousand = historyError("{\"account\":\"gtg\",\"limit\":5000}");
    assertEquals(recorded.get("code").asInt(), fiveThousand.code());
    assertEquals(recorded.get("message").asText(), fiveThousand.toJson().get("message").asText());
    JsonNode badBool = Fixtures.json("errors/account_history_api/get_account_history/invalid_include_reversible.json");
    JsonRpcError x = historyError("{\"account\":\"gtg\",\"include_reversible\":\"x\"}");
    assertEquals(badBool.get("code").asInt(), x.code());
    assertEquals(badBool.get("message").asText(), x.toJson().get("message").asText());
    assertEquals("Assert Exception:args.limit <= 1000: limit of 4294967295 is greater than maxmimum allowed",
        historyError("{\"account\":\"alice\",\"limit\":-1}").toJson().get("message").asText(), "a uint32, as fc converts it");
  }

  @Test
  void withoutIncludeReversibleOnlyIrreversibleBlocksAreSeen() throws Exception {
    DevnetChain lagging = new DevnetChain(DevnetConfig.testnet().withIrreversibleLag(2));
    DevnetApi lagApi = new DevnetApi(lagging);
    lagging.produceBlocks(2);
    assertTrue(lagging.broadcast(TestTransactions.transfer(lagging, "alice", "bob", 1_000, "")).isAccepted());
    ProducedBlock block = lagging.produceBlock();
    String account = "{\"account\":\"bob\",\"include_reversible\":";
    assertEquals(2, lagApi.call("account_history_api", "get_account_history", JSON.readTree(account + "true}"), BroadcastFate.KEEP)
        .get("history").size());
    assertEquals(1, lagApi.call("account_history_api", "get_account_history", JSON.readTree(account + "false}"), BroadcastFate.KEEP)
        .get("history").size());
    assertEquals(1, lagApi.call("account_history_api", "get_account_history", JSON.readTree("{\"account\":\"bob\"}"), BroadcastFate.KEEP)
        .get("history").size(), "the default is irreversible only");
    assertEquals(1, lagApi.call("condenser_api", "get_account_history", JSON.readTree("[\"bob\",-1,10]"), BroadcastFate.KEEP).size(),
        "condenser_api cannot ask for reversible blocks");
    lagging.produceBlocks(2);
    assertEquals(block.number(), lagging.lastIrreversibleBlockNumber());
    assertEquals(2, lagApi.call("account_history_api", "get_account_history", JSON.readTree("{\"account\":\"bob\"}"), BroadcastFate.KEEP)
        .get("history").size());
    assertEquals(2, lagApi.call("condenser_api", "get_account_history", JSON.readTree("[\"bob\",-1,10]"), BroadcastFate.KEEP).size());
  }

  @Test
  void filtersSelectByOperationIdBitLowAndHigh() throws Exception {
    send(wallet.signed(customJson(List.of(), List.of("alice"), "hivesafe", "{}"), key("alice", KeyRole.POSTING)));
    sendTransfer("alice", "bob", 1);
    chain.virtualTransfer(name("alice"), name("carol"), hive(5));
    chain.produceBlock();
    String base = "{\"account\":\"alice\",";
    assertEquals(List.of("transfer_operation"), opTypes(history(base + "\"operation_filter_low\":4}")));
    assertEquals(List.of("custom_json_operation"), opTypes(history(base + "\"operation_filter_low\":262144}")));
    assertEquals(List.of("custom_json_operation", "transfer_operation"), opTypes(history(base + "\"operation_filter_low\":262148}")));
    assertEquals(List.of("fill_recurrent_transfer_operation"), opTypes(history(base + "\"operation_filter_high\":524288}")));
    assertEquals(List.of("account_created_operation", "fill_recurrent_transfer_operation"),
        opTypes(history(base + "\"operation_filter_high\":589824}")), "bits 16 and 19 of high: ids 80 and 83");
    assertEquals(0, history(base + "\"operation_filter_low\":0}").size(), "a filter given as 0 selects nothing, as hived's optional does");
    assertEquals(4, history(base + "\"operation_filter_low\":null}").size(), "null is no filter");
    assertEquals(List.of(2), sequences(history(base + "\"operation_filter_low\":4,\"limit\":1}")));
    assertEquals(List.of("transfer_operation"), opTypes(call("account_history_api", "get_account_history",
        "{\"account\":\"alice\",\"operation_filter_low\":\"4\",\"operation_filter_high\":\"0\"}").get("history")));
    JsonNode condenser = call("condenser_api", "get_account_history", "[\"alice\",-1,10,4]");
    assertEquals(1, condenser.size());
    assertEquals("transfer", condenser.at("/0/1/op/0").asText());
    assertEquals(1, call("condenser_api", "get_account_history", "[\"alice\",-1,10,0,524288]").size());
  }

  @Test
  void aFilteredQueryLooksAtNoMoreThan2000EntriesAsHivedDoes() throws Exception {
    sendTransfer("alice", "bob", 1);
    chain.produceBlock();
    for (int i = 0; i < 2_000; i++) {
      chain.virtualTransfer(name("alice"), name("carol"), hive(1));
    }
    chain.produceBlock();
    assertEquals(2_002, chain.accountHistorySize(name("alice"), false));
    JsonRpcError notFound = historyError("{\"account\":\"alice\",\"operation_filter_low\":4,\"limit\":1}");
    assertEquals(-32003, notFound.code());
    assertEquals("Assert Exception:total_processed_items < 2000: Could not find filtered operation in 2000 operations, "
        + "to continue searching, set start=1.", notFound.toJson().get("message").asText());
    assertEquals(List.of(1), sequences(history("{\"account\":\"alice\",\"operation_filter_low\":4,\"start\":1,\"limit\":1}")));
    assertEquals(List.of(1), sequences(history("{\"account\":\"alice\",\"operation_filter_low\":4,\"start\":2000,\"limit\":1}")),
        "2000 entries from 2000 reach sequence 1");
    String both = "{\"account\":\"alice\",\"operation_filter_low\":4,\"operation_filter_high\":65536,\"limit\":5,\"start\":";
    assertEquals(List.of(1), sequences(history(both + "2000}")), "some found within 2000 entries: hived answers with those");
    assertEquals(List.of(0, 1), sequences(history(both + "1999}")), "fewer than the limit when the entries run out: no error");
    assertEquals(1_000, history("{\"account\":\"alice\",\"operation_filter_high\":524288}").size());
  }

  @Test
  void aVirtualTransferMovesFundsInTheNextBlockAndIsAVirtualOperationInBothHistories() throws Exception {
    Asset aliceBefore = chain.account(name("alice")).orElseThrow().hive();
    Asset bobBefore = chain.account(name("bob")).orElseThrow().hive();
    chain.virtualTransfer(name("alice"), name("bob"), hive(250_000), "savings out");
    assertEquals(aliceBefore, chain.account(name("alice")).orElseThrow().hive(), "nothing moves before the block");
    assertEquals(1, chain.pendingVirtualTransfers());
    ProducedBlock block = chain.produceBlock();
    assertEquals(0, block.transactions().size(), "no transaction shows it");
    assertEquals(aliceBefore.minus(hive(250_000)), chain.account(name("alice")).orElseThrow().hive());
    assertEquals(bobBefore.plus(hive(250_000)), chain.account(name("bob")).orElseThrow().hive());
    assertEquals(0, chain.pendingVirtualTransfers());
    for (String account : List.of("alice", "bob")) {
      JsonNode entry = history("{\"account\":\"" + account + "\",\"limit\":1}").get(0).get(1);
      assertTrue(entry.get("virtual_op").asBoolean(), account);
      assertEquals(ZERO_ID, entry.get("trx_id").asText());
      assertEquals(block.number(), entry.get("block").asLong());
      assertEquals(4294967295L, entry.get("trx_in_block").asLong());
      assertEquals(1, entry.get("op_in_trx").asInt());
      JsonNode op = entry.get("op");
      assertEquals("fill_recurrent_transfer_operation", op.get("type").asText());
      assertEquals(List.of("from", "to", "amount", "memo", "remaining_executions", "extensions"), fieldNames(op.get("value")));
      assertEquals("alice", op.at("/value/from").asText());
      assertEquals("bob", op.at("/value/to").asText());
      assertEquals("250000", op.at("/value/amount/amount").asText());
      assertEquals("savings out", op.at("/value/memo").asText());
      assertEquals(0, op.at("/value/remaining_executions").asInt());
      // the shape of a recorded virtual operation outside a transaction (producer_reward), whatever the operation
      JsonNode recorded = null;
      for (JsonNode o : Fixtures.json("account_history_api/get_ops_in_block/block_4502370.json").get("ops")) {
        if (o.get("trx_in_block").asLong() == 4294967295L) {
          recorded = o;
        }
      }
      ObjectNode ours = entry.deepCopy();
      ours.set("op", recorded.get("op"));
      assertEquals(List.of(), JsonShapes.differences(recorded, ours));
      assertEquals(recorded.get("trx_id"), entry.get("trx_id"));
    }
    JsonNode legacy = call("condenser_api", "get_account_history", "[\"bob\",-1,1]").get(0).get(1);
    assertEquals("fill_recurrent_transfer", legacy.at("/op/0").asText());
    assertEquals("250.000 TESTS", legacy.at("/op/1/amount").asText());
  }

  @Test
  void aShortVirtualTransferFailsLoudlyAndChangesNothing() {
    long balance = chain.account(name("alice")).orElseThrow().hive().amount();
    chain.virtualTransfer(name("alice"), name("bob"), hive(balance - 10));
    IllegalStateException shortOfQueued = assertThrows(IllegalStateException.class,
        () -> chain.virtualTransfer(name("alice"), name("bob"), hive(11)));
    assertTrue(shortOfQueued.getMessage().contains("short"), shortOfQueued.getMessage());
    assertThrows(IllegalStateException.class, () -> chain.virtualTransfer(name("alice"), name("bob"), Asset.of(1_000_001, AssetSymbol.HBD)));
    assertThrows(IllegalArgumentException.class, () -> chain.virtualTransfer(name("alice"), name("zed"), hive(1)));
    assertThrows(IllegalArgumentException.class, () -> chain.virtualTransfer(name("alice"), name("bob"), hive(0)));
    assertThrows(IllegalArgumentException.class, () -> chain.virtualTransfer(name("bob"), name("bob"), hive(1)), "not to oneself");
    assertThrows(IllegalArgumentException.class, () -> chain.virtualTransfer(name("alice"), name("bob"), Asset.of(1, AssetSymbol.VESTS)));
    assertEquals(1, chain.pendingVirtualTransfers());
    chain.virtualTransfer(name("alice"), name("bob"), hive(10));
    chain.produceBlock();
    assertEquals(0, chain.account(name("alice")).orElseThrow().hive().amount());
  }

  @Test
  void aBroadcastThatSpendsAVirtualTransfersFundsStopsTheNextBlockBeforeAnyChange() {
    long balance = chain.account(name("alice")).orElseThrow().hive().amount();
    chain.virtualTransfer(name("alice"), name("bob"), hive(balance));
    sendTransfer("alice", "carol", 1);
    long head = chain.headBlockNumber();
    IllegalStateException e = assertThrows(IllegalStateException.class, chain::produceBlock);
    assertTrue(e.getMessage().contains("cannot produce"), e.getMessage());
    assertEquals(head, chain.headBlockNumber());
    assertEquals(1, chain.pendingCount());
  }

  @Test
  void theCondenserFormIsLegacyWithoutOperationIdAndChecksItsArguments() throws Exception {
    sendTransfer("alice", "bob", 1_372);
    chain.produceBlock();
    JsonNode legacy = call("condenser_api", "get_account_history", "[\"alice\",-1,2]");
    assertEquals(List.of(0, 1), sequences(legacy));
    JsonNode entry = legacy.get(1).get(1);
    assertEquals(List.of("trx_id", "block", "trx_in_block", "op_in_trx", "virtual_op", "timestamp", "op"), fieldNames(entry));
    assertEquals("transfer", entry.at("/op/0").asText());
    assertEquals("1.372 TESTS", entry.at("/op/1/amount").asText());
    JsonNode hf26 = history("{\"account\":\"alice\",\"limit\":1}").get(0).get(1);
    assertEquals(List.of("trx_id", "block", "trx_in_block", "op_in_trx", "virtual_op", "timestamp", "op", "operation_id"), fieldNames(hf26));
    assertEquals(hf26.get("trx_id"), entry.get("trx_id"));
    JsonRpcError twoArgs = assertThrows(JsonRpcError.class, () -> call("condenser_api", "get_account_history", "[\"alice\",-1]"));
    assertEquals(-32003, twoArgs.code());
    assertEquals("Assert Exception:args.size() == 3 || args.size() == 4 || args.size() == 5: Expected 3, 4, or 5 argument(s), was 2",
        twoArgs.toJson().get("message").asText());
    assertEquals(-32003, assertThrows(JsonRpcError.class, () -> call("condenser_api", "get_account_history", "[\"alice\",-1,1001]")).code());
  }

  @Test
  void entriesHaveTheRecordedShapesOfBothForms() throws Exception {
    sendTransfer("alice", "bob", 1);
    send(wallet.signed(customJson(List.of(), List.of("alice"), "follow", "{}"), key("alice", KeyRole.POSTING)));
    chain.produceBlock();
    JsonNode hf26 = history("{\"account\":\"alice\",\"start\":2,\"limit\":2}");
    JsonNode recordedTransfer = Fixtures.json("account_history_api/get_account_history/transfer_operation.json").get("history").get(0);
    JsonNode recordedCustom = Fixtures.json("account_history_api/get_account_history/random18.json").get("history").get(0);
    assertEquals(List.of(), JsonShapes.differences(recordedTransfer, hf26.get(0)));
    assertEquals(List.of(), JsonShapes.differences(recordedCustom, hf26.get(1)));
    JsonNode legacy = call("condenser_api", "get_account_history", "[\"alice\",1,1]");
    JsonNode recordedLegacy = Fixtures.json("condenser_api/get_account_history/transfer_operation.json").get(0);
    assertEquals(List.of(), JsonShapes.differences(recordedLegacy, legacy.get(0)));
  }

  private static List<String> fieldNames(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
