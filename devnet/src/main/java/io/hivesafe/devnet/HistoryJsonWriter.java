package io.hivesafe.devnet;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hivesafe.hive.json.JsonFields;
import io.hivesafe.hive.json.JsonForm;
import io.hivesafe.hive.protocol.SymbolNames;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;

/**
 * Account history as hived's APIs show it: a JSON array of {@code [sequence, operation object]} pairs in
 * ascending sequence order (fc's form of a {@code std::map<uint32_t, …>}), each operation object with
 * hived's fields in hived's order:
 *
 * <ul>
 *   <li>{@link JsonForm#HF26} — account_history_api's api_operation_object: trx_id, block, trx_in_block,
 *       op_in_trx, virtual_op, timestamp, op ({@code {"type","value"}}, NAI assets), operation_id — always
 *       0 here, since get_account_history's constructor never sets it (account_history_api.hpp);
 *   <li>{@link JsonForm#LEGACY} — condenser_api's api_operation_object: the same without operation_id,
 *       op as {@code ["transfer",{…}]} with asset strings.
 * </ul>
 */
final class HistoryJsonWriter {
  private final SymbolNames names;

  HistoryJsonWriter(SymbolNames names) {
    this.names = Objects.requireNonNull(names, "names");
  }

  ArrayNode write(SortedMap<Integer, HistoryEntry> history, JsonForm form) {
    ArrayNode list = JsonNodeFactory.instance.arrayNode();
    for (Map.Entry<Integer, HistoryEntry> e : history.entrySet()) {
      list.addArray().add(e.getKey()).add(write(e.getValue(), form));
    }
    return list;
  }

  ObjectNode write(HistoryEntry entry, JsonForm form) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("trx_id", entry.trxId().toHex());
    node.put("block", entry.block());
    node.put("trx_in_block", entry.trxInBlock());
    node.put("op_in_trx", entry.opInTrx());
    node.put("virtual_op", entry.virtualOp());
    node.put("timestamp", JsonFields.formatTime(entry.timestamp()));
    node.set("op", entry.operation().toJson(form, names));
    if (form == JsonForm.HF26) {
      node.put("operation_id", 0);
    }
    return node;
  }
}
