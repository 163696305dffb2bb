package io.hivesafe.engine.node;

import io.hivesafe.engine.ReasonText;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivesafe.devnet.Admission;
import io.hivesafe.devnet.ChainAccount;
import io.hivesafe.hive.crypto.PublicKey;
import io.hivesafe.hive.protocol.Asset;
import io.hivesafe.hive.protocol.AssetSymbol;
import io.hivesafe.hive.protocol.CustomJsonOperation;
import io.hivesafe.hive.protocol.TransferOperation;
import io.hivesafe.ops.Balances;
import io.hivesafe.ops.BlockOutcome;
import io.hivesafe.ops.FeedEntry;
import io.hivesafe.ops.LedgerTotals;
import io.hivesafe.ops.MultisigAuthority;
import io.hivesafe.ops.MultisigBooks;
import io.hivesafe.ops.MultisigTx;
import io.hivesafe.ops.NetworkParams;
import io.hivesafe.ops.Payout;
import io.hivesafe.ops.Proposal;
import io.hivesafe.ops.SidechainState;
import io.hivesafe.ops.SignerAuthority;
import io.hivesafe.ops.TallyRecord;
import io.hivesafe.testkit.traffic.TrafficNetwork;
import io.hivesafe.testkit.traffic.TrafficNode;
import io.hivesafe.testkit.traffic.TrafficUser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DESIGN §3.9 liveness on the devnet, with the nodes' own code: runners that die for good (the oldest
 * included) and a payout the chain refuses hold nothing up for more than a bounded number of tallies.
 * Tallies every 40 blocks (reports after block 20 of each) and rounds that expire 60 s (20 blocks) after
 * their tally keep the scenarios short; the rules are the same as at the default 100 blocks.
 */
class MultisigLivenessTest {
  private static final long TALLY = 40;
  private static final NetworkParams PARAMS = TrafficNetwork.defaultParams().with("expiration_seconds", 60);

  @TempDir Path dir;

  private static TrafficNetwork.Shape shape() {
    return TrafficNetwork.Shape.DEFAULT.withIntervals(TALLY, TALLY / 2);
  }

  private static void deposit(NodeCluster c, TrafficUser u, long amount) {
    c.broadcast(u, new TransferOperation(u.name(), TrafficNetwork.MULTISIG, Asset.of(amount, AssetSymbol.HIVE), "deposit"));
  }

  private static void withdraw(NodeCluster c, TrafficUser u, long amount) {
    c.broadcast(u, new CustomJsonOperation(List.of(u.name()), List.of(), "hivesafe_withdraw",
        "{\"amount\":" + amount + ",\"asset\":\"HIVE\"}"));
  }

  /** The tallies {@code node} ran, by block, from the outcomes recorded since it started. */
  private static TreeMap<Long, TallyRecord> tallies(NodeCluster c, TrafficNode node) {
    TreeMap<Long, TallyRecord> out = new TreeMap<>();
    for (BlockOutcome o : c.outcomes.get(node.name().value()).values()) {
      o.tally().ifPresent(t -> out.put(t.block(), t));
    }
    return out;
  }

