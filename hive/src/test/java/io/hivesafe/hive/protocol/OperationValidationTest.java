package io.hivesafe.hive.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hivesafe.hive.HiveFormatException;
import io.hivesafe.hive.crypto.PrivateKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The protocol library refuses what hived refuses, at the boundary: the limit itself passes, one more is
 * refused — by hived's validate() ({@link OperationValidation}, with hived's message) or, where hived's
 * JSON parser already refuses, by the value's constructor. scripts/interop checks the same cases against
 * wax (hived's own code).
 */
class OperationValidationTest {
  private static final AccountName ALICE = AccountName.of("alice");
  private static final AccountName BOB = AccountName.of("bob");

  private static Optional<Invalid> transfer(Asset amount, String memo) {
    return OperationValidation.validate(new TransferOperation(ALICE, BOB, amount, memo), SymbolNames.MAINNET);
  }

  private static Optional<Invalid> custom(int accounts, String json) {
    List<AccountName> names = IntStream.range(0, accounts).mapToObj(i -> AccountName.of("acc" + (100 + i))).toList();
    return OperationValidation.validate(new CustomJsonOperation(names, List.of(), "id", json), SymbolNames.MAINNET);
  }

  private static Authority members(int count) {
    List<Authority.KeyWeight> keys = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      keys.add(new Authority.KeyWeight(PrivateKey.fromSeed("member-" + i).publicKey(), 1));
    }
    return new Authority(1, List.of(), keys);
  }

  private static Optional<Invalid> update2(Optional<Authority> active, String json, String postingJson) {
    return OperationValidation.validate(
        new AccountUpdate2Operation(ALICE, Optional.empty(), active, Optional.empty(), Optional.empty(), json, postingJson),
        SymbolNames.MAINNET);
  }

  private static void refused(Optional<Invalid> result, ValidationRule rule, String message) {
    assertEquals(rule, result.map(Invalid::rule).orElse(null), result.toString());
    assertEquals(message, result.get().message());
  }

  @Test
  void theMemoIsAtMost2047BytesOfUtf8() {
    assertEquals(Optional.empty(), transfer(Asset.of(1, AssetSymbol.HIVE), "m".repeat(2_047)));
    refused(transfer(Asset.of(1, AssetSymbol.HIVE), "m".repeat(2_048)), ValidationRule.MEMO_TOO_LARGE,
        "String is too large. Size: 2048, Max: 2047");
    refused(transfer(Asset.of(1, AssetSymbol.HIVE), "é".repeat(1_024)), ValidationRule.MEMO_TOO_LARGE,
        "String is too large. Size: 2048, Max: 2047");
  }

  @Test
  void aTransferMovesAPositiveAmountOfHiveOrHbd() {
    assertEquals(Optional.empty(), transfer(Asset.of(1, AssetSymbol.HBD), ""));
    refused(transfer(Asset.of(0, AssetSymbol.HIVE), ""), ValidationRule.AMOUNT_NOT_POSITIVE,
        "Asset amount must be greater than zero. Actual: 0.000 HIVE");
    refused(transfer(Asset.of(-1, AssetSymbol.HIVE), ""), ValidationRule.AMOUNT_NOT_POSITIVE,
        "Asset amount must be greater than zero. Actual: -0.001 HIVE");
    refused(transfer(Asset.of(1, AssetSymbol.VESTS), ""), ValidationRule.TRANSFER_OF_VESTS,
        "Asset cannot be of VESTS type. Actual: 0.000001 VESTS");
    assertEquals("Asset amount must be greater than zero. Actual: 0.000 TESTS", OperationValidation.validate(
        new TransferOperation(ALICE, BOB, Asset.of(0, AssetSymbol.HIVE), ""), SymbolNames.TESTNET).orElseThrow().message());
  }

  @Test
  void aCustomJsonNamesOneTo40AccountsAndCarriesValidJson() {
    assertEquals(Optional.empty(), custom(1, "{}"));
    assertEquals(Optional.empty(), custom(40, "[1,\"two\",{\"3\":null}]"));
    refused(custom(0, "{}"), ValidationRule.NO_CUSTOM_JSON_ACCOUNTS, "at least one account must be specified");
    refused(custom(41, "{}"), ValidationRule.TOO_MANY_CUSTOM_JSON_ACCOUNTS, "Authority membership exceeded. Max: 40 Current: 41");
    refused(custom(1, ""), ValidationRule.INVALID_JSON, "JSON is not valid JSON");
    refused(custom(1, "{"), ValidationRule.INVALID_JSON, "JSON is not valid JSON");
    refused(custom(1, "{} {}"), ValidationRule.INVALID_JSON, "JSON is not valid JSON");
  }

  @Test
  void theCustomJsonIdIsAtMost32BytesAsHivedsParserRefusesALongerOne() {
    assertEquals("x".repeat(32), new CustomJsonOperation(List.of(ALICE), List.of(), "x".repeat(32), "{}").id());
    HiveFormatException e =
        assertThrows(HiveFormatException.class, () -> new CustomJsonOperation(List.of(ALICE), List.of(), "x".repeat(33), "{}"));
    assertEquals("id is 33 bytes, more than hived's 32 (HIVE_CUSTOM_OP_ID_MAX_LENGTH): '" + "x".repeat(33) + "'", e.getMessage());
    assertThrows(HiveFormatException.class, () -> new CustomJsonOperation(List.of(ALICE), List.of(), "é".repeat(17), "{}"),
        "34 bytes of UTF-8 in 17 characters");
  }

  @Test
  void accountUpdate2SetsAuthoritiesOfAtMost40MembersAndValidJsonMetadata() {
    assertEquals(Optional.empty(), update2(Optional.of(members(40)), "", ""));
    refused(update2(Optional.of(members(41)), "", ""), ValidationRule.AUTHORITY_MEMBERSHIP_EXCEEDED,
        "Authority membership exceeded. Max: 40 Current: 41");
    assertEquals(Optional.empty(), update2(Optional.empty(), "{\"a\":1}", "{}"));
    refused(update2(Optional.empty(), "", "{"), ValidationRule.INVALID_JSON, "JSON is not valid JSON");
    refused(update2(Optional.empty(), "nope", ""), ValidationRule.INVALID_JSON, "JSON is not valid JSON");
  }

  @Test
  void accountUpdateChecksItsJsonMetadataButLeavesAuthoritySizesToTheEvaluator() {
    AccountUpdateOperation big = new AccountUpdateOperation(ALICE, Optional.empty(), Optional.of(members(41)), Optional.empty(),
        Optional.empty(), "");
    assertEquals(Optional.empty(), OperationValidation.validate(big, SymbolNames.MAINNET), "hived: can't have validate_auth_size here");
    AccountUpdateOperation badJson = new AccountUpdateOperation(ALICE, Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), "{");
    refused(OperationValidation.validate(badJson, SymbolNames.MAINNET), ValidationRule.INVALID_JSON, "JSON is not valid JSON");
    assertEquals(Optional.of(Invalid.of(ValidationRule.AUTHORITY_MEMBERSHIP_EXCEEDED,
        java.util.Map.of("max", "40", "n", "41"))), OperationValidation.authoritySize(members(41)));
  }

  @Test
  void aTransactionHasAtLeastOneOperationAndEachIsValidated() {
    Transaction.Builder base = Transaction.builder().refBlockNum(1).refBlockPrefix(2).expiration(Instant.parse("2026-01-01T00:00:00Z"));
    refused(OperationValidation.validate(base.build()), ValidationRule.NO_OPERATIONS, "A transaction must have at least one operation");
    Transaction two = base.operation(new TransferOperation(ALICE, BOB, Asset.of(1, AssetSymbol.HIVE), ""))
        .operation(new TransferOperation(ALICE, BOB, Asset.of(0, AssetSymbol.HBD), "")).build();
    refused(OperationValidation.validate(two), ValidationRule.AMOUNT_NOT_POSITIVE, "Asset amount must be greater than zero. Actual: 0.000 HBD");
  }

  @Test
  void timesAreUint32SecondsAndTaposFieldsTheirWidths() {
    Transaction.Builder tx = Transaction.builder().operation(new TransferOperation(ALICE, BOB, Asset.of(1, AssetSymbol.HIVE), ""));
    assertEquals(HiveLimits.MAX_TIME_POINT_SEC,
        tx.refBlockNum(0xffff).refBlockPrefix(0xffffffffL).expiration(Instant.parse("2106-02-07T06:28:15Z")).build()
            .expiration().getEpochSecond());
    assertEquals(0, tx.expiration(Instant.EPOCH).build().expiration().getEpochSecond());
    assertThrows(HiveFormatException.class, () -> tx.expiration(Instant.parse("2106-02-07T06:28:16Z")).build());
    assertThrows(HiveFormatException.class, () -> tx.expiration(Instant.parse("1969-12-31T23:59:59Z")).build());
    tx.expiration(Instant.EPOCH);
    assertThrows(HiveFormatException.class, () -> tx.refBlockNum(0x10000).build());
    tx.refBlockNum(0);
    assertThrows(HiveFormatException.class, () -> tx.refBlockPrefix(0x100000000L).build());
  }

  @Test
  void legacySymbolsAreTheNetworksAsHivedsParserReadsThem() {
    assertEquals(Asset.of(1_000, AssetSymbol.HIVE), Asset.parse("1.000 HIVE", SymbolNames.MAINNET));
    assertEquals(Asset.of(1_000, AssetSymbol.HIVE), Asset.parse("1.000 STEEM", SymbolNames.MAINNET));
    assertEquals(Asset.of(1_000, AssetSymbol.HBD), Asset.parse("1.000 SBD", SymbolNames.MAINNET));
    assertEquals(Asset.of(1, AssetSymbol.VESTS), Asset.parse("0.000001 VESTS", SymbolNames.TESTNET));
    assertEquals(Asset.of(1_000, AssetSymbol.HBD), Asset.parse("1.000 TBD", SymbolNames.TESTNET));
    HiveFormatException tests = assertThrows(HiveFormatException.class, () -> Asset.parse("1.000 TESTS", SymbolNames.MAINNET));
    assertEquals("unknown asset symbol 'TESTS' on mainnet (hived reads HIVE/STEEM, HBD/SBD, VESTS)", tests.getMessage());
    assertThrows(HiveFormatException.class, () -> Asset.parse("1.000 HIVE", SymbolNames.TESTNET));
    assertThrows(HiveFormatException.class, () -> Asset.parse("1.000 SBD", SymbolNames.TESTNET));
    assertEquals(Asset.of(1_000, AssetSymbol.HIVE), Asset.parse("1.000 TESTS"), "without a network every spelling is read");
  }

  @Test
  void aTransactionReadForANetworkRefusesAnotherNetworksSymbolsAndAZonedExpiration() throws Exception {
    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    String tx = "{\"ref_block_num\":1,\"ref_block_prefix\":2,\"expiration\":\"2026-01-01T00:00:00\",\"operations\":[[\"transfer\","
        + "{\"from\":\"alice\",\"to\":\"bob\",\"amount\":\"1.000 TESTS\",\"memo\":\"\"}]],\"extensions\":[]}";
    assertEquals(1, io.hivesafe.hive.json.TransactionJson.read(json.readTree(tx), SymbolNames.TESTNET).operations().size());
    HiveFormatException mainnet = assertThrows(HiveFormatException.class,
        () -> io.hivesafe.hive.json.TransactionJson.read(json.readTree(tx), SymbolNames.MAINNET));
    assertEquals("operations[0]: transfer: unknown asset symbol 'TESTS' on mainnet (hived reads HIVE/STEEM, HBD/SBD, VESTS)",
        mainnet.getMessage());
    String zoned = tx.replace("00:00:00\"", "00:00:00Z\"");
    assertThrows(HiveFormatException.class, () -> io.hivesafe.hive.json.TransactionJson.read(json.readTree(zoned)));
    for (String day : new String[] {"2026-02-29", "2026-02-30", "2026-04-31", "2026-13-01"}) {
      String missing = tx.replace("2026-01-01", day);
      assertThrows(HiveFormatException.class, () -> io.hivesafe.hive.json.TransactionJson.read(json.readTree(missing)), day);
    }
    String leap = tx.replace("2026-01-01", "2028-02-29");
    assertEquals(java.time.Instant.parse("2028-02-29T00:00:00Z"),
        io.hivesafe.hive.json.TransactionJson.read(json.readTree(leap)).expiration());
  }

  @ParameterizedTest(name = "account name of {0} characters")
  @ValueSource(ints = {2, 17})
  void accountNamesOutside3To16AreRefused(int length) {
    assertThrows(HiveFormatException.class, () -> AccountName.of("a".repeat(length)));
  }

  @ParameterizedTest(name = "account name of {0} characters")
  @ValueSource(ints = {3, 16})
  void accountNamesOf3And16CharactersAreAccepted(int length) {
    assertEquals(length, AccountName.of("a".repeat(length)).value().length());
  }
}
