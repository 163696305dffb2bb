package io.hivesafe.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.protocol.Asset;
import io.hivesafe.hive.protocol.TransferOperation;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DESIGN §3.5's custody limits in the core: the safety limit (custody never worth more than the
 * weakest majority's stake; a deposit over it is refunded by the next batch) and the rolling 24-hour
 * payout cap (a payout over it waits, in order).
 */
class CustodyTest {
  @TempDir Path dir;
  private OpsHarness h;

  @AfterEach
  void close() {
    if (h != null) {
      h.close();
    }
  }

  /** Three nodes with 10,000 stake each (threshold 2), treasury 50,000 milli-HIVE and 20,000 milli-HBD. */
  private NetworkGenesis start(CustodyLimits limits) {
    NetworkGenesis g = TestNetwork.withCustody(TestNetwork.genesis(3, 3, 0), limits);
    h = new OpsHarness(dir, g);
    h.apply();
    return g;
  }

  private FeedEntry deposit(String user, long amount, PeggedAsset asset) {
    return h.apply(new TransferOperation(AccountName.of(user), AccountName.of(TestNetwork.MULTISIG), Asset.of(amount, asset.symbol()),
        "")).get(0);
  }

  private FeedEntry op(String sender, String name, String json) {
    return h.applyOp(sender, name, json);
  }

  private Balances balances(String account) {
    return h.store.read(r -> SidechainState.balances(r, account));
  }

  private List<Payout> queue() {
    return h.store.read(SidechainState::payouts);
  }

  private void assertBalanced(NetworkGenesis g) {
    LedgerTotals t = h.store.read(r -> LedgerTotals.of(r, g));
    assertTrue(t.balanced(), t.toString());
  }

  /**
   * The founders' check before a network exists: the weakest majority's stake computed from the genesis
   * alone is the one the state holds after the start block, and the treasury is within the limit exactly
   * when the first tally will find it so.
   */
  @Test
  void theWeakestMajoritysStakeFromTheGenesisAloneIsTheStatesAfterTheStartBlock() {
    NetworkGenesis g = start(new CustodyLimits(5_000, 5_000, new CustodyLimits.Rate(2, 1), new CustodyLimits.Rate(10, 1)));
    assertEquals(h.store.read(Custody::weakestMajorityStake), Custody.genesisWeakestMajorityStake(g));
    assertEquals(20_000, Custody.genesisWeakestMajorityStake(g));
    assertTrue(Custody.genesisWithinLimit(g), "90,000 milli-HIVE of treasury under a limit of 200,000");
    NetworkGenesis rich = TestNetwork.withCustody(g, new CustodyLimits(5_000, 5_000, new CustodyLimits.Rate(2, 1),
        new CustodyLimits.Rate(4, 1)));
    assertFalse(Custody.genesisWithinLimit(rich), "a limit of 80,000 milli-HIVE is under the treasury's 90,000");
    NetworkGenesis weighted = TestNetwork.withAuthority(g, TestNetwork.simple(3, g.nodes()), TestNetwork.simple(3, g.nodes()));
    assertEquals(30_000, Custody.genesisWeakestMajorityStake(weighted), "three of three keys: every founder's stake");
  }

