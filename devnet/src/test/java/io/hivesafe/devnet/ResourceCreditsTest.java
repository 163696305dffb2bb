package io.hivesafe.devnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.hivesafe.hive.Fixtures;
import io.hivesafe.hive.codec.TransactionCodec;
import io.hivesafe.hive.crypto.KeyRole;
import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.protocol.Transaction;
import io.hivesafe.hive.protocol.WireFormat;
import io.hivesafe.hive.rpc.HiveRpcClient;
import io.hivesafe.hive.rpc.RcAccount;
import io.hivesafe.hive.rpc.RpcConfig;
import io.hivesafe.hive.rpc.RpcErrorException;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The devnet's resource credits: hived's payer, the cost by size and kind, regeneration by block time
 * (5 days from empty to full), hived's refusal when the payer is short (text, exception, JSON-RPC shape),
 * nothing changed by a refusal, and rc_api.find_rc_accounts in hived's shape.
 */
class ResourceCreditsTest {
  /** A pool that regenerates 1,000 RC per second of chain time: 3,000 per block. */
  private static final long SMALL_MAX = 432_000_000L;
  private static final AccountName ALICE = AccountName.of("alice");
  private static final AccountName BOB = AccountName.of("bob");
  private Devnet devnet;
  private DevnetChain chain;
  private DevnetWallet wallet;

  @BeforeEach
  void stepped() throws Exception {
    devnet = Devnet.start(DevnetConfig.testnet(), Duration.ZERO, 0);
    chain = devnet.chain();
    wallet = new DevnetWallet(chain);
  }

  @AfterEach
  void close() {
    devnet.close();
  }

  private Transaction aliceTransfer(String memo) {
    return wallet.signed(DevnetWallet.transfer("alice", "bob", DevnetWallet.hive(1), memo), DevnetWallet.key("alice", KeyRole.ACTIVE));
  }

  /** The devnet checks the HF26 packing first; a legacy-signed transaction is accepted in the legacy packing. */
  private static long cost(Transaction tx) {
    return RcCosts.of(tx, TransactionCodec.writeSigned(tx, WireFormat.TESTNET).length);
  }

  private long manaNow(AccountName account) {
    return chain.rcAccount(account).orElseThrow().manaAt(chain.headTime());
  }

  @Test
  void everyGenesisAccountStartsFullWithTheDefault() {
    for (GenesisAccount a : chain.config().genesis().accounts()) {
      RcAccount rc = chain.rcAccount(a.name()).orElseThrow();
      assertEquals(GenesisAccount.DEFAULT_MAX_RC, rc.maxRc());
      assertEquals(GenesisAccount.DEFAULT_MAX_RC, rc.currentMana());
      assertEquals(chain.config().genesis().genesisTime(), rc.lastUpdate());
    }
    assertTrue(chain.rcAccount(AccountName.of("nobody")).isEmpty());
  }

  @Test
  void aTransactionCostsItsKindsAndItsBytesAndThePayerPaysIt() {
    Transaction tx = aliceTransfer("a memo that makes it longer");
    int size = TransactionCodec.writeSigned(tx, WireFormat.TESTNET).length;
    assertEquals(RcCosts.TRANSFER + RcCosts.PER_BYTE * size, cost(tx));
    Transaction longer = aliceTransfer("a memo that makes it longer, and longer still");
    assertEquals(RcCosts.PER_BYTE * (TransactionCodec.writeSigned(longer, WireFormat.TESTNET).length - size), cost(longer) - cost(tx));

    chain.setRc(ALICE, SMALL_MAX, SMALL_MAX);
    chain.setRc(BOB, SMALL_MAX, SMALL_MAX);
    assertTrue(chain.broadcast(tx).isAccepted());
    assertEquals(SMALL_MAX - cost(tx), chain.rcAccount(ALICE).orElseThrow().currentMana(), "the sender pays a transfer");
    assertEquals(SMALL_MAX, chain.rcAccount(BOB).orElseThrow().currentMana(), "the receiver pays nothing");

    // a custom_json with only posting auths is paid by its first posting account
    Transaction posting = wallet.signed(DevnetWallet.customJson(List.of(), List.of("bob"), "test", "{}"), DevnetWallet.key("bob", KeyRole.POSTING));
    assertTrue(chain.broadcast(posting).isAccepted());
    assertEquals(SMALL_MAX - cost(posting), chain.rcAccount(BOB).orElseThrow().currentMana());
    assertEquals(RcCosts.CUSTOM_JSON + RcCosts.PER_BYTE * TransactionCodec.writeSigned(posting, WireFormat.TESTNET).length, cost(posting));
  }

