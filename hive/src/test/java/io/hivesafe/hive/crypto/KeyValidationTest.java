package io.hivesafe.hive.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivesafe.hive.HiveFormatException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Negative vectors for keys: each bad input fails with a message naming what is wrong. */
class KeyValidationTest {
  private static final String WIF = "5K2yDAd9KAZ3ZitBsAPyRka9PLFemUrbcL6UziZiPaw2c6jCeLH";
  private static final String PUB = "STM8QykigLRi9ZUcNy1iXGY3KjRuCiLM8Ga49LHti1F8hgawKFc3K";

  static Stream<Arguments> badWifs() {
    return Stream.of(
        Arguments.of("changed last character", WIF.substring(0, WIF.length() - 1) + "J", "checksum"),
        Arguments.of("not base58", WIF.replace('K', '0'), "base58"),
        Arguments.of("too short", WIF.substring(0, 30), "37 bytes"),
        Arguments.of("a public key", PUB.substring(3), "version byte"));
  }

  @ParameterizedTest(name = "bad WIF: {0}")
  @MethodSource("badWifs")
  void badWif(String what, String wif, String reason) {
    HiveFormatException e = assertThrows(HiveFormatException.class, () -> PrivateKey.fromWif(wif));
    assertTrue(e.getMessage().contains(reason), e.getMessage());
  }

  @Test
  void wifWithWrongVersionByte() {
    byte[] raw = Base58.decode(WIF);
    raw[0] = (byte) 0x81;
    byte[] payload = java.util.Arrays.copyOf(raw, 33);
    byte[] checksum = Hashes.sha256(Hashes.sha256(payload));
    System.arraycopy(checksum, 0, raw, 33, 4);
    HiveFormatException e = assertThrows(HiveFormatException.class, () -> PrivateKey.fromWif(Base58.encode(raw)));
    assertTrue(e.getMessage().contains("version"), e.getMessage());
  }

  @Test
  void privateKeyRange() {
    assertThrows(HiveFormatException.class, () -> PrivateKey.fromSecret(new byte[32]));
    byte[] n = Curve.to32Bytes(Curve.N);
    assertThrows(HiveFormatException.class, () -> PrivateKey.fromSecret(n));
    assertThrows(HiveFormatException.class, () -> PrivateKey.fromSecret(new byte[31]));
  }

  static Stream<Arguments> badPublicKeys() {
    return Stream.of(
        Arguments.of("wrong prefix", "TST" + PUB.substring(3), "must start with STM"),
        Arguments.of("changed checksum", PUB.substring(0, PUB.length() - 1) + "L", "checksum"),
        Arguments.of("too short", PUB.substring(0, 20), "37 bytes"),
        Arguments.of("not base58", PUB.replace('Q', 'O'), "base58"));
  }

  @ParameterizedTest(name = "bad public key: {0}")
  @MethodSource("badPublicKeys")
  void badPublicKey(String what, String text, String reason) {
    HiveFormatException e = assertThrows(HiveFormatException.class, () -> PublicKey.fromString(text));
    assertTrue(e.getMessage().contains(reason), e.getMessage());
  }

  @Test
  void otherPrefixIsAcceptedWhenNamed() {
    PublicKey key = PublicKey.fromString(PUB);
    assertEquals(key, PublicKey.fromString(key.toString("TST"), "TST"));
  }

  @Test
  void publicKeyMustBeOnTheCurve() {
    byte[] bytes = PublicKey.fromString(PUB).toBytes();
    bytes[0] = 4;
    assertThrows(HiveFormatException.class, () -> PublicKey.fromBytes(bytes));
    byte[] offCurve = new byte[33];
    offCurve[0] = 2;
    offCurve[32] = 5; // x = 5: x^3 + 7 = 132 is not a square mod p
    assertThrows(HiveFormatException.class, () -> PublicKey.fromBytes(offCurve));
  }

  @Test
  void privateKeyNeverPrintsItsSecret() {
    PrivateKey key = PrivateKey.fromWif(WIF);
    assertFalse(key.toString().contains(WIF));
    assertTrue(key.toString().contains(PUB));
  }

  @Test
  void publicKeysOrderAsUnsignedBytes() {
    byte[] low = PrivateKey.fromSeed("a").publicKey().toBytes();
    // Find two keys whose second byte differs in the top bit: signed order would invert them.
    PublicKey small = null;
    PublicKey large = null;
    for (int i = 0; small == null || large == null; i++) {
      PublicKey k = PrivateKey.fromSeed("k" + i).publicKey();
      byte b = k.toBytes()[1];
      if (k.toBytes()[0] == 2 && b >= 0 && b < 0x10) {
        small = k;
      } else if (k.toBytes()[0] == 2 && b < 0) {
        large = k;
      }
    }
    assertTrue(small.compareTo(large) < 0, "0x0_ sorts before 0x8_..0xf_ as hived's memcmp does");
    assertTrue(java.util.Arrays.compare(small.toBytes(), large.toBytes()) > 0, "signed comparison would get it wrong");
    assertEquals(33, low.length);
  }
}