  @Test
  void aDepositThatWouldTakeCustodyOverTheWeakestMajoritysStakeIsRefundedByTheNextBatch() {
    // A token unit is worth 10 milli-HIVE, a milli-HBD 2 milli-HIVE. The weakest majority is two
    // nodes of 10,000: the limit is 200,000 milli-HIVE. The treasury is worth 50,000 + 2 x 20,000.
    NetworkGenesis g = start(new CustodyLimits(5_000, 5_000, new CustodyLimits.Rate(2, 1), new CustodyLimits.Rate(10, 1)));
    assertEquals(20_000, h.store.read(Custody::weakestMajorityStake));
    assertEquals(ReasonCode.DEPOSITED, deposit("user0", 100_000, PeggedAsset.HIVE).reason().code());
    FeedEntry exact = deposit("user1", 10_000, PeggedAsset.HIVE);
    assertTrue(exact.reason().code() == ReasonCode.DEPOSITED, "custody exactly at the limit is allowed: " + exact.reason());
    FeedEntry over = deposit("user2", 7_000, PeggedAsset.HIVE);
    assertTrue(over.ok(), "a refund is not a rejection: the HIVE is in the account and goes back");
    assertEquals(Reason.of(ReasonCode.DEPOSIT_REFUNDED, 1, 7_000, "HIVE", 207_000, 200_000), over.reason());
    FeedEntry hbd = deposit("user2", 1, PeggedAsset.HBD);
    assertTrue(hbd.reason().equals(Reason.of(ReasonCode.DEPOSIT_REFUNDED, 2, 1, "HBD", 207_002, 200_000)), "one milli-HBD is worth 2 milli-HIVE: " + hbd.reason());
    assertEquals(0, balances("user2").hive());
    assertEquals(0, balances("user2").hbd());
    assertEquals(List.of(Payout.REFUND, Payout.REFUND), queue().stream().map(Payout::kind).toList());
    assertBalanced(g);

    // Locking more stake on one node does not move the weakest majority; on the two weakest it does.
    assertTrue(op("node0", "gov_lock", "{\"amount\":5000}").ok());
    assertEquals(20_000, h.store.read(Custody::weakestMajorityStake));
    assertTrue(op("node1", "gov_lock", "{\"amount\":5000}").ok());
    assertEquals(25_000, h.store.read(Custody::weakestMajorityStake));

    // The refunds (7,000 HIVE: over the 5,000 cap, which does not hold refunds back) are the next batch.
    h.tallyWithReports("node0", "node1", "node2");
    MultisigTx round = h.inFlight();
    assertEquals(List.of(1L, 2L), round.payouts());
    List<FeedEntry> landed = h.signAndLand("node0", "node1");
    assertTrue(landed.stream().noneMatch(f -> f.kind().equals("alarm")), landed.toString());
    assertEquals(List.of(), queue());
    assertEquals(7_000, h.store.read(SidechainState::multisigBooks).paidHive());
    assertEquals(List.of(), h.store.read(SidechainState::paidRounds), "refunds do not count against the 24-hour cap");
    assertBalanced(g);
    // The custody is back at 200,000 milli-HIVE; the limit is now 250,000.
    assertEquals(ReasonCode.DEPOSITED, deposit("user2", 50_000, PeggedAsset.HIVE).reason().code());
    assertEquals(ReasonCode.DEPOSIT_REFUNDED, deposit("user2", 1, PeggedAsset.HIVE).reason().code());
    assertEquals(new Custody.Balance(210_001, 20_000), h.store.read(r -> Custody.books(r, g)),
        "the books' balance counts every deposit, refunds queued but not yet paid included");
  }

