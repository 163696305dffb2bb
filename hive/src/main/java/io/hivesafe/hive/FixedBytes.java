package io.hivesafe.hive;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A value that is exactly N bytes (chain id, block id, transaction id, signature): equality by class
 * and content, hex printing, and defensive copies in and out.
 */
public abstract class FixedBytes {
  private final byte[] bytes;

  protected FixedBytes(byte[] bytes, int length, String what) {
    if (bytes.length != length) {
      throw new HiveFormatException(what + " must be " + length + " bytes, got " + bytes.length);
    }
    this.bytes = bytes.clone();
  }

  /** Parses exactly {@code length} bytes of hex, with an error naming {@code what}. */
  protected static byte[] parseHex(String hex, int length, String what) {
    if (hex.length() != length * 2) {
      throw new HiveFormatException(what + " must be " + length * 2 + " hex characters, got " + hex.length());
    }
    try {
      return HexFormat.of().parseHex(hex);
    } catch (IllegalArgumentException e) {
      throw new HiveFormatException(what + " is not hex: " + hex, e);
    }
  }

  public final byte[] toBytes() {
    return bytes.clone();
  }

  /** Byte {@code index}, without copying. */
  protected final int byteAt(int index) {
    return bytes[index] & 0xff;
  }

  public final String toHex() {
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public final boolean equals(Object o) {
    return o != null && o.getClass() == getClass() && Arrays.equals(bytes, ((FixedBytes) o).bytes);
  }

  @Override
  public final int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return toHex();
  }
}
