package io.hivesafe.devnet;

import io.hivesafe.hive.protocol.TransactionId;
import java.time.Instant;
import java.util.Objects;

/**
 * One operation in account history, as hived's account_history plugin stores its operation_notification
 * (libraries/chain/database.cpp create_operation_notification, fill_operation_notification).
 *
 * @param trxId the id of the transaction; all zeros for a virtual operation made outside a transaction
 * @param block the block's number
 * @param trxInBlock the transaction's index in the block; {@link #NO_TRANSACTION} (uint32 −1) outside a
 *     transaction
 * @param opInTrx the operation's index in its transaction; outside a transaction hived's per-block
 *     counter of virtual operations, which is reset to 0 after the transactions and incremented before
 *     each one, so the first is 1
 * @param timestamp the block's time
 */
public record HistoryEntry(TransactionId trxId, long block, long trxInBlock, int opInTrx, Instant timestamp, RecordedOperation operation) {
  /** hived's trx_in_block for a virtual operation of the block itself: static_cast<uint32_t>(-1). */
  public static final long NO_TRANSACTION = 0xffffffffL;
  /** hived's trx_id outside a transaction: transaction_id_type(), twenty zero bytes. */
  public static final TransactionId NO_TRANSACTION_ID = TransactionId.fromBytes(new byte[20]);

  public HistoryEntry {
    Objects.requireNonNull(trxId, "trxId");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(operation, "operation");
    if (block < 1 || trxInBlock < 0 || trxInBlock > NO_TRANSACTION || opInTrx < 0) {
      throw new IllegalArgumentException("bad history position: block " + block + ", trx " + trxInBlock + ", op " + opInTrx);
    }
  }

  /** An operation of the {@code trxInBlock}-th transaction of a block. */
  static HistoryEntry inTransaction(TransactionId trxId, long block, int trxInBlock, int opInTrx, Instant timestamp,
      TransactionOperation operation) {
    return new HistoryEntry(trxId, block, trxInBlock, opInTrx, timestamp, operation);
  }

  /** A virtual operation of the block itself (not of a transaction), the {@code counter}-th of its block. */
  static HistoryEntry ofBlock(long block, int counter, Instant timestamp, RecordedOperation operation) {
    if (!operation.isVirtual()) {
      throw new IllegalArgumentException("only a virtual operation happens outside a transaction: " + operation.name());
    }
    return new HistoryEntry(NO_TRANSACTION_ID, block, NO_TRANSACTION, counter, timestamp, operation);
  }

  /** hived's virtual_op: is_virtual_operation of the operation. */
  public boolean virtualOp() {
    return operation.isVirtual();
  }
}