  @Test
  void payoutsOverThe24HourCapWaitInOrderUntilTheWindowMovesOn() {
    NetworkGenesis g = start(new CustodyLimits(10_000, 4_000, new CustodyLimits.Rate(1, 1), new CustodyLimits.Rate(1_000, 1)));
    h.depositAndWithdraw("user0", 6_000, PeggedAsset.HIVE);
    h.depositAndWithdraw("user1", 5_000, PeggedAsset.HIVE);
    h.depositAndWithdraw("user2", 3_000, PeggedAsset.HIVE);
    h.depositAndWithdraw("user0", 2_000, PeggedAsset.HBD);
    h.tallyWithReports("node0", "node1", "node2");
    assertEquals(List.of(1L), h.inFlight().payouts(), "6,000 fits the cap of 10,000; 5,000 more would not, and the rest keep order");
    List<FeedEntry> tallyFeed = h.store.read(r -> SidechainState.feed(r, 100, 1_000));
    assertTrue(tallyFeed.stream().anyMatch(f -> f.reason().equals(Reason.of(ReasonCode.PAYOUTS_WAIT_FOR_CAP, 2, 5_000, "HIVE", 0, 10_000))), tallyFeed.toString());
    h.signAndLand("node0", "node1");
    assertEquals(6_000, h.store.read(SidechainState::multisigBooks).paidHive());

    h.tallyWithReports("node0", "node1", "node2");
    assertTrue(h.nothingInFlight(), "6,000 paid in the window leaves 4,000: payout 2 still waits, so nothing is built");
    assertEquals(List.of(2L, 3L, 4L), queue().stream().map(Payout::seq).toList());

    h.shiftTime(CustodyLimits.WINDOW_SECONDS);
    h.tallyWithReports("node0", "node1", "node2");
    assertEquals(List.of(2L, 3L, 4L), h.inFlight().payouts(), "a day later the window is empty again");
    h.signAndLand("node1", "node2");
    MultisigBooks books = h.store.read(SidechainState::multisigBooks);
    assertEquals(14_000, books.paidHive());
    assertEquals(2_000, books.paidHbd());
    List<PaidRound> window = h.store.read(SidechainState::paidRounds);
    assertEquals(1, window.size(), "the first round's record was pruned by the build after it left the window");
    assertEquals(List.of(8_000L, 2_000L), List.of(window.get(0).hive(), window.get(0).hbd()));
    assertBalanced(g);
  }

  @Test
  void aPayoutLargerThanTheWholeCapIsRefusedWhenAskedForRatherThanQueuedForever() {
    start(new CustodyLimits(10_000, 4_000, new CustodyLimits.Rate(1, 1), new CustodyLimits.Rate(1_000, 1)));
    deposit("user0", 20_000, PeggedAsset.HIVE);
    FeedEntry w = op("user0", "withdraw", "{\"amount\":10001,\"asset\":\"HIVE\"}");
    assertFalse(w.ok());
    assertEquals(Reason.of(ReasonCode.OVER_DAILY_CAP, 10_001, 10_000, "HIVE"), w.reason());
    assertEquals(20_000, balances("user0").hive(), "a refused withdrawal debits nothing");
    assertTrue(op("user0", "withdraw", "{\"amount\":10000,\"asset\":\"HIVE\"}").ok());
    FeedEntry p = op("node0", "propose", "{\"action\":\"payout\",\"to\":\"user1\",\"amount\":4001,\"asset\":\"HBD\","
        + "\"deadline\":50,\"activation\":0}");
    assertEquals(Reason.of(ReasonCode.OVER_DAILY_CAP, 4_001, 4_000, "HBD"), p.reason());
  }

  @Test
  void theCapCountsEveryAssetsPaidRoundsToTheUnitAndForExactly24Hours() {
    NetworkGenesis g = start(new CustodyLimits(100_000, 4_000, new CustodyLimits.Rate(1, 1), new CustodyLimits.Rate(1_000, 1)));
    h.depositAndWithdraw("user0", 3_000, PeggedAsset.HBD);
    h.tallyWithReports("node0", "node1", "node2");
    h.signAndLand("node0", "node1");
    long paidAt = h.timeOf(h.nextBlock() - 1).getEpochSecond();
    h.depositAndWithdraw("user1", 1_000, PeggedAsset.HBD);
    h.depositAndWithdraw("user2", 1, PeggedAsset.HBD);
    h.tallyWithReports("node0", "node1", "node2");
    assertEquals(List.of(2L), h.inFlight().payouts(), "1,000 HBD fill the cap's 4,000 exactly; one more milli-HBD waits");
    h.signAndLand("node0", "node1");
    // the next tally falls exactly 24 hours after the first payout: it has left the window
    long tally = (h.nextBlock() / 100 + 1) * 100;
    h.shiftTime(paidAt + CustodyLimits.WINDOW_SECONDS - h.timeOf(tally).getEpochSecond());
    h.tallyWithReports("node0", "node1", "node2");
    assertEquals(tally, h.inFlight().builtBlock());
    assertEquals(List.of(3L), h.inFlight().payouts(), "24 hours to the second after it was paid, the first payout no longer counts");
    assertBalanced(g);
  }

