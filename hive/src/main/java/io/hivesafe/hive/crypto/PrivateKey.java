package io.hivesafe.hive.crypto;

import io.hivesafe.hive.HiveFormatException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import org.bouncycastle.math.ec.ECPoint;

/**
 * A secp256k1 private key, range-checked (1 ≤ d &lt; n). It never prints its secret: {@link #toString()}
 * shows only the public key, and the WIF form is produced only on an explicit {@link #toWif()} call.
 */
public final class PrivateKey {
  private static final byte WIF_VERSION = (byte) 0x80;

  private final BigInteger secret;
  private final PublicKey publicKey;

  private PrivateKey(BigInteger secret) {
    if (secret.signum() <= 0 || secret.compareTo(Curve.N) >= 0) {
      throw new HiveFormatException("private key out of range: must be between 1 and n-1");
    }
    this.secret = secret;
    ECPoint point = Curve.PARAMS.getG().multiply(secret).normalize();
    this.publicKey = PublicKey.fromBytes(point.getEncoded(true));
  }

  /** A key from its 32-byte secret. */
  public static PrivateKey fromSecret(byte[] secret32) {
    if (secret32.length != 32) {
      throw new HiveFormatException("private key must be 32 bytes, got " + secret32.length);
    }
    return new PrivateKey(new BigInteger(1, secret32));
  }

  /** A key from Hive's WIF string (base58 of 0x80 ‖ secret ‖ double-SHA-256 checksum). */
  public static PrivateKey fromWif(String wif) {
    String trimmed = wif.trim();
    byte[] raw = Base58.decode(trimmed);
    if (raw.length != 37) {
      throw new HiveFormatException("WIF must decode to 37 bytes, got " + raw.length);
    }
    if (raw[0] != WIF_VERSION) {
      throw new HiveFormatException(
          String.format("WIF has wrong version byte 0x%02x, expected 0x80", raw[0] & 0xff));
    }
    byte[] payload = Arrays.copyOfRange(raw, 0, 33);
    byte[] checksum = Arrays.copyOf(Hashes.sha256(Hashes.sha256(payload)), 4);
    if (!MessageDigest.isEqual(checksum, Arrays.copyOfRange(raw, 33, 37))) {
      throw new HiveFormatException("WIF checksum mismatch");
    }
    return fromSecret(Arrays.copyOfRange(raw, 1, 33));
  }

  /**
   * The key hived's wallets derive from an account's master password: SHA-256 of the UTF-8 bytes of
   * account ‖ role ‖ password.
   */
  public static PrivateKey fromPassword(String account, KeyRole role, String password) {
    byte[] seed = (account + role.label() + password).getBytes(StandardCharsets.UTF_8);
    return fromSecret(Hashes.sha256(seed));
  }

  /** A key whose secret is SHA-256 of a seed string (hived's "init_key" convention for initminer). */
  public static PrivateKey fromSeed(String seed) {
    return fromSecret(Hashes.sha256(seed.getBytes(StandardCharsets.UTF_8)));
  }

  public PublicKey publicKey() {
    return publicKey;
  }

  /** The WIF string. Treat the result as a secret. */
  public String toWif() {
    byte[] payload = new byte[33];
    payload[0] = WIF_VERSION;
    System.arraycopy(secretBytes(), 0, payload, 1, 32);
    byte[] checksum = Hashes.sha256(Hashes.sha256(payload));
    byte[] raw = Arrays.copyOf(payload, 37);
    System.arraycopy(checksum, 0, raw, 33, 4);
    return Base58.encode(raw);
  }

  BigInteger secret() {
    return secret;
  }

  byte[] secretBytes() {
    return Curve.to32Bytes(secret);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PrivateKey other && secret.equals(other.secret);
  }

  @Override
  public int hashCode() {
    return publicKey.hashCode();
  }

  @Override
  public String toString() {
    return "PrivateKey[public=" + publicKey + "]";
  }
}
