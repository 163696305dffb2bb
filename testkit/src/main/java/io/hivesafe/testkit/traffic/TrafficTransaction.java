package io.hivesafe.testkit.traffic;

import io.hivesafe.hive.codec.TransactionCodec;
import io.hivesafe.hive.protocol.Transaction;
import io.hivesafe.hive.protocol.TransactionId;
import io.hivesafe.hive.protocol.WireFormat;
import java.util.List;
import java.util.Objects;

/**
 * A generated, signed transaction with the packing its signatures were made over (which decides its id
 * on chain) and the kind of each of its operations, in order.
 */
public record TrafficTransaction(Transaction transaction, WireFormat packing, List<TrafficKind> kinds) {
  public TrafficTransaction {
    Objects.requireNonNull(transaction, "transaction");
    Objects.requireNonNull(packing, "packing");
    kinds = List.copyOf(kinds);
    if (kinds.size() != transaction.operations().size()) {
      throw new IllegalArgumentException("one kind per operation");
    }
  }

  /** The id the chain gives it: the id in the packing it was signed in. */
  public TransactionId id() {
    return transaction.id(packing);
  }

  /** The signed bytes, as a block carries them. */
  public byte[] signedBytes() {
    return TransactionCodec.writeSigned(transaction, packing);
  }
}
