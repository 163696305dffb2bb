package io.hivesafe.hive.crypto;

import io.hivesafe.hive.HiveFormatException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A compressed secp256k1 public key (33 bytes, a point on the curve). Ordered as hived orders
 * {@code key_auths}: by the 33 bytes compared as unsigned values.
 */
public final class PublicKey implements Comparable<PublicKey> {
  /** The address prefix of Hive mainnet (and of hived's testnet since HF26). */
  public static final String DEFAULT_PREFIX = "STM";

  private final byte[] compressed;

  private PublicKey(byte[] compressed) {
    this.compressed = compressed;
  }

  /** A key from its 33 compressed bytes; rejects anything that is not a point on secp256k1. */
  public static PublicKey fromBytes(byte[] compressed) {
    if (compressed.length != 33) {
      throw new HiveFormatException("public key must be 33 bytes, got " + compressed.length);
    }
    if (compressed[0] != 2 && compressed[0] != 3) {
      throw new HiveFormatException(
          String.format("public key must start with 02 or 03, got %02x", compressed[0] & 0xff));
    }
    try {
      Curve.PARAMS.getCurve().decodePoint(compressed);
    } catch (IllegalArgumentException e) {
      throw new HiveFormatException("public key is not a point on secp256k1", e);
    }
    return new PublicKey(compressed.clone());
  }

  /** The 33 zero bytes hived uses for "no key" in an account_update memo_key: not a curve point. */
  public static boolean isNullKey(byte[] compressed) {
    for (byte b : compressed) {
      if (b != 0) {
        return false;
      }
    }
    return compressed.length == 33;
  }

  /** The string hived writes for the 33-zero-byte null key, with the default prefix. */
  public static String nullKeyString() {
    byte[] raw = new byte[37];
    System.arraycopy(Hashes.ripemd160(new byte[33]), 0, raw, 33, 4);
    return DEFAULT_PREFIX + Base58.encode(raw);
  }

  public static PublicKey fromString(String text) {
    return fromString(text, DEFAULT_PREFIX);
  }

  /** A key from its {@code STM…} string: prefix + base58(key ‖ first 4 bytes of RIPEMD-160(key)). */
  public static PublicKey fromString(String text, String prefix) {
    if (!text.startsWith(prefix)) {
      String seen = text.length() >= prefix.length() ? text.substring(0, prefix.length()) : text;
      throw new HiveFormatException("public key must start with " + prefix + ", got '" + seen + "'");
    }
    byte[] raw = Base58.decode(text.substring(prefix.length()));
    if (raw.length != 37) {
      throw new HiveFormatException("public key must decode to 37 bytes, got " + raw.length);
    }
    byte[] key = Arrays.copyOf(raw, 33);
    byte[] checksum = Arrays.copyOf(Hashes.ripemd160(key), 4);
    if (!MessageDigest.isEqual(checksum, Arrays.copyOfRange(raw, 33, 37))) {
      throw new HiveFormatException("public key checksum mismatch");
    }
    return fromBytes(key);
  }

  public byte[] toBytes() {
    return compressed.clone();
  }

  public String toString(String prefix) {
    byte[] checksum = Hashes.ripemd160(compressed);
    byte[] raw = Arrays.copyOf(compressed, 37);
    System.arraycopy(checksum, 0, raw, 33, 4);
    return prefix + Base58.encode(raw);
  }

  public String toHex() {
    return HexFormat.of().formatHex(compressed);
  }

  @Override
  public String toString() {
    return toString(DEFAULT_PREFIX);
  }

  @Override
  public int compareTo(PublicKey other) {
    return Arrays.compareUnsigned(compressed, other.compressed);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PublicKey other && Arrays.equals(compressed, other.compressed);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(compressed);
  }
}
