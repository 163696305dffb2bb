package io.hivesafe.state;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The node's state: a MapDB B-tree of key → canonical value bytes in one file, written only through
 * one {@link StateTransaction} per block.
 *
 * <p>A commit writes the block's changes, the block number, the entry count and the new MuHash
 * accumulator into MapDB in one MapDB transaction, then makes that transaction durable and atomic
 * through the page journal of {@link JournaledFileVolume} ({@link CommitWriter}). The digest is updated
 * per written key, never recomputed from the whole state. The data directory's files and lock are
 * {@link StoreFiles}'s, the MapDB wiring {@link StoreTrees}'s, the records beside the entries
 * {@link StoreMetadata}'s.
 *
 * <p>Threads: one applier thread begins and commits transactions; other threads read committed state
 * through {@link #read}, which never sees half a commit.
 */
public final class StateStore implements AutoCloseable {
  public static final String STORE_FILE = "state.db";
  public static final String JOURNAL_FILE = "state.journal";
  public static final int FORMAT = StoreMetadata.FORMAT;

  private final StateConfig config;
  private final StoreFiles files;
  private final StoreTrees trees;
  private final CommitWriter writer;
  private final ReentrantReadWriteLock rw = new ReentrantReadWriteLock();
  private final CommitObserver observer;
  private final JournaledFileVolume.Recovery recovery;
  private final StateReader committed;

  /** The committed block's records; replaced whole by each commit, under the write lock. */
  private StoreMetadata metadata;
  /** Memo of the digest of {@link #metadata}'s accumulator; null until asked. */
  private volatile StateDigest digest;
  private StateTransaction open;
  private boolean closed;

  private StateStore(StateConfig config, CommitObserver observer) throws IOException {
    this.config = config;
    this.observer = observer;
    this.files = StoreFiles.prepare(config.dataDir());
    Path storeFile = files.storeFile();
    boolean fresh = files.fresh();
    FileChannel storeChannel = null;
    JournaledFileVolume vol = null;
    StoreTrees wired = null;
    try {
      files.lock();
      storeChannel = files.openStore();
      this.recovery = JournaledFileVolume.recover(storeChannel, files.journal());
      if (!fresh && storeChannel.size() == 0) {
        throw new StoreDamagedException(storeFile, "the store file is empty");
      }
      vol = new JournaledFileVolume(storeFile, storeChannel, files.journal(), config.pageSize(), config.cacheBytes());
      wired = StoreTrees.wire(vol, !fresh, storeFile);
      this.trees = wired;
      this.writer = new CommitWriter(trees, storeFile);
      this.committed = new CommittedReader(trees.entries());
      if (fresh) {
        StoreMetadata.writeNew(trees.meta());
        trees.commit();
        trees.checkpoint(-1, CommitObserver.NONE);
        files.finishBirth();
      }
      this.metadata = StoreMetadata.read(trees.meta(), storeFile);
      if (config.verifyOnOpen()) {
        this.digest = writer.verify(metadata);
      }
    } catch (StateStoreException | VirtualMachineError e) {
      // A refusal already said, or out of memory, out of stack: the machine's resources, not the store's contents.
      closeAfterFailedOpen(wired, vol, storeChannel);
      throw e;
    } catch (IOException e) {
      // The operating system refused (disk full, permissions, too many open files, not a file): nothing
      // in the store was found damaged, and opening it again once the cause is fixed recovers it.
      closeAfterFailedOpen(wired, vol, storeChannel);
      throw new StateStoreException("state store " + storeFile + " cannot be opened: " + e
          + " (an I/O error, not damage found in the store: fix the cause and start again)", e);
    } catch (RuntimeException | Error e) {
      closeAfterFailedOpen(wired, vol, storeChannel);
      throw new StoreDamagedException(storeFile, "it cannot be read (" + e + ")", e);
    }
  }

  /**
   * Opens the store in {@code config.dataDir()}, creating it when the directory is missing or empty.
   * A commit interrupted by a crash is finished or discarded first (see {@link #recovery()}).
   *
   * @throws StoreDamagedException the directory holds a damaged or incomplete store
   * @throws StateStoreException the store is in use by another process, or the disk failed
   */
  public static StateStore open(StateConfig config) {
    return open(config, CommitObserver.NONE);
  }

  public static StateStore open(StateConfig config, CommitObserver observer) {
    try {
      return new StateStore(config, observer);
    } catch (IOException e) {
      throw new StateStoreException("cannot open state store " + config.dataDir() + ": " + e.getMessage(), e);
    }
  }

  /** What opening found: a clean store, a finished interrupted commit, or a torn journal dropped. */
  public String recovery() {
    return recovery.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
  }

  // ---- transactions ----

  /**
   * Starts block {@code block}'s transaction. On a store with blocks, only the next block may begin,
   * so no block is skipped or applied twice; on an empty store any block may be first.
   */
  public StateTransaction begin(long block) {
    checkUsable();
    if (open != null) {
      throw new IllegalStateException("block " + open.block() + " is still open; commit or close it before beginning block " + block);
    }
    if (block < 0) {
      throw new IllegalArgumentException("negative block number " + block);
    }
    OptionalLong lastBlock = metadata.lastBlock();
    if (lastBlock.isPresent() && block != lastBlock.getAsLong() + 1) {
      throw new IllegalStateException("next block is " + (lastBlock.getAsLong() + 1) + ", not " + block);
    }
    open = new StateTransaction(this, committed, block);
    return open;
  }

  void ended(StateTransaction tx) {
    if (open == tx) {
      open = null;
    }
  }

  void commit(StateTransaction tx) {
    if (open != tx) {
      throw new IllegalStateException("transaction of block " + tx.block() + " is not the open one");
    }
    rw.writeLock().lock();
    try {
      checkUsable();
      publish(writer.commit(tx, metadata, observer));
    } finally {
      rw.writeLock().unlock();
    }
  }

  /** Makes a durable commit's records the committed state readers see. Called with the write lock held. */
  private void publish(StoreMetadata after) {
    metadata = after;
    digest = null;
  }

  // ---- committed state ----

  /** The last committed block, empty for a new store. */
  public OptionalLong lastBlock() {
    return whileReading(() -> metadata.lastBlock());
  }

  /** The digest of the committed state; computed on first request after a commit (one modular inverse). */
  public StateDigest digest() {
    return whileReading(this::currentDigest);
  }

  /**
   * The committed digest's accumulator before normalization (MuHash3072's numerator and denominator,
   * 768 bytes). Two stores with equal accumulators have equal digests; the reverse does not hold (the
   * same set reached through other writes can give other pairs), so a difference must be settled by
   * {@link #digest()}. For comparisons at every block without a modular inverse each (the simulator).
   */
  public byte[] digestAccumulator() {
    return whileReading(() -> metadata.accumulator().clone());
  }

  /** {@code read} with commits held off: a reader never sees half a commit. */
  private <T> T whileReading(Supplier<T> read) {
    rw.readLock().lock();
    try {
      return read.get();
    } finally {
      rw.readLock().unlock();
    }
  }

  private StateDigest currentDigest() {
    StateDigest d = digest;
    if (d == null) {
      d = metadata.digest();
      digest = d;
    }
    return d;
  }

  public long entryCount() {
    return whileReading(() -> metadata.entryCount());
  }

  /**
   * Runs {@code query} against committed state, excluding commits while it runs. The query must not
   * let an iterator escape.
   */
  public <T> T read(Function<StateReader, T> query) {
    return whileReading(() -> {
      checkUsable();
      return query.apply(committed);
    });
  }

  /** The committed block, digest and entry count, read together. */
  public StoreStatus status() {
    return whileReading(() -> new StoreStatus(metadata.lastBlock(), currentDigest(), metadata.entryCount()));
  }

  /**
   * The node-local value committed under {@code name} ({@link StateTransaction#putLocal}), if any. Not
   * part of the state: not in the digest, not exported into snapshots.
   */
  public Optional<byte[]> local(String name) {
    StoreMetadata.checkLocalName(name);
    return whileReading(() -> {
      checkUsable();
      return StoreMetadata.local(trees.meta(), name);
    });
  }

  /** A consistent view of the committed store, for one reader. */
  public record StoreStatus(OptionalLong lastBlock, StateDigest digest, long entryCount) {}

  // ---- bulk load, for snapshot import only ----

  /**
   * Loads entries in strictly increasing key order into a new, empty store, committing every
   * {@code batch} entries, then records {@code block} and the accumulator. Intermediate batches leave
   * no block recorded, so an interrupted load is never mistaken for a store.
   */
  StateDigest bulkLoad(Iterator<StateEntry> source, long block, int batch) {
    rw.writeLock().lock();
    try {
      checkUsable();
      if (metadata.lastBlock().isPresent() || metadata.entryCount() != 0) {
        throw new IllegalStateException("bulk load needs an empty store");
      }
      publish(writer.bulkLoad(source, block, batch));
      return currentDigest();
    } finally {
      rw.writeLock().unlock();
    }
  }

  // ---- lifecycle ----

  @Override
  public void close() {
    rw.writeLock().lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      open = null;
      trees.close();
      try {
        files.close();
      } catch (IOException e) {
        throw new StateStoreException("closing " + files.storeFile() + ": " + e.getMessage(), e);
      }
    } finally {
      rw.writeLock().unlock();
    }
  }

  public Path dataDir() {
    return config.dataDir();
  }

  private void checkUsable() {
    if (closed) {
      throw new IllegalStateException("state store " + config.dataDir() + " is closed");
    }
    Throwable broken = writer.broken();
    if (broken != null) {
      throw new StateStoreException("state store " + config.dataDir() + " failed while writing and must be reopened", broken);
    }
  }

  /** Closes what a failed open had opened, MapDB first and the journal (with its lock) last. */
  private void closeAfterFailedOpen(StoreTrees wired, JournaledFileVolume vol, FileChannel storeChannel) {
    StoreTrees.closeAfterFailedOpen(wired, vol, storeChannel);
    files.closeQuietly();
  }
}
