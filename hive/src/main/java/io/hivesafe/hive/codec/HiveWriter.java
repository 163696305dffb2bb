package io.hivesafe.hive.codec;

import io.hivesafe.hive.HiveFormatException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Appends values in fc::raw's little-endian encoding. */
public final class HiveWriter {
  private byte[] buffer = new byte[256];
  private int size;

  public HiveWriter u8(int value) {
    ensure(1);
    buffer[size++] = (byte) value;
    return this;
  }

  public HiveWriter u16(int value) {
    ensure(2);
    buffer[size++] = (byte) value;
    buffer[size++] = (byte) (value >>> 8);
    return this;
  }

  public HiveWriter u32(long value) {
    ensure(4);
    for (int i = 0; i < 4; i++) {
      buffer[size++] = (byte) (value >>> (8 * i));
    }
    return this;
  }

  public HiveWriter i64(long value) {
    ensure(8);
    for (int i = 0; i < 8; i++) {
      buffer[size++] = (byte) (value >>> (8 * i));
    }
    return this;
  }

  /** fc's optional<T> flag: 1 when present, 0 when absent. */
  public HiveWriter optionalPresent(boolean present) {
    return u8(present ? 1 : 0);
  }

  /** Unsigned LEB128, the shortest form. */
  public HiveWriter varint(long value) {
    if (value < 0) {
      throw new IllegalArgumentException("varint must not be negative: " + value);
    }
    long rest = value;
    do {
      int b = (int) (rest & 0x7f);
      rest >>>= 7;
      u8(rest != 0 ? b | 0x80 : b);
    } while (rest != 0);
    return this;
  }

  public HiveWriter bytes(byte[] value) {
    ensure(value.length);
    System.arraycopy(value, 0, buffer, size, value.length);
    size += value.length;
    return this;
  }

  /** varint byte length + UTF-8. A string that is not valid Unicode (a lone surrogate) is refused. */
  public HiveWriter string(String value) {
    byte[] utf8;
    try {
      ByteBuffer encoded =
          StandardCharsets.UTF_8
              .newEncoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .encode(CharBuffer.wrap(value));
      utf8 = Arrays.copyOfRange(encoded.array(), encoded.position(), encoded.limit());
    } catch (CharacterCodingException e) {
      throw new HiveFormatException("string is not valid Unicode (lone surrogate)", e);
    }
    varint(utf8.length);
    return bytes(utf8);
  }

  public byte[] toBytes() {
    return Arrays.copyOf(buffer, size);
  }

  private void ensure(int more) {
    if (size + more > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
    }
  }
}
