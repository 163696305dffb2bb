package io.hivesafe.hive.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.hivesafe.hive.HiveFormatException;
import io.hivesafe.hive.protocol.Block;
import io.hivesafe.hive.protocol.BlockId;
import io.hivesafe.hive.protocol.BlockTransaction;
import io.hivesafe.hive.protocol.TransactionId;
import java.util.ArrayList;
import java.util.List;

/**
 * Blocks from block_api ({@code transaction_ids} parallel to {@code transactions}) or condenser_api
 * (each transaction carries {@code transaction_id}). Transaction ids are taken from the API, never
 * recomputed: a block can hold operations Hivesafe cannot serialize.
 */
public final class BlockJson {
  private BlockJson() {}

  public static Block read(JsonNode node) {
    if (node == null || !node.isObject()) {
      throw new HiveFormatException("block must be a JSON object");
    }
    BlockId id = BlockId.fromHex(JsonFields.text(node, "block_id"));
    try {
      return readFields(node, id);
    } catch (HiveFormatException e) {
      throw new HiveFormatException("block " + id.blockNumber() + ": " + e.getMessage(), e);
    }
  }

  private static Block readFields(JsonNode node, BlockId id) {
    JsonNode txs = JsonFields.array(node, "transactions");
    JsonNode ids = node.get("transaction_ids");
    if (ids != null && (!ids.isArray() || ids.size() != txs.size())) {
      throw new HiveFormatException("transaction_ids must be parallel to transactions");
    }
    List<BlockTransaction> transactions = new ArrayList<>(txs.size());
    for (int i = 0; i < txs.size(); i++) {
      JsonNode tx = txs.get(i);
      JsonNode txId = ids != null ? ids.get(i) : tx.get("transaction_id");
      if (txId == null || !txId.isTextual()) {
        throw new HiveFormatException("transaction " + i + " has no id");
      }
      try {
        transactions.add(new BlockTransaction(TransactionId.fromHex(txId.asText()), TransactionJson.read(tx)));
      } catch (HiveFormatException e) {
        throw new HiveFormatException("transaction " + i + ": " + e.getMessage(), e);
      }
    }
    return new Block(
        id,
        BlockId.fromHex(JsonFields.text(node, "previous")),
        JsonFields.time(node, "timestamp"),
        JsonFields.text(node, "witness"),
        transactions);
  }
}
