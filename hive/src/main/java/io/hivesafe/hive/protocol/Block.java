package io.hivesafe.hive.protocol;

import io.hivesafe.hive.HiveFormatException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** A block as the API serves it: id, parent, timestamp, producer and transactions with their ids. */
public record Block(BlockId id, BlockId previous, Instant timestamp, String witness, List<BlockTransaction> transactions) {
  public Block {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(previous, "previous");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(witness, "witness");
    transactions = List.copyOf(transactions);
    if (id.blockNumber() != previous.blockNumber() + 1) {
      throw new HiveFormatException(
          "block " + id + " (number " + id.blockNumber() + ") does not follow its previous block "
              + previous + " (number " + previous.blockNumber() + ")");
    }
  }

  public long number() {
    return id.blockNumber();
  }
}
