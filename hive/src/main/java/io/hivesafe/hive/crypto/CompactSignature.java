package io.hivesafe.hive.crypto;

import io.hivesafe.hive.FixedBytes;
import io.hivesafe.hive.HiveFormatException;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * A 65-byte compact signature as Hive carries it: header ‖ r ‖ s, big-endian. The header is written as
 * 31 + recovery id; 27..34 are accepted on input. The bytes are kept as given (no re-encoding) so that a
 * signature seen on chain is reproduced exactly.
 */
public final class CompactSignature extends FixedBytes {
  public static final int LENGTH = 65;

  private CompactSignature(byte[] bytes) {
    super(bytes, LENGTH, "signature");
    int header = byteAt(0);
    if (header < 27 || header > 34) {
      throw new HiveFormatException("signature header must be 27..34, got " + header);
    }
  }

  public static CompactSignature fromBytes(byte[] bytes) {
    return new CompactSignature(bytes);
  }

  public static CompactSignature fromHex(String hex) {
    return new CompactSignature(parseHex(hex, LENGTH, "signature"));
  }

  static CompactSignature of(int recoveryId, BigInteger r, BigInteger s) {
    byte[] bytes = new byte[LENGTH];
    bytes[0] = (byte) (31 + recoveryId);
    System.arraycopy(Curve.to32Bytes(r), 0, bytes, 1, 32);
    System.arraycopy(Curve.to32Bytes(s), 0, bytes, 33, 32);
    return new CompactSignature(bytes);
  }

  public int recoveryId() {
    return (byteAt(0) - 27) & 3;
  }

  public BigInteger r() {
    return new BigInteger(1, Arrays.copyOfRange(toBytes(), 1, 33));
  }

  public BigInteger s() {
    return new BigInteger(1, Arrays.copyOfRange(toBytes(), 33, 65));
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
    return (byteAt(1) & 0x80) == 0
        && !(byteAt(1) == 0 && (byteAt(2) & 0x80) == 0)
        && (byteAt(33) & 0x80) == 0
        && !(byteAt(33) == 0 && (byteAt(34) & 0x80) == 0);
  }

  /** Whether hived (HF20 and later) accepts this signature's form: low-S. */
  public boolean isAcceptableToHived() {
    return isLowS();
  }
}
