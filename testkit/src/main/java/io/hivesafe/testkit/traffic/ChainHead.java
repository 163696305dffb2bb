package io.hivesafe.testkit.traffic;

import io.hivesafe.devnet.ProducedBlock;
import io.hivesafe.hive.protocol.BlockId;
import java.time.Instant;
import java.util.Objects;

/**
 * The head block a client builds its transactions on: TaPoS from its id, expiration from its time (as
 * dhive does: head time + 60 s).
 */
public record ChainHead(long number, BlockId id, Instant time) {
  public ChainHead {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(time, "time");
    if (number < 1 || number != id.blockNumber()) {
      throw new IllegalArgumentException("head number " + number + " does not match its id " + id);
    }
  }

  public static ChainHead of(ProducedBlock block) {
    return new ChainHead(block.number(), block.id(), block.timestamp());
  }
}
