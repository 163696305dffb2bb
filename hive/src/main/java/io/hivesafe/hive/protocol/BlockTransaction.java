package io.hivesafe.hive.protocol;

import java.util.Objects;

/** A transaction as included in a block, with the id the chain gave it. */
public record BlockTransaction(TransactionId id, Transaction transaction) {
  public BlockTransaction {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(transaction, "transaction");
  }
}
