package io.hivesafe.state;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A half-open range of stored keys, {@code [from, to)} in unsigned byte order; {@code to == null} is
 * unbounded. Bounds are raw bytes because the natural bounds of a subtree ({@code p/} and {@code p0})
 * are not themselves valid keys.
 */
public record KeyRange(byte[] from, byte[] to) {
  public KeyRange {
    if (from == null) {
      throw new IllegalArgumentException("range needs a lower bound");
    }
    from = from.clone();
    to = to == null ? null : to.clone();
    if (to != null && Arrays.compareUnsigned(from, to) > 0) {
      throw new IllegalArgumentException("range bounds out of order");
    }
  }

  /** Every key. */
  public static KeyRange all() {
    return new KeyRange(new byte[0], null);
  }

  /** {@code from <= key < to}; a null {@code to} is unbounded. */
  public static KeyRange between(StateKey from, StateKey to) {
    return new KeyRange(from.bytesView(), to == null ? null : to.bytesView());
  }

  /** The keys strictly below {@code path}: {@code [path + "/", path + "0")}, since '0' follows '/'. */
  public static KeyRange descendantsOf(StateKey path) {
    return new KeyRange(ascii(path.descendantsStart()), ascii(path.descendantsEnd()));
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KeyRange r && Arrays.equals(r.from, from) && Arrays.equals(r.to, to);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(from) * 31 + Arrays.hashCode(to);
  }

  @Override
  public String toString() {
    return "[" + new String(from, StandardCharsets.US_ASCII) + ", " + (to == null ? "end" : new String(to, StandardCharsets.US_ASCII)) + ")";
  }
}
