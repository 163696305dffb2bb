package io.hivesafe.hive.protocol;

import io.hivesafe.hive.HiveFormatException;
import java.util.Arrays;
import java.util.HexFormat;

/** A transaction id: the first 20 bytes of SHA-256 of the unsigned transaction bytes. */
public final class TransactionId {
  private final byte[] bytes;

  private TransactionId(byte[] bytes) {
    this.bytes = bytes;
  }

  public static TransactionId fromBytes(byte[] bytes) {
    if (bytes.length != 20) {
      throw new HiveFormatException("transaction id must be 20 bytes, got " + bytes.length);
    }
    return new TransactionId(bytes.clone());
  }

  public static TransactionId fromHex(String hex) {
    if (hex.length() != 40) {
      throw new HiveFormatException("transaction id must be 40 hex characters, got " + hex.length());
    }
    try {
      return new TransactionId(HexFormat.of().parseHex(hex));
    } catch (IllegalArgumentException e) {
      throw new HiveFormatException("transaction id is not hex: " + hex, e);
    }
  }

  public String toHex() {
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TransactionId other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return toHex();
  }
}
