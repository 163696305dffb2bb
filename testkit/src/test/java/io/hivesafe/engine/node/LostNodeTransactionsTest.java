package io.hivesafe.engine.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivesafe.hive.protocol.Asset;
import io.hivesafe.hive.protocol.AssetSymbol;
import io.hivesafe.hive.protocol.CustomJsonOperation;
import io.hivesafe.hive.protocol.Transaction;
import io.hivesafe.hive.protocol.TransferOperation;
import io.hivesafe.ops.FeedEntry;
import io.hivesafe.ops.MultisigTx;
import io.hivesafe.ops.Report;
import io.hivesafe.ops.SidechainState;
import io.hivesafe.ops.TallyRecord;
import io.hivesafe.testkit.traffic.TrafficNetwork;
import io.hivesafe.testkit.traffic.TrafficNode;
import io.hivesafe.testkit.traffic.TrafficUser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A report or sig_submit the API accepted and then lost (the devnet's aimed dropped broadcast) is signed
 * again against a fresh block and sent again while it can still count: a report within its window
 * (R, T], a signature while the round is in flight and not ready — once the node has committed
 * {@link NodeTransaction#RESEND_AFTER_BLOCKS} blocks past the head it saw at the last send (the devnet's
 * lag is 2, so sends are 12 blocks apart), {@link NodeTransaction#MAX_SENDS} sends at most. Three nodes,
 * threshold 2, every block in lockstep so the block counts are the protocol's.
 */
class LostNodeTransactionsTest {
  @TempDir Path dir;

  /** Every broadcast of {@code node}'s custom_json {@code name} the devnet saw, lost or not, in order. */
  private static final class Watch implements Predicate<Transaction> {
    final String id;
    final TrafficNode node;
    final int lose;
    final List<Long> seenAtHead = new ArrayList<>();
    private final NodeCluster c;

    /** Loses the first {@code lose} of them. */
    Watch(NodeCluster c, TrafficNode node, String name, int lose) {
      this.c = c;
      this.node = node;
      this.id = TrafficNetwork.PREFIX + name;
      this.lose = lose;
    }

    @Override
    public synchronized boolean test(Transaction tx) {
      boolean mine = tx.operations().stream().anyMatch(op -> op instanceof CustomJsonOperation j && j.id().equals(id)
          && j.requiredAuths().contains(node.name()));
      if (!mine) {
        return false;
      }
      seenAtHead.add(c.devnet.chain().headBlockNumber());
      return seenAtHead.size() <= lose;
    }

    synchronized List<Long> seen() {
      return List.copyOf(seenAtHead);
    }
  }

  private static void depositAndWithdraw(NodeCluster c, TrafficUser user, long amount) throws InterruptedException {
    c.broadcast(user, new TransferOperation(user.name(), TrafficNetwork.MULTISIG, Asset.of(amount, AssetSymbol.HIVE), ""));
    c.stepQuiet(1);
    c.broadcast(user, new CustomJsonOperation(List.of(user.name()), List.of(), "hivesafe_withdraw",
        "{\"amount\":" + amount + ",\"asset\":\"HIVE\"}"));
  }

  private static void lockstepTo(NodeCluster c, long irreversible) throws InterruptedException {
    while (c.devnet.chain().properties().lastIrreversibleBlockNum() < irreversible) {
      c.stepInLockstep(1);
    }
  }

  private static Report reportOf(SidechainNode reader, long block, TrafficNode node) {
    return reader.store().read(r -> SidechainState.reports(r, block)).stream()
        .filter(rep -> rep.account().equals(node.name().value())).findFirst()
        .orElseThrow(() -> new AssertionError(node.name() + " has no report for block " + block + " in state"));
  }

  @Test
  void aLostReportIsSentAgainWithinItsWindowAndTheTallyCountsIt() throws Exception {
    TrafficNetwork net = TrafficNetwork.create(3, 3);
    try (NodeCluster c = new NodeCluster(net, dir, 21L, b -> b)) {
      Watch reports = new Watch(c, c.node(1), "report", 1);
      c.devnet.chain().loseBroadcasts(reports);
      c.startAll();
      lockstepTo(c, 100);
      SidechainNode node0 = c.running(c.node(0));
      TallyRecord tally = node0.store().read(SidechainState::lastTally).orElseThrow();
      assertEquals(100, tally.block());
      assertEquals(3, tally.reports(), "node1's second report was counted: " + tally);
      assertEquals(3, tally.runnersAgreeing(), tally.toString());
      List<Long> seen = reports.seen();
      assertEquals(2, seen.size(), "sent twice: " + seen);
      long landed = reportOf(node0, 50, c.node(1)).landed();
      assertTrue(landed > 50 + NodeTransaction.RESEND_AFTER_BLOCKS && landed <= 100,
          "the second send landed " + NodeTransaction.RESEND_AFTER_BLOCKS + " blocks after the first, within the window: " + landed);
      assertEquals(0, node0.store().read(r -> SidechainState.node(r, "node1")).orElseThrow().missed(), "node1 missed nothing");
    }
  }

  @Test
  void aLostSignatureIsSentAgainWhileTheRoundNeedsItAndTheRoundIsPaid() throws Exception {
    TrafficNetwork net = TrafficNetwork.create(3, 3);
    try (NodeCluster c = new NodeCluster(net, dir, 22L, b -> b)) {
      Watch signatures = new Watch(c, c.node(1), "sig_submit", 1);
      c.devnet.chain().loseBroadcasts(signatures);
      c.startAll();
      c.stepQuiet(3);
      TrafficUser user = net.users().get(0);
      depositAndWithdraw(c, user, 4_000);
      lockstepTo(c, 60); // every node has reported for block 50: the tally at 100 is in consensus and builds the round
      c.stop(c.node(2)); // so the round needs node0's and node1's signatures
      lockstepTo(c, 100 + NodeTransaction.RESEND_AFTER_BLOCKS + 15);
      SidechainNode node0 = c.running(c.node(0));
      assertEquals(4_000, node0.store().read(SidechainState::multisigBooks).paidHive(), "the round was paid");
      List<Long> seen = signatures.seen();
      assertEquals(2, seen.size(), "sent twice: " + seen);
      assertEquals(NodeTransaction.RESEND_AFTER_BLOCKS + lag(c), seen.get(1) - seen.get(0), "the second send waited: " + seen);
      List<FeedEntry> counted = node0.store().read(r -> SidechainState.feed(r, 100, 10_000)).stream()
          .filter(f -> f.kind().equals("sig_submit") && f.account().equals("node1")).toList();
      assertEquals(1, counted.size(), counted.toString());
      assertTrue(counted.get(0).ok(), counted.toString());
    }
  }

  @Test
  void aSignatureLostEveryTimeIsSentFourTimesAtMost() throws Exception {
    TrafficNetwork net = TrafficNetwork.create(3, 3);
    try (NodeCluster c = new NodeCluster(net, dir, 24L, b -> b)) {
      Watch signatures = new Watch(c, c.node(1), "sig_submit", Integer.MAX_VALUE);
      c.devnet.chain().loseBroadcasts(signatures);
      c.startAll();
      c.stepQuiet(3);
      depositAndWithdraw(c, net.users().get(0), 2_000);
      lockstepTo(c, 60);
      c.stop(c.node(2));
      long apart = NodeTransaction.RESEND_AFTER_BLOCKS + lag(c);
      lockstepTo(c, 100 + (NodeTransaction.MAX_SENDS + 1) * apart + 5); // time enough for a fifth send
      List<Long> seen = signatures.seen();
      assertEquals(NodeTransaction.MAX_SENDS, seen.size(), "bounded: " + seen);
      for (int i = 1; i < seen.size(); i++) {
        assertEquals(apart, seen.get(i) - seen.get(i - 1), "10 blocks past the head of the last send: " + seen);
      }
      SidechainNode node0 = c.running(c.node(0));
      assertEquals(1, node0.store().read(SidechainState::multisigInFlight).orElseThrow().signatures().size(),
          "the round still waits for a second signature");
    }
  }

  @Test
  void aReportLostEveryTimeIsSentFourTimesAtMostAndASignatureOfAReadyRoundIsNotSentAgain() throws Exception {
    TrafficNetwork net = TrafficNetwork.create(3, 3);
    try (NodeCluster c = new NodeCluster(net, dir, 23L, b -> b)) {
      Watch reports = new Watch(c, c.node(1), "report", Integer.MAX_VALUE);
      Watch signatures = new Watch(c, c.node(1), "sig_submit", Integer.MAX_VALUE);
      Predicate<Transaction> payouts = tx -> tx.operations().stream().anyMatch(
          op -> op instanceof TransferOperation t && t.from().equals(TrafficNetwork.MULTISIG));
      c.devnet.chain().loseBroadcasts(reports.or(signatures).or(payouts)); // the round stays ready, unconfirmed
      c.startAll();
      c.stepQuiet(3);
      depositAndWithdraw(c, net.users().get(0), 3_000);
      // node1's report for 50 is lost at every send; so are its signature and every broadcast of the round
      lockstepTo(c, 100 + 2 * NodeTransaction.RESEND_AFTER_BLOCKS + 5);
      SidechainNode node0 = c.running(c.node(0));
      // Sent after committing 50 (head 52), 62 (head 64), 74 and 86; no fifth send at 98.
      assertEquals(List.of(50L, 62L, 74L, 86L), reports.seen().stream().map(head -> head - lag(c)).toList(),
          "heads " + reports.seen());
      TallyRecord tally = node0.store().read(SidechainState::lastTally).orElseThrow();
      assertEquals(2, tally.reports(), tally.toString());
      // node0 and node2 made round 1 ready: node1's lost signature is not needed and not sent again.
      MultisigTx round = node0.store().read(SidechainState::multisigInFlight).orElseThrow();
      assertTrue(round.ready() && round.readyBlock() < 100 + 5, "ready at once, still in flight: " + round);
      assertEquals(1, signatures.seen().size(), "sent once: " + signatures.seen());
    }
  }

  /** The devnet's irreversibility lag: a node sends after committing block n when the head is n + lag. */
  private static long lag(NodeCluster c) {
    var p = c.devnet.chain().properties();
    return p.headBlockNumber() - p.lastIrreversibleBlockNum();
  }
}
