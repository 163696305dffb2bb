package io.hivesafe.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivesafe.hive.crypto.CompactSignature;
import io.hivesafe.hive.crypto.PrivateKey;
import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.protocol.Asset;
import io.hivesafe.hive.protocol.AssetSymbol;
import io.hivesafe.hive.protocol.Operation;
import io.hivesafe.hive.protocol.TransferOperation;
import io.hivesafe.state.StateStore;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each operation accepted with its effect, and rejected with its reason and no effect. */
class OperationsTest {
  @TempDir Path dir;
  private OpsHarness h;
  private StateStore store;
  private NetworkGenesis genesis;

  @BeforeEach
  void open() {
    genesis = TestNetwork.genesis(3, 3, 0);
    h = new OpsHarness(dir, genesis);
    store = h.store;
    step(List.of());
  }

  @AfterEach
  void close() {
    h.close();
  }

  private List<FeedEntry> step(List<Operation> ops) {
    return h.apply(ops);
  }

  private FeedEntry one(String account, String op, String json) {
    List<FeedEntry> feed = step(List.of(TestBlocks.active(account, "hs_" + op, json)));
    assertEquals(1, feed.size(), feed.toString());
    return feed.get(0);
  }

  private Balances balances(String account) {
    return store.read(r -> SidechainState.balances(r, account));
  }

  @Test
  void sendMovesTokensAndRejectsEveryMalformedForm() {
    FeedEntry ok = one("user0", "send", "{\"to\":\"user1\",\"amount\":1500,\"memo\":\"hi\"}");
    assertTrue(ok.ok(), String.valueOf(ok.reason()));
    assertEquals(98_500, balances("user0").token());
    assertEquals(101_500, balances("user1").token());
    Reason notInteger = Reason.of(ReasonCode.FIELD_NOT_INTEGER, "amount");
    Reason outOfRange = Reason.of(ReasonCode.FIELD_OUT_OF_RANGE, "amount", 1, NetworkGenesis.MAX_AMOUNT);
    Object[][] bad = {
        {"{\"to\":\"user1\",\"amount\":\"1500\"}", notInteger},
        {"{\"to\":\"user1\",\"amount\":1.5}", notInteger},
        {"{\"to\":\"user1\",\"amount\":1e3}", notInteger},
        {"{\"to\":\"user1\",\"amount\":-5}", outOfRange},
        {"{\"to\":\"user1\",\"amount\":0}", outOfRange},
        {"{\"to\":\"user1\",\"amount\":100000000000000000000000000000}", outOfRange},
        {"{\"to\":\"user1\",\"amount\":98501}", Reason.of(ReasonCode.TOKEN_BALANCE_LOW, 98_500, 98_501)},
        {"{\"to\":\"User1\",\"amount\":1}", Reason.of(ReasonCode.FIELD_NOT_ACCOUNT, "to")},
        {"{\"to\":\"user0\",\"amount\":1}", Reason.of(ReasonCode.SEND_TO_SELF)},
        {"{\"to\":\"user1\",\"amount\":1,\"extra\":1}", Reason.of(ReasonCode.FIELD_UNKNOWN, "\"extra\"")},
        {"{\"to\":\"user1\",\"amount\":1,\"amount\":2}", Reason.of(ReasonCode.JSON_INVALID)},
        {"{\"to\":\"user1\",\"amount\":1", Reason.of(ReasonCode.JSON_INVALID)},
        {"[1,2]", Reason.of(ReasonCode.JSON_NOT_OBJECT)},
        {"{\"amount\":1}", Reason.of(ReasonCode.FIELD_REQUIRED, "to")},
    };
    for (Object[] c : bad) {
      FeedEntry f = one("user0", "send", (String) c[0]);
      assertFalse(f.ok(), (String) c[0]);
      assertEquals(c[1], f.reason(), (String) c[0]);
    }
    assertEquals(98_500, balances("user0").token());
    assertEquals(101_500, balances("user1").token());
  }

  @Test
  void activeOpsSignedWithPostingAreRejected() {
    List<FeedEntry> feed = step(List.of(TestBlocks.posting("user0", "hs_send", "{\"to\":\"user1\",\"amount\":5}")));
    assertFalse(feed.get(0).ok());
    assertEquals(Reason.of(ReasonCode.NEEDS_ACTIVE, "send"), feed.get(0).reason());
    assertEquals(100_000, balances("user0").token());
  }

