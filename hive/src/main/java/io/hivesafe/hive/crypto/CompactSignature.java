package io.hivesafe.hive.crypto;

import io.hivesafe.hive.HiveFormatException;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A 65-byte compact signature as Hive carries it: header ‖ r ‖ s, big-endian. The header is written as
 * 31 + recovery id; 27..34 are accepted on input. The bytes are kept as given (no re-encoding) so that a
 * signature seen on chain is reproduced exactly.
 */
public final class CompactSignature {
  public static final int LENGTH = 65;

  private final byte[] bytes;

  private CompactSignature(byte[] bytes) {
    this.bytes = bytes;
  }

  public static CompactSignature fromBytes(byte[] bytes) {
    if (bytes.length != LENGTH) {
      throw new HiveFormatException("signature must be 65 bytes, got " + bytes.length);
    }
    int header = bytes[0] & 0xff;
    if (header < 27 || header > 34) {
      throw new HiveFormatException("signature header must be 27..34, got " + header);
    }
    return new CompactSignature(bytes.clone());
  }

  public static CompactSignature fromHex(String hex) {
    if (hex.length() != LENGTH * 2) {
      throw new HiveFormatException("signature must be 130 hex characters, got " + hex.length());
    }
    try {
      return fromBytes(HexFormat.of().parseHex(hex));
    } catch (IllegalArgumentException e) {
      if (e instanceof HiveFormatException hfe) {
        throw hfe;
      }
      throw new HiveFormatException("signature is not hex: " + e.getMessage(), e);
    }
  }

  static CompactSignature of(int recoveryId, BigInteger r, BigInteger s) {
    byte[] bytes = new byte[LENGTH];
    bytes[0] = (byte) (31 + recoveryId);
    System.arraycopy(Curve.to32Bytes(r), 0, bytes, 1, 32);
    System.arraycopy(Curve.to32Bytes(s), 0, bytes, 33, 32);
    return new CompactSignature(bytes);
  }

  public int recoveryId() {
    return ((bytes[0] & 0xff) - 27) & 3;
  }

  public BigInteger r() {
    return new BigInteger(1, Arrays.copyOfRange(bytes, 1, 33));
  }

  public BigInteger s() {
    return new BigInteger(1, Arrays.copyOfRange(bytes, 33, 65));
  }

  /** s ≤ n/2: the rule hived enforces since HF20 (BIP-62 low-S). */
  public boolean isLowS() {
    return s().compareTo(Curve.HALF_N) <= 0;
  }

  /**
   * The older "fc canonical" rule that dhive, beem and pre-HF20 hived apply: r and s each have a clear
   * top bit and are not padded with a needless zero byte.
   */
  public boolean isFcCanonical() {
    return (bytes[1] & 0x80) == 0
        && !(bytes[1] == 0 && (bytes[2] & 0x80) == 0)
        && (bytes[33] & 0x80) == 0
        && !(bytes[33] == 0 && (bytes[34] & 0x80) == 0);
  }

  /** Whether hived (HF20 and later) accepts this signature's form: low-S. */
  public boolean isAcceptableToHived() {
    return isLowS();
  }

  public byte[] toBytes() {
    return bytes.clone();
  }

  public String toHex() {
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CompactSignature other && Arrays.equals(bytes, other.bytes);
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