  @Test
  void anHbdDepositIsValuedAtItsRateAgainstTheLimit() {
    // limit 200,000 milli-HIVE; the treasury is worth 50,000 + 2 × 20,000 = 90,000
    start(new CustodyLimits(5_000, 5_000, new CustodyLimits.Rate(2, 1), new CustodyLimits.Rate(10, 1)));
    assertTrue(deposit("user0", 55_000, PeggedAsset.HBD).reason().code() == ReasonCode.DEPOSITED, "110,000 more: the limit exactly");
    assertTrue(deposit("user1", 1, PeggedAsset.HBD).reason().code() == ReasonCode.DEPOSIT_REFUNDED, "one milli-HBD more is over it");
  }

  @Test
  void aBatchHoldsAtMostMaxBatchPayouts() {
    NetworkGenesis g = TestNetwork.withCustody(TestNetwork.genesis(3, 3, 0), TestNetwork.LOOSE);
    h = new OpsHarness(dir, TestNetwork.withParams(g, g.params().with("max_batch_payouts", 2)));
    h.apply();
    for (String u : List.of("user0", "user1", "user2")) {
      h.depositAndWithdraw(u, 1_000, PeggedAsset.HIVE);
    }
    h.tallyWithReports("node0", "node1", "node2");
    assertEquals(List.of(1L, 2L), h.inFlight().payouts());
  }

  /**
   * {@link CustodyLimits#covers} decides exactly: seeded random amounts, rates and stakes against the
   * same comparison made in a different order (value of the stake minus value of custody, as one fraction).
   */
  @Test
  void theSafetyComparisonIsExactAtEveryScale() {
    Random random = new Random(6);
    for (int i = 0; i < 20_000; i++) {
      long hn = 1 + random.nextInt(1_000);
      long hd = 1 + random.nextInt(1_000);
      long tn = 1 + random.nextInt(1_000_000);
      long td = 1 + random.nextInt(1_000_000);
      long hive = Math.abs(random.nextLong()) >> (4 + random.nextInt(50));
      long hbd = Math.abs(random.nextLong()) >> (4 + random.nextInt(50));
      long stake = Math.abs(random.nextLong()) >> (4 + random.nextInt(50));
      CustodyLimits limits = new CustodyLimits(1, 1, new CustodyLimits.Rate(hn, hd), new CustodyLimits.Rate(tn, td));
      // stake*tn/td - (hive + hbd*hn/hd) >= 0, over the common denominator td*hd
      java.math.BigInteger margin = java.math.BigInteger.valueOf(stake).multiply(java.math.BigInteger.valueOf(tn * hd))
          .subtract(java.math.BigInteger.valueOf(hive).multiply(java.math.BigInteger.valueOf(td * hd)))
          .subtract(java.math.BigInteger.valueOf(hbd).multiply(java.math.BigInteger.valueOf(hn * td)));
      assertEquals(margin.signum() >= 0, limits.covers(stake, hive, hbd), i + ": " + stake + " vs " + hive + " + " + hbd);
    }
    CustodyLimits unit = new CustodyLimits(1, 1, new CustodyLimits.Rate(3, 2), new CustodyLimits.Rate(1, 3));
    assertTrue(unit.covers(3, 1, 0), "1 token = 1/3 milli-HIVE: 3 tokens cover 1 milli-HIVE exactly");
    assertFalse(unit.covers(2, 1, 0));
    assertTrue(unit.covers(9, 0, 2), "2 milli-HBD are worth 3 milli-HIVE, 9 tokens exactly");
    assertFalse(unit.covers(8, 0, 2));
  }
}
