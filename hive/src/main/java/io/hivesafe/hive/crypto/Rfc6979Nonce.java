package io.hivesafe.hive.crypto;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.signers.DSAKCalculator;

/**
 * RFC 6979 deterministic nonces (HMAC-SHA256) with the additional data k' of RFC 6979 §3.6 appended
 * to the seed, exactly as libsecp256k1 and elliptic do when a caller passes extra data.
 *
 * <p>Written by hand because BouncyCastle's {@code HMacDSAKCalculator} has no input for additional
 * data, and Hive signers (dhive, beem) retry with extra entropy until the signature is fc-canonical.
 * With the same extra data this produces the same nonce as dhive, hence byte-identical signatures.
 */
final class Rfc6979Nonce implements DSAKCalculator {
  private static final int LENGTH = 32;

  private final byte[] extraData;
  private final HMac hmac = new HMac(new SHA256Digest());
  private final byte[] k = new byte[LENGTH];
  private final byte[] v = new byte[LENGTH];
  private BigInteger n;
  private boolean drawn;

  Rfc6979Nonce(byte[] extraData) {
    this.extraData = extraData.clone();
  }

  @Override
  public boolean isDeterministic() {
    return true;
  }

  @Override
  public void init(BigInteger n, SecureRandom random) {
    throw new IllegalStateException("deterministic nonces take no SecureRandom");
  }

  @Override
  public void init(BigInteger n, BigInteger d, byte[] message) {
    this.n = n;
    this.drawn = false;
    byte[] x = Curve.to32Bytes(d);
    byte[] h = Curve.to32Bytes(new BigInteger(1, message).mod(n));
    Arrays.fill(v, (byte) 0x01);
    Arrays.fill(k, (byte) 0x00);
    reseed((byte) 0x00, x, h);
    reseed((byte) 0x01, x, h);
  }

  private void reseed(byte separator, byte[] x, byte[] h) {
    mac(k, v, new byte[] {separator}, x, h, extraData);
    mac(v, v);
  }

  @Override
  public BigInteger nextK() {
    while (true) {
      if (drawn) {
        // RFC 6979 3.2 h.3: the previous candidate was refused, step the generator.
        mac(k, v, new byte[] {0x00});
        mac(v, v);
      }
      drawn = true;
      mac(v, v);
      BigInteger candidate = new BigInteger(1, v);
      if (candidate.signum() > 0 && candidate.compareTo(n) < 0) {
        return candidate;
      }
    }
  }

  /** out = HMAC_K(parts…), keyed with the current K. */
  private void mac(byte[] out, byte[]... parts) {
    hmac.init(new KeyParameter(k));
    for (byte[] part : parts) {
      hmac.update(part, 0, part.length);
    }
    hmac.doFinal(out, 0);
  }
}
