package io.hivesafe.hive.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hivesafe.hive.HiveFormatException;
import io.hivesafe.hive.crypto.CompactSignature;
import io.hivesafe.hive.protocol.Operation;
import io.hivesafe.hive.protocol.SymbolNames;
import io.hivesafe.hive.protocol.Transaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Transactions in either JSON form; reading accepts both (and a mixture, as hived does). */
public final class TransactionJson {
  private TransactionJson() {}

  /** Reads either form; legacy asset symbols of any network are accepted (blocks from any API, the devnet). */
  public static Transaction read(JsonNode node) {
    return read(node, Optional.empty());
  }

  /**
   * Reads either form as hived's parser on the network {@code names} stands for: legacy asset symbols must
   * be that network's ({@link SymbolNames#legacySymbol}).
   */
  public static Transaction read(JsonNode node, SymbolNames names) {
    return read(node, Optional.of(names));
  }

  private static Transaction read(JsonNode node, Optional<SymbolNames> names) {
    if (node == null || !node.isObject()) {
      throw new HiveFormatException("transaction must be a JSON object");
    }
    List<Operation> operations = new ArrayList<>();
    int index = 0;
    for (JsonNode op : JsonFields.array(node, "operations")) {
      try {
        operations.add(OperationJson.read(op, names));
      } catch (HiveFormatException e) {
        throw new HiveFormatException("operations[" + index + "]: " + e.getMessage(), e);
      }
      index++;
    }
    JsonNode extensions = node.get("extensions");
    if (extensions != null && !(extensions.isArray() && extensions.isEmpty())) {
      throw new HiveFormatException("transaction extensions must be empty");
    }
    List<CompactSignature> signatures = new ArrayList<>();
    JsonNode sigs = node.get("signatures");
    if (sigs != null && !sigs.isNull()) {
      if (!sigs.isArray()) {
        throw new HiveFormatException("signatures must be an array");
      }
      for (JsonNode sig : sigs) {
        if (!sig.isTextual()) {
          throw new HiveFormatException("signatures must be hex strings");
        }
        signatures.add(CompactSignature.fromHex(sig.asText()));
      }
    }
    return new Transaction(
        (int) JsonFields.integer(node, "ref_block_num", 0, 0xffff),
        JsonFields.integer(node, "ref_block_prefix", 0, 0xffffffffL),
        JsonFields.strictTime(node, "expiration"),
        operations,
        signatures);
  }

  public static ObjectNode write(Transaction tx, JsonForm form, SymbolNames names) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode node = f.objectNode();
    node.put("ref_block_num", tx.refBlockNum());
    node.put("ref_block_prefix", tx.refBlockPrefix());
    node.put("expiration", JsonFields.formatTime(tx.expiration()));
    ArrayNode ops = node.putArray("operations");
    for (Operation op : tx.operations()) {
      ops.add(OperationJson.write(op, form, names));
    }
    node.putArray("extensions");
    ArrayNode sigs = node.putArray("signatures");
    tx.signatures().forEach(s -> sigs.add(s.toHex()));
    return node;
  }
}
