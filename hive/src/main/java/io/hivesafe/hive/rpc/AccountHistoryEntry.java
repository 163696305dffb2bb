package io.hivesafe.hive.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import io.hivesafe.hive.HiveFormatException;
import io.hivesafe.hive.json.JsonFields;
import io.hivesafe.hive.json.OperationJson;
import io.hivesafe.hive.protocol.Operation;
import io.hivesafe.hive.protocol.TransactionId;
import java.time.Instant;
import java.util.Objects;

/**
 * One entry of account_history_api.get_account_history: the operation at position {@code sequence} of
 * the account's history and where it happened.
 *
 * @param sequence the entry's 0-based position in the account's history
 * @param trxId the transaction's id; for a virtual operation hived sends 40 zeros ({@link #NULL_TRX_ID})
 * @param trxInBlock the transaction's index in the block, or {@code -1} for a virtual operation the block
 *     itself produced (hived sends 4294967295, its uint32 -1)
 * @param virtualOp whether hived generated the operation (fill_order, producer_reward, …); those come
 *     back as {@link io.hivesafe.hive.protocol.OtherOperation}s
 */
public record AccountHistoryEntry(
    long sequence,
    long block,
    TransactionId trxId,
    int trxInBlock,
    int opInTrx,
    boolean virtualOp,
    Instant timestamp,
    Operation op) {
  /** The transaction id hived gives a virtual operation. */
  public static final TransactionId NULL_TRX_ID = TransactionId.fromBytes(new byte[20]);

  private static final long U32_MAX = 0xffffffffL;

  public AccountHistoryEntry {
    if (sequence < 0 || sequence > U32_MAX) {
      throw new HiveFormatException("history sequence must be a u32, got " + sequence);
    }
    if (block < 1 || block > U32_MAX) {
      throw new HiveFormatException("history block must be a block number, got " + block);
    }
    Objects.requireNonNull(trxId, "trxId");
    if (trxInBlock < -1) {
      throw new HiveFormatException("trx_in_block must be -1 or an index, got " + trxInBlock);
    }
    if (opInTrx < 0) {
      throw new HiveFormatException("op_in_trx must not be negative, got " + opInTrx);
    }
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(op, "op");
  }

  /** One {@code [sequence, {"trx_id","block","trx_in_block","op_in_trx","virtual_op","timestamp","op",…}]} pair. */
  static AccountHistoryEntry read(JsonNode pair) {
    if (pair == null || !pair.isArray() || pair.size() != 2 || !pair.get(1).isObject()) {
      throw new HiveFormatException("history entries must be [sequence, {…}] pairs, got " + pair);
    }
    long sequence = JsonFields.integerValue(pair.get(0), "sequence", 0, U32_MAX);
    JsonNode entry = pair.get(1);
    try {
      return new AccountHistoryEntry(
          sequence,
          JsonFields.integer(entry, "block", 1, U32_MAX),
          TransactionId.fromHex(JsonFields.text(entry, "trx_id")),
          trxInBlock(JsonFields.integer(entry, "trx_in_block", 0, U32_MAX)),
          (int) JsonFields.integer(entry, "op_in_trx", 0, Integer.MAX_VALUE),
          bool(entry, "virtual_op"),
          JsonFields.time(entry, "timestamp"),
          OperationJson.read(JsonFields.required(entry, "op")));
    } catch (HiveFormatException e) {
      throw new HiveFormatException("history entry " + sequence + ": " + e.getMessage(), e);
    }
  }

  private static int trxInBlock(long value) {
    if (value == U32_MAX) {
      return -1;
    }
    if (value > Integer.MAX_VALUE) {
      throw new HiveFormatException("'trx_in_block' out of range: " + value);
    }
    return (int) value;
  }

  private static boolean bool(JsonNode node, String field) {
    JsonNode value = JsonFields.required(node, field);
    if (!value.isBoolean()) {
      throw new HiveFormatException("field '" + field + "' must be true or false, got " + value);
    }
    return value.booleanValue();
  }
}
