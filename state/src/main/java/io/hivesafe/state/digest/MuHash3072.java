package io.hivesafe.state.digest;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import org.bouncycastle.crypto.engines.ChaChaEngine;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * MuHash3072, the incremental set hash Bitcoin Core uses for its UTXO set hash
 * (src/crypto/muhash.{h,cpp}); {@link #digest()} is byte for byte Core's {@code Finalize}.
 *
 * <p>A set is the product of its elements' images in the multiplicative group modulo the safe prime
 * p = 2^3072 - 1103717. An element is mapped into the group by using SHA-256 of its bytes as a
 * ChaCha20 key (nonce 0, counter 0) and reading the first 384 bytes of keystream as a little-endian
 * number; modelled as a random oracle, this makes finding two different multisets with the same
 * product as hard as the discrete logarithm problem in that group (Bellare and Micciancio). Because
 * multiplication is commutative the digest does not depend on the order of insertions and removals,
 * and each insert or remove is one multiplication, so a block's state digest costs O(writes), not
 * O(state size). Removals go to a separate denominator, so the one expensive step, a modular
 * inverse, is paid only when the value is normalized ({@link #digest()}, {@link #toBytes()}).
 *
 * <p>A mutable accumulator, not thread-safe: confine an instance to one thread or lock around it.
 * It has no value-based {@code equals}; compare {@link #digest()} or {@link #toBytes()}.
 */
public final class MuHash3072 {
  /** Size of a group element, and of {@link #toBytes()}, in bytes. */
  public static final int BYTES = 384;

  private static final int BITS = 3072;
  private static final BigInteger C = BigInteger.valueOf(1103717);
  /** p = 2^3072 - c, the largest 3072-bit safe prime. */
  static final BigInteger MODULUS = BigInteger.ONE.shiftLeft(BITS).subtract(C);
  private static final BigInteger LOW_BITS = BigInteger.ONE.shiftLeft(BITS).subtract(BigInteger.ONE);

  private BigInteger numerator;
  private BigInteger denominator;

  private MuHash3072(BigInteger numerator, BigInteger denominator) {
    this.numerator = numerator;
    this.denominator = denominator;
  }

  /** The hash of the empty set, the group's identity. */
  public static MuHash3072 empty() {
    return new MuHash3072(BigInteger.ONE, BigInteger.ONE);
  }

  /** Adds one element: multiplies its image into the numerator. */
  public void insert(byte[] element) {
    numerator = multiply(numerator, hashToGroup(element));
  }

  /** Removes one element: multiplies its image into the denominator. */
  public void remove(byte[] element) {
    denominator = multiply(denominator, hashToGroup(element));
  }

  /** Union: this becomes this * other (Core's {@code operator*=}). */
  public void combine(MuHash3072 other) {
    BigInteger n = other.numerator;
    BigInteger d = other.denominator;
    numerator = multiply(numerator, n);
    denominator = multiply(denominator, d);
  }

  /** Difference: this becomes this / other (Core's {@code operator/=}). Safe with {@code other == this}. */
  public void subtract(MuHash3072 other) {
    BigInteger n = other.numerator;
    BigInteger d = other.denominator;
    numerator = multiply(numerator, d);
    denominator = multiply(denominator, n);
  }

  /**
   * The 32-byte set digest: SHA-256 of the 384-byte little-endian encoding of numerator / denominator
   * mod p, exactly Core's {@code Finalize}. Like Core, it leaves the state normalized (denominator 1).
   */
  public byte[] digest() {
    return sha256(toBytes());
  }

  /** The value numerator / denominator mod p as 384 bytes little-endian; normalizes the state. */
  public byte[] toBytes() {
    normalize();
    return toLittleEndian(numerator);
  }

  /** The inverse of {@link #toBytes()}: 384 bytes little-endian, a value in [1, p). */
  public static MuHash3072 fromBytes(byte[] bytes) {
    if (bytes.length != BYTES) {
      throw new IllegalArgumentException("a MuHash3072 value is " + BYTES + " bytes, not " + bytes.length);
    }
    BigInteger value = fromLittleEndian(bytes, 0);
    if (value.compareTo(MODULUS) >= 0) {
      throw new IllegalArgumentException("a MuHash3072 value must be below the modulus 2^3072 - 1103717");
    }
    if (value.signum() == 0) {
      throw new IllegalArgumentException("a MuHash3072 value cannot be 0 (not a group element)");
    }
    return new MuHash3072(value, BigInteger.ONE);
  }

  /**
   * The state as it stands, numerator then denominator, 384 bytes each, little-endian, with no
   * modular inverse: what a store records after every block, so a commit never pays for the inverse.
   */
  public byte[] toState() {
    return toCoreSerialization();
  }

  /** The inverse of {@link #toState()}; each half must be a group element, in [1, p). */
  public static MuHash3072 fromState(byte[] bytes) {
    if (bytes.length != 2 * BYTES) {
      throw new IllegalArgumentException("a MuHash3072 state is " + 2 * BYTES + " bytes, not " + bytes.length);
    }
    BigInteger n = fromLittleEndian(bytes, 0);
    BigInteger d = fromLittleEndian(bytes, BYTES);
    for (BigInteger v : new BigInteger[] {n, d}) {
      if (v.signum() == 0 || v.compareTo(MODULUS) >= 0) {
        throw new IllegalArgumentException("a MuHash3072 state holds a value outside [1, 2^3072 - 1103717)");
      }
    }
    return new MuHash3072(n, d);
  }

  /**
   * Core's serialized form, numerator then denominator, each 384 bytes little-endian and taken as is,
   * even at or above p (Core accepts such limbs and reduces them when it computes). For the Core vectors.
   */
  static MuHash3072 fromCoreSerialization(byte[] bytes) {
    if (bytes.length != 2 * BYTES) {
      throw new IllegalArgumentException("Core's MuHash3072 serialization is " + 2 * BYTES + " bytes");
    }
    return new MuHash3072(reduce(fromLittleEndian(bytes, 0)), reduce(fromLittleEndian(bytes, BYTES)));
  }

  /** Core's serialized form of the current, not normalized, state: numerator then denominator. */
  byte[] toCoreSerialization() {
    byte[] out = Arrays.copyOf(toLittleEndian(numerator), 2 * BYTES);
    System.arraycopy(toLittleEndian(denominator), 0, out, BYTES, BYTES);
    return out;
  }

  private void normalize() {
    if (!denominator.equals(BigInteger.ONE)) {
      numerator = multiply(numerator, denominator.modInverse(MODULUS));
      denominator = BigInteger.ONE;
    }
  }

  /** SHA-256 of the element keys ChaCha20 (nonce 0, counter 0); 384 bytes of keystream, little-endian. */
  private static BigInteger hashToGroup(byte[] element) {
    // Core's ChaCha20 splits the 128-bit block input into a 32-bit counter and a 96-bit nonce,
    // BouncyCastle's original ChaCha into a 64-bit counter and a 64-bit nonce: with all of it zero
    // the state words are the same, and 6 blocks never carry out of the low counter word.
    ChaChaEngine chacha = new ChaChaEngine(20);
    chacha.init(true, new ParametersWithIV(new KeyParameter(sha256(element)), new byte[8]));
    byte[] keystream = new byte[BYTES];
    chacha.processBytes(new byte[BYTES], 0, BYTES, keystream, 0);
    return fromLittleEndian(keystream, 0);
  }

  private static BigInteger multiply(BigInteger a, BigInteger b) {
    return reduce(a.multiply(b));
  }

  /**
   * x mod p for x >= 0, using the special form of p instead of {@link BigInteger#mod}: since
   * 2^3072 = c (mod p), x = hi * 2^3072 + lo = hi * c + lo, which costs a shift, a mask and a multiply
   * by a 21-bit constant rather than a long division. Each fold shrinks a product of two 3072-bit
   * numbers by about 3051 bits, so two or three folds give x < 2^3072; then x - p < c if x >= p, and
   * one subtraction finishes (Core's IsOverflow then FullReduce).
   */
  static BigInteger reduce(BigInteger x) {
    while (x.bitLength() > BITS) {
      x = x.shiftRight(BITS).multiply(C).add(x.and(LOW_BITS));
    }
    return x.compareTo(MODULUS) >= 0 ? x.subtract(MODULUS) : x;
  }

  private static BigInteger fromLittleEndian(byte[] bytes, int offset) {
    byte[] bigEndian = new byte[BYTES];
    for (int i = 0; i < BYTES; i++) {
      bigEndian[i] = bytes[offset + BYTES - 1 - i];
    }
    return new BigInteger(1, bigEndian);
  }

  private static byte[] toLittleEndian(BigInteger value) {
    byte[] bigEndian = value.toByteArray(); // may carry a leading sign byte of 0
    byte[] out = new byte[BYTES];
    for (int i = 0; i < Math.min(BYTES, bigEndian.length); i++) {
      out[i] = bigEndian[bigEndian.length - 1 - i];
    }
    return out;
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no SHA-256", e);
    }
  }
}
