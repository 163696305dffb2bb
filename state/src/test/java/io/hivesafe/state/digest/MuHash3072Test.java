package io.hivesafe.state.digest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.bouncycastle.crypto.StreamCipher;
import org.bouncycastle.crypto.engines.ChaCha7539Engine;
import org.bouncycastle.crypto.engines.ChaChaEngine;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bitcoin Core's MuHash3072 vectors (src/test/crypto_tests.cpp, BOOST_AUTO_TEST_CASE(muhash_tests)),
 * then seeded randomized properties and the input checks of {@link MuHash3072#fromBytes}.
 */
class MuHash3072Test {
  private static final HexFormat HEX = HexFormat.of();

  /** Core's {@code uint256{"..."}} literal: the hex is printed in reverse byte order. */
  private static final String DIGEST_0_1_OVER_2 = "10d312b100cbd32ada024a6646e40d3482fcff103668d2625f10002a607d5863";

  /** Core's {@code ser_exp}: FromInt(1) * FromInt(2) serialized, numerator then denominator 1. */
  private static final String SER_EXP =
      "1fa093295ea30a6a3acdc7b3f770fa538eff537528e990e2910e40bbcfd7f6696b1256901929094694b56316de342f59"
          + "3303dd12ac43e06dce1be1ff8301c845beb15468fff0ef002dbf80c29f26e6452bccc91b5cb9437ad410d2a67ea84788"
          + "7fa3c6a6553309946880fe20db2c73fe0641adbd4e86edfee0d9f8cd0ee1230898873dc13ed8ddcaf045c80faa082774"
          + "279007a2253f8922ee3ef361d378a6af3ddaf180b190ac97e556888c36b3d1fb1c85aab9ccd46e3deaeb7b7cf5db067a"
          + "7e9ff86b658cf3acd6662bbcce37232daa753c48b794356c020090c831a8304416e2aa7ad633c0ddb2f11be1be316a81"
          + "be7f7e472071c042cb68faef549c221ebff209273638b741aba5a81675c45a5fa92fea4ca821d7a324cb1e1a2ccd3b76"
          + "c4228ec8066dad2a5df6e1bd0de45c7dd5de8070bdb46db6c554cf9aefc9b7b2bbf9f75b1864d9f95005314593905c01"
          + "09b71f703d49944ae94477b51dac10a816bb6d1c700bafabc8bd86fac8df24be519a2f2836b16392e18036cb13e48c5c"
          + "01" + "00".repeat(383);

  /** Core's {@code ss_max}: numerator 2^3072 - 1 (above p), denominator 1. */
  private static final String SS_MAX = "ff".repeat(384) + "01" + "00".repeat(383);

  /** Core's {@code HexStr(out4)} for {@code ss_max}: raw byte order, not reversed. */
  private static final String SS_MAX_DIGEST = "3a31e6903aff0de9f62f9a9f7f8b861de76ce2cda09822b90014319ae5dc2271";

  /** Core's {@code FromInt(i)}: the singleton set of 32 bytes {i, 0, ..., 0}. */
  private static MuHash3072 fromInt(int i) {
    MuHash3072 h = MuHash3072.empty();
    h.insert(int32(i));
    return h;
  }

  private static byte[] int32(int i) {
    byte[] element = new byte[32];
    element[0] = (byte) i;
    return element;
  }

  private static byte[] reversed(byte[] bytes) {
    byte[] out = new byte[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      out[i] = bytes[bytes.length - 1 - i];
    }
    return out;
  }

  @Test
  void coreVector_fromInt0_times_fromInt1_dividedBy_fromInt2() {
    MuHash3072 acc = fromInt(0);
    acc.combine(fromInt(1));
    acc.subtract(fromInt(2));
    assertEquals(DIGEST_0_1_OVER_2, HEX.formatHex(reversed(acc.digest())));
  }

  @Test
  void coreVector_fromInt0_insert1_remove2() {
    MuHash3072 acc2 = fromInt(0);
    acc2.insert(int32(1));
    acc2.remove(int32(2));
    assertEquals(DIGEST_0_1_OVER_2, HEX.formatHex(reversed(acc2.digest())));
  }

  @Test
  void coreVector_serialization_fromInt1_times_fromInt2() {
    MuHash3072 serchk = fromInt(1);
    serchk.combine(fromInt(2));
    assertEquals(SER_EXP, HEX.formatHex(serchk.toCoreSerialization()));
    // Core's deserialization check: the round trip finalizes to the same digest.
    MuHash3072 deserchk = MuHash3072.fromCoreSerialization(HEX.parseHex(SER_EXP));
    assertArrayEquals(serchk.digest(), deserchk.digest());
    assertEquals(SER_EXP.substring(0, 768), HEX.formatHex(serchk.toBytes()));
  }

  @Test
  void coreVector_overflow_numeratorAboveModulus() {
    MuHash3072 overflowchk = MuHash3072.fromCoreSerialization(HEX.parseHex(SS_MAX));
    assertEquals(SS_MAX_DIGEST, HEX.formatHex(overflowchk.digest()));
  }

  /** Core's randomized loop: 4 of FromInt(0..3) multiplied or divided in 4 orders; X*Y / (Y*X) = 1. */
  @Test
  void coreRandomizedLoop_seed1() {
    Random random = new Random(1);
    byte[] emptyDigest = MuHash3072.empty().digest();
    for (int iter = 0; iter < 10; iter++) {
      int[] table = new int[4];
      for (int i = 0; i < 4; i++) {
        table[i] = random.nextInt(8);
      }
      byte[] first = null;
      for (int order = 0; order < 4; order++) {
        MuHash3072 acc = MuHash3072.empty();
        for (int i = 0; i < 4; i++) {
          int t = table[i ^ order];
          if ((t & 4) != 0) {
            acc.subtract(fromInt(t & 3));
          } else {
            acc.combine(fromInt(t & 3));
          }
        }
        byte[] out = acc.digest();
        if (first == null) {
          first = out;
        } else {
          assertArrayEquals(first, out, "iteration " + iter + ", order " + order);
        }
      }
      MuHash3072 x = fromInt(random.nextInt(16));
      MuHash3072 y = fromInt(random.nextInt(16));
      MuHash3072 z = MuHash3072.empty();
      z.combine(x);
      z.combine(y);
      y.combine(x);
      z.subtract(y);
      assertArrayEquals(emptyDigest, z.digest());
    }
  }

  private static List<byte[]> elements(Random random, int count) {
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      byte[] element = new byte[random.nextInt(120)];
      random.nextBytes(element);
      out.add(element);
    }
    return out;
  }

  private static MuHash3072 ofSet(List<byte[]> elements) {
    MuHash3072 h = MuHash3072.empty();
    elements.forEach(h::insert);
    return h;
  }

  @Test
  void orderIndependence_seed42() {
    Random random = new Random(42);
    List<byte[]> inserted = elements(random, 40);
    List<byte[]> removed = elements(random, 10);
    byte[] expected = null;
    for (int round = 0; round < 5; round++) {
      List<Runnable> steps = new ArrayList<>();
      MuHash3072 h = MuHash3072.empty();
      inserted.forEach(e -> steps.add(() -> h.insert(e)));
      removed.forEach(e -> steps.add(() -> h.remove(e)));
      Collections.shuffle(steps, random);
      steps.forEach(Runnable::run);
      byte[] digest = h.digest();
      if (expected == null) {
        expected = digest;
      } else {
        assertArrayEquals(expected, digest, "round " + round);
      }
    }
  }

  @Test
  void insertThenRemoveReturnsToEmpty_seed7() {
    Random random = new Random(7);
    List<byte[]> elements = elements(random, 30);
    MuHash3072 h = ofSet(elements);
    assertFalse(Arrays.equals(MuHash3072.empty().digest(), h.digest()));
    List<byte[]> shuffled = new ArrayList<>(elements);
    Collections.shuffle(shuffled, random);
    shuffled.forEach(h::remove);
    assertArrayEquals(MuHash3072.empty().digest(), h.digest());
    byte[] one = new byte[MuHash3072.BYTES];
    one[0] = 1;
    assertArrayEquals(one, h.toBytes());
  }

  @Test
  void combineAndSubtractAgreeWithInsertAndRemove_seed11() {
    Random random = new Random(11);
    List<byte[]> a = elements(random, 20);
    List<byte[]> b = elements(random, 15);
    List<byte[]> union = new ArrayList<>(a);
    union.addAll(b);

    MuHash3072 acc = ofSet(a);
    acc.remove(b.get(0));
    MuHash3072 other = ofSet(b);
    other.remove(a.get(0));
    acc.combine(other); // the two removals cancel against one insert each
    MuHash3072 direct = ofSet(union);
    direct.remove(a.get(0));
    direct.remove(b.get(0));
    assertArrayEquals(direct.digest(), acc.digest());

    acc.subtract(other);
    MuHash3072 onlyA = ofSet(a);
    onlyA.remove(b.get(0));
    assertArrayEquals(onlyA.digest(), acc.digest());

    acc.subtract(acc);
    assertArrayEquals(MuHash3072.empty().digest(), acc.digest());
  }

  @Test
  void toBytesFromBytesRoundTrip_seed5() {
    Random random = new Random(5);
    for (int round = 0; round < 10; round++) {
      MuHash3072 h = ofSet(elements(random, 1 + random.nextInt(10)));
      elements(random, random.nextInt(4)).forEach(h::remove);
      MuHash3072 copy = MuHash3072.fromBytes(h.toBytes());
      assertArrayEquals(h.toBytes(), copy.toBytes());
      assertArrayEquals(h.digest(), copy.digest());
      byte[] extra = elements(random, 1).get(0);
      h.insert(extra);
      copy.insert(extra);
      assertArrayEquals(h.digest(), copy.digest(), "round " + round);
    }
  }

  @Test
  void stateRoundTripKeepsNumeratorAndDenominatorApart_seed6() {
    Random random = new Random(6);
    for (int round = 0; round < 10; round++) {
      MuHash3072 h = ofSet(elements(random, 1 + random.nextInt(10)));
      elements(random, 1 + random.nextInt(4)).forEach(h::remove);
      byte[] state = h.toState();
      assertEquals(2 * MuHash3072.BYTES, state.length);
      MuHash3072 copy = MuHash3072.fromState(state);
      assertArrayEquals(state, copy.toState(), "no normalization on the way");
      assertArrayEquals(h.digest(), copy.digest(), "round " + round);
    }
    byte[] zeroNumerator = MuHash3072.empty().toState();
    zeroNumerator[0] = 0;
    assertThrows(IllegalArgumentException.class, () -> MuHash3072.fromState(zeroNumerator));
    assertThrows(IllegalArgumentException.class, () -> MuHash3072.fromState(new byte[MuHash3072.BYTES]));
  }

  @Test
  void digestNormalizesWithoutChangingTheValue_seed3() {
    Random random = new Random(3);
    List<byte[]> elements = elements(random, 6);
    MuHash3072 normalized = ofSet(elements.subList(0, 3));
    normalized.remove(elements.get(3));
    MuHash3072 untouched = ofSet(elements.subList(0, 3));
    untouched.remove(elements.get(3));
    byte[] first = normalized.digest();
    assertArrayEquals(first, normalized.digest());
    normalized.remove(elements.get(4));
    untouched.remove(elements.get(4));
    normalized.insert(elements.get(5));
    untouched.insert(elements.get(5));
    assertArrayEquals(untouched.digest(), normalized.digest());
  }

  @Test
  void oneByteChangeChangesTheDigest_seed99() {
    Random random = new Random(99);
    for (int round = 0; round < 20; round++) {
      List<byte[]> elements = elements(random, 10);
      elements.set(0, new byte[1 + random.nextInt(100)]);
      random.nextBytes(elements.get(0));
      byte[] before = ofSet(elements).digest();
      byte[] changed = elements.get(0).clone();
      changed[random.nextInt(changed.length)] ^= (byte) (1 << random.nextInt(8));
      elements.set(0, changed);
      assertFalse(Arrays.equals(before, ofSet(elements).digest()), "round " + round);
    }
  }

  @Test
  void emptySetDigestIsSha256OfOne() throws Exception {
    byte[] one = new byte[MuHash3072.BYTES];
    one[0] = 1;
    byte[] expected = java.security.MessageDigest.getInstance("SHA-256").digest(one);
    assertArrayEquals(expected, MuHash3072.empty().digest());
  }

  @Test
  void specialFormReductionAgreesWithMod_seed13() {
    BigInteger p = MuHash3072.MODULUS;
    assertEquals(BigInteger.ZERO, MuHash3072.reduce(p));
    assertEquals(BigInteger.valueOf(1103716), MuHash3072.reduce(BigInteger.ONE.shiftLeft(3072).subtract(BigInteger.ONE)));
    assertEquals(p.subtract(BigInteger.ONE), MuHash3072.reduce(p.subtract(BigInteger.ONE)));
    BigInteger max = BigInteger.ONE.shiftLeft(3072).subtract(BigInteger.ONE);
    assertEquals(max.multiply(max).mod(p), MuHash3072.reduce(max.multiply(max)));
    Random random = new Random(13);
    for (int i = 0; i < 200; i++) {
      BigInteger x = new BigInteger(3072, random).multiply(new BigInteger(3072, random));
      assertEquals(x.mod(p), MuHash3072.reduce(x));
    }
  }

  /** Core keys ChaCha20 with a 96-bit nonce and 32-bit counter; the 64/64 variant must agree at zero. */
  @Test
  void chachaVariantsAgreeWithZeroNonce_seed17() {
    byte[] zeroKey = new byte[32];
    assertEquals(
        "76b8e0ada0f13d90405d6ae55386bd28bdd219b8a08ded1aa836efcc8b770dc7"
            + "da41597c5157488d7724e03fb8d84a376a43b8f41518a11cc387b669b2ee6586", // RFC 8439 A.1 #1
        HEX.formatHex(Arrays.copyOf(keystream(new ChaChaEngine(20), zeroKey, 8), 64)));
    Random random = new Random(17);
    for (int i = 0; i < 20; i++) {
      byte[] key = new byte[32];
      random.nextBytes(key);
      assertArrayEquals(keystream(new ChaCha7539Engine(), key, 12), keystream(new ChaChaEngine(20), key, 8));
    }
  }

  private static byte[] keystream(StreamCipher cipher, byte[] key, int nonceBytes) {
    cipher.init(true, new ParametersWithIV(new KeyParameter(key), new byte[nonceBytes]));
    byte[] out = new byte[MuHash3072.BYTES];
    cipher.processBytes(new byte[MuHash3072.BYTES], 0, MuHash3072.BYTES, out, 0);
    return out;
  }

  static Stream<Arguments> badValues() {
    BigInteger p = MuHash3072.MODULUS;
    return Stream.of(
        Arguments.of("empty array", new byte[0], "384 bytes, not 0"),
        Arguments.of("383 bytes", new byte[383], "384 bytes, not 383"),
        Arguments.of("385 bytes", new byte[385], "384 bytes, not 385"),
        Arguments.of("Core's 768-byte serialization", new byte[768], "384 bytes, not 768"),
        Arguments.of("p", littleEndian(p), "below the modulus"),
        Arguments.of("p + 1", littleEndian(p.add(BigInteger.ONE)), "below the modulus"),
        Arguments.of("2^3072 - 1", littleEndian(BigInteger.ONE.shiftLeft(3072).subtract(BigInteger.ONE)), "below the modulus"),
        Arguments.of("0", new byte[384], "cannot be 0"));
  }

  @ParameterizedTest(name = "fromBytes rejects {0}")
  @MethodSource("badValues")
  void fromBytesRejects(String what, byte[] bytes, String reason) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MuHash3072.fromBytes(bytes));
    assertTrue(e.getMessage().contains(reason), e.getMessage());
  }

  @Test
  void fromBytesAcceptsOneAndPMinusOne() {
    BigInteger pMinus1 = MuHash3072.MODULUS.subtract(BigInteger.ONE);
    assertArrayEquals(littleEndian(pMinus1), MuHash3072.fromBytes(littleEndian(pMinus1)).toBytes());
    assertArrayEquals(MuHash3072.empty().digest(), MuHash3072.fromBytes(littleEndian(BigInteger.ONE)).digest());
  }

  private static byte[] littleEndian(BigInteger value) {
    byte[] bigEndian = value.toByteArray();
    byte[] out = new byte[MuHash3072.BYTES];
    for (int i = 0; i < Math.min(out.length, bigEndian.length); i++) {
      out[i] = bigEndian[bigEndian.length - 1 - i];
    }
    return out;
  }
}
