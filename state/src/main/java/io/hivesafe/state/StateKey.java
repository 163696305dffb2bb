package io.hivesafe.state;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A path in the state: segments of printable ASCII joined by {@code /}, for example
 * {@code balances/alice} or {@code chrono/due/0100000000/0000000000000000042}.
 *
 * <p>Keys are restricted to printable ASCII without space (0x21–0x7E) so that byte order, UTF-8 order
 * and {@link String#compareTo} agree: there is exactly one order, the one MapDB stores, the snapshot
 * writes and the digest never depends on. Numbers that must sort as numbers go through
 * {@link FixedWidth}. A key is at most {@value #MAX_BYTES} bytes; no segment is empty.
 */
public final class StateKey implements Comparable<StateKey> {
  public static final int MAX_BYTES = 255;

  private final String path;
  private final byte[] bytes;

  private StateKey(String path) {
    this.path = path;
    this.bytes = path.getBytes(StandardCharsets.US_ASCII);
  }

  /** Parses a whole path such as {@code balances/alice}. */
  public static StateKey of(String path) {
    if (path == null || path.isEmpty()) {
      throw new IllegalArgumentException("state key is empty");
    }
    if (path.length() > MAX_BYTES) {
      throw new IllegalArgumentException("state key longer than " + MAX_BYTES + " bytes: " + path.substring(0, 40) + "…");
    }
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c < 0x21 || c > 0x7E) {
        throw new IllegalArgumentException("state key " + printable(path) + " has a character outside printable ASCII at index " + i);
      }
    }
    if (path.startsWith("/") || path.endsWith("/") || path.contains("//")) {
      throw new IllegalArgumentException("state key " + path + " has an empty segment");
    }
    return new StateKey(path);
  }

  /** Joins segments, each of which must be non-empty and free of {@code /}. */
  public static StateKey path(String first, String... rest) {
    StringBuilder sb = new StringBuilder(segment(first));
    for (String s : rest) {
      sb.append('/').append(segment(s));
    }
    return of(sb.toString());
  }

  /** Reads a key back from its stored bytes; bytes that are not a valid key are rejected. */
  public static StateKey fromBytes(byte[] stored) {
    return of(new String(stored, StandardCharsets.US_ASCII));
  }

  public StateKey child(String segment) {
    return of(path + "/" + segment(segment));
  }

  /** True when {@code other} lies strictly below this path ({@code a/b} is below {@code a}). */
  public boolean isAncestorOf(StateKey other) {
    return other.path.length() > path.length() + 1 && other.path.startsWith(path) && other.path.charAt(path.length()) == '/';
  }

  /**
   * The smallest key that sorts after every descendant of this path: the path followed by the
   * character after {@code /}. Descendants of {@code p} are exactly the keys in
   * {@code [p + "/", descendantsEnd())}.
   */
  String descendantsStart() {
    return path + "/";
  }

  String descendantsEnd() {
    return path + "0";
  }

  /** The stored form; a copy. */
  public byte[] toBytes() {
    return bytes.clone();
  }

  byte[] bytesView() {
    return bytes;
  }

  @Override
  public int compareTo(StateKey o) {
    return Arrays.compareUnsigned(bytes, o.bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StateKey k && k.path.equals(path);
  }

  @Override
  public int hashCode() {
    return path.hashCode();
  }

  @Override
  public String toString() {
    return path;
  }

  private static String segment(String s) {
    if (s == null || s.isEmpty() || s.indexOf('/') >= 0) {
      throw new IllegalArgumentException("state key segment must be non-empty and without '/': " + (s == null ? "null" : printable(s)));
    }
    return s;
  }

  private static String printable(String s) {
    StringBuilder sb = new StringBuilder("\"");
    s.codePoints().limit(60).forEach(cp -> {
      if (cp >= 0x20 && cp < 0x7F) {
        sb.appendCodePoint(cp);
      } else {
        sb.append(String.format("\\u%04x", cp));
      }
    });
    return sb.append('"').toString();
  }
}
