package io.hivesafe.state;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.function.BiConsumer;

/**
 * Writes the canonical bytes of a state value, field by field in the order the value's codec names
 * them: integers as 8 bytes big-endian, booleans as one byte 0 or 1, text as a 4-byte length and its
 * UTF-8 bytes, lists as a 4-byte count and their items. Nothing depends on a library's choices: the
 * bytes are what this class writes, and {@code ValueCodecTest} pins them.
 */
public final class ValueWriter {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream(64);

  public ValueWriter int64(long v) {
    for (int shift = 56; shift >= 0; shift -= 8) {
      out.write((int) (v >>> shift));
    }
    return this;
  }

  /** One raw byte (the format byte). */
  ValueWriter bytesOf(int b) {
    out.write(b);
    return this;
  }

  public ValueWriter bool(boolean v) {
    out.write(v ? 1 : 0);
    return this;
  }

  /** Text as UTF-8; a lone surrogate (which has no UTF-8 form) is a bug in the caller. */
  public ValueWriter text(String v) {
    ByteBuffer utf8;
    try {
      utf8 = StandardCharsets.UTF_8.newEncoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .encode(CharBuffer.wrap(v));
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("state text is not well-formed UTF-16 (a lone surrogate): " + e.getMessage(), e);
    }
    count(utf8.remaining());
    out.write(utf8.array(), utf8.arrayOffset() + utf8.position(), utf8.remaining());
    return this;
  }

  /** A count of items (or bytes) that follow: 4 bytes big-endian, never negative. */
  public ValueWriter count(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("negative count " + n);
    }
    for (int shift = 24; shift >= 0; shift -= 8) {
      out.write(n >>> shift);
    }
    return this;
  }

  /** A list in its given order: the count, then each item as {@code item} writes it. */
  public <T> ValueWriter list(Collection<T> items, BiConsumer<ValueWriter, T> item) {
    count(items.size());
    for (T t : items) {
      item.accept(this, t);
    }
    return this;
  }

  /** A map of text to text, as its (key, value) pairs in key order (a sorted map keeps that order). */
  public ValueWriter textMap(java.util.SortedMap<String, String> map) {
    return list(map.entrySet(), (w, e) -> w.text(e.getKey()).text(e.getValue()));
  }

  /** A nested value, as {@code codec} writes it (no format byte: that starts only a stored value). */
  public <T> ValueWriter then(T value, BiConsumer<ValueWriter, T> codec) {
    codec.accept(this, value);
    return this;
  }

  public byte[] toByteArray() {
    return out.toByteArray();
  }
}
