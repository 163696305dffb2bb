package io.hivesafe.state;

import io.hivesafe.state.digest.MuHash3072;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import org.mapdb.BTreeMap;

/**
 * Writes into the store's trees and keeps the digest with them: a block's writes, its records (block
 * number, entry count, the new MuHash accumulator) in one MapDB transaction made durable by one
 * checkpoint; the bulk load of a snapshot import; and, on open, the check that the entries still hash
 * to the recorded digest.
 *
 * <p>The digest is updated per written key (remove the old entry's element, insert the new one), never
 * recomputed from the whole state. A write that fails before the checkpoint leaves nothing behind; a
 * checkpoint that fails leaves the store {@linkplain #broken() broken} until it is opened again, which
 * finishes or discards the commit from its journal.
 *
 * <p>Called by the store with its write lock held (its read lock for {@link #verify}).
 */
final class CommitWriter {
  private final StoreTrees trees;
  private final Path storeFile;
  private Throwable broken;

  CommitWriter(StoreTrees trees, Path storeFile) {
    this.trees = trees;
    this.storeFile = storeFile;
  }

  /** What made a checkpoint fail, if one did: the store must be reopened. */
  Throwable broken() {
    return broken;
  }

  /** Commits {@code tx} on top of {@code before}; returns the records of the committed block. */
  StoreMetadata commit(StateTransaction tx, StoreMetadata before, CommitObserver observer) {
    BTreeMap<byte[], byte[]> entries = trees.entries();
    MuHash3072 acc = MuHash3072.fromState(before.accumulator());
    long[] count = {before.entryCount()};
    try {
      // put and remove return the previous value, so each write walks the B-tree once.
      tx.forEachWrite((key, value) -> {
        byte[] old = value == null ? entries.remove(key) : entries.put(key, value);
        if (old != null && (value == null || !Arrays.equals(old, value))) {
          acc.remove(StateDigest.element(key, old));
        }
        if (value != null && (old == null || !Arrays.equals(old, value))) {
          acc.insert(StateDigest.element(key, value));
        }
        count[0] += (old == null ? 0 : -1) + (value == null ? 0 : 1);
      });
      tx.localWrites().forEach((name, value) -> StoreMetadata.putLocal(trees.meta(), name, value));
    } catch (RuntimeException | Error e) {
      trees.rollback();
      throw e;
    }
    return recordBlock(tx.block(), acc, count[0], observer);
  }

  /**
   * Loads entries in strictly increasing key order into the empty trees, committing every {@code batch}
   * entries, then records {@code block} and the accumulator. Intermediate batches leave no block
   * recorded, so an interrupted load is never mistaken for a store.
   */
  StoreMetadata bulkLoad(Iterator<StateEntry> source, long block, int batch) {
    BTreeMap<byte[], byte[]> entries = trees.entries();
    MuHash3072 acc = MuHash3072.empty();
    long count = 0;
    try {
      while (source.hasNext()) {
        StateEntry e = source.next();
        byte[] key = e.key().bytesView();
        entries.put(key, e.value());
        acc.insert(StateDigest.element(key, e.value()));
        if (++count % batch == 0) {
          trees.commit();
          trees.checkpoint(-1, CommitObserver.NONE);
        }
      }
    } catch (IOException e) {
      broken = e;
      throw new StateStoreException("bulk load into " + storeFile + " failed: " + e.getMessage(), e);
    }
    return recordBlock(block, acc, count, CommitObserver.NONE);
  }

  /**
   * Writes the block's records into the open MapDB transaction, commits it and makes it durable.
   * Nothing is published: the caller does that with the records returned.
   */
  private StoreMetadata recordBlock(long block, MuHash3072 acc, long count, CommitObserver observer) {
    StoreMetadata after;
    try {
      after = StoreMetadata.ofBlock(block, acc.toState(), count);
      after.write(trees.meta());
      trees.commit();
    } catch (RuntimeException | Error e) {
      // Nothing reached the store file: MapDB's commit only fills the page overlay.
      trees.rollback();
      throw e;
    }
    try {
      trees.checkpoint(block, observer);
    } catch (IOException | RuntimeException | Error e) {
      broken = e;
      throw new StateStoreException("writing block " + block + " to " + storeFile + " failed; close the store and open it again to recover", e);
    }
    return after;
  }

  /**
   * One pass over every entry: keys valid and ordered, count and digest as {@code recorded}. Returns the
   * recorded digest, now checked.
   */
  StateDigest verify(StoreMetadata recorded) {
    MuHash3072 acc = MuHash3072.empty();
    long count = 0;
    byte[] previous = null;
    for (Map.Entry<byte[], byte[]> e : trees.entries().entrySet()) {
      byte[] key = e.getKey();
      try {
        StateKey.fromBytes(key);
      } catch (IllegalArgumentException bad) {
        throw new StoreDamagedException(storeFile, "entry " + count + " has an invalid key (" + bad.getMessage() + ")");
      }
      if (previous != null && Arrays.compareUnsigned(previous, key) >= 0) {
        throw new StoreDamagedException(storeFile, "its keys are out of order at entry " + count);
      }
      acc.insert(StateDigest.element(key, e.getValue()));
      previous = key;
      count++;
    }
    if (count != recorded.entryCount()) {
      throw new StoreDamagedException(storeFile, "it holds " + count + " entries but records " + recorded.entryCount());
    }
    StateDigest recomputed = StateDigest.of(acc);
    StateDigest digest = recorded.digest();
    if (!recomputed.equals(digest)) {
      throw new StoreDamagedException(storeFile, "its contents hash to " + recomputed.hex() + " but it records digest " + digest.hex());
    }
    return digest;
  }
}
