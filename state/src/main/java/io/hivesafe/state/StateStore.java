package io.hivesafe.state;

import io.hivesafe.state.digest.MuHash3072;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import org.mapdb.BTreeMap;
import org.mapdb.CC;
import org.mapdb.DB;
import org.mapdb.Serializer;
import org.mapdb.StoreWAL;
import org.mapdb.volume.ByteArrayVol;
import org.mapdb.volume.Volume;
import org.mapdb.volume.VolumeFactory;

/**
 * The node's state: a MapDB B-tree of key → canonical value bytes in one file, written only through
 * one {@link StateTransaction} per block.
 *
 * <p>A commit writes the block's changes, the block number, the entry count and the new MuHash
 * accumulator into MapDB in one MapDB transaction, then makes that transaction durable and atomic
 * through the page journal of {@link JournaledFileVolume}. The digest is updated per written key
 * (remove the old entry's element, insert the new one), never recomputed from the whole state.
 *
 * <p>Threads: one applier thread begins and commits transactions; other threads read committed state
 * through {@link #read}, which never sees half a commit.
 */
public final class StateStore implements AutoCloseable {
  public static final String STORE_FILE = "state.db";
  public static final String JOURNAL_FILE = "state.journal";
  public static final int FORMAT = 1;

  private static final String META_FORMAT = "format";
  private static final String META_LAST_BLOCK = "last-block";
  private static final String META_ACCUMULATOR = "accumulator";
  private static final String META_ENTRIES = "entries";
  /** Node-local values ({@link StateTransaction#putLocal}) live in the metadata map under this prefix. */
  private static final String META_LOCAL = "local/";
  private static final int ACCUMULATOR_BYTES = 2 * MuHash3072.BYTES;

  private final StateConfig config;
  private final Path storeFile;
  private final FileChannel journalChannel;
  private final FileLock lock;
  private final JournaledFileVolume volume;
  private final DB db;
  private final BTreeMap<byte[], byte[]> entries;
  private final BTreeMap<String, byte[]> meta;
  private final ReentrantReadWriteLock rw = new ReentrantReadWriteLock();
  private final CommitObserver observer;
  private final JournaledFileVolume.Recovery recovery;
  private final StateReader committed = new CommittedReader();

  private OptionalLong lastBlock;
  private byte[] accumulator;
  /** Memo of the digest of {@link #accumulator}; null until asked. */
  private volatile StateDigest digest;
  private long entryCount;
  private StateTransaction open;
  private Throwable broken;
  private boolean closed;

