package io.hivesafe.sim;

import io.hivesafe.hive.crypto.SignatureScheme;
import io.hivesafe.hive.protocol.Block;
import io.hivesafe.ops.BlockApplier;
import io.hivesafe.ops.BlockOutcome;
import io.hivesafe.ops.NetworkGenesis;
import io.hivesafe.state.StateConfig;
import io.hivesafe.state.StateDigest;
import io.hivesafe.state.digest.MuHash3072;
import io.hivesafe.state.StateReader;
import io.hivesafe.state.StateStore;
import io.hivesafe.state.StateTransaction;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The reference state: one more store that applies every irreversible block through the real
 * {@link BlockApplier}, as a replay would, never faulted. Every honest node's digest after a block must
 * equal the oracle's, and the state invariants are read from it.
 */
final class Oracle implements AutoCloseable {
  private final StateStore store;
  private final BlockApplier applier;
  /** The digest's accumulator after each block (looked up by number only, never iterated). */
  private final Map<Long, byte[]> accumulators = new HashMap<>();
  private long last;

  Oracle(NetworkGenesis genesis, SignatureScheme crypto, Path dir) {
    this.store = StateStore.open(StateConfig.of(dir).withVerifyOnOpen(false));
    this.applier = new BlockApplier(genesis, crypto);
  }

  BlockOutcome apply(Block block) {
    BlockOutcome outcome;
    try (StateTransaction tx = store.begin(block.number())) {
      outcome = applier.apply(tx, block);
      tx.commit();
    }
    last = block.number();
    accumulators.put(last, store.digestAccumulator());
    return outcome;
  }

  long lastBlock() {
    return last;
  }

  /** The accumulator after {@code block}: equal bytes mean equal digests (StateStore#digestAccumulator). */
  byte[] accumulatorAfter(long block) {
    byte[] a = accumulators.get(block);
    if (a == null) {
      throw new IllegalStateException("the oracle has not applied block " + block + " (at " + last + ")");
    }
    return a;
  }

  /** The digest after {@code block} (one modular inverse: for differences and reports, not every block). */
  String digestAfter(long block) {
    return StateDigest.of(MuHash3072.fromState(accumulatorAfter(block))).hex();
  }

  <T> T read(Function<StateReader, T> query) {
    return store.read(query);
  }

  @Override
  public void close() {
    store.close();
  }
}
