package io.hivesafe.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.protocol.AccountUpdateOperation;
import io.hivesafe.hive.protocol.Asset;
import io.hivesafe.hive.protocol.AssetSymbol;
import io.hivesafe.hive.protocol.CustomJsonOperation;
import io.hivesafe.hive.protocol.Operation;
import io.hivesafe.hive.protocol.Transaction;
import io.hivesafe.hive.protocol.TransferOperation;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DESIGN §3.5, point 1 of the custody rules: a round is confirmed only by its own transaction (the id
 * the block gives it), and anything else that uses the multisig account's authority is an alarm — typed,
 * in state, the same on every node, with what left booked as an unexplained outflow, never as a payout.
 */
class AlarmTest {
  @TempDir Path dir;
  private OpsHarness h;
  private NetworkGenesis genesis;
  private static final AccountName MS = AccountName.of(TestNetwork.MULTISIG);

  @BeforeEach
  void open() {
    start(TestNetwork.genesis(3, 3, 0));
  }

  private void start(NetworkGenesis g) {
    if (h != null) {
      h.close();
    }
    genesis = g;
    h = new OpsHarness(dir.resolve("s" + System.identityHashCode(g)), genesis);
    h.apply();
  }

  @AfterEach
  void close() {
    h.close();
  }

  private static TransferOperation out(String to, long amount, AssetSymbol symbol) {
    return new TransferOperation(MS, AccountName.of(to), Asset.of(amount, symbol), "");
  }

  private List<AlarmKind> kinds(List<Alarm> alarms) {
    return alarms.stream().map(Alarm::kind).toList();
  }

  @Test
  void aColludingMajorityRedirectingAPayoutIsAnAlarmInTheBlockItLandsAndThePayoutIsStillOwed() {
    h.depositAndWithdraw("user0", 7_000, PeggedAsset.HIVE);
    h.tallyWithReports("node0", "node1", "node2");
    MultisigTx round = h.inFlight();
    h.signRound("node0", "node1");
    // Two of three signers (a threshold) sign their own transaction: the round's marker, the payout to mallory.
    Transaction real = OpsHarness.decode(round);
    Transaction redirect = new Transaction(real.refBlockNum(), real.refBlockPrefix(), real.expiration(),
        List.of(out("mallory", 7_000, AssetSymbol.HIVE), MultisigBuilder.marker(genesis, round.seq())), List.of());
    BlockOutcome outcome = h.applySignedOutcome(List.of(redirect));
    assertEquals(List.of(AlarmKind.OUTFLOW, AlarmKind.STRAY_CONFIRMATION), kinds(outcome.alarms()), "alarms in the block it lands");
    assertEquals(outcome.alarms(), h.alarms(), "the same alarms are in state");
    assertEquals(7_000, outcome.alarms().get(0).hive());
    assertEquals(round.seq(), outcome.alarms().get(1).round());
    MultisigBooks books = h.books();
    assertEquals(0, books.paidHive(), "nothing is booked as paid");
    assertEquals(7_000, books.unexplainedHive(), "what left is an unexplained outflow");
    assertEquals(round.seq(), h.inFlight().seq(), "the round is still in flight");
    assertEquals(List.of(1L), h.queue().stream().map(Payout::seq).toList(), "user0 is still owed the payout");
    assertEquals(new Custody.Balance(50_000 + 7_000 - 7_000, 20_000), h.store.read(r -> Custody.books(r, genesis)),
        "what the account must hold: treasury and deposit, less what left unexplained");
    h.assertBalanced();

    List<FeedEntry> landed = h.land(round);
    assertTrue(landed.stream().anyMatch(f -> f.kind().equals("ms_signed") && f.ok()), landed.toString());
    assertTrue(landed.stream().noneMatch(f -> f.kind().equals("alarm")), "our own round is no alarm: " + landed);
    assertEquals(7_000, h.books().paidHive(), "paid once, to user0");
    assertEquals(List.of(), h.queue());
    assertEquals(2, h.alarms().size());
    h.assertBalanced();
  }

