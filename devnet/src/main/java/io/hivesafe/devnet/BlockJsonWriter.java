package io.hivesafe.devnet;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hivesafe.hive.json.JsonFields;
import io.hivesafe.hive.json.JsonForm;
import io.hivesafe.hive.json.TransactionJson;
import io.hivesafe.hive.protocol.BlockTransaction;
import io.hivesafe.hive.protocol.SymbolNames;
import java.util.List;
import java.util.Objects;

/**
 * A produced block as hived's APIs show it (database_api's api_signed_block_object: the signed block's
 * fields, then block_id, signing_key and transaction_ids), in either JSON form:
 *
 * <ul>
 *   <li>{@link JsonForm#HF26} — block_api.get_block(_range): {@code {"type":"transfer_operation","value":…}}
 *       operations, NAI assets;
 *   <li>{@link JsonForm#LEGACY} — condenser_api.get_block: {@code ["transfer",{…}]} operations, asset
 *       strings in the chain's symbol names, and each transaction also carries transaction_id, block_num
 *       and transaction_num.
 * </ul>
 */
public final class BlockJsonWriter {
  private final SymbolNames names;

  public BlockJsonWriter(SymbolNames names) {
    this.names = Objects.requireNonNull(names, "names");
  }

  /** The header alone, as block_api/condenser_api get_block_header show it (the same in both forms). */
  public ObjectNode writeHeader(ProducedBlock block) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("previous", block.previous().toHex());
    node.put("timestamp", JsonFields.formatTime(block.timestamp()));
    node.put("witness", block.witness());
    node.put("transaction_merkle_root", block.merkleRootHex());
    node.putArray("extensions");
    return node;
  }

  public ObjectNode write(ProducedBlock block, JsonForm form) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("previous", block.previous().toHex());
    node.put("timestamp", JsonFields.formatTime(block.timestamp()));
    node.put("witness", block.witness());
    node.put("transaction_merkle_root", block.merkleRootHex());
    node.putArray("extensions");
    node.put("witness_signature", block.witnessSignature().toHex());
    ArrayNode transactions = node.putArray("transactions");
    List<BlockTransaction> included = block.transactions();
    for (int i = 0; i < included.size(); i++) {
      BlockTransaction tx = included.get(i);
      ObjectNode json = TransactionJson.write(tx.transaction(), form, names);
      if (form == JsonForm.LEGACY) {
        json.put("transaction_id", tx.id().toHex());
        json.put("block_num", block.number());
        json.put("transaction_num", i);
      }
      transactions.add(json);
    }
    node.put("block_id", block.id().toHex());
    node.put("signing_key", block.signingKey().toString());
    ArrayNode ids = node.putArray("transaction_ids");
    included.forEach(tx -> ids.add(tx.id().toHex()));
    return node;
  }
}
