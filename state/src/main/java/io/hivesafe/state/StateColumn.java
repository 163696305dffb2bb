package io.hivesafe.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One kind of state entry, in the manner of Teku's {@code KvStoreColumn}: where its keys live (a fixed
 * prefix and typed segments after it) and the codec of its values. The schema of a module is the list
 * of its columns, declared in one place; every read and write of a value goes through its column, so
 * a key cannot be written with another kind's codec, and a test can check that every stored key
 * belongs to exactly one column and every value reads back to its own bytes.
 */
public final class StateColumn<V> {
  /** A typed key segment after the prefix. */
  public enum Segment {
    /** An unsigned 32-bit number (a block), 10 zero-padded digits. */
    UINT32,
    /** A non-negative 64-bit number (a sequence), 19 zero-padded digits. */
    INT64,
    /** A number below 100,000 (an index in a block, a TaPoS slot), 5 zero-padded digits. */
    DIGITS5,
    /** A name (an account): printable ASCII without '/'. */
    NAME
  }

  private final StateKey prefix;
  private final List<Segment> shape;
  private final ValueCodec<V> codec;
  private final String valueName;

  private StateColumn(StateKey prefix, List<Segment> shape, ValueCodec<V> codec, String valueName) {
    this.prefix = prefix;
    this.shape = List.copyOf(shape);
    this.codec = codec;
    this.valueName = valueName;
  }

  /** A column of one entry at {@code path}. */
  public static <V> StateColumn<V> single(String path, String valueName, ValueCodec<V> codec) {
    return new StateColumn<>(StateKey.of(path), List.of(), codec, valueName);
  }

  /** A column of entries under {@code path}, keyed by {@code shape}. */
  public static <V> StateColumn<V> keyed(String path, String valueName, ValueCodec<V> codec, Segment... shape) {
    if (shape.length == 0) {
      throw new IllegalArgumentException("a keyed column needs at least one key segment");
    }
    return new StateColumn<>(StateKey.of(path), List.of(shape), codec, valueName);
  }

  public ValueCodec<V> codec() {
    return codec;
  }

  public StateKey prefix() {
    return prefix;
  }

  /** The key of the entry named by {@code parts}, one per segment: a {@code Long} for a number, a {@code String} for a name. */
  public StateKey key(Object... parts) {
    if (parts.length != shape.size()) {
      throw new IllegalArgumentException(this + " takes " + shape.size() + " key parts, not " + parts.length);
    }
    return under(parts);
  }

  /** The key that the first {@code parts.length} segments name: every entry under it shares them. */
  public StateKey under(Object... parts) {
    if (parts.length > shape.size()) {
      throw new IllegalArgumentException(this + " has only " + shape.size() + " key segments");
    }
    StateKey k = prefix;
    for (int i = 0; i < parts.length; i++) {
      k = k.child(segment(shape.get(i), parts[i]));
    }
    return k;
  }

  public Optional<V> get(StateReader r, Object... parts) {
    return r.getBytes(key(parts)).map(codec::decode);
  }

  public void put(WriteBuffer w, V value, Object... parts) {
    w.putBytes(key(parts), codec.encode(value));
  }

  public void delete(WriteBuffer w, Object... parts) {
    w.delete(key(parts));
  }

  /** Every value under the leading {@code parts} (all of them when none), in key order. */
  public List<V> values(StateReader r, Object... parts) {
    StateKey root = under(parts);
    List<V> out = new ArrayList<>();
    if (parts.length == shape.size()) {
      r.getBytes(root).ifPresent(b -> out.add(codec.decode(b)));
      return out;
    }
    r.iterate(KeyRange.descendantsOf(root)).forEachRemaining(e -> out.add(codec.decode(e.value())));
    return out;
  }

  public V value(StateEntry e) {
    return codec.decode(e.value());
  }

  /** Whether {@code key} is a key of this column: the prefix, then one well-formed segment per part of the shape. */
  public boolean owns(StateKey key) {
    String[] mine = prefix.toString().split("/");
    String[] its = key.toString().split("/");
    if (its.length != mine.length + shape.size()) {
      return false;
    }
    for (int i = 0; i < mine.length; i++) {
      if (!mine[i].equals(its[i])) {
        return false;
      }
    }
    for (int i = 0; i < shape.size(); i++) {
      if (!wellFormed(shape.get(i), its[mine.length + i])) {
        return false;
      }
    }
    return true;
  }

  /** The key pattern, for the docs' schema table: {@code reports/<uint32>/<name>}. */
  public String pattern() {
    StringBuilder b = new StringBuilder(prefix.toString());
    for (Segment s : shape) {
      b.append("/<").append(s.name().toLowerCase(java.util.Locale.ROOT)).append('>');
    }
    return b.toString();
  }

  public String valueName() {
    return valueName;
  }

  @Override
  public String toString() {
    return pattern() + " " + valueName;
  }

  private static String segment(Segment s, Object part) {
    switch (s) {
      case UINT32:
        return FixedWidth.uint32(number(s, part));
      case INT64:
        return FixedWidth.int64(number(s, part));
      case DIGITS5: {
        long v = number(s, part);
        if (v < 0 || v > 99_999) {
          throw new IllegalArgumentException("five-digit key segment out of range: " + v);
        }
        String digits = Long.toString(v);
        return "00000".substring(digits.length()) + digits;
      }
      case NAME: {
        if (!(part instanceof String name) || name.isEmpty() || name.indexOf('/') >= 0) {
          throw new IllegalArgumentException("a name key segment must be non-empty text without '/': " + part);
        }
        return name;
      }
      default:
        throw new IllegalStateException("segment " + s);
    }
  }

  private static long number(Segment s, Object part) {
    if (part instanceof Long n) {
      return n;
    }
    if (part instanceof Integer n) {
      return n;
    }
    throw new IllegalArgumentException(s + " key segment must be a number, not " + part);
  }

  private static boolean wellFormed(Segment s, String seg) {
    switch (s) {
      case UINT32:
        return seg.length() == FixedWidth.UINT32_DIGITS && allDigits(seg);
      case INT64:
        return seg.length() == FixedWidth.INT64_DIGITS && allDigits(seg);
      case DIGITS5:
        return seg.length() == 5 && allDigits(seg);
      case NAME:
        return !seg.isEmpty();
      default:
        throw new IllegalStateException("segment " + s);
    }
  }

  private static boolean allDigits(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }
}