  @Test
  void whenTheThreeOldestOfSevenRunnersDieForGoodConsensusReturnsAtTheMaxMissedTallyTheKeysRotateToTheFourAndAWithdrawalIsPaid()
      throws Exception {
    // node0..node2 hold 300 of the 304 age: while they count, the four others can never reach the age half.
    TrafficNetwork net = TrafficNetwork.create(3, 7, 7, PARAMS, shape().withAges(100L, 100L, 100L, 1L, 1L, 1L, 1L));
    List<TrafficNode> oldest = net.nodes().subList(0, 3);
    List<TrafficNode> young = net.nodes().subList(3, 7);
    try (NodeCluster c = new NodeCluster(net, dir, 31L, b -> b)) {
      net.nodes().forEach(c::startRecording);
      c.stepQuiet(3);
      c.quietToIrreversible(TALLY);
      SidechainNode any = c.running(young.get(0));
      TallyRecord first = any.store().read(SidechainState::lastTally).orElseThrow();
      assertTrue(first.consensus() && first.runnersAgreeing() == 7, "all seven agree at the first tally: " + first);
      for (TrafficNode n : oldest) {
        c.stop(n); // for good, before their next report
      }
      TrafficUser user = net.users().get(0);
      long start = c.balance(user.name(), AssetSymbol.HIVE);
      deposit(c, user, 7_000);
      c.stepQuiet(1);
      withdraw(c, user, 7_000);
      long maxMissed = PARAMS.maxMissed();
      long back = TALLY + maxMissed * TALLY; // the tally at which they have missed max_missed reports in a row
      c.quietToIrreversible(back - 2);
      c.lockstepToIrreversible(back + TALLY + 12);

      TreeMap<Long, TallyRecord> tallies = tallies(c, young.get(0));
      for (long t = 2 * TALLY; t < back; t += TALLY) {
        assertFalse(tallies.get(t).consensus(), "tally " + t + ": the oldest still count, with most of the age");
      }
      TallyRecord returned = tallies.get(back);
      assertTrue(returned.consensus(), "at max_missed (" + maxMissed + ") misses the oldest are faulted and leave the quorum: "
          + returned);
      assertEquals(4, returned.runnerCount());
      assertEquals(4, returned.runnersAgreeing());
      for (TrafficNode n : oldest) {
        assertTrue(any.store().read(r -> SidechainState.node(r, n.name().value())).orElseThrow().faulted(maxMissed), n.name() + " faulted");
      }
      assertEquals(young.stream().map(n -> n.name().value()).toList(), any.store().read(SidechainState::roster).runners());

      // The rotation built at that tally (3 of 7 keys faulted) landed: the devnet's authority is the four survivors, 3 of 4.
      TreeSet<PublicKey> survivors = new TreeSet<>();
      young.forEach(n -> survivors.add(n.multisigKey().publicKey()));
      ChainAccount ms = c.devnet.chain().account(TrafficNetwork.MULTISIG).orElseThrow();
      TreeSet<PublicKey> onChain = new TreeSet<>();
      ms.active().keyAuths().forEach(k -> onChain.add(k.key()));
      assertEquals(survivors, onChain, "the devnet's authority is the four survivors");
      assertEquals(3, ms.active().weightThreshold(), "floor(4/2)+1");
      assertEquals(ms.active(), ms.owner());
      MultisigAuthority recorded = any.store().read(SidechainState::authority);
      assertEquals(SignerAuthority.of(ms.active()), recorded.active());
      assertEquals(SignerAuthority.of(ms.owner()), recorded.owner());
      MultisigBooks books = any.store().read(SidechainState::multisigBooks);
      assertTrue(books.lastRotationBlock() > back && books.lastRotationBlock() < back + 20, "rotated right after tally " + back
          + ": " + books);

      // The queued withdrawal is paid at the next tally, under the survivors' authority.
      assertEquals(7_000, books.paidHive(), "paid at tally " + (back + TALLY));
      assertEquals(2, books.confirmed(), "the rotation and the payout");
      assertEquals(0, books.expired());
      assertEquals(List.of(), any.store().read(SidechainState::payouts));
      assertEquals(start, c.balance(user.name(), AssetSymbol.HIVE));
      assertEquals(List.of(user.name().value() + " 7000 HIVE"), c.transfersOutOfMultisig());
      long last = c.settle();
      for (TrafficNode n : young) {
        assertEquals(c.digests.get("node3").get(last), c.digests.get(n.name().value()).get(last), n.name() + " agrees");
      }
    }
  }

