package io.hivesafe.hive.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivesafe.hive.HiveFormatException;
import io.hivesafe.hive.crypto.PrivateKey;
import io.hivesafe.hive.crypto.PublicKey;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ValueValidationTest {
  @ParameterizedTest(name = "asset {0} = {1} units of {2}")
  @CsvSource({
      "1.000 HIVE, 1000, HIVE",
      "0.001 HBD, 1, HBD",
      "-100.333 HBD, -100333, HBD",
      "1.000 STEEM, 1000, HIVE",
      "2.500 SBD, 2500, HBD",
      "10.000 TESTS, 10000, HIVE",
      "0.000001 VESTS, 1, VESTS",
      "9223372036854775.807 HIVE, 9223372036854775807, HIVE"})
  void parsesExactly(String text, long units, AssetSymbol symbol) {
    Asset asset = Asset.parse(text);
    assertEquals(units, asset.amount());
    assertEquals(symbol, asset.symbol());
  }

  @ParameterizedTest(name = "bad asset ''{0}''")
  @ValueSource(strings = {"1.00 HIVE", "1 HIVE", "1.0000 HIVE", "1.000 DOGE", "1.000HIVE", "1.000  HIVE", "abc HIVE",
      "9223372036854775.808 HIVE", "1e3 HIVE", "+1.000 HIVE", ".500 HIVE", "1.000 hive", "1.000000 HIVE"})
  void rejectsBadAssets(String text) {
    assertThrows(HiveFormatException.class, () -> Asset.parse(text));
  }

  @Test
  void naiFormChecksPrecisionAndRange() {
    assertEquals(new Asset(1000, AssetSymbol.HIVE), Asset.fromNai("1000", 3, "@@000000021"));
    assertThrows(HiveFormatException.class, () -> Asset.fromNai("1000", 6, "@@000000021"));
    assertThrows(HiveFormatException.class, () -> Asset.fromNai("1000", 3, "@@000000099"));
    assertThrows(HiveFormatException.class, () -> Asset.fromNai("99999999999999999999", 3, "@@000000021"));
    assertThrows(HiveFormatException.class, () -> Asset.fromNai("1.5", 3, "@@000000021"));
  }

  @Test
  void legacyStringRoundTrips() {
    for (String s : List.of("0.001 HIVE", "-0.001 HBD", "123456.789 HIVE", "0.000000 VESTS")) {
      assertEquals(s, Asset.parse(s).toLegacyString(SymbolNames.MAINNET));
    }
    assertEquals("1.000 TESTS", Asset.parse("1.000 HIVE").toLegacyString(SymbolNames.TESTNET));
  }

  @Test
  void arithmeticIsChecked() {
    Asset max = new Asset(Long.MAX_VALUE, AssetSymbol.HIVE);
    assertThrows(ArithmeticException.class, () -> max.plus(Asset.parse("0.001 HIVE")));
    assertThrows(IllegalArgumentException.class, () -> max.minus(Asset.parse("0.001 HBD")));
  }

  @ParameterizedTest(name = "valid account {0}")
  @ValueSource(strings = {"abc", "alice", "hive.fund", "a-b-c", "abc123", "ragnarok-cc", "abcdefghijklmnop", "a1b.c2d.e3f"})
  void validAccounts(String name) {
    assertEquals(name, AccountName.of(name).value());
  }

  @ParameterizedTest(name = "invalid account {0}")
  @ValueSource(strings = {"ab", "abcdefghijklmnopq", "Alice", "1abc", "abc-", "ab.cde", "abc..def", "abc.", "a_bc", "ab c", "alice.b"})
  void invalidAccounts(String name) {
    assertThrows(HiveFormatException.class, () -> AccountName.of(name));
  }

  @Test
  void accountNamesOrderByteWise() {
    assertTrue(AccountName.of("abc").compareTo(AccountName.of("abc.def")) < 0, "a prefix sorts first");
    assertTrue(AccountName.of("abc-def").compareTo(AccountName.of("abc.def")) < 0, "'-' (0x2d) before '.' (0x2e)");
    assertTrue(AccountName.of("abc.def").compareTo(AccountName.of("abc1def")) < 0, "'.' before digits");
  }

  @Test
  void authorityIsNormalisedLikeHived() {
    PublicKey a = PrivateKey.fromSeed("a").publicKey();
    PublicKey b = PrivateKey.fromSeed("b").publicKey();
    PublicKey c = PrivateKey.fromSeed("c").publicKey();
    Authority authority = new Authority(2,
        List.of(new Authority.AccountWeight(AccountName.of("zed"), 1), new Authority.AccountWeight(AccountName.of("amy"), 2), new Authority.AccountWeight(AccountName.of("zed"), 9)),
        List.of(new Authority.KeyWeight(c, 1), new Authority.KeyWeight(a, 1), new Authority.KeyWeight(c, 5), new Authority.KeyWeight(b, 1)));
    List<PublicKey> sorted = new java.util.ArrayList<>(List.of(a, b, c));
    sorted.sort(null);
    assertEquals(sorted, authority.keyAuths().stream().map(Authority.KeyWeight::key).toList());
    assertEquals(List.of("amy", "zed"), authority.accountAuths().stream().map(x -> x.account().value()).toList());
    assertEquals(1, authority.accountAuths().get(1).weight(), "the first of a duplicate is kept");
    assertEquals(1, authority.keyAuths().stream().filter(k -> k.key().equals(c)).findFirst().orElseThrow().weight());
    assertTrue(authority.isSatisfiable());
    assertFalse(new Authority(0, List.of(), List.of(new Authority.KeyWeight(a, 1))).isSatisfiable(), "threshold 0 needs no signature: refuse it");
    assertFalse(new Authority(3, List.of(), List.of(new Authority.KeyWeight(a, 1), new Authority.KeyWeight(b, 1))).isSatisfiable());
    assertThrows(HiveFormatException.class, () -> new Authority(1, List.of(), List.of(new Authority.KeyWeight(a, 0x10000))));
  }

  @Test
  void customJsonAccountSetsAreSortedAndUnique() {
    CustomJsonOperation op = new CustomJsonOperation(List.of(AccountName.of("zed"), AccountName.of("amy"), AccountName.of("zed")), List.of(), "x", "{}");
    assertEquals(List.of(AccountName.of("amy"), AccountName.of("zed")), op.requiredAuths());
  }
}
