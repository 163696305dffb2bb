package io.hivesafe.state;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Reads what {@link ValueWriter} wrote, strictly: a boolean byte other than 0 or 1, text that is not
 * well-formed UTF-8, a count larger than the bytes left, or bytes left over after the value are all
 * refused, so each value has exactly one encoding. Stored bytes that do not read are damage or a bug:
 * {@link IllegalStateException}.
 */
public final class ValueReader {
  private final byte[] bytes;
  private int at;

  public ValueReader(byte[] bytes) {
    this(bytes, 0);
  }

  ValueReader(byte[] bytes, int from) {
    this.bytes = bytes;
    this.at = from;
  }

  public long int64() {
    need(8);
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (bytes[at++] & 0xff);
    }
    return v;
  }

  public boolean bool() {
    need(1);
    int b = bytes[at++];
    if (b != 0 && b != 1) {
      throw malformed("a boolean byte " + b);
    }
    return b == 1;
  }

  public String text() {
    int n = count();
    need(n);
    try {
      String s = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, at, n)).toString();
      at += n;
      return s;
    } catch (CharacterCodingException e) {
      throw malformed("text that is not UTF-8");
    }
  }

  /** A count; it can never exceed the bytes left (each item takes at least one byte). */
  public int count() {
    need(4);
    int n = 0;
    for (int i = 0; i < 4; i++) {
      n = (n << 8) | (bytes[at++] & 0xff);
    }
    if (n < 0 || n > bytes.length - at) {
      throw malformed("a count of " + Integer.toUnsignedString(n) + " with " + (bytes.length - at) + " bytes left");
    }
    return n;
  }

  public <T> List<T> list(Function<ValueReader, T> item) {
    int n = count();
    List<T> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(item.apply(this));
    }
    return out;
  }

  /** A map of text to text written by {@link ValueWriter#textMap}: keys in strictly increasing order, or it is refused. */
  public java.util.SortedMap<String, String> textMap() {
    java.util.TreeMap<String, String> out = new java.util.TreeMap<>();
    int n = count();
    for (int i = 0; i < n; i++) {
      String key = text();
      if (!out.isEmpty() && key.compareTo(out.lastKey()) <= 0) {
        throw malformed("map keys out of order at " + key);
      }
      out.put(key, text());
    }
    return out;
  }

  /** The value must end here. */
  public void end() {
    if (at != bytes.length) {
      throw malformed((bytes.length - at) + " bytes after the value");
    }
  }

  private void need(int n) {
    if (bytes.length - at < n) {
      throw malformed("a value cut short at byte " + at);
    }
  }

  private IllegalStateException malformed(String what) {
    return new IllegalStateException("stored value is not canonical: " + what);
  }
}
