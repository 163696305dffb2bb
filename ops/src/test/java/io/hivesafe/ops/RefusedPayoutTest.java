package io.hivesafe.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DESIGN §3.5, point 6 of the custody rules: a payout the chain refuses (an account that does not
 * exist, or any other reason) cannot hold the payouts behind it. A signed round that expires gives each
 * of its payouts a strike; a struck payout is built alone, the fewest strikes first, taking turns with
 * clean batches; at {@code payout_strikes} strikes it is returned to its owner (the treasury, or the
 * user's pegged balance) with a feed entry. A round short of signatures gives no strike.
 */
class RefusedPayoutTest {
  @TempDir Path dir;
  private OpsHarness h;
  private NetworkGenesis genesis;

  @AfterEach
  void close() {
    if (h != null) {
      h.close();
    }
  }

  /** Three nodes; rounds expire 270 s (90 blocks) after their tally, before the next one. */
  private void start(NetworkGenesis g) {
    genesis = g;
    h = new OpsHarness(dir, g);
    h.reportExpirationSeconds(270);
    h.apply();
  }

  private void passTreasuryPayout(String to, long amount) {
    FeedEntry p = h.applyOp("node0", "propose", "{\"action\":\"payout\",\"to\":\"" + to + "\",\"amount\":" + amount
        + ",\"asset\":\"HIVE\",\"deadline\":50,\"activation\":0}");
    assertTrue(p.ok(), String.valueOf(p.reason()));
    long id = p.reason().integer(0);
    assertEquals(Reason.of(ReasonCode.APPROVED, id, Proposal.PASSED), h.applyOp("node1", "approve", "{\"id\":" + id + "}").reason());
    h.apply();
  }

  /**
   * Runs tallies until the queue is empty or {@code limit} tallies passed. Every round is signed; the
   * chain takes it unless it pays {@code refused}, in which case it never lands and expires.
   */
  private int payUntilEmpty(String refused, int limit) {
    int tallies = 0;
    while (!h.queue().isEmpty() && tallies < limit) {
      oneTally(refused);
      tallies++;
    }
    return tallies;
  }

  /** One tally; its round, if any, is signed, and lands unless it pays {@code refused}. */
  private void oneTally(String refused) {
    h.tallyWithReports("node0", "node1", "node2");
    if (h.nothingInFlight()) {
      return;
    }
    MultisigTx round = h.inFlight();
    h.signRound("node0", "node1");
    boolean refusedInside = round.payouts().stream().anyMatch(seq -> h.store.read(r -> SidechainState.payout(r, seq))
        .map(p -> p.to().equals(refused)).orElse(false));
    if (!refusedInside) {
      h.land(round);
    }
  }

  @Test
  void aPayoutToAnAccountThatDoesNotExistCannotHoldTheWithdrawalsBehindIt() {
    start(TestNetwork.genesis(3, 4, 0));
    passTreasuryPayout("ghost-account", 10_000);
    for (String u : List.of("user0", "user1", "user2")) {
      h.depositAndWithdraw(u, 1_000, PeggedAsset.HIVE);
    }
    h.tallyWithReports("node0", "node1", "node2");
    MultisigTx first = h.inFlight();
    assertEquals(4, first.payouts().size(), "one batch: the treasury payout and the three withdrawals");
    h.signRound("node0", "node1");
    h.depositAndWithdraw("user3", 2_000, PeggedAsset.HIVE);
    // the chain refuses the batch (the ghost account does not exist): it expires, signed
    int tallies = payUntilEmpty("ghost-account", 12);
    assertEquals(List.of(), h.queue(), "everything left the queue");
    assertEquals(5_000, h.books().paidHive(), "the three withdrawals and the one queued later are paid, each once");
    assertEquals(50_000, h.store.read(SidechainState::totals).treasuryHive(), "the refused payout is back in the treasury");
    List<FeedEntry> feed = h.store.read(r -> SidechainState.feed(r, 0, Integer.MAX_VALUE));
    assertTrue(feed.stream().anyMatch(f -> f.reason().equals(Reason.of(ReasonCode.PAYOUT_RETURNED_TO_TREASURY, 1, 10_000, "HIVE", "ghost-account", 3))), "a feed entry says so");
    assertTrue(tallies <= 7, "within a bounded number of tallies after the first expiry: " + tallies);
    h.assertBalanced();
  }

  @Test
  void innocentPayoutsOfAFailedBatchArePaidBeforeTheRefusedOneIsTriedAgain() {
    start(TestNetwork.genesis(3, 4, 0));
    passTreasuryPayout("ghost-account", 10_000);
    h.depositAndWithdraw("user0", 1_000, PeggedAsset.HIVE);
    h.tallyWithReports("node0", "node1", "node2");
    h.signRound("node0", "node1");
    h.tallyWithReports("node0", "node1", "node2");
    MultisigTx alone = h.inFlight();
    assertTrue(alone.isolated());
    assertEquals(List.of(1L), alone.payouts(), "the first suspect, alone");
    h.signRound("node0", "node1");
    h.tallyWithReports("node0", "node1", "node2");
    assertEquals(List.of(2L), h.inFlight().payouts(), "the withdrawal (1 strike) goes before the ghost payout (2 strikes)");
  }

  @Test
  void aWithdrawalTheChainKeepsRefusingReturnsToItsOwnersBalance() {
    start(TestNetwork.genesis(3, 2, 0));
    h.depositAndWithdraw("user0", 3_000, PeggedAsset.HIVE);
    assertEquals(0, h.balances("user0").hive());
    payUntilEmpty("user0", 5);
    assertEquals(List.of(), h.queue());
    assertEquals(3_000, h.balances("user0").hive(), "returned to user0's pegged balance after 3 strikes");
    assertEquals(0, h.books().paidHive());
    h.assertBalanced();
  }

  @Test
  void aRoundShortOfSignaturesGivesNoStrike() {
    start(TestNetwork.genesis(3, 2, 0));
    h.depositAndWithdraw("user0", 3_000, PeggedAsset.HIVE);
    h.tallyWithReports("node0", "node1", "node2");
    h.signRound("node0");
    h.tallyWithReports("node0", "node1", "node2");
    assertEquals(0, h.queue().get(0).strikes(), "not signed to the threshold: the chain never had it");
    assertTrue(!h.inFlight().isolated(), "built again in a batch");
  }

  @Test
  void aPassedPayoutWaitingForTheTreasuryExecutesWhenARefusedPayoutReturnsWithinItsWindow() {
    NetworkGenesis g = TestNetwork.genesis(3, 2, 0);
    start(TestNetwork.withParams(g, g.params().with("execution_window", 5_000)));
    passTreasuryPayout("ghost-account", 50_000);
    assertEquals(0, h.store.read(SidechainState::totals).treasuryHive());
    passTreasuryPayout("user1", 20_000);
    Proposal waiting = h.store.read(r -> SidechainState.proposal(r, 2)).orElseThrow();
    assertEquals(Proposal.PASSED, waiting.status());
    assertTrue(waiting.note().code() == ReasonCode.PROPOSAL_WAITS && waiting.note().integer(2) == 0, String.valueOf(waiting.note()));
    List<Long> paid = new ArrayList<>();
    for (int i = 0; i < 8 && paid.isEmpty(); i++) {
      oneTally("ghost-account");
      if (h.books().paidHive() > 0) {
        paid.add(h.books().paidHive());
      }
    }
    assertEquals(List.of(20_000L), paid, "the ghost payout returned to the treasury; the waiting one executed and was paid");
    assertEquals(Proposal.EXECUTED, h.store.read(r -> SidechainState.proposal(r, 2)).orElseThrow().status());
    assertEquals(30_000, h.store.read(SidechainState::totals).treasuryHive());
    h.assertBalanced();
  }

  @Test
  void suspectRoundsAndCleanBatchesTakeTurns() {
    start(TestNetwork.genesis(3, 4, 0));
    passTreasuryPayout("ghost-account", 10_000);
    h.depositAndWithdraw("user0", 1_000, PeggedAsset.HIVE);
    oneTally("ghost-account");
    assertEquals(List.of(1L, 2L), h.store.read(SidechainState::payouts).stream().map(Payout::seq).toList());
    h.depositAndWithdraw("user1", 2_000, PeggedAsset.HIVE);
    h.tallyWithReports("node0", "node1", "node2");
    MultisigTx suspect = h.inFlight();
    assertTrue(suspect.isolated());
    assertEquals(List.of(1L), suspect.payouts(), "a suspect, alone, first");
    h.signRound("node0", "node1");
    h.tallyWithReports("node0", "node1", "node2");
    MultisigTx clean = h.inFlight();
    assertTrue(!clean.isolated(), "then the clean batch");
    assertEquals(List.of(3L), clean.payouts(), "user1's withdrawal, which never failed");
    h.signRound("node0", "node1");
    h.land(clean);
    h.tallyWithReports("node0", "node1", "node2");
    assertEquals(List.of(2L), h.inFlight().payouts(), "then the next suspect: user0's withdrawal, 1 strike, before the ghost's 2");
  }
}
