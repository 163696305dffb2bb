package io.hivesafe.hive.crypto;

import java.math.BigInteger;
import java.util.Optional;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.math.ec.ECPoint;
import org.web3j.crypto.ECDSASignature;
import org.web3j.crypto.Sign;

/**
 * Hive's signatures on secp256k1: BouncyCastle's ECDSA with an RFC 6979 nonce, web3j's public-key
 * recovery.
 *
 * <p>Signing follows dhive exactly: attempt i (from 1) uses the additional data SHA-256(digest ‖ i) in
 * the nonce, S is normalised low, and the first fc-canonical result wins (about two attempts on
 * average). The result is byte-identical to dhive's for the same key and digest, and acceptable both to
 * hived after HF20 (low-S) and to older verifiers (fc-canonical).
 */
public final class Secp256k1Signatures implements SignatureScheme {
  private static final int MAX_ATTEMPTS = 1_000;

  @Override
  public CompactSignature sign(PrivateKey key, byte[] digest32) {
    requireDigest(digest32);
    for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      byte[] extra = Hashes.sha256(digest32, new byte[] {(byte) attempt});
      ECDSASigner signer = new ECDSASigner(new Rfc6979Nonce(extra));
      signer.init(true, new ECPrivateKeyParameters(key.secret(), Curve.DOMAIN));
      BigInteger[] rs = signer.generateSignature(digest32);
      BigInteger r = rs[0];
      BigInteger s = rs[1].compareTo(Curve.HALF_N) > 0 ? Curve.N.subtract(rs[1]) : rs[1];
      CompactSignature candidate = CompactSignature.of(0, r, s);
      if (!candidate.isFcCanonical()) {
        continue;
      }
      return CompactSignature.of(recoveryIdFor(key.publicKey(), r, s, digest32), r, s);
    }
    throw new IllegalStateException("no fc-canonical signature after " + MAX_ATTEMPTS + " attempts");
  }

  @Override
  public Optional<PublicKey> recover(CompactSignature signature, byte[] digest32) {
    requireDigest(digest32);
    return recover(signature.recoveryId(), signature.r(), signature.s(), digest32);
  }

  private static Optional<PublicKey> recover(int recoveryId, BigInteger r, BigInteger s, byte[] digest32) {
    if (r.signum() <= 0 || r.compareTo(Curve.N) >= 0 || s.signum() <= 0 || s.compareTo(Curve.N) >= 0) {
      return Optional.empty();
    }
    BigInteger uncompressed;
    try {
      uncompressed = Sign.recoverFromSignature(recoveryId, new ECDSASignature(r, s), digest32);
    } catch (IllegalArgumentException notOnCurve) {
      // web3j decompresses R from r: hostile r values name no curve point.
      return Optional.empty();
    }
    if (uncompressed == null) {
      return Optional.empty();
    }
    byte[] xy = new byte[65];
    xy[0] = 4;
    byte[] raw = uncompressed.toByteArray();
    int copy = Math.min(raw.length, 64);
    System.arraycopy(raw, raw.length - copy, xy, 65 - copy, copy);
    ECPoint point = Curve.PARAMS.getCurve().decodePoint(xy);
    return Optional.of(PublicKey.fromBytes(point.getEncoded(true)));
  }

  private static int recoveryIdFor(PublicKey expected, BigInteger r, BigInteger s, byte[] digest32) {
    for (int id = 0; id < 4; id++) {
      if (recover(id, r, s, digest32).filter(expected::equals).isPresent()) {
        return id;
      }
    }
    throw new IllegalStateException("a fresh signature recovers to no key");
  }

  private static void requireDigest(byte[] digest32) {
    if (digest32.length != 32) {
      throw new IllegalArgumentException("digest must be 32 bytes, got " + digest32.length);
    }
  }
}
