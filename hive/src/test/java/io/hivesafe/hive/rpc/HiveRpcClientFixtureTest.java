package io.hivesafe.hive.rpc;

import io.hivesafe.hive.Fixtures;
import io.hivesafe.hive.HiveFormatException;
import static io.hivesafe.hive.rpc.FakeHived.error;
import static io.hivesafe.hive.rpc.FakeHived.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hivesafe.hive.crypto.PublicKey;
import io.hivesafe.hive.json.JsonForm;
import io.hivesafe.hive.json.TransactionJson;
import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.protocol.AccountUpdateOperation;
import io.hivesafe.hive.protocol.Asset;
import io.hivesafe.hive.protocol.AssetSymbol;
import io.hivesafe.hive.protocol.Authority;
import io.hivesafe.hive.protocol.Block;
import io.hivesafe.hive.protocol.BlockId;
import io.hivesafe.hive.protocol.CustomJsonOperation;
import io.hivesafe.hive.protocol.OtherOperation;
import io.hivesafe.hive.protocol.SymbolNames;
import io.hivesafe.hive.protocol.Transaction;
import io.hivesafe.hive.protocol.TransactionId;
import io.hivesafe.hive.protocol.TransferOperation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every typed call against hived's recorded responses, and hived's recorded errors. */
class HiveRpcClientFixtureTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private FakeHived primary;
  private FakeHived backup;
  private RecordingSleeper sleeper;
  private HiveRpcClient client;

  @BeforeEach
  void start() {
    primary = new FakeHived();
    backup = new FakeHived();
    sleeper = new RecordingSleeper();
    RpcConfig config =
        new RpcConfig(List.of(primary.uri(), backup.uri()), Duration.ofSeconds(5), 3, Duration.ofMillis(100), Duration.ofSeconds(1));
    client = new HiveRpcClient(config, sleeper);
  }

  @AfterEach
  void stop() {
    client.close();
    primary.close();
    backup.close();
  }

  @Test
  void getBlockOne() throws RpcException {
    primary.always(result(Fixtures.json("block_api/get_block/one.json")));
    Block block = client.getBlock(1).orElseThrow();
    assertEquals(1, block.number());
    assertEquals(BlockId.fromHex("0000000109833ce528d5bbfb3f6225b39ee10086"), block.id());
    assertEquals(BlockId.fromHex("0000000000000000000000000000000000000000"), block.previous());
    assertEquals(Instant.parse("2016-03-24T16:05:00Z"), block.timestamp());
    assertEquals("initminer", block.witness());
    assertTrue(block.transactions().isEmpty());
    assertRequest(primary.requests().get(0), "block_api.get_block", "{\"block_num\":1}");
  }

  @Test
  void getBlockMillion() throws RpcException {
    primary.always(result(Fixtures.json("block_api/get_block/milion.json")));
    Block block = client.getBlock(1_000_000).orElseThrow();
    assertEquals(BlockId.fromHex("000f4240e8f91385f7bff8f5aeebddc9b14e4281"), block.id());
    assertEquals(Instant.parse("2016-04-29T04:12:00Z"), block.timestamp());
    assertEquals("abit", block.witness());
    assertRequest(primary.requests().get(0), "block_api.get_block", "{\"block_num\":1000000}");
  }

  @Test
  void getBlockPastHeadIsEmpty() throws RpcException {
    primary.always(result(Fixtures.json("block_api/get_block/non_existing.json")));
    assertEquals(Optional.empty(), client.getBlock(1_000_000_000));
    assertRequest(primary.requests().get(0), "block_api.get_block", "{\"block_num\":1000000000}");
  }

  @Test
  void getBlockRangeOne() throws RpcException {
    primary.always(result(Fixtures.json("block_api/get_block_range/one.json")));
    List<Block> blocks = client.getBlockRange(1, 1000);
    assertEquals(1000, blocks.size());
    assertEquals(1, blocks.get(0).number());
    assertEquals(BlockId.fromHex("000003e8b922f4906a45af8e99d86b3511acd7a5"), blocks.get(999).id());
    assertEquals(Instant.parse("2016-03-24T16:55:30Z"), blocks.get(999).timestamp());
    assertEquals(0, blocks.stream().mapToInt(b -> b.transactions().size()).sum());
    assertRequest(primary.requests().get(0), "block_api.get_block_range", "{\"starting_block_num\":1,\"count\":1000}");
  }

  @Test
  void getBlockRangeMillion() throws RpcException {
    primary.always(result(Fixtures.json("block_api/get_block_range/milion.json")));
    List<Block> blocks = client.getBlockRange(1_000_000, 1000);
    assertEquals(1000, blocks.size());
    assertEquals(1_000_000, blocks.get(0).number());
    assertEquals(1_000_999, blocks.get(999).number());
    assertEquals(Instant.parse("2016-04-29T05:02:09Z"), blocks.get(999).timestamp());
    assertEquals(82, blocks.stream().mapToInt(b -> b.transactions().size()).sum());
    Block first = blocks.stream().filter(b -> !b.transactions().isEmpty()).findFirst().orElseThrow();
    assertEquals(BlockId.fromHex("000f424ceba45f761f7af77e3769f29309064606"), first.id());
    assertEquals("5ab7fb8138ef8f701661d68f7d654df5f8e2fcfc", first.transactions().get(0).id().toString());
    assertEquals("pow", first.transactions().get(0).transaction().operations().get(0).name());
    assertRequest(primary.requests().get(0), "block_api.get_block_range", "{\"starting_block_num\":1000000,\"count\":1000}");
  }

  @Test
  void getBlockRangePastHeadIsEmpty() throws RpcException {
    primary.always(result(Fixtures.json("block_api/get_block_range/non_existing.json")));
    assertEquals(List.of(), client.getBlockRange(1_000_000_000, 1000));
    assertRequest(primary.requests().get(0), "block_api.get_block_range", "{\"starting_block_num\":1000000000,\"count\":1000}");
  }

  @Test
  void getDynamicGlobalProperties() throws RpcException {
    primary.always(result(Fixtures.json("database_api/get_dynamic_global_properties/get.json")));
    DynamicGlobalProperties props = client.getDynamicGlobalProperties();
    assertEquals(
        new DynamicGlobalProperties(
            5_000_000, BlockId.fromHex("004c4b40245ffb07380a393fb2b3d841b76cdaec"), Instant.parse("2016-09-15T19:47:21Z"), 4_999_980, 65536),
        props);
    assertRequest(primary.requests().get(0), "database_api.get_dynamic_global_properties", "{}");
  }

  @Test
  void dynamicGlobalPropertiesAcceptIntegersAsStrings() throws RpcException {
    ObjectNode props = (ObjectNode) Fixtures.json("database_api/get_dynamic_global_properties/get.json");
    props.put("head_block_number", "5000000").put("last_irreversible_block_num", "4999980").put("maximum_block_size", "65536");
    primary.always(result(props));
    DynamicGlobalProperties read = client.getDynamicGlobalProperties();
    assertEquals(5_000_000, read.headBlockNumber());
    assertEquals(4_999_980, read.lastIrreversibleBlockNum());
    assertEquals(65536, read.maximumBlockSize());
  }

  @Test
  void findAccountsReplay2016() throws RpcException {
    primary.always(result(Fixtures.json("database_api/find_accounts/find.json")));
    List<AccountInfo> accounts = client.findAccounts(List.of(AccountName.of("gtg"), AccountName.of("steemit")));
    assertEquals(2, accounts.size());
    AccountInfo gtg = accounts.get(0);
    assertEquals(AccountName.of("gtg"), gtg.name());
    assertEquals(singleKey("STM5RLQ1Jh8Kf56go3xpzoodg4vRsgCeWhANXoEXrYH7bLEwSVyjh"), gtg.owner());
    assertEquals(singleKey("STM4vuEE8F2xyJhwiNCnHxjUVLNXxdFXtVxgghBq5LVLt49zLKLRX"), gtg.active());
    assertEquals(singleKey("STM5tp5hWbGLL1R3tMVsgYdYxLPyAQFdKoYFbT2hcWUmrU42p1MQC"), gtg.posting());
    assertEquals(Optional.of(PublicKey.fromString("STM4uD3dfLvbz7Tkd7of4K9VYGnkgrY5BHSQt52vE52CBL5qBfKHN")), gtg.memoKey());
    assertEquals(Asset.of(0, AssetSymbol.HIVE), gtg.balance());
    assertEquals(Asset.parse("3.465 HBD"), gtg.hbdBalance());
    assertEquals(Instant.parse("2016-07-21T21:48:03Z"), gtg.lastOwnerUpdate());
    assertEquals(Optional.of(AccountName.of("steem")), gtg.recoveryAccount());
    AccountInfo steemit = accounts.get(1);
    assertEquals(AccountName.of("steemit"), steemit.name());
    assertEquals(Asset.parse("4778859.891 HIVE"), steemit.balance());
    assertEquals(Asset.parse("70337.438 HBD"), steemit.hbdBalance());
    assertEquals(Instant.parse("2016-07-15T13:56:18Z"), steemit.lastOwnerUpdate());
    assertEquals(Optional.of(AccountName.of("steem")), steemit.recoveryAccount());
    assertRequest(primary.requests().get(0), "database_api.find_accounts", "{\"accounts\":[\"gtg\",\"steemit\"]}");
  }

  @Test
  void findAccountsLiveMainnet2020() throws RpcException {
    primary.always(result(Fixtures.json("database_api/find_accounts/find.orig.json")));
    List<AccountInfo> accounts = client.findAccounts(List.of(AccountName.of("gtg"), AccountName.of("steemit")));
    AccountInfo gtg = accounts.get(0);
    assertEquals(singleKey("STM8NWQYG4BvjGNu8zqqV9fbR7aSCZHcxkVib41PYnpGmPRe6BHVG"), gtg.active());
    assertEquals(Asset.parse("4931.334 HIVE"), gtg.balance());
    assertEquals(Asset.parse("0.034 HBD"), gtg.hbdBalance());
    assertEquals(Instant.parse("2017-03-21T18:37:42Z"), gtg.lastOwnerUpdate());
    assertEquals(Optional.of(AccountName.of("roelandp")), gtg.recoveryAccount());
    AccountInfo steemit = accounts.get(1);
    PublicKey steemitKey = PublicKey.fromString("STM82eDD3wQbA5e11D8ovC4MWkPwW1fG3ipSD2ksLJAJwFnV38E9j");
    assertEquals(Optional.of(steemitKey), steemit.memoKey());
    assertEquals(singleKey(steemitKey.toString()), steemit.owner());
    assertEquals(Asset.parse("0.001 HIVE"), steemit.balance());
    assertEquals(Asset.parse("0.000 HBD"), steemit.hbdBalance());
    assertEquals(Instant.parse("2020-02-12T20:46:39Z"), steemit.lastOwnerUpdate());
    assertEquals(Optional.of(AccountName.of("steem")), steemit.recoveryAccount());
  }

  /** condenser_api.get_accounts: "temp" has no recovery account (and the null memo key). */
  @Test
  void condenserAccountsReadTheirRecoveryAccount() {
    List<AccountInfo> accounts = new java.util.ArrayList<>();
    for (JsonNode node : Fixtures.json("condenser_api/get_accounts/multiple.json")) {
      accounts.add(AccountInfo.read(node));
    }
    assertEquals(List.of("gtg", "steemit", "alice", "temp", "dan"), accounts.stream().map(a -> a.name().value()).toList());
    assertEquals(Optional.of(AccountName.of("steem")), accounts.get(0).recoveryAccount());
    AccountInfo temp = accounts.get(3);
    assertEquals(Optional.empty(), temp.recoveryAccount());
    assertEquals(Optional.empty(), temp.memoKey());
  }

  @Test
  void aMissingOrInvalidRecoveryAccountIsAMalformedAccount() {
    ObjectNode missing = (ObjectNode) Fixtures.json("database_api/find_accounts/find.json").get("accounts").get(0);
    missing.remove("recovery_account");
    HiveFormatException noField = assertThrows(HiveFormatException.class, () -> AccountInfo.read(missing));
    assertTrue(noField.getMessage().contains("recovery_account"), noField.getMessage());
    ObjectNode invalid = (ObjectNode) Fixtures.json("database_api/find_accounts/find.json").get("accounts").get(0);
    invalid.put("recovery_account", "Not.Valid");
    HiveFormatException badName = assertThrows(HiveFormatException.class, () -> AccountInfo.read(invalid));
    assertTrue(badName.getMessage().contains("recovery_account") && badName.getMessage().contains("gtg"), badName.getMessage());
  }

  @Test
  void nullMemoKeyReadsAsEmpty() throws RpcException {
    ObjectNode result = (ObjectNode) Fixtures.json("database_api/find_accounts/find.json");
    ((ObjectNode) result.get("accounts").get(0)).put("memo_key", PublicKey.nullKeyString());
    primary.always(result(result));
    assertEquals(Optional.empty(), client.findAccounts(List.of(AccountName.of("gtg"), AccountName.of("steemit"))).get(0).memoKey());
  }

  @Test
  void getAccountHistoryOfTransfers() throws RpcException {
    primary.always(result(Fixtures.json("account_history_api/get_account_history/transfer_operation.json")));
    List<AccountHistoryEntry> history = client.getAccountHistory(AccountName.of("blocktrades"), 206155, 16, false);
    assertEquals(16, history.size());
    AccountHistoryEntry first = history.get(0);
    assertEquals(204927, first.sequence());
    assertEquals(4747375, first.block());
    assertEquals(TransactionId.fromHex("0e4bf604dfa68169b01dd537901ebf7bd775470f"), first.trxId());
    assertEquals(2, first.trxInBlock());
    assertEquals(0, first.opInTrx());
    assertFalse(first.virtualOp());
    assertEquals(Instant.parse("2016-09-07T00:18:18Z"), first.timestamp());
    AccountHistoryEntry last = history.get(15);
    assertEquals(206117, last.sequence());
    assertEquals(new TransferOperation(AccountName.of("okean123"), AccountName.of("blocktrades"), Asset.parse("0.798 HBD"),
        "684262af-5119-4a3e-b8f7-a714f17b9a7b"), last.op());
    for (int i = 1; i < history.size(); i++) {
      assertTrue(history.get(i - 1).sequence() < history.get(i).sequence());
      assertInstanceOf(TransferOperation.class, history.get(i).op());
    }
    assertRequest(primary.requests().get(0), "account_history_api.get_account_history",
        "{\"account\":\"blocktrades\",\"start\":206155,\"limit\":16,\"include_reversible\":false}");
  }

  @Test
  void getAccountHistoryOfAccountUpdatesAndCustomJsons() throws RpcException {
    primary.always(result(Fixtures.json("account_history_api/get_account_history/account_update_operation.json")));
    List<AccountHistoryEntry> updates = client.getAccountHistory(AccountName.of("gtg"), 1000, 1000, true);
    assertEquals(List.of(140L, 141L, 142L, 143L, 144L, 357L, 380L), updates.stream().map(AccountHistoryEntry::sequence).toList());
    AccountUpdateOperation update = assertInstanceOf(AccountUpdateOperation.class, updates.get(6).op());
    assertEquals(AccountName.of("gtg"), update.account());
    assertEquals(Instant.parse("2016-07-21T21:48:09Z"), updates.get(6).timestamp());
    assertRequest(primary.requests().get(0), "account_history_api.get_account_history",
        "{\"account\":\"gtg\",\"start\":1000,\"limit\":1000,\"include_reversible\":true}");

    primary.always(result(Fixtures.json("account_history_api/get_account_history/custom_json_operation.json")));
    List<AccountHistoryEntry> follows = client.getAccountHistory(AccountName.of("jsc"), 3590, 16, false);
    assertEquals(16, follows.size());
    assertEquals(2290, follows.get(0).sequence());
    assertEquals(3, follows.get(0).trxInBlock());
    CustomJsonOperation follow = assertInstanceOf(CustomJsonOperation.class, follows.get(15).op());
    assertEquals("follow", follow.id());
    assertEquals(List.of(AccountName.of("jsc")), follow.requiredPostingAuths());
  }

  /** random18 with the block's producer_reward (from get_ops_in_block of block 4,502,370) as a newest entry. */
  @Test
  void getAccountHistoryNewestWithAVirtualOperation() throws RpcException {
    ObjectNode recorded = (ObjectNode) Fixtures.json("account_history_api/get_account_history/random18.json");
    JsonNode reward = null;
    for (JsonNode op : Fixtures.json("account_history_api/get_ops_in_block/block_4502370.json").get("ops")) {
      if (op.get("op").get("type").asText().equals("producer_reward_operation")) {
        reward = op;
      }
    }
    ((ArrayNode) recorded.get("history")).addArray().add(20).add(reward);
    primary.always(result(recorded));
    List<AccountHistoryEntry> history = client.getAccountHistory(AccountName.of("asimpleanarchist"), HiveRpcClient.NEWEST, 5, false);
    assertEquals(List.of(16L, 17L, 18L, 19L, 20L), history.stream().map(AccountHistoryEntry::sequence).toList());
    AccountHistoryEntry virtual = history.get(4);
    assertTrue(virtual.virtualOp());
    assertEquals(AccountHistoryEntry.NULL_TRX_ID, virtual.trxId());
    assertEquals("0000000000000000000000000000000000000000", virtual.trxId().toString());
    assertEquals(-1, virtual.trxInBlock());
    assertEquals(1, virtual.opInTrx());
    assertEquals(4502370, virtual.block());
    OtherOperation op = assertInstanceOf(OtherOperation.class, virtual.op());
    assertEquals("producer_reward", op.name());
    assertRequest(primary.requests().get(0), "account_history_api.get_account_history",
        "{\"account\":\"asimpleanarchist\",\"start\":-1,\"limit\":5,\"include_reversible\":false}");
  }

  @Test
  void accountHistoryAcceptsIntegersAsStrings() throws RpcException {
    ObjectNode recorded = (ObjectNode) Fixtures.json("account_history_api/get_account_history/random18.json");
    ArrayNode first = (ArrayNode) recorded.get("history").get(0);
    first.set(0, Fixtures.MAPPER.getNodeFactory().textNode("16"));
    ((ObjectNode) first.get(1)).put("block", "4216876").put("trx_in_block", "0").put("op_in_trx", "0");
    primary.always(result(recorded));
    AccountHistoryEntry entry = client.getAccountHistory(AccountName.of("asimpleanarchist"), 19, 4, false).get(0);
    assertEquals(16, entry.sequence());
    assertEquals(4216876, entry.block());
  }

  @Test
  void accountHistoryThatDoesNotAnswerTheQuestionIsRetried() throws RpcException {
    ObjectNode unordered = (ObjectNode) Fixtures.json("account_history_api/get_account_history/random18.json");
    ArrayNode entries = (ArrayNode) unordered.get("history");
    entries.insert(0, entries.remove(3));
    primary.always(result(unordered));
    backup.always(result(Fixtures.json("account_history_api/get_account_history/random18.json")));
    assertEquals(4, client.getAccountHistory(AccountName.of("asimpleanarchist"), 19, 4, false).size());
    assertEquals(1, primary.requestCount());
    assertEquals(1, backup.requestCount());
    backup.always(result(Fixtures.json("account_history_api/get_account_history/random18.json")));
    RpcTransportException tooMany = assertThrows(RpcTransportException.class,
        () -> client.getAccountHistory(AccountName.of("asimpleanarchist"), 19, 3, false));
    assertTrue(tooMany.getMessage().contains("failed after"), tooMany.getMessage());
    RpcTransportException beyondStart = assertThrows(RpcTransportException.class,
        () -> client.getAccountHistory(AccountName.of("asimpleanarchist"), 18, 4, false));
    assertTrue(beyondStart.getMessage().contains("failed after"), beyondStart.getMessage());
  }

  @Test
  void accountHistoryArgumentsAreCheckedBeforeAnyRequest() {
    AccountName gtg = AccountName.of("gtg");
    assertThrows(IllegalArgumentException.class, () -> client.getAccountHistory(gtg, -1, 0, false));
    assertThrows(IllegalArgumentException.class, () -> client.getAccountHistory(gtg, -1, 1001, false));
    assertThrows(IllegalArgumentException.class, () -> client.getAccountHistory(gtg, -2, 10, false));
    assertThrows(IllegalArgumentException.class, () -> client.getAccountHistory(gtg, 8, 10, false));
    assertThrows(NullPointerException.class, () -> client.getAccountHistory(null, -1, 10, false));
    assertEquals(0, primary.requestCount());
    assertEquals(0, backup.requestCount());
  }

  @Test
  void getHardforkVersion() throws RpcException {
    primary.always(result(Fixtures.json("condenser_api/get_hardfork_version/get.json")));
    HardforkVersion version = client.getHardforkVersion();
    assertEquals(new HardforkVersion(0, 13, 0), version);
    assertEquals(13, version.hardfork());
    assertRequest(primary.requests().get(0), "condenser_api.get_hardfork_version", "[]");
  }

  @Test
  void getConfigReadsTheChainIdOfTheRecordedMainnetNode() throws RpcException {
    primary.always(result(Fixtures.json("database_api/get_config/get.json")));
    ChainConfig config = client.getConfig();
    assertEquals(io.hivesafe.hive.protocol.ChainId.MAINNET, config.chainId());
    assertEquals("STM", config.addressPrefix());
    assertRequest(primary.requests().get(0), "database_api.get_config", "{}");
  }

  @Test
  void getConfigRefusesAChainIdThatIsNotSixtyFourHexDigits() {
    ObjectNode config = (ObjectNode) Fixtures.json("database_api/get_config/get.json").deepCopy();
    config.put("HIVE_CHAIN_ID", "beeab0de");
    primary.always(result(config));
    backup.always(result(config));
    RpcException e = assertThrows(RpcException.class, client::getConfig);
    assertTrue(String.valueOf(e.getCause()).contains("HIVE_CHAIN_ID"), String.valueOf(e.getCause()));
  }

  @Test
  void findRcAccountsAsksForTheNamesAndReadsBothIntegerForms() throws Exception {
    // No recorded find_rc_accounts answer exists in ../shared; this is hived's rc_account_api_object
    // shape (libraries/plugins/apis/rc_api), with hived's large integers as strings and small as numbers.
    primary.always(result(MAPPER.readTree("{\"rc_accounts\":[{\"account\":\"alice\",\"rc_manabar\":"
        + "{\"current_mana\":\"58442926906\",\"last_update_time\":1733200000},"
        + "\"max_rc_creation_adjustment\":{\"amount\":\"2020748973\",\"precision\":6,\"nai\":\"@@000000037\"},"
        + "\"max_rc\":\"60000000000\",\"delegated_rc\":0,\"received_delegated_rc\":0}]}")));
    List<RcAccount> found = client.findRcAccounts(List.of(AccountName.of("alice"), AccountName.of("nobody")));
    assertEquals(List.of(new RcAccount(AccountName.of("alice"), 60_000_000_000L, 58_442_926_906L,
        Instant.ofEpochSecond(1_733_200_000L))), found);
    assertRequest(primary.requests().get(0), "rc_api.find_rc_accounts", "{\"accounts\":[\"alice\",\"nobody\"]}");
  }

  @Test
  void findRcAccountsRefusesAnAccountThatWasNotAsked() throws Exception {
    JsonNode answer = MAPPER.readTree("{\"rc_accounts\":[{\"account\":\"mallory\",\"rc_manabar\":"
        + "{\"current_mana\":1,\"last_update_time\":1},\"max_rc\":2}]}");
    primary.always(result(answer));
    backup.always(result(answer));
    RpcException e = assertThrows(RpcException.class, () -> client.findRcAccounts(List.of(AccountName.of("alice"))));
    assertTrue(String.valueOf(e.getCause()).contains("mallory"), String.valueOf(e.getCause()));
    assertEquals(List.of(), client.findRcAccounts(List.of()));
  }

  @Test
  void broadcastSendsHf26Json() throws RpcException {
    primary.always(result(MAPPER.createObjectNode()));
    Transaction tx = transfer();
    client.broadcastTransaction(tx);
    JsonNode request = primary.requests().get(0);
    assertEquals("network_broadcast_api.broadcast_transaction", request.get("method").asText());
    JsonNode trx = request.get("params").get("trx");
    assertEquals(TransactionJson.write(tx, JsonForm.HF26, SymbolNames.MAINNET), trx);
    assertEquals("transfer_operation", trx.get("operations").get(0).get("type").asText());
    assertEquals("@@000000021", trx.get("operations").get(0).get("value").get("amount").get("nai").asText());
    assertEquals("2023-11-09T22:01:24", trx.get("expiration").asText());
  }

  static Stream<Arguments> recordedErrors() {
    return Stream.of(
        recorded("errors/block_api/get_block/invalid_input.json", c -> c.getBlock(1),
            -32000, "Parse Error:Couldn't parse uint64_t"),
        recorded("errors/block_api/get_block_range/count_invalid.json", c -> c.getBlockRange(10, 1),
            -32000, "Parse Error:Couldn't parse uint64_t"),
        recorded("errors/block_api/get_block_range/count_minus_one.json", c -> c.getBlockRange(4_999_000, 1000),
            -32003, "Assert Exception:count <= 1000 && \"fetch_block_range\": You can only ask for 1000 blocks at a timerethrow"),
        recorded("errors/block_api/get_block_range/start_zero.json", c -> c.getBlockRange(1, 1000),
            -32003, "Assert Exception:starting_block_num > 0 && \"fetch_block_range\": Invalid starting block numberrethrow"),
        recorded("errors/condenser_api/get_block/invalid_input.json",
            c -> c.call("condenser_api.get_block", MAPPER.createArrayNode().add("zzzz")),
            -32000, "Parse Error:Couldn't parse uint64_t"),
        recorded("errors/rc_api/get_resource_params/get.json", c -> c.call("rc_api.get_resource_params", null),
            -32000, "Unknown error - parsing rpc message failed"),
        recorded("errors/condenser_api/broadcast_transaction/missing_posting_authority.orig.json", c -> c.broadcastTransaction(transfer()),
            -32000, "missing required posting authority:Missing Posting Authority hiveio"),
        recorded("errors/account_history_api/get_account_history/invalid_limit.json",
            c -> c.getAccountHistory(AccountName.of("gtg"), -1, 1000, false),
            -32003, "Assert Exception:args.limit <= 1000: limit of 5000 is greater than maxmimum allowed"),
        recorded("errors/account_history_api/get_account_history/invalid_include_reversible.json",
            c -> c.getAccountHistory(AccountName.of("gtg"), -1, 10, true),
            -32000, "Bad Cast:Cannot convert string to bool (only \"true\" or \"false\" can be converted)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("recordedErrors")
  void recordedErrorIsRaisedAndNotRetried(String fixture, Call call, int code, String message) {
    JsonNode recorded = Fixtures.json(fixture);
    primary.always(error(recorded));
    backup.always(error(recorded));
    RpcErrorException e = assertThrows(RpcErrorException.class, () -> call.on(client));
    assertEquals(code, e.code());
    assertEquals(message, e.message());
    assertEquals(Optional.ofNullable(recorded.get("data")), e.data());
    assertTrue(e.getMessage().contains(e.method()) && e.getMessage().contains(Integer.toString(code)), e.getMessage());
    assertFalse(e.isDuplicateTransaction());
    assertFalse(e.isResourceCreditRefusal(), "no recorded error is an RC refusal");
    assertEquals(1, primary.requestCount());
    assertEquals(0, backup.requestCount());
    assertEquals(List.of(), sleeper.pauses());
  }

  @Test
  void errorDataCanBeAPlainString() {
    primary.always(error(Fixtures.json("errors/rc_api/get_resource_params/get.json")));
    RpcErrorException e = assertThrows(RpcErrorException.class, () -> client.call("rc_api.get_resource_params", null));
    assertEquals("unknown key", e.data().orElseThrow().textValue());
    assertEquals("rc_api.get_resource_params", e.method());
    assertFalse(primary.requests().get(0).has("params"));
  }

  @Test
  void liveErrorCarriesHivedDataObject() {
    primary.always(error(Fixtures.json("errors/condenser_api/broadcast_transaction/missing_posting_authority.orig.json")));
    RpcErrorException e = assertThrows(RpcErrorException.class, () -> client.broadcastTransaction(transfer()));
    JsonNode data = e.data().orElseThrow();
    assertEquals("tx_missing_posting_auth", data.get("name").asText());
    assertEquals(3030000, data.get("code").asInt());
  }

  /** The documented broadcast pattern: the first node took the transaction but the answer was lost. */
  @Test
  void duplicateAfterLostAnswerIsRecognisable() {
    ObjectNode duplicate = MAPPER.createObjectNode();
    duplicate.put("code", -32000);
    duplicate.put("message", "Assert Exception:trx_idx.indices().get<by_trx_id>().find( trx_id ) == "
        + "trx_idx.indices().get<by_trx_id>().end(): Duplicate transaction check failed");
    primary.always(FakeHived.status(502));
    backup.always(error(duplicate));
    RpcErrorException e = assertThrows(RpcErrorException.class, () -> client.broadcastTransaction(transfer()));
    assertTrue(e.isDuplicateTransaction());
    assertEquals(1, primary.requestCount());
    assertEquals(1, backup.requestCount());
    assertEquals(primary.requests().get(0).get("params"), backup.requests().get(0).get("params"));
  }

  /** A call on the client; lets a parameterized case choose the typed method. */
  @FunctionalInterface
  interface Call {
    void on(HiveRpcClient client) throws RpcException;
  }

  private static Arguments recorded(String fixture, Call call, int code, String message) {
    return Arguments.of(fixture, call, code, message);
  }

  private static Authority singleKey(String key) {
    return new Authority(1, List.of(), List.of(new Authority.KeyWeight(PublicKey.fromString(key), 1)));
  }

  /** The mainnet transfer of block 80,021,416 (hive-protocol.md), unsigned. */
  static Transaction transfer() {
    return Transaction.builder()
        .refBlockNum(1959)
        .refBlockPrefix(3625727107L)
        .expiration(Instant.parse("2023-11-09T22:01:24Z"))
        .operation(new TransferOperation(
            AccountName.of("oneplus7"), AccountName.of("kryptogames"), Asset.parse("300.000 HIVE"), "Roll under 50 4d434bd943616"))
        .build();
  }

  private static void assertRequest(JsonNode request, String method, String params) {
    assertEquals("2.0", request.get("jsonrpc").asText());
    assertEquals(method, request.get("method").asText());
    assertTrue(request.get("id").isIntegralNumber(), request.toString());
    try {
      assertEquals(MAPPER.readTree(params), request.get("params"));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new AssertionError(e);
    }
  }
}