  @Test
  void manaRegeneratesByBlockTimeOverFiveDays() {
    chain.setRc(ALICE, SMALL_MAX, 0);
    Instant drained = chain.headTime();
    chain.produceBlocks(10); // 30 s of chain time
    assertEquals(30_000, manaNow(ALICE));
    assertEquals(SMALL_MAX, chain.rcAccount(ALICE).orElseThrow().manaAt(drained.plus(Duration.ofDays(5))));
    assertEquals(drained, chain.rcAccount(ALICE).orElseThrow().lastUpdate(), "stored as hived stores it: updated when used");
  }

  @Test
  void aPayerShortOfTheCostIsRefusedWithHivedsErrorAndNothingChanges() {
    Transaction tx = aliceTransfer("");
    long cost = cost(tx);
    chain.setRc(ALICE, SMALL_MAX, cost - 1);
    long balance = chain.account(ALICE).orElseThrow().hive().amount();
    Admission refused = chain.broadcast(tx);
    assertFalse(refused.isAccepted());
    HivedError error = refused.error().orElseThrow();
    assertEquals("payer has not enough RC mana for transaction:has_mana: Account: alice has " + (cost - 1) + " RC, needs " + cost
        + " RC. Please wait to transact or power up HIVE.", error.message());
    assertEquals("not_enough_rc_exception", error.name());
    assertEquals(4_100_100L, error.code());
    assertEquals(HivedError.SERVER_ERROR, error.rpcCode());
    assertEquals(balance, chain.account(ALICE).orElseThrow().hive().amount(), "the transfer was undone");
    assertEquals(cost - 1, chain.rcAccount(ALICE).orElseThrow().currentMana(), "a refusal costs nothing");
    assertEquals(0, chain.pendingCount());

    chain.produceBlock(); // 3 s: 3,000 RC more, enough
    assertTrue(chain.broadcast(tx).isAccepted());
    assertEquals(cost - 1 + 3_000 - cost, chain.rcAccount(ALICE).orElseThrow().currentMana());
  }

  @Test
  void drainEmptiesThePoolAndSetRcFillsIt() {
    chain.drainRc(ALICE);
    assertEquals(0, chain.rcAccount(ALICE).orElseThrow().currentMana());
    assertEquals(GenesisAccount.DEFAULT_MAX_RC, chain.rcAccount(ALICE).orElseThrow().maxRc());
    assertFalse(chain.broadcast(aliceTransfer("")).isAccepted());
    chain.setRc(ALICE, GenesisAccount.DEFAULT_MAX_RC);
    assertTrue(chain.broadcast(aliceTransfer("")).isAccepted());
    assertThrows(IllegalArgumentException.class, () -> chain.setRc(ALICE, 10, 11));
    assertThrows(IllegalArgumentException.class, () -> chain.drainRc(AccountName.of("nobody")));
  }

  @Test
  void theRefusalReachesAClientInHivedsJsonRpcShapeAndIsTypedAsAnRcRefusal() throws Exception {
    Transaction tx = aliceTransfer("");
    chain.setRc(ALICE, SMALL_MAX, 5);
    try (HiveRpcClient client = new HiveRpcClient(RpcConfig.withEndpoints(List.of(devnet.url(0))))) {
      RpcErrorException e = assertThrows(RpcErrorException.class, () -> client.broadcastTransaction(tx));
      assertTrue(e.isResourceCreditRefusal());
      assertEquals(-32000, e.code());
      assertEquals(OptionalLong.of(cost(tx)), e.resourceCreditsNeeded());
      assertEquals(OptionalLong.of(5), e.resourceCreditsHeld());
      JsonNode data = e.data().orElseThrow();
      assertEquals("not_enough_rc_exception", data.get("name").asText());
      assertEquals(4_100_100, data.get("code").asLong());
      assertEquals("payer has not enough RC mana for transaction", data.get("message").asText());
      JsonNode frame = data.get("stack").get(0);
      assertEquals("has_mana: Account: ${account_name} has ${rc_current} RC, needs ${rc} RC. Please wait to transact or power up HIVE.",
          frame.get("format").asText());
      assertEquals("alice", frame.at("/data/account_name").asText());
      assertEquals("rc_utility.cpp", frame.at("/context/file").asText());
      // the same fields, in the same kinds, as the recorded mainnet broadcast error
      JsonNode recorded = Fixtures.json("errors/condenser_api/broadcast_transaction/missing_posting_authority.orig.json");
      assertEquals(new java.util.TreeSet<>(fieldNames(recorded.get("data"))), new java.util.TreeSet<>(fieldNames(data)));
      assertEquals(new java.util.TreeSet<>(fieldNames(recorded.at("/data/stack/0/context"))),
          new java.util.TreeSet<>(fieldNames(frame.get("context"))));
    }
  }

