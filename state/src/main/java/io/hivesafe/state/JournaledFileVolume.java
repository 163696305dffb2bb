package io.hivesafe.state;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import org.mapdb.DataInput2;
import org.mapdb.volume.Volume;

/**
 * MapDB's view of the store file, made atomic per commit.
 *
 * <p>Why this is hand-written: MapDB 3.1.0's {@code StoreWAL} logs a transaction, seals the log, then
 * copies the changes over the store file in place, and never replays its log when a store is opened
 * (nothing calls {@code WriteAheadLog.open}); a process killed during that copy leaves a store file
 * that is half old, half new, and opens without complaint. No maintained library wraps MapDB with a
 * redo log, so this class does it at the page level: every write MapDB makes lands in an in-memory
 * page overlay; {@link #checkpoint} writes the changed pages to a {@link PageJournal}, fsyncs it, then
 * writes them over the store file, fsyncs it, and invalidates the journal. {@link #recover} finishes a
 * journal left by a crash before MapDB opens the file.
 *
 * <p>Committed pages that MapDB reads come from {@link CommittedPages}, through its bounded LRU cache;
 * a checkpoint puts the pages it wrote into the cache and drops cached pages past a cut.
 *
 * <p>All methods are synchronized: the store's own lock already keeps commits apart from reads, and
 * the cost of an uncontended monitor is small next to the positional read behind it.
 */
final class JournaledFileVolume extends Volume {
  private final Path path;
  private final FileChannel journal;
  private final int pageSize;
  private final NavigableMap<Long, byte[]> dirty = new TreeMap<>();
  private final CommittedPages committedPages;
  private long committedLength;
  private long length;
  /** Clean bytes at or after this offset read as zero (set by a pending truncate). */
  private long zeroFrom = Long.MAX_VALUE;

  JournaledFileVolume(Path path, FileChannel store, FileChannel journal, int pageSize, long cacheBytes) throws IOException {
    if (pageSize < 64 || Integer.bitCount(pageSize) != 1) {
      throw new IllegalArgumentException("page size must be a power of two >= 64: " + pageSize);
    }
    this.path = path;
    this.journal = journal;
    this.pageSize = pageSize;
    this.committedPages = new CommittedPages(path, store, pageSize, cacheBytes);
    this.committedLength = store.size();
    this.length = committedLength;
  }

  /** Result of {@link #recover}. */
  enum Recovery { CLEAN, REPLAYED, DISCARDED_TORN }

  /** Finishes or discards a journal left by an interrupted commit. Call before MapDB opens the file. */
  static Recovery recover(FileChannel store, FileChannel journal) throws IOException {
    if (journal.size() == 0) {
      return Recovery.CLEAN;
    }
    Optional<PageJournal.Contents> contents = PageJournal.read(journal);
    Recovery recovery;
    if (contents.isPresent()) {
      PageJournal.Contents c = contents.get();
      CommittedPages.apply(store, c.cutAt(), c.pages(), c.pageSize(), c.newLength(), c.block(), CommitObserver.NONE);
      recovery = Recovery.REPLAYED;
    } else {
      recovery = isLeftover(journal) ? Recovery.CLEAN : Recovery.DISCARDED_TORN;
    }
    journal.truncate(0);
    journal.force(false);
    return recovery;
  }

  /** An invalidated journal (zeroed magic) left by a completed commit, as opposed to a torn one. */
  private static boolean isLeftover(FileChannel journal) throws IOException {
    ByteBuffer magic = ByteBuffer.allocate(PageJournal.MAGIC.length);
    journal.read(magic, 0);
    return Arrays.equals(magic.array(), new byte[PageJournal.MAGIC.length]);
  }

  /** Whether a commit's pages are waiting in memory. */
  synchronized boolean hasPending() {
    return !dirty.isEmpty() || length != committedLength;
  }

  /**
   * Makes everything written since the last checkpoint durable and atomic: journal, fsync, apply,
   * fsync, clear the journal. Returns the journal's size in bytes (0 when nothing changed).
   */
  synchronized long checkpoint(long block, CommitObserver observer) throws IOException {
    if (!hasPending()) {
      return 0;
    }
    long cutAt = Math.min(zeroFrom, committedLength);
    long journalBytes = PageJournal.write(journal, block, cutAt, length, pageSize, dirty);
    observer.journalDurable(block, dirty.size(), journalBytes);
    committedPages.write(cutAt, dirty, length, block, observer);
    observer.storeDurable(block);
    // Not fsynced: if the invalidation is lost in a crash, the journal is replayed once more onto a
    // store file that already holds it, which changes nothing; the store file changes again only after
    // the next journal is durable.
    PageJournal.invalidate(journal);
    committedPages.cacheWritten(cutAt, committedLength, dirty);
    dirty.clear();
    committedLength = length;
    zeroFrom = Long.MAX_VALUE;
    return journalBytes;
  }

  /** Forgets everything written since the last checkpoint. */
  synchronized void discardPending() {
    dirty.clear();
    length = committedLength;
    zeroFrom = Long.MAX_VALUE;
  }

  // ---- reads ----