  private StateStore(StateConfig config, CommitObserver observer) throws IOException {
    this.config = config;
    this.observer = observer;
    Path dir = config.dataDir();
    this.storeFile = dir.resolve(STORE_FILE);
    Path journalFile = dir.resolve(JOURNAL_FILE);
    boolean fresh = prepareDirectory(dir, storeFile, journalFile);
    // A new store is born under temporary names and renamed into place once its first commit is
    // durable, store file first and journal last, so that a store file without a journal can only
    // mean a crash during birth (when the temporary journal is still there) or damage.
    Path openedJournal = fresh ? creating(journalFile) : journalFile;
    Path openedStore = fresh ? creating(storeFile) : storeFile;
    this.journalChannel = FileChannel.open(openedJournal, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    FileChannel storeChannel = null;
    FileLock acquired = null;
    JournaledFileVolume vol = null;
    DB opened = null;
    try {
      try {
        acquired = journalChannel.tryLock();
      } catch (OverlappingFileLockException e) {
        acquired = null;
      }
      if (acquired == null) {
        throw new StateStoreException("state store " + dir + " is in use by another process (lock on " + openedJournal + ")");
      }
      storeChannel = FileChannel.open(openedStore, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      if (fresh) {
        storeChannel.truncate(0);
        journalChannel.truncate(0);
      }
      this.recovery = JournaledFileVolume.recover(storeChannel, journalChannel);
      if (!fresh && storeChannel.size() == 0) {
        throw new StoreDamagedException(storeFile, "the store file is empty");
      }
      vol = new JournaledFileVolume(storeFile, storeChannel, journalChannel, config.pageSize(), config.cacheBytes());
      opened = openMapDb(vol, !fresh);
      this.lock = acquired;
      this.volume = vol;
      this.db = opened;
      if (fresh) {
        this.entries = db.treeMap("entries", Serializer.BYTE_ARRAY, Serializer.BYTE_ARRAY).create();
        this.meta = db.treeMap("meta", Serializer.STRING, Serializer.BYTE_ARRAY).create();
        meta.put(META_FORMAT, ByteBuffer.allocate(4).putInt(FORMAT).array());
        meta.put(META_ACCUMULATOR, MuHash3072.empty().toState());
        meta.put(META_ENTRIES, u64(0));
        db.commit();
        volume.checkpoint(-1, CommitObserver.NONE);
        Files.move(openedStore, storeFile, StandardCopyOption.ATOMIC_MOVE);
        Files.move(openedJournal, journalFile, StandardCopyOption.ATOMIC_MOVE);
        syncDirectory(dir);
      } else {
        if (!db.exists("entries") || !db.exists("meta")) {
          throw new StoreDamagedException(storeFile, "its entries or metadata are missing");
        }
        this.entries = db.treeMap("entries", Serializer.BYTE_ARRAY, Serializer.BYTE_ARRAY).open();
        this.meta = db.treeMap("meta", Serializer.STRING, Serializer.BYTE_ARRAY).open();
      }
      loadMeta();
      if (config.verifyOnOpen()) {
        verifyContents();
      }
    } catch (StateStoreException e) {
      closeQuietly(opened, vol, storeChannel);
      closeQuietly(null, null, journalChannel);
      throw e;
    } catch (VirtualMachineError e) {
      // Out of memory, out of stack: the machine's resources, not the store's contents.
      closeQuietly(opened, vol, storeChannel);
      closeQuietly(null, null, journalChannel);
      throw e;
    } catch (IOException e) {
      // The operating system refused (disk full, permissions, too many open files, not a file): nothing
      // in the store was found damaged, and opening it again once the cause is fixed recovers it.
      closeQuietly(opened, vol, storeChannel);
      closeQuietly(null, null, journalChannel);
      throw new StateStoreException("state store " + storeFile + " cannot be opened: " + e
          + " (an I/O error, not damage found in the store: fix the cause and start again)", e);
    } catch (RuntimeException | Error e) {
      closeQuietly(opened, vol, storeChannel);
      closeQuietly(null, null, journalChannel);
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
      long block = tx.block();
      MuHash3072 acc = MuHash3072.fromState(accumulator);
      long[] count = {entryCount};
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
        tx.localWrites().forEach((name, value) -> meta.put(META_LOCAL + name, value));
      } catch (RuntimeException | Error e) {
        volume.discardPending();
        db.rollback();
        throw e;
      }
      recordBlock(block, acc, count[0], observer);
    } finally {
      rw.writeLock().unlock();
    }
  }

  /**
   * Writes the block's records (block number, accumulator, entry count) into the open MapDB
   * transaction, commits it and makes it durable, then publishes the new block to readers. Called
   * with the write lock held.
   */
  private void recordBlock(long block, MuHash3072 acc, long count, CommitObserver commitObserver) {
    byte[] accBytes;
    try {
      accBytes = acc.toState();
      meta.put(META_LAST_BLOCK, u64(block));
      meta.put(META_ACCUMULATOR, accBytes);
      meta.put(META_ENTRIES, u64(count));
      db.commit();
    } catch (RuntimeException | Error e) {
      // Nothing reached the store file: MapDB's commit only fills the page overlay.
      volume.discardPending();
      db.rollback();
      throw e;
    }
    try {
      volume.checkpoint(block, commitObserver);
    } catch (IOException | RuntimeException | Error e) {
      broken = e;
      throw new StateStoreException("writing block " + block + " to " + storeFile + " failed; close the store and open it again to recover", e);
    }
    lastBlock = OptionalLong.of(block);
    accumulator = accBytes;
    digest = null;
    entryCount = count;
  }

  // ---- committed state ----

  /** The last committed block, empty for a new store. */
  public OptionalLong lastBlock() {
    rw.readLock().lock();
    try {
      return lastBlock;
    } finally {
      rw.readLock().unlock();
    }
  }

  /** The digest of the committed state; computed on first request after a commit (one modular inverse). */
  public StateDigest digest() {
    rw.readLock().lock();
    try {
      return currentDigest();
    } finally {
      rw.readLock().unlock();
    }
  }

  /**
   * The committed digest's accumulator before normalization (MuHash3072's numerator and denominator,
   * 768 bytes). Two stores with equal accumulators have equal digests; the reverse does not hold (the
   * same set reached through other writes can give other pairs), so a difference must be settled by
   * {@link #digest()}. For comparisons at every block without a modular inverse each (the simulator).
   */
  public byte[] digestAccumulator() {
    rw.readLock().lock();
    try {
      return accumulator.clone();
    } finally {
      rw.readLock().unlock();
    }
  }

  private StateDigest currentDigest() {
    StateDigest d = digest;
    if (d == null) {
      d = StateDigest.of(MuHash3072.fromState(accumulator));
      digest = d;
    }
    return d;
  }

  public long entryCount() {
    rw.readLock().lock();
    try {
      return entryCount;
    } finally {
      rw.readLock().unlock();
    }
  }

  /**
   * Runs {@code query} against committed state, excluding commits while it runs. The query must not
   * let an iterator escape.
   */
  public <T> T read(Function<StateReader, T> query) {
    rw.readLock().lock();
    try {
      checkUsable();
      return query.apply(committed);
    } finally {
      rw.readLock().unlock();
    }
  }

  /** The committed block, digest and entry count, read together. */
  public StoreStatus status() {
    rw.readLock().lock();
    try {
      return new StoreStatus(lastBlock, currentDigest(), entryCount);
    } finally {
      rw.readLock().unlock();
    }
  }

  /**
   * The node-local value committed under {@code name} ({@link StateTransaction#putLocal}), if any. Not
   * part of the state: not in the digest, not exported into snapshots.
   */
  public Optional<byte[]> local(String name) {
    checkLocalName(name);
    rw.readLock().lock();
    try {
      checkUsable();
      byte[] v = meta.get(META_LOCAL + name);
      return v == null ? Optional.empty() : Optional.of(v.clone());
    } finally {
      rw.readLock().unlock();
    }
  }

  static void checkLocalName(String name) {
    if (name == null || name.isEmpty() || name.length() > 64) {
      throw new IllegalArgumentException("a local name is 1 to 64 characters, got " + name);
    }
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
      if (lastBlock.isPresent() || entryCount != 0) {
        throw new IllegalStateException("bulk load needs an empty store");
      }
      MuHash3072 acc = MuHash3072.empty();
      long count = 0;
      while (source.hasNext()) {
        StateEntry e = source.next();
        byte[] key = e.key().bytesView();
        entries.put(key, e.value());
        acc.insert(StateDigest.element(key, e.value()));
        if (++count % batch == 0) {
          db.commit();
          volume.checkpoint(-1, CommitObserver.NONE);
        }
      }
      recordBlock(block, acc, count, CommitObserver.NONE);
      return currentDigest();
    } catch (IOException e) {
      broken = e;
      throw new StateStoreException("bulk load into " + storeFile + " failed: " + e.getMessage(), e);
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
      volume.discardPending();
      closeQuietly(db, volume, null);
      try {
        lock.release();
        journalChannel.close();
      } catch (IOException e) {
        throw new StateStoreException("closing " + storeFile + ": " + e.getMessage(), e);
      }
    } finally {
      rw.writeLock().unlock();
    }
  }