  @Test
  void unknownOperationsAndOtherPrefixesAreHandledApart() {
    List<FeedEntry> feed = step(List.of(TestBlocks.active("user0", "hs_mint", "{}"),
        TestBlocks.active("user0", "other_send", "{\"to\":\"user1\",\"amount\":5}")));
    assertEquals(1, feed.size(), "another network's op leaves no trace");
    assertEquals(Reason.of(ReasonCode.UNKNOWN_OPERATION, "mint"), feed.get(0).reason());
    // Found by the devnet consensus vector: an id that is the prefix alone names the empty operation.
    List<FeedEntry> bare = step(List.of(TestBlocks.active("user0", "hs_", "{}")));
    assertEquals(Reason.of(ReasonCode.UNKNOWN_OPERATION, ""), bare.get(0).reason(), "a rejection, not an exception");
    // A lone surrogate has no UTF-8 form, so the state's encoder would refuse it (and stop the node): in
    // a field it is a rejection, in an operation's name it is recorded as '?'.
    List<FeedEntry> lone = step(List.of(TestBlocks.active("user0", "hs_m\ud800", "{}"),
        TestBlocks.active("user0", "hs_propose", "{\"action\":\"x\ud800\",\"deadline\":1,\"activation\":0}"),
        TestBlocks.active("user0", "hs_send", "{\"to\":\"user1\",\"amount\":1,\"memo\":\"\ud800\"}")));
    assertEquals(Reason.of(ReasonCode.UNKNOWN_OPERATION, "m?"), lone.get(0).reason());
    assertEquals("m?", lone.get(0).kind());
    assertEquals(Reason.of(ReasonCode.FIELD_LONE_SURROGATE, "action"), lone.get(1).reason());
    assertEquals(Reason.of(ReasonCode.FIELD_LONE_SURROGATE, "memo"), lone.get(2).reason());
  }

  @Test
  void lockAndDelayedUnlockThroughChrono() {
    assertTrue(one("user0", "gov_lock", "{\"amount\":40000}").ok());
    assertEquals(new Balances(60_000, 40_000, 0, 0, 0), balances("user0"));
    FeedEntry unlock = one("user0", "gov_unlock", "{\"amount\":15000}");
    assertTrue(unlock.ok(), String.valueOf(unlock.reason()));
    long due = h.nextBlock() - 1 + 30;
    assertEquals(new Balances(60_000, 25_000, 15_000, 0, 0), balances("user0"));
    assertFalse(one("user0", "gov_unlock", "{\"amount\":25001}").ok());
    while (h.nextBlock() < due) {
      step(List.of());
      assertEquals(15_000, balances("user0").unlocking());
    }
    List<FeedEntry> atDue = step(List.of());
    assertEquals("gov_unlock", atDue.get(0).kind());
    assertEquals(new Balances(75_000, 25_000, 0, 0, 0), balances("user0"));
  }

  @Test
  void depositsCreditTheSenderAndWithdrawalsQueuePayouts() {
    Operation deposit = new TransferOperation(AccountName.of("user2"), AccountName.of(TestNetwork.MULTISIG),
        Asset.of(12_345, AssetSymbol.HIVE), "deposit");
    Operation unrelated = new TransferOperation(AccountName.of("user2"), AccountName.of("user1"),
        Asset.of(5, AssetSymbol.HBD), "");
    List<FeedEntry> feed = step(List.of(deposit, unrelated));
    assertEquals(1, feed.size());
    assertEquals(12_345, balances("user2").hive());
    FeedEntry w = one("user2", "withdraw", "{\"amount\":10000,\"asset\":\"HIVE\",\"memo\":\"out\"}");
    assertTrue(w.ok(), String.valueOf(w.reason()));
    assertEquals(2_345, balances("user2").hive());
    List<Payout> queue = store.read(SidechainState::payouts);
    assertEquals(1, queue.size());
    assertEquals(new Payout(1, Payout.WITHDRAWAL, "user2", 10_000, "HIVE", "out", h.nextBlock() - 1, queue.get(0).source(), 0), queue.get(0));
    assertFalse(one("user2", "withdraw", "{\"amount\":2346,\"asset\":\"HIVE\"}").ok());
    assertFalse(one("user2", "withdraw", "{\"amount\":1,\"asset\":\"VESTS\"}").ok());
    assertFalse(one("user2", "withdraw", "{\"amount\":1,\"asset\":\"HBD\"}").ok(), "no HBD deposited");
    Totals t = store.read(SidechainState::totals);
    assertEquals(12_345, t.depositedHive());
  }

