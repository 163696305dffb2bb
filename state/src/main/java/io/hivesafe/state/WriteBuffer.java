package io.hivesafe.state;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Writes layered over a reader: reads see this buffer's own writes first. The block's transaction is
 * the root buffer; each operation gets a {@link #child()} that is {@link #publish() published} into
 * its parent when the operation is accepted and {@link #discard() discarded} when it is rejected. While
 * a child is open its parent refuses writes, so the child's view never shifts under it.
 */
public class WriteBuffer implements StateReader {
  /** Marks a deletion. Compared by identity: encoded values are never this instance. */
  private static final byte[] TOMBSTONE = new byte[0];

  private final StateReader parent;
  private final TreeMap<byte[], byte[]> writes = new TreeMap<>(Arrays::compareUnsigned);
  private WriteBuffer openChild;
  private boolean closed;

  WriteBuffer(StateReader parent) {
    this.parent = parent;
  }

  /** Stores a value in its canonical encoding. */
  public <T> void put(StateKey key, T value, ValueCodec<T> codec) {
    putBytes(key, codec.encode(value));
  }

  /** Stores already-encoded bytes. Values go through their column or codec ({@link #put}). */
  public void putBytes(StateKey key, byte[] value) {
    checkWritable();
    if (value == null || value.length == 0) {
      throw new IllegalArgumentException("state value for " + key + " is empty");
    }
    writes.put(key.bytesView(), value.clone());
  }

  /** Removes a key; removing an absent key is not an error. */
  public void delete(StateKey key) {
    checkWritable();
    writes.put(key.bytesView(), TOMBSTONE);
  }

  /** A buffer over this one, for one operation. Only one child may be open at a time. */
  public WriteBuffer child() {
    checkWritable();
    openChild = new WriteBuffer(this);
    return openChild;
  }

  /** Moves this child's writes into its parent and closes it. */
  public void publish() {
    if (!(parent instanceof WriteBuffer p) || p.openChild != this) {
      throw new IllegalStateException("only an open child buffer can be published");
    }
    checkWritable();
    p.writes.putAll(writes);
    p.openChild = null;
    closed = true;
  }

  /** Drops this child's writes and closes it. */
  public void discard() {
    if (parent instanceof WriteBuffer p && p.openChild == this) {
      p.openChild = null;
    }
    writes.clear();
    closed = true;
  }

  /** Number of distinct keys written (puts and deletes). */
  public int writeCount() {
    return writes.size();
  }

  @Override
  public Optional<byte[]> getBytes(StateKey key) {
    checkOpen();
    byte[] v = writes.get(key.bytesView());
    if (v == TOMBSTONE) {
      return Optional.empty();
    }
    if (v != null) {
      return Optional.of(v.clone());
    }
    return parent.getBytes(key);
  }

  @Override
  public Iterator<StateEntry> iterate(KeyRange range) {
    checkOpen();
    NavigableMap<byte[], byte[]> own = range.to() == null
        ? writes.tailMap(range.from(), true)
        : writes.subMap(range.from(), true, range.to(), false);
    return new Merged(own.entrySet().iterator(), parent.iterate(range));
  }

  /** The writes, in key order, deletions as {@code null} values; for the committing store only. */
  void forEachWrite(WriteVisitor visitor) {
    for (Map.Entry<byte[], byte[]> e : writes.entrySet()) {
      visitor.visit(e.getKey(), e.getValue() == TOMBSTONE ? null : e.getValue());
    }
  }

  interface WriteVisitor {
    void visit(byte[] key, byte[] valueOrNull);
  }

  void close() {
    if (openChild != null) {
      openChild.discard();
    }
    writes.clear();
    closed = true;
  }

  boolean hasOpenChild() {
    return openChild != null;
  }

  boolean isClosed() {
    return closed;
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("write buffer is closed");
    }
  }

  private void checkWritable() {
    checkOpen();
    if (openChild != null) {
      throw new IllegalStateException("a child buffer is open; write through it or close it first");
    }
  }

  /** Merges this buffer's writes (which win, and may be deletions) with the parent's entries. */
  private static final class Merged implements Iterator<StateEntry> {
    private final Iterator<Map.Entry<byte[], byte[]>> own;
    private final Iterator<StateEntry> below;
    private Map.Entry<byte[], byte[]> nextOwn;
    private StateEntry nextBelow;
    private StateEntry next;

    Merged(Iterator<Map.Entry<byte[], byte[]>> own, Iterator<StateEntry> below) {
      this.own = own;
      this.below = below;
      this.nextOwn = own.hasNext() ? own.next() : null;
      this.nextBelow = below.hasNext() ? below.next() : null;
      advance();
    }

    private void advance() {
      next = null;
      while (next == null && (nextOwn != null || nextBelow != null)) {
        int cmp = nextOwn == null ? 1 : nextBelow == null ? -1 : Arrays.compareUnsigned(nextOwn.getKey(), nextBelow.key().bytesView());
        if (cmp <= 0) {
          byte[] v = nextOwn.getValue();
          if (v != TOMBSTONE) {
            next = new StateEntry(StateKey.fromBytes(nextOwn.getKey()), v.clone());
          }
          nextOwn = own.hasNext() ? own.next() : null;
          if (cmp == 0) {
            nextBelow = below.hasNext() ? below.next() : null;
          }
        } else {
          next = nextBelow;
          nextBelow = below.hasNext() ? below.next() : null;
        }
      }
    }

    @Override
    public boolean hasNext() {
      return next != null;
    }

    @Override
    public StateEntry next() {
      if (next == null) {
        throw new NoSuchElementException();
      }
      StateEntry out = next;
      advance();
      return out;
    }
  }
}
