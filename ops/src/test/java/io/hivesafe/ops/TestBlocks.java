package io.hivesafe.ops;

import io.hivesafe.hive.crypto.Hashes;
import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.protocol.Block;
import io.hivesafe.hive.protocol.BlockId;
import io.hivesafe.hive.protocol.BlockTransaction;
import io.hivesafe.hive.protocol.CustomJsonOperation;
import io.hivesafe.hive.protocol.Operation;
import io.hivesafe.hive.protocol.Transaction;
import io.hivesafe.hive.protocol.TransactionId;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Synthetic Hive blocks for core tests: ids carry the number, transactions are unsigned (the core never verifies them). */
final class TestBlocks {
  static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");

  private TestBlocks() {}

  static BlockId id(long number) {
    byte[] hash = Hashes.sha256(("block " + number).getBytes(StandardCharsets.US_ASCII));
    ByteBuffer b = ByteBuffer.allocate(20);
    b.putInt((int) number);
    b.put(hash, 0, 16);
    return BlockId.fromBytes(b.array());
  }

  static Instant time(long number) {
    return EPOCH.plusSeconds(3 * number);
  }

  static Block block(long number, List<Operation> ops) {
    List<List<Operation>> each = new ArrayList<>();
    for (Operation op : ops) {
      each.add(List.of(op));
    }
    return blockOfTransactions(number, each);
  }

  /** A block with one transaction per list, its operations in order. */
  static Block blockOfTransactions(long number, List<List<Operation>> transactions) {
    return blockOfTransactions(number, time(number), transactions);
  }

  /** The same at timestamp {@code time}. */
  static Block blockOfTransactions(long number, Instant time, List<List<Operation>> transactions) {
    List<Transaction> txs = new ArrayList<>();
    for (List<Operation> ops : transactions) {
      txs.add(new Transaction(0, 0, time.plusSeconds(60), ops, List.of()));
    }
    return blockOf(number, time, txs);
  }

  /**
   * A block holding these transactions, each with the id the chain gives it (the HF26 id of its bytes);
   * a transaction holding an operation Hivesafe cannot serialize, or one equal to an earlier one in the
   * block, gets a made-up unique id instead.
   */
  static Block blockOf(long number, Instant time, List<Transaction> transactions) {
    List<BlockTransaction> txs = new ArrayList<>();
    java.util.Set<TransactionId> seen = new java.util.HashSet<>();
    for (int i = 0; i < transactions.size(); i++) {
      Transaction tx = transactions.get(i);
      TransactionId id;
      try {
        id = tx.id(io.hivesafe.hive.protocol.WireFormat.HF26);
      } catch (RuntimeException cannotSerialize) {
        id = null;
      }
      if (id == null || !seen.add(id)) {
        id = TransactionId.fromBytes(Hashes.ripemd160(("tx " + number + " " + i).getBytes(StandardCharsets.US_ASCII)));
      }
      txs.add(new BlockTransaction(id, tx));
    }
    return new Block(id(number), id(number - 1), time, "initminer", txs);
  }

  static Block empty(long number) {
    return block(number, List.of());
  }

  static CustomJsonOperation active(String account, String id, String json) {
    return new CustomJsonOperation(List.of(AccountName.of(account)), List.of(), id, json);
  }

  static CustomJsonOperation posting(String account, String id, String json) {
    return new CustomJsonOperation(List.of(), List.of(AccountName.of(account)), id, json);
  }
}