  @Test
  void aPeggedSendMovesTheDepositedBalanceAndNothingElse() {
    step(List.of(new TransferOperation(AccountName.of("user2"), AccountName.of(TestNetwork.MULTISIG),
        Asset.of(12_345, AssetSymbol.HIVE), "deposit")));
    Totals before = store.read(SidechainState::totals);
    long token2 = balances("user2").token();
    long token1 = balances("user1").token();
    FeedEntry sent = one("user2", "send", "{\"to\":\"user1\",\"amount\":2345,\"asset\":\"HIVE\",\"memo\":\"rent\"}");
    assertTrue(sent.ok(), String.valueOf(sent.reason()));
    assertEquals(Reason.of(ReasonCode.SENT_PEGGED, 2_345, "HIVE", "user1"), sent.reason());
    assertEquals(10_000, balances("user2").hive());
    assertEquals(2_345, balances("user1").hive());
    assertEquals(token2, balances("user2").token(), "the token does not move");
    assertEquals(token1, balances("user1").token());
    assertEquals(before, store.read(SidechainState::totals), "custody's books are unchanged: only who may withdraw moved");
    FeedEntry w = one("user1", "withdraw", "{\"amount\":2345,\"asset\":\"HIVE\"}");
    assertTrue(w.ok(), "the receiver withdraws what it was sent: " + w.reason());

    Object[][] bad = {
        {"{\"to\":\"user1\",\"amount\":10001,\"asset\":\"HIVE\"}", Reason.of(ReasonCode.PEGGED_BALANCE_LOW, "HIVE", 10_000, 10_001)},
        {"{\"to\":\"user1\",\"amount\":1,\"asset\":\"HBD\"}", Reason.of(ReasonCode.PEGGED_BALANCE_LOW, "HBD", 0, 1)},
        {"{\"to\":\"user1\",\"amount\":1,\"asset\":\"VESTS\"}", Reason.of(ReasonCode.ASSET_NOT_PEGGED)},
        {"{\"to\":\"user1\",\"amount\":1,\"asset\":null}", Reason.of(ReasonCode.FIELD_REQUIRED, "asset")},
        {"{\"to\":\"user2\",\"amount\":1,\"asset\":\"HIVE\"}", Reason.of(ReasonCode.SEND_TO_SELF)},
    };
    for (Object[] c : bad) {
      FeedEntry f = one("user2", "send", (String) c[0]);
      assertFalse(f.ok(), (String) c[0]);
      assertEquals(c[1], f.reason(), (String) c[0]);
    }
    assertEquals(10_000, balances("user2").hive(), "refusals change nothing");
    assertEquals(0, balances("user1").hive());
  }

  @Test
  void nodeAddNeedsAProofOfPossessionForThisAccount() {
    PrivateKey key = PrivateKey.fromSeed("newcomer");
    String good = proof(key, "user1");
    FeedEntry forged = one("user0", "node_add", nodeAdd(key, good));
    assertFalse(forged.ok(), "a proof made for user1 does not register user0");
    assertEquals(Reason.of(ReasonCode.PROOF_WRONG_KEY), forged.reason());
    assertFalse(one("user1", "node_add", nodeAdd(key, "00".repeat(65))).ok());
    assertFalse(one("user1", "node_add", "{\"key\":\"STM1\",\"proof\":\"" + good + "\"}").ok());
    assertFalse(one("user1", "node_add", nodeAdd(TestNetwork.nodeKey(0), proof(TestNetwork.nodeKey(0), "user1"))).ok(),
        "node0's key is taken");
    FeedEntry ok = one("user1", "node_add", nodeAdd(key, good));
    assertTrue(ok.ok(), String.valueOf(ok.reason()));
    NodeRecord n = store.read(r -> SidechainState.node(r, "user1")).orElseThrow();
    assertEquals(key.publicKey().toString(), n.key());
    assertEquals(0, n.age());
  }

  @Test
  void reportsAreCheckedForFormBlockAndSender() {
    while (h.nextBlock() <= 50) {
      step(List.of());
    }
    String report = "{\"block\":50,\"hash\":\"" + "ab".repeat(32) + "\",\"ms\":{\"ref_block_num\":50,"
        + "\"ref_block_prefix\":1,\"expiration\":\"2026-01-01T01:00:00\"},\"version\":\"test\"}";
    assertFalse(one("user0", "report", report).ok(), "not a node");
    assertFalse(one("node0", "report", report.replace("\"block\":50", "\"block\":49")).ok());
    assertFalse(one("node0", "report", report.replace("ab", "AB")).ok());
    assertFalse(one("node0", "report", report.replace("2026-01-01T01:00:00", "2026-02-30T01:00:00")).ok());
    assertFalse(one("node0", "report", report.replace("\"ref_block_num\":50", "\"ref_block_num\":65536")).ok());
    assertTrue(one("node0", "report", report).ok());
    FeedEntry again = one("node0", "report", report);
    assertEquals(Reason.of(ReasonCode.ALREADY_REPORTED, 50), again.reason());
    assertEquals(1, store.read(r -> SidechainState.reports(r, 50)).size());
    while (h.nextBlock() <= 100) {
      step(List.of());
    }
    FeedEntry late = one("node1", "report", report);
    assertFalse(late.ok(), "a report landing after its tally cannot count");
    assertEquals(Reason.of(ReasonCode.REPORT_TOO_LATE, 50, 100, 150), late.reason());
  }

  static String nodeAdd(PrivateKey key, String proof) {
    return "{\"key\":\"" + key.publicKey() + "\",\"proof\":\"" + proof + "\"}";
  }

  String proof(PrivateKey key, String account) {
    CompactSignature sig = TestNetwork.CRYPTO.sign(key, BlockApplier.nodeAddProofDigest(genesis, account));
    return sig.toHex();
  }
}
