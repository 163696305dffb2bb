package io.hivesafe.state;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/** Read access to the state, in key order. Implemented by the committed store and by write buffers. */
public interface StateReader {
  /** The stored bytes of a key, if present. */
  Optional<byte[]> getBytes(StateKey key);

  /**
   * The entries of a range in unsigned byte order of their keys. The iterator is only valid until the
   * next write to this reader.
   */
  Iterator<StateEntry> iterate(KeyRange range);

  default <T> Optional<T> get(StateKey key, ValueCodec<T> codec) {
    return getBytes(key).map(codec::decode);
  }

  default boolean contains(StateKey key) {
    return getBytes(key).isPresent();
  }

  /** Up to {@code limit} entries strictly below {@code path}, in key order. */
  default List<StateEntry> descendants(StateKey path, int limit) {
    return first(iterate(KeyRange.descendantsOf(path)), limit);
  }

  /** Up to {@code limit} entries with {@code from <= key < to}; a null {@code to} is unbounded. */
  default List<StateEntry> range(StateKey from, StateKey to, int limit) {
    return first(iterate(KeyRange.between(from, to)), limit);
  }

  private static List<StateEntry> first(Iterator<StateEntry> it, int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("negative limit");
    }
    List<StateEntry> out = new ArrayList<>();
    while (out.size() < limit && it.hasNext()) {
      out.add(it.next());
    }
    return out;
  }
}