  public Path dataDir() {
    return config.dataDir();
  }

  // ---- internals ----

  private void checkUsable() {
    if (closed) {
      throw new IllegalStateException("state store " + config.dataDir() + " is closed");
    }
    if (broken != null) {
      throw new StateStoreException("state store " + config.dataDir() + " failed while writing and must be reopened", broken);
    }
  }

  private void loadMeta() {
    byte[] format = meta.get(META_FORMAT);
    if (format == null || format.length != 4) {
      throw new StoreDamagedException(storeFile, "its format record is missing");
    }
    int f = ByteBuffer.wrap(format).getInt();
    if (f != FORMAT) {
      throw new StoreDamagedException(storeFile, "it has format " + f + ", this build reads format " + FORMAT);
    }
    byte[] acc = meta.get(META_ACCUMULATOR);
    if (acc == null || acc.length != ACCUMULATOR_BYTES) {
      throw new StoreDamagedException(storeFile, "its digest accumulator is missing");
    }
    byte[] count = meta.get(META_ENTRIES);
    if (count == null || count.length != 8) {
      throw new StoreDamagedException(storeFile, "its entry count is missing");
    }
    byte[] last = meta.get(META_LAST_BLOCK);
    if (last != null && last.length != 8) {
      throw new StoreDamagedException(storeFile, "its last-block record is malformed");
    }
    this.lastBlock = last == null ? OptionalLong.empty() : OptionalLong.of(ByteBuffer.wrap(last).getLong());
    this.accumulator = acc;
    this.digest = null;
    try {
      MuHash3072.fromState(acc);
    } catch (IllegalArgumentException e) {
      throw new StoreDamagedException(storeFile, "its digest accumulator is malformed (" + e.getMessage() + ")");
    }
    this.entryCount = ByteBuffer.wrap(count).getLong();
  }