  @Override
  public synchronized void getData(long offset, byte[] dst, int dstPos, int size) {
    forEachPage(offset, size, (pageNo, inPage, done, n) -> {
      byte[] page = dirty.get(pageNo);
      if (page != null) {
        System.arraycopy(page, inPage, dst, dstPos + done, n);
      } else {
        readClean(offset + done, dst, dstPos + done, n);
      }
    });
  }

  /** One piece of a byte range that falls in one page. */
  private interface PageSpan {
    void visit(long pageNo, int inPage, int done, int n);
  }

  /** Splits {@code [offset, offset + size)} at page boundaries, in order. */
  private void forEachPage(long offset, int size, PageSpan span) {
    int done = 0;
    while (done < size) {
      long at = offset + done;
      int inPage = (int) (at % pageSize);
      int n = Math.min(size - done, pageSize - inPage);
      span.visit(at / pageSize, inPage, done, n);
      done += n;
    }
  }

  /**
   * Reads bytes, within one page, that the pending commit has not touched: the committed file up to its
   * length (or up to a pending truncation), zeros after.
   */
  private void readClean(long offset, byte[] dst, int dstPos, int size) {
    long limit = Math.min(committedLength, zeroFrom);
    int fromFile = (int) Math.max(0, Math.min(size, limit - offset));
    if (fromFile > 0) {
      System.arraycopy(committedPages.page(offset / pageSize, committedLength), (int) (offset % pageSize), dst, dstPos, fromFile);
    }
    Arrays.fill(dst, dstPos + fromFile, dstPos + size, (byte) 0);
  }

  @Override
  public long getLong(long offset) {
    return ByteBuffer.wrap(bytes(offset, 8)).getLong();
  }

  @Override
  public int getInt(long offset) {
    return ByteBuffer.wrap(bytes(offset, 4)).getInt();
  }

  @Override
  public byte getByte(long offset) {
    return bytes(offset, 1)[0];
  }

  @Override
  public DataInput2 getDataInput(long offset, int size) {
    return new DataInput2.ByteArray(bytes(offset, size), 0);
  }

  private byte[] bytes(long offset, int size) {
    byte[] b = new byte[size];
    getData(offset, b, 0, size);
    return b;
  }

  // ---- writes: all into the overlay ----

  @Override
  public synchronized void putData(long offset, byte[] src, int srcPos, int size) {
    forEachPage(offset, size, (pageNo, inPage, done, n) -> System.arraycopy(src, srcPos + done, dirtyPage(pageNo), inPage, n));
    length = Math.max(length, offset + size);
  }

  private byte[] dirtyPage(long pageNo) {
    byte[] page = dirty.get(pageNo);
    if (page == null) {
      page = new byte[pageSize];
      readClean(pageNo * pageSize, page, 0, pageSize);
      dirty.put(pageNo, page);
    }
    return page;
  }

  @Override
  public void putData(long offset, ByteBuffer buf) {
    byte[] b = new byte[buf.remaining()];
    buf.get(b);
    putData(offset, b, 0, b.length);
  }

  @Override
  public void putLong(long offset, long value) {
    putData(offset, ByteBuffer.allocate(8).putLong(value).array(), 0, 8);
  }

  @Override
  public void putInt(long offset, int value) {
    putData(offset, ByteBuffer.allocate(4).putInt(value).array(), 0, 4);
  }

  @Override
  public void putByte(long offset, byte value) {
    putData(offset, new byte[] {value}, 0, 1);
  }

  @Override
  public synchronized void clear(long startOffset, long endOffset) {
    long at = startOffset;
    while (at < endOffset) {
      long pageNo = at / pageSize;
      int inPage = (int) (at % pageSize);
      int n = (int) Math.min(endOffset - at, pageSize - inPage);
      boolean alreadyZero = !dirty.containsKey(pageNo) && pageNo * pageSize >= Math.min(committedLength, zeroFrom);
      if (!alreadyZero) {
        Arrays.fill(dirtyPage(pageNo), inPage, inPage + n, (byte) 0);
      }
      at += n;
    }
  }

  @Override
  public synchronized void ensureAvailable(long offset) {
    length = Math.max(length, offset);
  }

  @Override
  public synchronized void truncate(long size) {
    length = size;
    zeroFrom = Math.min(zeroFrom, size);
    long firstWhole = (size + pageSize - 1) / pageSize;
    dirty.tailMap(firstWhole, true).clear();
    byte[] partial = dirty.get(size / pageSize);
    if (partial != null && size % pageSize != 0) {
      Arrays.fill(partial, (int) (size % pageSize), pageSize, (byte) 0);
    }
  }

  @Override
  public synchronized long length() {
    return length;
  }

  /** Durability comes from {@link #checkpoint}, which the store calls after MapDB's commit. */
  @Override
  public void sync() {}

  @Override
  public synchronized void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    dirty.clear();
    committedPages.close();
  }

  @Override
  public int sliceSize() {
    return -1;
  }

  @Override
  public boolean isSliced() {
    return false;
  }

  @Override
  public boolean isReadOnly() {
    return false;
  }

  @Override
  public File getFile() {
    return path.toFile();
  }

  @Override
  public boolean getFileLocked() {
    return true;
  }
}
