package io.hivesafe.devnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hivesafe.hive.Fixtures;
import io.hivesafe.hive.crypto.PublicKey;
import io.hivesafe.hive.json.JsonForm;
import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.protocol.SymbolNames;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The writers' JSON has hived's shapes: every field of the recorded fixtures, with the same kind of value. */
class HivedShapesTest {
  private static DevnetChain chain;
  private static ProducedBlock withTransfer;
  private static String transferId;

  @BeforeAll
  static void chainWithATransfer() {
    chain = new DevnetChain(DevnetConfig.testnet());
    Admission sent = chain.broadcast(TestTransactions.transfer(chain, "alice", "bob", 1_000, "shapes"));
    assertTrue(sent.isAccepted(), sent.toString());
    transferId = sent.id().orElseThrow().toHex();
    withTransfer = chain.produceBlock();
  }

  private static JsonNode firstBlockWithTransfer(JsonNode blocks) {
    for (JsonNode block : blocks) {
      for (JsonNode tx : block.get("transactions")) {
        JsonNode op = tx.get("operations").get(0);
        if (op.path("type").asText().equals("transfer_operation") || op.path(0).asText().equals("transfer")) {
          return block;
        }
      }
    }
    throw new AssertionError("no block with a transfer in the fixture");
  }

  @Test
  void blockApiBlockHasTheFieldsOfGetBlockAndItsTransferTheFormOfGetBlockRange() {
    ObjectNode ours = new BlockJsonWriter(SymbolNames.TESTNET).write(withTransfer, JsonForm.HF26);
    assertEquals(List.of(), JsonShapes.differences(Fixtures.json("block_api/get_block/one.json").get("block"),
        new BlockJsonWriter(SymbolNames.TESTNET).write(chain.block(1).orElseThrow(), JsonForm.HF26)));
    JsonNode recorded = firstBlockWithTransfer(Fixtures.json("block_api/get_block_range/milion.json").get("blocks"));
    JsonNode recordedTransfer = null;
    for (JsonNode tx : recorded.get("transactions")) {
      if (tx.get("operations").get(0).get("type").asText().equals("transfer_operation")) {
        recordedTransfer = tx;
      }
    }
    assertEquals(List.of(), JsonShapes.differences(recordedTransfer, ours.get("transactions").get(0)));
    assertEquals(List.of(), JsonShapes.differences(recorded, ours));
    assertEquals("@@000000021", ours.at("/transactions/0/operations/0/value/amount/nai").asText());
    assertEquals(transferId, ours.at("/transaction_ids/0").asText());
    assertEquals(withTransfer.id().toHex(), ours.get("block_id").asText());
  }

  @Test
  void blockHeadersHaveTheFieldsOfBothGetBlockHeaderFixtures() throws Exception {
    ObjectNode header = new BlockJsonWriter(SymbolNames.TESTNET).writeHeader(withTransfer);
    assertEquals(List.of(), JsonShapes.differences(Fixtures.json("condenser_api/get_block_header/one.json"), header));
    assertEquals(List.of(), JsonShapes.differences(Fixtures.json("block_api/get_block_header/milion.json").get("header"), header));
    assertEquals(withTransfer.merkleRootHex(), header.get("transaction_merkle_root").asText());
    DevnetApi api = new DevnetApi(chain);
    JsonNode viaApi = api.call("block_api", "get_block_header",
        new com.fasterxml.jackson.databind.ObjectMapper().readTree("{\"block_num\":" + withTransfer.number() + "}"), BroadcastFate.KEEP);
    assertEquals(header, viaApi.get("header"));
    assertTrue(api.call("condenser_api", "get_block_header",
        new com.fasterxml.jackson.databind.ObjectMapper().readTree("[999999]"), BroadcastFate.KEEP).isNull());
  }

