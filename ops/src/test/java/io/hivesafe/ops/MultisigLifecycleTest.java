package io.hivesafe.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivesafe.hive.codec.TransactionCodec;
import io.hivesafe.hive.crypto.PrivateKey;
import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.protocol.AccountUpdateOperation;
import io.hivesafe.hive.protocol.Asset;
import io.hivesafe.hive.protocol.AssetSymbol;
import io.hivesafe.hive.protocol.BlockId;
import io.hivesafe.hive.protocol.CustomJsonOperation;
import io.hivesafe.hive.protocol.Operation;
import io.hivesafe.hive.protocol.Transaction;
import io.hivesafe.hive.protocol.TransferOperation;
import io.hivesafe.hive.protocol.WireFormat;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DESIGN §3.5 in the core: build, sig_submit, ready and recast, confirmation, expiry and rebuild, alarms, rotation. */
class MultisigLifecycleTest {
  @TempDir Path dir;
  private OpsHarness h;
  private NetworkGenesis genesis;

  @BeforeEach
  void open() {
    // a floor of 2 keys, so that one runner of 3 leaving makes a rotation (the default floor is 3: RotationRulesTest)
    genesis = TestNetwork.withCustody(TestNetwork.genesis(3, 3, 0), new CustodyLimits(TestNetwork.LOOSE.dailyCapHive(),
        TestNetwork.LOOSE.dailyCapHbd(), TestNetwork.LOOSE.hbdValue(), TestNetwork.LOOSE.tokenValue(), 2, 1_000));
    h = new OpsHarness(dir, genesis);
    h.apply();
  }

  @AfterEach
  void close() {
    h.close();
  }

  private MultisigTx inFlight() {
    return h.inFlight();
  }

  private boolean nothingInFlight() {
    return h.nothingInFlight();
  }

  private void tallyWithReports(String... nodes) {
    h.tallyWithReports(nodes);
  }

  private FeedEntry submit(String account, long seq, String sigHex) {
    return h.submit(account, seq, sigHex);
  }

  private String sign(PrivateKey key, MultisigTx tx) {
    return OpsHarness.sign(key, tx);
  }

  private void depositAndWithdraw(String user, long amount) {
    h.depositAndWithdraw(user, amount, PeggedAsset.HIVE);
  }

  private void assertBalanced() {
    LedgerTotals t = h.store.read(r -> LedgerTotals.of(r, genesis));
    assertTrue(t.balanced(), t.toString());
  }

  @Test
  void aWithdrawalIsBuiltSignedToTheThresholdConfirmedAndPaidOnce() {
    depositAndWithdraw("user0", 7_000);
    depositAndWithdraw("user1", 3_000);
    tallyWithReports("node0", "node1", "node2");
    MultisigTx tx = inFlight();
    assertEquals(1, tx.seq());
    assertEquals(MultisigTx.TRANSFER, tx.kind());
    assertEquals(List.of(1L, 2L), tx.payouts());
    assertEquals(List.of(new MultisigTx.Requirement(MultisigTx.ACTIVE, h.store.read(SidechainState::authority).active())),
        tx.requirements());
    assertEquals(2, tx.requirements().get(0).authority().threshold());
    Transaction decoded = TransactionCodec.readUnsigned(HexFormat.of().parseHex(tx.unsignedHex()), WireFormat.HF26);
    assertEquals(new TransferOperation(AccountName.of(TestNetwork.MULTISIG), AccountName.of("user0"),
        Asset.of(7_000, AssetSymbol.HIVE), "w"), decoded.operations().get(0));
    assertEquals(MultisigBuilder.marker(genesis, 1), decoded.operations().get(2));
    assertEquals(tx.digest(), HexFormat.of().formatHex(decoded.digest(genesis.chainId(), WireFormat.HF26)));

    PrivateKey outsider = PrivateKey.fromSeed("not a signer");
    assertEquals(Reason.of(ReasonCode.FIELD_SIGNATURE_HEADER, "sig", 0), submit("user0", 1, "00".repeat(65)).reason());
    assertEquals(Reason.of(ReasonCode.SIG_NOT_SIGNER, outsider.publicKey().toString(), 1), submit("user0", 1, sign(outsider, tx)).reason());
    assertEquals(Reason.of(ReasonCode.ROUND_NOT_IN_FLIGHT, 2, 1), submit("user0", 2, sign(TestNetwork.nodeKey(0), tx)).reason());
    String otherDigest = TestNetwork.CRYPTO.sign(TestNetwork.nodeKey(0), new byte[32]).toHex();
    assertTrue(submit("node0", 1, otherDigest).reason().code() == ReasonCode.SIG_NOT_SIGNER, "a signature over another digest");
    FeedEntry first = submit("node0", 1, sign(TestNetwork.nodeKey(0), tx));
    assertTrue(first.ok(), String.valueOf(first.reason()));
    assertTrue(submit("user2", 1, sign(TestNetwork.nodeKey(0), tx)).reason().equals(Reason.of(ReasonCode.SIG_ALREADY_COUNTED, TestNetwork.nodeKey(0).publicKey().toString(), 1)), "a replayed signature");
    assertFalse(inFlight().ready());
    FeedEntry second = submit("node1", 1, sign(TestNetwork.nodeKey(1), tx));
    assertEquals(ReasonCode.SIG_COUNTED_READY, second.reason().code());
    long ready = h.nextBlock() - 1;
    assertEquals(ready, inFlight().readyBlock());
    assertEquals(1, inFlight().broadcastAttempt(), "when ready, the first broadcast is attempt 1");
    h.skipTo(ready + 31);
    assertEquals(1, inFlight().attempt(), "a recast after recast_interval blocks");
    List<FeedEntry> recasts = h.store.read(r -> SidechainState.feed(r, ready, Integer.MAX_VALUE)).stream()
        .filter(f -> f.reason().code() == ReasonCode.RECAST).toList();
    assertEquals(List.of(Reason.of(ReasonCode.RECAST, 1, 2)), recasts.stream().map(FeedEntry::reason).toList(),
        "the feed numbers the recast attempt 2");
    assertEquals(2, inFlight().broadcastAttempt(), "and the round (and so the API) is on attempt 2");

    List<FeedEntry> feed = h.land(tx);
    assertTrue(feed.stream().noneMatch(f -> f.kind().equals("alarm")), feed.toString());
    assertTrue(feed.stream().anyMatch(f -> f.kind().equals("ms_signed") && f.ok()), feed.toString());
    assertTrue(nothingInFlight());
    assertEquals(List.of(), h.store.read(SidechainState::payouts));
    assertEquals(10_000, h.store.read(SidechainState::multisigBooks).paidHive());
    assertBalanced();
    List<FeedEntry> replayed = h.applyTransactions(List.of(decoded.operations()));
    assertEquals(3, replayed.stream().filter(f -> f.kind().equals("alarm")).count(),
        "the same transfers again are unexplained, and their marker confirms nothing: " + replayed);
    assertEquals(10_000, h.store.read(SidechainState::multisigBooks).paidHive(), "nothing is paid twice in the books");
    assertEquals(10_000, h.store.read(SidechainState::multisigBooks).unexplainedHive(), "what left again is an unexplained outflow");
    assertBalanced();
  }

