package io.hivesafe.hive.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.hivesafe.hive.Fixtures;
import io.hivesafe.hive.HiveFormatException;
import io.hivesafe.hive.protocol.Asset;
import io.hivesafe.hive.protocol.Block;
import io.hivesafe.hive.protocol.BlockTransaction;
import io.hivesafe.hive.protocol.CustomJsonOperation;
import io.hivesafe.hive.protocol.Operation;
import io.hivesafe.hive.protocol.OtherOperation;
import io.hivesafe.hive.protocol.TransferOperation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every block, transaction and operation recorded under ../shared/fixtures/hive parses. */
class FixtureParsingTest {
  @Test
  void everyBlockApiBlockParses() {
    long previous = 0;
    int blocks = 0;
    int transactions = 0;
    for (String range : List.of("block_api/get_block_range/one.json", "block_api/get_block_range/milion.json")) {
      previous = 0;
      for (JsonNode node : Fixtures.json(range).get("blocks")) {
        Block block = BlockJson.read(node);
        if (previous != 0) {
          assertEquals(previous + 1, block.number());
        }
        previous = block.number();
        blocks++;
        transactions += block.transactions().size();
      }
    }
    assertEquals(2000, blocks);
    assertEquals(82, transactions);
    assertEquals(1, BlockJson.read(Fixtures.json("block_api/get_block/one.json").get("block")).number());
    assertEquals(1_000_000, BlockJson.read(Fixtures.json("block_api/get_block/milion.json").get("block")).number());
    assertTrue(Fixtures.json("block_api/get_block_range/non_existing.json").get("blocks").isEmpty());
  }

  @Test
  void condenserBlocksParseWithTheirTransactionIds() {
    Block block = BlockJson.read(Fixtures.json("condenser_api/get_block/check_trx_hash_uniqness.json"));
    assertEquals(1092, block.number());
    assertEquals(4, block.transactions().size());
    for (BlockTransaction tx : block.transactions()) {
      assertInstanceOf(OtherOperation.class, tx.transaction().operations().get(0));
      assertEquals("pow", tx.transaction().operations().get(0).name());
    }
    assertEquals(1, BlockJson.read(Fixtures.json("condenser_api/get_block/one.json")).number());
    assertEquals(1_000_000, BlockJson.read(Fixtures.json("condenser_api/get_block/milion.json")).number());
  }

  @Test
  void bothFormsOfTheSameBlockAgree() {
    JsonNode hf26 = Fixtures.json("block_api/get_block_range/milion.json").get("blocks").get(0);
    Block condenser = BlockJson.read(Fixtures.json("condenser_api/get_block/milion.json"));
    assertEquals(BlockJson.read(hf26), condenser);
  }

  @Test
  void everyRecordedOperationParses() throws IOException {
    List<Operation> ops = new ArrayList<>();
    try (Stream<Path> files = Files.walk(Fixtures.hive(""))) {
      for (Path file : files.filter(p -> p.toString().endsWith(".json") && !p.toString().contains("/errors/")).toList()) {
        collectOperations(Fixtures.MAPPER.readTree(file.toFile()), ops);
      }
    }
    long transfers = ops.stream().filter(TransferOperation.class::isInstance).count();
    long customJsons = ops.stream().filter(CustomJsonOperation.class::isInstance).count();
    assertTrue(transfers >= 30, "transfers: " + transfers);
    assertTrue(customJsons >= 20, "custom_jsons: " + customJsons);
    assertTrue(ops.stream().anyMatch(op -> op.name().equals("account_update")));
    assertTrue(ops.stream().anyMatch(op -> op.name().equals("comment") && op instanceof OtherOperation));
  }

  /** Finds every operation anywhere in a response, in either form, and parses it. */
  private static void collectOperations(JsonNode node, List<Operation> ops) {
    if (node.isObject()) {
      if (node.has("op") && (node.get("op").isArray() || node.get("op").isObject())) {
        ops.add(OperationJson.read(node.get("op")));
      }
      if (node.has("operations") && node.get("operations").isArray()) {
        for (JsonNode op : node.get("operations")) {
          ops.add(OperationJson.read(op));
        }
      }
      node.elements().forEachRemaining(child -> collectOperations(child, ops));
    } else if (node.isArray()) {
      node.elements().forEachRemaining(child -> collectOperations(child, ops));
    }
  }

  @Test
  void accountBalancesParseInBothForms() {
    JsonNode hf26 = Fixtures.json("database_api/find_accounts/find.json").get("accounts").get(0);
    JsonNode legacy = Fixtures.json("condenser_api/get_accounts/get.json").get(0);
    Asset fromNai = AssetJson.read(hf26.get("balance"));
    Asset fromLegacy = AssetJson.read(legacy.get("balance"));
    assertEquals(fromNai, fromLegacy);
    assertEquals(AssetJson.read(hf26.get("vesting_shares")), AssetJson.read(legacy.get("vesting_shares")));
    assertEquals(AuthorityJson.read(hf26.get("owner")), AuthorityJson.read(legacy.get("owner")));
  }

  @Test
  void malformedBlocksFailWithAClearError() {
    JsonNode good = null;
    for (JsonNode candidate : Fixtures.json("block_api/get_block_range/milion.json").get("blocks")) {
      if (!candidate.get("transactions").isEmpty()) {
        good = candidate;
        break;
      }
    }
    BlockJson.read(good);
    com.fasterxml.jackson.databind.node.ObjectNode noIds = good.deepCopy();
    noIds.remove("transaction_ids");
    com.fasterxml.jackson.databind.node.ObjectNode badId = good.deepCopy();
    badId.put("block_id", "zz");
    com.fasterxml.jackson.databind.node.ObjectNode gap = good.deepCopy();
    gap.put("previous", "0000000100000000000000000000000000000000");
    for (JsonNode bad : List.of(noIds, badId, gap)) {
      assertThrows(HiveFormatException.class, () -> BlockJson.read(bad));
    }
  }
}