  /** One pass over every entry: keys valid and ordered, count and digest as recorded. */
  private void verifyContents() {
    MuHash3072 acc = MuHash3072.empty();
    long count = 0;
    byte[] previous = null;
    for (Map.Entry<byte[], byte[]> e : entries.entrySet()) {
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
    if (count != entryCount) {
      throw new StoreDamagedException(storeFile, "it holds " + count + " entries but records " + entryCount);
    }
    StateDigest recomputed = StateDigest.of(acc);
    if (!recomputed.equals(currentDigest())) {
      throw new StoreDamagedException(storeFile, "its contents hash to " + recomputed.hex() + " but it records digest " + currentDigest().hex());
    }
  }

  /**
   * Decides whether {@code dir} holds a store (true: open it) or none (false: create one), and
   * refuses every other combination of files.
   */
  private static boolean prepareDirectory(Path dir, Path storeFile, Path journalFile) throws IOException {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new StateStoreException("state data path " + dir + " is not a directory");
    }
    Files.createDirectories(dir);
    boolean hasStore = Files.exists(storeFile);
    boolean hasJournal = Files.exists(journalFile);
    if (hasStore && !hasJournal && Files.exists(creating(journalFile))) {
      // Birth was interrupted between its two renames; the store file is complete.
      Files.move(creating(journalFile), journalFile, StandardCopyOption.ATOMIC_MOVE);
      syncDirectory(dir);
      return false;
    }
    if (!hasStore && !hasJournal) {
      Files.deleteIfExists(creating(storeFile));
      Files.deleteIfExists(creating(journalFile));
      try (var listing = Files.list(dir)) {
        Optional<Path> stranger = listing.findFirst();
        if (stranger.isPresent()) {
          throw new StoreDamagedException(storeFile, "the store file is missing but the directory holds " + stranger.get().getFileName());
        }
      }
      return true;
    }
    if (!hasStore) {
      throw new StoreDamagedException(storeFile, "the store file is missing");
    }
    if (!hasJournal) {
      throw new StoreDamagedException(journalFile, "the commit journal is missing (Hivesafe never deletes it)");
    }
    return false;
  }

  private static Path creating(Path file) {
    return file.resolveSibling(file.getFileName() + ".creating");
  }

  private static DB openMapDb(JournaledFileVolume volume, boolean exists) {
    String name = volume.getFile().getPath();
    VolumeFactory factory = new VolumeFactory() {
      @Override
      public Volume makeVolume(String file, boolean readOnly, long fileLockWait, int sliceShift, long initSize, boolean fixedSize) {
        if (name.equals(file)) {
          return volume;
        }
        // MapDB's own log never needs to survive the process (it is never replayed), so it stays in memory.
        return new ByteArrayVol(sliceShift, 0L);
      }

      @Override
      public boolean exists(String file) {
        return name.equals(file) && exists;
      }

      @Override
      public boolean handlesReadonly() {
        return false;
      }
    };
    StoreWAL store = new StoreWAL(name, factory, 0L, true, CC.STORE_DIRECT_CONC_SHIFT, CC.PAGE_SIZE, 0L,
        false, false, false, true, false);
    return new DB(store, exists, true, StateStore.class.getClassLoader(), 0);
  }

  private static void syncDirectory(Path dir) throws IOException {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    }
  }

  private static void closeQuietly(DB db, Volume volume, FileChannel channel) {
    try {
      if (db != null) {
        db.close();
      }
    } catch (RuntimeException ignored) {
      // closing a store that failed to open; the original failure is what the caller reports
    }
    try {
      if (volume != null) {
        volume.close();
      } else if (channel != null) {
        channel.close();
      }
    } catch (IOException | RuntimeException ignored) {
      // as above: the original failure is what the caller reports
    }
  }

  private static byte[] u64(long v) {
    return ByteBuffer.allocate(8).putLong(v).array();
  }

  /** Committed entries straight from MapDB. */
  private final class CommittedReader implements StateReader {
    @Override
    public Optional<byte[]> getBytes(StateKey key) {
      return Optional.ofNullable(entries.get(key.bytesView()));
    }

    @Override
    public Iterator<StateEntry> iterate(KeyRange range) {
      Iterator<Map.Entry<byte[], byte[]>> it = (range.to() == null
          ? entries.tailMap(range.from(), true)
          : entries.subMap(range.from(), true, range.to(), false)).entrySet().iterator();
      return new Iterator<>() {
        @Override
        public boolean hasNext() {
          return it.hasNext();
        }

        @Override
        public StateEntry next() {
          if (!it.hasNext()) {
            throw new NoSuchElementException();
          }
          Map.Entry<byte[], byte[]> e = it.next();
          return new StateEntry(StateKey.fromBytes(e.getKey()), e.getValue());
        }
      };
    }
  }
}
