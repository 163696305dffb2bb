package io.hivesafe.hive.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivesafe.hive.HiveFormatException;
import java.math.BigInteger;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SignatureTest {
  private static final SignatureScheme SCHEME = new Secp256k1Signatures();

  /** Seed 20261121: 10,000 random keys and digests; every signature is low-S, fc-canonical, recovers. */
  @Test
  void tenThousandSignRecoverRoundTripsSeed20261121() {
    Random random = new Random(20261121L);
    int nonCanonicalFirstAttempts = 0;
    for (int i = 0; i < 10_000; i++) {
      byte[] secret = new byte[32];
      random.nextBytes(secret);
      secret[0] &= 0x7f; // stay below n
      secret[31] |= 1; // never zero
      PrivateKey key = PrivateKey.fromSecret(secret);
      byte[] digest = new byte[32];
      random.nextBytes(digest);
      CompactSignature sig = SCHEME.sign(key, digest);
      assertTrue(sig.isLowS(), "low-S");
      assertTrue(sig.isFcCanonical(), "fc-canonical");
      int header = sig.toBytes()[0] & 0xff;
      assertTrue(header >= 31 && header <= 34, "header 31+recid");
      assertEquals(Optional.of(key.publicKey()), SCHEME.recover(sig, digest));
      if (i < 200 && !CompactSignature.of(0, sig.r(), sig.s()).isFcCanonical()) {
        nonCanonicalFirstAttempts++;
      }
    }
    assertEquals(0, nonCanonicalFirstAttempts);
  }

  @Test
  void signingIsDeterministic() {
    PrivateKey key = PrivateKey.fromSeed("init_key");
    byte[] digest = Hashes.sha256(new byte[] {1, 2, 3});
    assertEquals(SCHEME.sign(key, digest), SCHEME.sign(key, digest));
    assertNotEquals(SCHEME.sign(key, digest), SCHEME.sign(key, Hashes.sha256(new byte[] {1, 2, 4})));
  }

  @Test
  void recoveryAcceptsHeaders27To34() {
    PrivateKey key = PrivateKey.fromSeed("headers");
    byte[] digest = Hashes.sha256(new byte[] {9});
    CompactSignature sig = SCHEME.sign(key, digest);
    for (int base : new int[] {27, 31}) {
      byte[] bytes = sig.toBytes();
      bytes[0] = (byte) (base + sig.recoveryId());
      assertEquals(Optional.of(key.publicKey()), SCHEME.recover(CompactSignature.fromBytes(bytes), digest));
    }
    byte[] bad = sig.toBytes();
    bad[0] = 35;
    assertThrows(HiveFormatException.class, () -> CompactSignature.fromBytes(bad));
    bad[0] = 26;
    assertThrows(HiveFormatException.class, () -> CompactSignature.fromBytes(bad));
  }

  @Test
  void highSIsNotAcceptableToHived() {
    PrivateKey key = PrivateKey.fromSeed("high-s");
    byte[] digest = Hashes.sha256(new byte[] {7});
    CompactSignature sig = SCHEME.sign(key, digest);
    BigInteger highS = Curve.N.subtract(sig.s());
    CompactSignature flipped = CompactSignature.of(sig.recoveryId() ^ 1, sig.r(), highS);
    assertFalse(flipped.isAcceptableToHived());
    assertTrue(sig.isAcceptableToHived());
    // The flipped form still recovers the same key: the form check is separate from recovery.
    assertEquals(Optional.of(key.publicKey()), SCHEME.recover(flipped, digest));
  }

  /** Seed 7: hostile bytes never throw from recovery; they recover to nothing or to some other key. */
  @Test
  void hostileSignaturesNeverThrowSeed7() {
    Random random = new Random(7);
    PrivateKey key = PrivateKey.fromSeed("victim");
    byte[] digest = Hashes.sha256(new byte[] {42});
    CompactSignature good = SCHEME.sign(key, digest);
    int empty = 0;
    for (int i = 0; i < 2_000; i++) {
      byte[] bytes = i % 2 == 0 ? good.toBytes() : new byte[65];
      if (i % 2 == 0) {
        bytes[1 + random.nextInt(64)] ^= (byte) (1 + random.nextInt(255));
      } else {
        random.nextBytes(bytes);
        if (i % 4 == 1) {
          java.util.Arrays.fill(bytes, 1, 33, (byte) 0xff); // r >= n
        }
      }
      bytes[0] = (byte) (27 + random.nextInt(8));
      Optional<PublicKey> recovered = SCHEME.recover(CompactSignature.fromBytes(bytes), digest);
      if (i % 2 == 0) {
        assertNotEquals(Optional.of(key.publicKey()), recovered, "a mutated signature must not verify for the victim");
      }
      if (recovered.isEmpty()) {
        empty++;
      }
    }
    assertTrue(empty > 0, "some hostile inputs name no curve point");
  }
}
