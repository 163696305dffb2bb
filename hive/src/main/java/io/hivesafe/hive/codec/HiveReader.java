package io.hivesafe.hive.codec;

import io.hivesafe.hive.HiveFormatException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads fc::raw values from a private copy of the input, so a failed decode never disturbs the
 * caller's bytes. Every malformed input is a {@link HiveFormatException}: truncation, a non-minimal
 * or overlong varint, invalid UTF-8, trailing bytes.
 */
public final class HiveReader {
  private final byte[] data;
  private int position;

  public HiveReader(byte[] data) {
    this.data = data.clone();
  }

  public int u8() {
    need(1);
    return data[position++] & 0xff;
  }

  public int u16() {
    need(2);
    int value = (data[position] & 0xff) | ((data[position + 1] & 0xff) << 8);
    position += 2;
    return value;
  }

  public long u32() {
    need(4);
    long value = 0;
    for (int i = 0; i < 4; i++) {
      value |= (data[position + i] & 0xffL) << (8 * i);
    }
    position += 4;
    return value;
  }

  public long i64() {
    need(8);
    long value = 0;
    for (int i = 0; i < 8; i++) {
      value |= (data[position + i] & 0xffL) << (8 * i);
    }
    position += 8;
    return value;
  }

  /** An unsigned LEB128 of at most 32 bits (fc's unsigned_int), in its shortest form. */
  public long varint32() {
    long value = 0;
    int start = position;
    for (int shift = 0; ; shift += 7) {
      if (shift > 28) {
        throw new HiveFormatException("varint longer than 5 bytes at offset " + start);
      }
      int b = u8();
      value |= (long) (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        if (b == 0 && shift > 0) {
          throw new HiveFormatException("non-minimal varint at offset " + start);
        }
        break;
      }
    }
    if (value > 0xffffffffL) {
      throw new HiveFormatException("varint exceeds 32 bits at offset " + start);
    }
    return value;
  }

  /** fc's optional<T> flag: 0 (absent) or 1 (present); anything else is malformed. */
  public boolean optionalPresent() {
    int flag = u8();
    return switch (flag) {
      case 0 -> false;
      case 1 -> true;
      default -> throw new HiveFormatException("optional flag must be 0 or 1, got " + flag + " at offset " + (position - 1));
    };
  }

  /** A varint count that must also fit in the bytes left, each element taking at least {@code minSize}. */
  public int count(int minSize) {
    long n = varint32();
    if (n * Math.max(1, minSize) > remaining()) {
      throw new HiveFormatException("count " + n + " exceeds the " + remaining() + " bytes left");
    }
    return (int) n;
  }

  public byte[] bytes(int length) {
    need(length);
    byte[] out = Arrays.copyOfRange(data, position, position + length);
    position += length;
    return out;
  }

  public String string() {
    int length = count(1);
    byte[] raw = bytes(length);
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(raw))
          .toString();
    } catch (CharacterCodingException e) {
      throw new HiveFormatException("string at offset " + (position - length) + " is not valid UTF-8", e);
    }
  }

  public int remaining() {
    return data.length - position;
  }

  public int position() {
    return position;
  }

  /** Fails unless every byte was consumed. */
  public void expectEnd() {
    if (remaining() != 0) {
      throw new HiveFormatException(remaining() + " trailing bytes at offset " + position);
    }
  }

  private void need(int n) {
    if (n < 0 || remaining() < n) {
      throw new HiveFormatException(
          "truncated input: need " + n + " bytes at offset " + position + ", " + remaining() + " left");
    }
  }
}
