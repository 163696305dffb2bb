package io.hivesafe.state;

import io.hivesafe.state.digest.MuHash3072;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The 32-byte state digest nodes report: the MuHash3072 set hash (Bitcoin Core's construction) of every
 * entry, each entry hashed as {@code u32be(key length) ‖ key ‖ value}. The length prefix makes the
 * split between key and value unambiguous. See docs/state.md for the security argument.
 */
public final class StateDigest {
  public static final int BYTES = 32;
  private final byte[] bytes;

  private StateDigest(byte[] bytes) {
    if (bytes.length != BYTES) {
      throw new IllegalArgumentException("state digest must be 32 bytes, got " + bytes.length);
    }
    this.bytes = bytes.clone();
  }

  public static StateDigest of(byte[] bytes) {
    return new StateDigest(bytes);
  }

  /** Parses 64 hex digits. */
  public static StateDigest parse(String hex) {
    if (hex == null || hex.length() != 2 * BYTES) {
      throw new IllegalArgumentException("state digest must be 64 hex digits");
    }
    try {
      return new StateDigest(HexFormat.of().parseHex(hex));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("state digest is not hex: " + hex, e);
    }
  }

  /** The digest of an accumulator (normalizes it). */
  public static StateDigest of(MuHash3072 accumulator) {
    return new StateDigest(accumulator.digest());
  }

  /** The set element that stands for one entry. */
  public static byte[] element(byte[] key, byte[] value) {
    return ByteBuffer.allocate(4 + key.length + value.length).putInt(key.length).put(key).put(value).array();
  }

  public byte[] toBytes() {
    return bytes.clone();
  }

  public String hex() {
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StateDigest d && Arrays.equals(d.bytes, bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return hex();
  }
}