  @Test
  void condenserBlockHasTheFieldsOfCondenserGetBlockWithLegacyOperationsAndTestsSymbols() {
    ObjectNode ours = new BlockJsonWriter(SymbolNames.TESTNET).write(withTransfer, JsonForm.LEGACY);
    JsonNode recorded = Fixtures.json("condenser_api/get_block/check_trx_hash_uniqness.json");
    // The recorded block holds pow operations; compare the block and the transaction envelope, then the transfer by hand.
    JsonNode recordedTx = recorded.get("transactions").get(0);
    ObjectNode ourTx = ((ObjectNode) ours.get("transactions").get(0)).deepCopy();
    ourTx.set("operations", recordedTx.get("operations"));
    assertEquals(List.of(), JsonShapes.differences(recordedTx, ourTx));
    assertEquals(List.of(), JsonShapes.differences(Fixtures.json("condenser_api/get_block/one.json"),
        new BlockJsonWriter(SymbolNames.TESTNET).write(chain.block(1).orElseThrow(), JsonForm.LEGACY)));
    JsonNode transfer = ours.at("/transactions/0/operations/0");
    assertEquals("transfer", transfer.get(0).asText());
    assertEquals("1.000 TESTS", transfer.get(1).get("amount").asText());
    assertEquals(withTransfer.number(), ours.at("/transactions/0/block_num").asLong());
    assertEquals(0, ours.at("/transactions/0/transaction_num").asInt());
    assertEquals(ours.at("/transaction_ids/0"), ours.at("/transactions/0/transaction_id"));
  }

  @Test
  void dynamicGlobalPropertiesHaveEveryRecordedField() {
    ChainProperties properties = chain.properties();
    PropertiesJsonWriter writer = new PropertiesJsonWriter(SymbolNames.TESTNET);
    ObjectNode database = writer.write(properties, JsonForm.HF26);
    ObjectNode condenser = writer.write(properties, JsonForm.LEGACY);
    assertEquals(List.of(), JsonShapes.differences(Fixtures.json("database_api/get_dynamic_global_properties/get.json"), database));
    assertEquals(List.of(), JsonShapes.differences(Fixtures.json("condenser_api/get_dynamic_global_properties/get.json"), condenser));
    assertEquals(chain.head().id().toHex(), database.get("head_block_id").asText());
    assertEquals(chain.headBlockNumber(), condenser.get("head_block_number").asLong());
    assertEquals("1003000.000 TESTS", condenser.get("current_supply").asText());
    assertEquals("1003000.000 TBD", condenser.get("current_hbd_supply").asText());
    assertEquals("2006000.000 TESTS", condenser.get("virtual_supply").asText());
    assertEquals("1003000000", database.at("/current_supply/amount").asText());
  }

  @Test
  void accountsHaveEveryRecordedFieldAndHivedsNullMemoKey() {
    ChainAccount alice = chain.account(AccountName.of("alice")).orElseThrow();
    AccountJsonWriter writer = new AccountJsonWriter(SymbolNames.TESTNET);
    ObjectNode database = writer.write(alice, 1, JsonForm.HF26);
    ObjectNode condenser = writer.write(alice, 1, JsonForm.LEGACY);
    // previous_owner_update: in hived 1.28's api_account_object, newer than the recording.
    assertEquals(List.of(), JsonShapes.differences(Fixtures.json("database_api/find_accounts/find.json").get("accounts").get(0), database,
        "previous_owner_update"));
    assertEquals(List.of(), JsonShapes.differences(Fixtures.json("condenser_api/get_accounts/get.json").get(0), condenser));
    assertEquals("999.000 TESTS", condenser.get("balance").asText());
    assertEquals("999000", database.at("/balance/amount").asText());
    assertEquals(alice.memoKey().orElseThrow().toString(), database.get("memo_key").asText());
    ChainAccount noMemo = new ChainAccount(alice.name(), alice.owner(), alice.active(), alice.posting(), Optional.empty(),
        alice.hive(), alice.hbd(), "", "", alice.created(), alice.lastOwnerUpdate(), alice.previousOwnerUpdate(), alice.lastAccountUpdate(),
        alice.recoveryAccount());
    assertEquals(PublicKey.nullKeyString(), writer.write(noMemo, 1, JsonForm.HF26).get("memo_key").asText());
  }
}
