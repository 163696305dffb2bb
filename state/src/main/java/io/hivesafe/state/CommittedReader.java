package io.hivesafe.state;

import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NoSuchElementException;
import java.util.Optional;

/** Committed entries straight from the store's entries tree; the store's read lock keeps commits out. */
final class CommittedReader implements StateReader {
  private final NavigableMap<byte[], byte[]> entries;

  CommittedReader(NavigableMap<byte[], byte[]> entries) {
    this.entries = entries;
  }

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
