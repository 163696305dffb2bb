package io.hivesafe.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NavigableMap;

/**
 * The store file's committed pages: read through a bounded LRU cache ({@code StateConfig.cacheBytes}),
 * since MapDB itself caches nothing and every B-tree node read would otherwise be a file read; and
 * written over by a checkpoint or a recovery ({@link #apply}), whose pages then join the cache.
 *
 * <p>Not thread-safe: {@link JournaledFileVolume} calls it under its own monitor.
 */
final class CommittedPages {
  private final Path path;
  private final FileChannel store;
  private final int pageSize;
  /** Committed pages recently read, least recently used first; bounded by {@link #cachePages}. */
  private final LinkedHashMap<Long, byte[]> clean = new LinkedHashMap<>(1024, 0.75f, true);
  private final int cachePages;

  CommittedPages(Path path, FileChannel store, int pageSize, long cacheBytes) {
    this.path = path;
    this.store = store;
    this.pageSize = pageSize;
    this.cachePages = (int) Math.min(Integer.MAX_VALUE, Math.max(0, cacheBytes / pageSize));
  }

  /** Page {@code pageNo} of the committed file, which is {@code committedLength} bytes long (zeros past its end). */
  byte[] page(long pageNo, long committedLength) {
    byte[] page = clean.get(pageNo);
    if (page != null) {
      return page;
    }
    page = new byte[pageSize];
    long start = pageNo * pageSize;
    ByteBuffer buf = ByteBuffer.wrap(page, 0, (int) Math.max(0, Math.min(pageSize, committedLength - start)));
    try {
      while (buf.hasRemaining()) {
        if (store.read(buf, start + buf.position()) < 0) {
          throw new IOException("store file " + path + " ends before offset " + (start + buf.limit()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    cache(pageNo, page);
    return page;
  }

  /** Writes a checkpoint's {@code pages} over the store file and fsyncs it: see {@link #apply}. */
  void write(long cutAt, NavigableMap<Long, byte[]> pages, long newLength, long block, CommitObserver observer) throws IOException {
    apply(store, cutAt, pages, pageSize, newLength, block, observer);
  }

  /**
   * After a checkpoint of a file that was {@code committedLength} bytes long: cached pages past its cut
   * at {@code cutAt} dropped, the pages it wrote cached.
   */
  void cacheWritten(long cutAt, long committedLength, NavigableMap<Long, byte[]> pages) {
    if (cutAt < committedLength) {
      clean.keySet().removeIf(pageNo -> pageNo >= cutAt / pageSize);
    }
    for (Map.Entry<Long, byte[]> page : pages.entrySet()) {
      cache(page.getKey(), page.getValue());
    }
  }

  /**
   * Writes {@code pages} over {@code store}: first cut at {@code cutAt}, then each page (up to
   * {@code newLength}), then the length set to {@code newLength}, then fsync.
   */
  static void apply(FileChannel store, long cutAt, NavigableMap<Long, byte[]> pages, int pageSize, long newLength,
      long block, CommitObserver observer) throws IOException {
    if (store.size() > cutAt) {
      store.truncate(cutAt);
    }
    int index = 0;
    for (Map.Entry<Long, byte[]> page : pages.entrySet()) {
      long offset = page.getKey() * pageSize;
      if (offset < newLength) {
        ByteBuffer buf = ByteBuffer.wrap(page.getValue(), 0, (int) Math.min(pageSize, newLength - offset));
        while (buf.hasRemaining()) {
          store.write(buf, offset + buf.position());
        }
      }
      observer.pageApplied(block, ++index, pages.size());
    }
    if (store.size() > newLength) {
      store.truncate(newLength);
    } else if (store.size() < newLength) {
      store.write(ByteBuffer.wrap(new byte[1]), newLength - 1);
    }
    store.force(false);
  }

  private void cache(long pageNo, byte[] page) {
    if (cachePages == 0) {
      return;
    }
    clean.put(pageNo, page);
    if (clean.size() > cachePages) {
      Iterator<Long> eldest = clean.keySet().iterator();
      eldest.next();
      eldest.remove();
    }
  }

  /** Forgets the cache and closes the store file. */
  void close() {
    clean.clear();
    try {
      store.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