  @Test
  void findRcAccountsAnswersInHivedsShapeAndTheClientReadsIt() throws Exception {
    chain.setRc(BOB, SMALL_MAX, 1234);
    JsonNode response = RawRpc.call(devnet.url(0), "rc_api.find_rc_accounts", "{\"accounts\":[\"bob\",\"nobody\",\"alice\"]}");
    JsonNode list = response.at("/result/rc_accounts");
    assertEquals(2, list.size(), "unknown names are left out, the others in the order asked");
    JsonNode bob = list.get(0);
    assertEquals(List.of("account", "rc_manabar", "max_rc_creation_adjustment", "max_rc", "delegated_rc", "received_delegated_rc"),
        fieldNames(bob));
    assertEquals("bob", bob.get("account").asText());
    assertEquals(1234, bob.at("/rc_manabar/current_mana").asLong());
    assertTrue(bob.at("/rc_manabar/current_mana").isNumber());
    assertEquals(chain.headTime().getEpochSecond(), bob.at("/rc_manabar/last_update_time").asLong());
    assertEquals(SMALL_MAX, bob.get("max_rc").asLong());
    assertEquals("@@000000037", bob.at("/max_rc_creation_adjustment/nai").asText());
    JsonNode alice = list.get(1);
    assertEquals(Long.toString(GenesisAccount.DEFAULT_MAX_RC), alice.get("max_rc").textValue(), "above 2^32 - 1 an integer is a string, as fc writes it");
    try (HiveRpcClient client = new HiveRpcClient(RpcConfig.withEndpoints(List.of(devnet.url(0))))) {
      assertEquals(List.of(chain.rcAccount(BOB).orElseThrow(), chain.rcAccount(ALICE).orElseThrow()),
          client.findRcAccounts(List.of(BOB, AccountName.of("nobody"), ALICE)));
    }
    JsonNode tooMany = RawRpc.call(devnet.url(0), "rc_api.find_rc_accounts",
        "{\"accounts\":[" + String.join(",", java.util.Collections.nCopies(1001, "\"bob\"")) + "]}");
    assertEquals(-32003, tooMany.at("/error/code").asInt());
  }

  @Test
  void theGenesisFileSetsMaxRcPerAccount() {
    Genesis genesis = GenesisFile.parse("{\"chain_id\":\"" + "00".repeat(32) + "\",\"genesis_time\":\"2026-01-01T00:00:00\",\"accounts\":["
        + "{\"name\":\"tiny\",\"keys\":{\"owner\":\"" + key() + "\",\"active\":\"" + key() + "\",\"posting\":\"" + key() + "\",\"memo\":\"" + key()
        + "\"},\"max_rc\":\"5000000000\"},"
        + "{\"name\":\"plain\",\"keys\":{\"owner\":\"" + key() + "\",\"active\":\"" + key() + "\",\"posting\":\"" + key() + "\",\"memo\":\"" + key()
        + "\"}}]}");
    assertEquals(5_000_000_000L, genesis.accounts().get(0).maxRc());
    assertEquals(GenesisAccount.DEFAULT_MAX_RC, genesis.accounts().get(1).maxRc());
    DevnetChain tiny = new DevnetChain(DevnetConfig.of(genesis));
    assertEquals(5_000_000_000L, tiny.rcAccount(AccountName.of("tiny")).orElseThrow().currentMana());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GenesisFile.parse(
        "{\"chain_id\":\"" + "00".repeat(32) + "\",\"genesis_time\":\"2026-01-01T00:00:00\",\"accounts\":[{\"name\":\"tiny\",\"keys\":{\"owner\":\""
            + key() + "\",\"active\":\"" + key() + "\",\"posting\":\"" + key() + "\",\"memo\":\"" + key() + "\"},\"max_rc\":-1}]}"));
    assertTrue(e.getMessage().contains("max_rc"), e.getMessage());
  }

  private static String key() {
    return Genesis.INIT_KEY.publicKey().toString();
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new java.util.ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }
}