  @Test
  void aTreasuryPayoutToAnAccountThatDoesNotExistGoesBackToTheTreasuryAndEveryWithdrawalBehindItIsPaidOnce() throws Exception {
    TrafficNetwork net = TrafficNetwork.create(4, 3, 3, PARAMS, shape());
    try (NodeCluster c = new NodeCluster(net, dir, 32L, b -> b)) {
      net.nodes().forEach(c::startRecording);
      c.stepQuiet(3);
      String ghost = "ghost-account";
      assertTrue(c.devnet.chain().account(io.hivesafe.hive.protocol.AccountName.of(ghost)).isEmpty(), "no such account on the devnet");
      c.broadcast(c.node(0).user(), new CustomJsonOperation(List.of(c.node(0).name()), List.of(), "hivesafe_propose",
          "{\"action\":\"payout\",\"to\":\"" + ghost + "\",\"amount\":10000,\"asset\":\"HIVE\",\"memo\":\"grant\","
              + "\"deadline\":100,\"activation\":0}"));
      c.stepQuiet(1);
      c.broadcast(c.node(1).user(), new CustomJsonOperation(List.of(c.node(1).name()), List.of(), "hivesafe_approve", "{\"id\":1}"));
      c.stepQuiet(2);
      c.quietToIrreversible(c.devnet.chain().headBlockNumber());
      SidechainNode any = c.running(c.node(0));
      assertEquals(Proposal.EXECUTED, any.store().read(r -> SidechainState.proposal(r, 1)).orElseThrow().status(), "2 of 3 runners: 2/3");
      // Three withdrawals queued behind it.
      List<TrafficUser> users = net.users().subList(0, 3);
      for (int i = 0; i < 3; i++) {
        deposit(c, users.get(i), 1_000L * (i + 1));
      }
      c.stepQuiet(1);
      for (int i = 0; i < 3; i++) {
        withdraw(c, users.get(i), 1_000L * (i + 1));
      }
      c.quietToIrreversible(TALLY - 2);
      List<Payout> queue = any.store().read(SidechainState::payouts);
      assertEquals(List.of(ghost, "user0", "user1", "user2"), queue.stream().map(Payout::to).toList(), "request order");

      // Tally 40: one batch of all four, signed; the devnet refuses it whole.
      c.lockstepToIrreversible(TALLY + 10);
      MultisigTx batch = any.store().read(SidechainState::multisigInFlight).orElseThrow();
      assertEquals(4, batch.payouts().size());
      assertTrue(batch.ready(), "signed to the threshold and broadcast");
      Admission refused = c.devnet.chain().broadcast(MultisigDuties.signedRound(batch));
      assertFalse(refused.isAccepted());
      assertTrue(refused.message().contains("Account " + ghost + " doesn't exist"), refused.message());

      // Tally 80: the batch expired signed, each payout has a strike; the first suspect goes alone, and is refused again.
      c.lockstepToIrreversible(2 * TALLY + 10);
      MultisigTx alone = any.store().read(SidechainState::multisigInFlight).orElseThrow();
      assertTrue(alone.isolated());
      assertTrue(alone.ready());
      assertEquals(List.of(queue.get(0).seq()), alone.payouts(), "the ghost payout, alone");
      assertTrue(any.store().read(SidechainState::payouts).stream().allMatch(p -> p.strikes() == 1), "one strike each");
      assertFalse(c.devnet.chain().broadcast(MultisigDuties.signedRound(alone)).isAccepted());

      // Each withdrawal then goes alone and lands; the ghost payout's third signed round expires and it goes back.
      long strikes = PARAMS.payoutStrikes();
      long tallies = 1 + users.size() + (strikes - 1); // the batch, each withdrawal alone, the ghost payout's later rounds
      long bound = TALLY * tallies;
      for (long t = 3 * TALLY; t <= bound; t += TALLY) {
        c.quietToIrreversible(t - 2); // nothing in flight between a round's end and the next tally
        c.lockstepToIrreversible(t + 22); // the round: signed, broadcast, landed or expired
      }
      assertEquals(List.of(), any.store().read(SidechainState::payouts), "the queue is empty by tally " + bound);
      assertTrue(any.store().read(SidechainState::multisigInFlight).isEmpty());
      List<FeedEntry> feed = any.store().read(r -> SidechainState.feed(r, 1, 1_000_000));
      FeedEntry back = feed.stream().filter(f -> f.kind().equals("payout") && ReasonText.render(f.reason()).startsWith("payout 1 ")).findFirst()
          .orElseThrow(() -> new AssertionError("no feed entry returns payout 1"));
      assertEquals("payout 1 (treasury of 10000 HIVE to ghost-account) returned to the treasury after 3 signed rounds holding it"
          + " expired unconfirmed: the chain refuses it", ReasonText.render(back.reason()));
      assertTrue(back.block() > bound && back.block() <= bound + 22, "after the round built at tally " + bound + " expired: " + back);
      MultisigBooks books = any.store().read(SidechainState::multisigBooks);
      assertEquals(6_000, books.paidHive(), "each withdrawal once");
      assertEquals(3, books.confirmed());
      assertEquals(3, books.expired(), "the batch and the ghost payout's two rounds of its own");
      assertEquals(List.of("user0 1000 HIVE", "user1 2000 HIVE", "user2 3000 HIVE"), c.transfersOutOfMultisig(),
          "each withdrawal left the account once on the devnet, nothing else did");
      assertEquals(TrafficNetwork.TREASURY, any.store().read(SidechainState::totals).treasuryHive(), "the grant is back in the treasury");
      for (TrafficUser u : net.users()) {
        Balances b = any.store().read(r -> SidechainState.balances(r, u.name().value()));
        assertEquals(u.hive(), c.balance(u.name(), AssetSymbol.HIVE) + b.hive(), u.name() + ": devnet + pegged HIVE unchanged");
        assertEquals(u.hbd(), c.balance(u.name(), AssetSymbol.HBD) + b.hbd(), u.name() + ": devnet + pegged HBD unchanged");
      }
      LedgerTotals totals = any.store().read(r -> LedgerTotals.of(r, net.network()));
      assertTrue(totals.balanced(), totals.toString());
      assertEquals(totals.hiveIn() - books.paidHive(), c.balance(TrafficNetwork.MULTISIG, AssetSymbol.HIVE));
      assertTrue(any.store().read(r -> SidechainState.alarms(r, 1, 1_000)).isEmpty(), "a refused payout is no alarm");
      long last = c.settle();
      List<String> digests = new ArrayList<>();
      for (TrafficNode n : net.nodes()) {
        digests.add(c.digests.get(n.name().value()).get(last));
      }
      assertEquals(1, digests.stream().distinct().count(), "every node holds the same digest: " + digests);
    }
  }
}