  @Test
  void aRoundThatExpiresReturnsItsPayoutsAndTheNextTallyRebuildsThem() {
    depositAndWithdraw("user0", 5_000);
    tallyWithReports("node0", "node1", "node2");
    MultisigTx first = inFlight();
    long expiresAfter = (MultisigBuilder.expiration(first).getEpochSecond() - TestBlocks.EPOCH.getEpochSecond()) / 3;
    h.skipTo(expiresAfter + 1);
    assertEquals(first.seq(), inFlight().seq(), "not before a block later than the expiration");
    h.apply();
    assertTrue(nothingInFlight());
    assertEquals(1, h.store.read(SidechainState::payouts).size(), "the payout is queued again");
    assertEquals(1, h.store.read(SidechainState::multisigBooks).expired());
    tallyWithReports("node0", "node1", "node2");
    MultisigTx second = inFlight();
    assertEquals(2, second.seq());
    assertEquals(first.payouts(), second.payouts());
    assertFalse(first.id().equals(second.id()), "a new header, a new transaction");
    List<FeedEntry> feed = h.land(first);
    assertTrue(feed.stream().anyMatch(f -> f.kind().equals("alarm")), "the old round landing is an alarm, not a payment");
    assertEquals(0, h.store.read(SidechainState::multisigBooks).paidHive());
    assertBalanced();
  }

  @Test
  void anUnexplainedTransferOutOfTheMultisigAccountIsAnAlarm() {
    List<FeedEntry> feed = h.apply(new TransferOperation(AccountName.of(TestNetwork.MULTISIG), AccountName.of("user0"),
        Asset.of(1, AssetSymbol.HBD), ""));
    assertEquals("alarm", feed.get(0).kind());
    assertFalse(feed.get(0).ok());
    FeedEntry forged = h.apply(new CustomJsonOperation(List.of(AccountName.of("user0")), List.of(), "hs_ms_signed",
        "{\"seq\":1}")).get(0);
    assertEquals(Reason.of(ReasonCode.NOT_MULTISIG_ACCOUNT), forged.reason());
  }

  @Test
  void runnersThatDriftFromTheSignersGetARotationKeepingTheOldThreshold() {
    tallyWithReports("node0");
    assertTrue(nothingInFlight(), "1 of 3 runners is no consensus: nothing is built");
    tallyWithReports("node0", "node1");
    MultisigTx tx = inFlight();
    assertEquals(MultisigTx.ROTATION, tx.kind());
    AccountUpdateOperation update = (AccountUpdateOperation) TransactionCodec.readUnsigned(
        HexFormat.of().parseHex(tx.unsignedHex()), WireFormat.HF26).operations().get(0);
    assertEquals(2, update.active().orElseThrow().keyAuths().size(), "node2 dropped out: the two remaining runners");
    assertEquals(2, update.active().orElseThrow().weightThreshold());
    assertEquals(update.owner(), update.active());
    h.land(tx);
    MultisigAuthority auth = h.store.read(SidechainState::authority);
    assertEquals(2, auth.active().keys().size(), "the recorded authority follows the account_update seen on chain");
    assertEquals(auth.owner(), auth.active());
    assertEquals(h.nextBlock() - 1, h.store.read(SidechainState::multisigBooks).lastRotationBlock());
  }
}