  @Test
  void theRoundsOwnOperationsUnderAnotherHeaderConfirmNothing() {
    h.depositAndWithdraw("user0", 5_000, PeggedAsset.HIVE);
    h.tallyWithReports("node0", "node1", "node2");
    MultisigTx round = h.inFlight();
    Transaction real = OpsHarness.decode(round);
    Transaction twin = new Transaction(real.refBlockNum(), real.refBlockPrefix(), real.expiration().minusSeconds(3),
        real.operations(), List.of());
    List<FeedEntry> feed = h.applySigned(List.of(twin));
    assertEquals(2, feed.stream().filter(f -> f.kind().equals("alarm")).count(), feed.toString());
    assertEquals(round, h.inFlight(), "another id: the round is untouched");
    assertEquals(0, h.books().paidHive());
    assertEquals(5_000, h.books().unexplainedHive());
  }

  @Test
  void anUpdateOfTheAuthorityByAnyoneButOurRotationIsAnAlarmAndTheRecordFollowsTheChain() {
    io.hivesafe.hive.protocol.Authority stranger = NetworkGenesis.simpleAuthority(1,
        List.of(io.hivesafe.hive.crypto.PrivateKey.fromSeed("stranger").publicKey()));
    List<FeedEntry> feed = h.apply(new AccountUpdateOperation(MS, Optional.empty(), Optional.of(stranger), Optional.empty(),
        Optional.empty(), ""));
    assertEquals(List.of(AlarmKind.AUTHORITY_CHANGE, AlarmKind.SAFETY_LIMIT), kinds(h.alarms()),
        "a key no node stakes for can sign alone: custody now stands over the safety limit too: " + feed);
    MultisigAuthority auth = h.authority();
    assertEquals(SignerAuthority.of(stranger), auth.active(), "the recorded active authority is the chain's");
    assertEquals(SignerAuthority.of(genesis.owner()), auth.owner(), "the owner did not change");
  }

  @Test
  void theMultisigAccountsActiveAuthorityUsedForAnythingElseIsAnAlarmButNotItsPostingAuthority() {
    h.apply(new CustomJsonOperation(List.of(MS), List.of(), "some_other_app", "{}"));
    h.apply(new CustomJsonOperation(List.of(), List.of(MS), "follow", "{}"));
    h.apply(out(TestNetwork.MULTISIG, 5, AssetSymbol.HBD));
    h.apply(new CustomJsonOperation(List.of(MS), List.of(), "hs_send", "{\"to\":\"user0\",\"amount\":1}"));
    assertEquals(List.of(AlarmKind.AUTHORITY_USE, AlarmKind.AUTHORITY_USE, AlarmKind.AUTHORITY_USE), kinds(h.alarms()),
        "a custom_json signed with active, a transfer to itself and a sidechain operation sent as the account; the posting one"
            + " is not an alarm");
    assertEquals(0, h.books().unexplainedHbd(), "a transfer to itself takes nothing out");
    h.apply(new AccountUpdateOperation(MS, Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.of(io.hivesafe.hive.crypto.PrivateKey.fromSeed("memo").publicKey()), ""));
    assertEquals(AlarmKind.AUTHORITY_USE, h.alarms().get(3).kind(), "an update of its memo key needs its active authority");
    assertEquals(SignerAuthority.of(genesis.active()), h.authority().active(), "and changes no authority");
  }

  @Test
  void anAlarmOutlivesTheFeed() {
    start(TestNetwork.withParams(TestNetwork.genesis(3, 3, 0), NetworkParams.defaults().with("feed_retention", 100)));
    h.apply(out("user1", 1, AssetSymbol.HBD));
    assertEquals(1, h.alarms().size());
    long retention = h.store.read(SidechainState::params).feedRetention();
    h.skipTo(retention + 201);
    assertTrue(h.store.read(r -> SidechainState.feed(r, 0, 10)).stream().noneMatch(f -> f.block() == 2), "the feed of block 2 is pruned");
    assertEquals(1, h.alarms().size(), "the alarm is kept");
    assertEquals(1, h.books().unexplainedHbd());
    assertEquals(new Custody.Balance(50_000, 20_000 - 1), h.store.read(r -> Custody.books(r, genesis)));
    assertEquals(2, h.alarms().get(0).block());
    assertEquals(h.alarms().get(0).kind() == AlarmKind.OUTFLOW, h.alarms().get(0).reason().code().name().startsWith("ALARM_"));
  }
}
