package io.hivesafe.engine.node;

import io.hivesafe.engine.ReasonText;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivesafe.devnet.Admission;
import io.hivesafe.hive.crypto.PrivateKey;
import io.hivesafe.hive.crypto.PublicKey;
import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.protocol.AccountUpdateOperation;
import io.hivesafe.hive.protocol.Asset;
import io.hivesafe.hive.protocol.AssetSymbol;
import io.hivesafe.hive.protocol.Authority;
import io.hivesafe.hive.protocol.CustomJsonOperation;
import io.hivesafe.hive.protocol.Operation;
import io.hivesafe.hive.protocol.Transaction;
import io.hivesafe.hive.protocol.TransactionId;
import io.hivesafe.hive.protocol.TransferOperation;
import io.hivesafe.ops.Alarm;
import io.hivesafe.ops.AlarmKind;
import io.hivesafe.ops.FeedEntry;
import io.hivesafe.ops.LedgerTotals;
import io.hivesafe.ops.MultisigAuthority;
import io.hivesafe.ops.MultisigBooks;
import io.hivesafe.ops.MultisigTx;
import io.hivesafe.ops.Payout;
import io.hivesafe.ops.SidechainState;
import io.hivesafe.ops.SignerAuthority;
import io.hivesafe.testkit.traffic.TrafficNetwork;
import io.hivesafe.testkit.traffic.TrafficNode;
import io.hivesafe.testkit.traffic.TrafficUser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DESIGN §3.9 on the devnet, with the nodes' own code: signers who act behind the nodes' backs cannot
 * act unseen. A colluding threshold can move funds — the devnet takes their transaction, as hived
 * would — but every node raises the same typed alarm in the block it lands, books what left as an
 * unexplained outflow (never a payout) and still pays the user its withdrawal once; a foreign
 * account_update becomes the recorded authority, and the round in flight is held to it.
 */
class MultisigAlarmsTest {
  @TempDir Path dir;

  /** Any transaction paying {@code to} out of the multisig account: the honest round of these scenarios. */
  private static boolean paysFromMultisigTo(Transaction tx, AccountName to) {
    return tx.operations().stream().anyMatch(op -> op instanceof TransferOperation t && t.from().equals(TrafficNetwork.MULTISIG)
        && t.to().equals(to));
  }

  private static void depositAndWithdraw(NodeCluster c, TrafficUser user, long amount) throws InterruptedException {
    c.broadcast(user, new TransferOperation(user.name(), TrafficNetwork.MULTISIG, Asset.of(amount, AssetSymbol.HIVE), ""));
    c.stepQuiet(1);
    c.broadcast(user, new CustomJsonOperation(List.of(user.name()), List.of(), "hivesafe_withdraw",
        "{\"amount\":" + amount + ",\"asset\":\"HIVE\"}"));
  }

  private static List<PrivateKey> keys(List<TrafficNode> nodes) {
    return nodes.stream().map(TrafficNode::multisigKey).toList();
  }

  /** Steps in lockstep until the transaction {@code id} is in a block every running node has applied; returns the block. */
  private static long landed(NodeCluster c, String id, int withinBlocks) throws InterruptedException {
    for (int i = 0; i < withinBlocks; i++) {
      Optional<io.hivesafe.devnet.DevnetChain.Inclusion> in = c.devnet.chain().inclusion(TransactionId.fromHex(id));
      if (in.isPresent()) {
        c.lockstepToIrreversible(in.get().blockNumber());
        return in.get().blockNumber();
      }
      c.stepInLockstep(1);
    }
    throw new AssertionError("transaction " + id + " not in a block within " + withinBlocks + " blocks");
  }

  private static List<Alarm> alarmsIn(SidechainNode node, long block) {
    return node.store().read(r -> SidechainState.alarms(r, block, 1_000)).stream().filter(a -> a.block() == block).toList();
  }

  @Test
  void threeColludingSignersOfAThreeOfSevenAuthorityTakeAPayoutEveryNodeRaisesTheAlarmInThatBlockAndTheUserIsStillPaidOnce()
      throws Exception {
    // Any multisig can be robbed by a threshold: here 3 of the 7 keys are one.
    TrafficNetwork net = TrafficNetwork.create(3, 7, 7, TrafficNetwork.defaultParams(),
        TrafficNetwork.Shape.DEFAULT.withThreshold(3));
    try (NodeCluster c = new NodeCluster(net, dir, 21L, b -> b)) {
      net.nodes().forEach(c::startRecording);
      c.stepQuiet(3);
      TrafficUser user = net.users().get(0);
      long userStart = c.balance(user.name(), AssetSymbol.HIVE);
      long amount = 8_000;
      // The honest round's broadcasts are lost until the colluders have had their go: it stays in flight.
      c.devnet.chain().loseBroadcasts(tx -> paysFromMultisigTo(tx, user.name()));
      depositAndWithdraw(c, user, amount);
      c.quietToIrreversible(98);
      c.lockstepToIrreversible(110);
      SidechainNode any = c.running(c.node(0));
      MultisigTx round = any.store().read(SidechainState::multisigInFlight).orElseThrow();
      assertEquals(1, round.seq());
      assertEquals(3, round.requirements().get(0).authority().threshold());
      assertTrue(round.ready(), "signed to the threshold; its broadcasts are lost");
      List<Payout> queued = any.store().read(SidechainState::payouts);
      assertEquals(1, queued.size());
      MultisigBooks booksBefore = any.store().read(SidechainState::multisigBooks);
      long msBefore = c.balance(TrafficNetwork.MULTISIG, AssetSymbol.HIVE);

      // The colluders' transaction: the payout's amount to one of them, and round 1's marker, as a round carries it.
      TrafficNode thief = c.node(6);
      Operation[] heist = {
          new TransferOperation(TrafficNetwork.MULTISIG, thief.name(), Asset.of(amount, AssetSymbol.HIVE), "round 1"),
          new CustomJsonOperation(List.of(TrafficNetwork.MULTISIG), List.of(), "hivesafe_ms_signed", "{\"seq\":1}")};

      // Two of them are below the threshold: the devnet refuses, and nothing changes anywhere.
      IllegalStateException refused = assertThrows(IllegalStateException.class,
          () -> c.broadcastSignedBy(keys(net.nodes().subList(5, 7)), heist));
      assertTrue(refused.getMessage().contains("Missing Active Authority " + TrafficNetwork.MULTISIG), refused.getMessage());
      long quietFrom = c.settle();
      c.lockstepToIrreversible(quietFrom + 5);
      assertEquals(List.of(), any.store().read(r -> SidechainState.alarms(r, 1, 1_000)), "no alarm: nothing landed");
      assertEquals(booksBefore, any.store().read(SidechainState::multisigBooks));
      assertEquals(msBefore, c.balance(TrafficNetwork.MULTISIG, AssetSymbol.HIVE));

      // Three of them hold the threshold: the devnet takes it, as hived would.
      String heistId = c.broadcastSignedBy(keys(net.nodes().subList(4, 7)), heist);
      long block = landed(c, heistId, 5);
      assertEquals(msBefore - amount, c.balance(TrafficNetwork.MULTISIG, AssetSymbol.HIVE), "the funds left the account");
      String digest = c.digests.get("node0").get(block);
      for (TrafficNode n : net.nodes()) {
        SidechainNode node = c.running(n);
        List<Alarm> alarms = alarmsIn(node, block);
        assertEquals(List.of(AlarmKind.OUTFLOW, AlarmKind.STRAY_CONFIRMATION), alarms.stream().map(Alarm::kind).toList(),
            n.name() + ": both alarms in block " + block);
        Alarm outflow = alarms.get(0);
        assertEquals(heistId, outflow.tx());
        assertEquals(0, outflow.op());
        assertEquals(amount, outflow.hive());
        assertEquals(0, outflow.hbd());
        Alarm stray = alarms.get(1);
        assertEquals(heistId, stray.tx());
        assertEquals(1, stray.op());
        assertEquals(1, stray.round(), "it names round 1, in a transaction that is not round 1's");
        assertEquals(alarms, c.outcomes.get(n.name().value()).get(block).alarms(), n.name() + ": the block's outcome carries them");
        assertEquals(alarmsIn(any, block), alarms, n.name() + ": the same alarms as node0");
        assertEquals(digest, c.digests.get(n.name().value()).get(block), n.name() + ": the same digest after block " + block);
        MultisigBooks books = node.store().read(SidechainState::multisigBooks);
        assertEquals(amount, books.unexplainedHive(), "booked as an unexplained outflow");
        assertEquals(new MultisigBooks(booksBefore.nextSeq(), 0, 0, booksBefore.lastRotationBlock(), 0, 0, amount, 0,
            booksBefore.overLimit(), booksBefore.lastBuiltIsolated()), books, "nothing else changed: nothing paid or confirmed");
        assertEquals(queued, node.store().read(SidechainState::payouts), "the user's payout is still queued");
        assertEquals(round.id(), node.store().read(SidechainState::multisigInFlight).orElseThrow().id(),
            "round 1 is still in flight: the marker confirmed nothing");
      }

      // The honest round gets through at its next recast and pays the user once; the account still holds enough.
      assertTrue(c.balance(TrafficNetwork.MULTISIG, AssetSymbol.HIVE) >= amount);
      c.devnet.chain().loseBroadcasts(tx -> false);
      long recast = round.readyBlock() + net.network().params().recastInterval();
      c.lockstepToIrreversible(recast + 6);
      MultisigBooks after = any.store().read(SidechainState::multisigBooks);
      assertEquals(1, after.confirmed(), "round 1 confirmed by its own transaction");
      assertEquals(amount, after.paidHive(), "paid once");
      assertEquals(amount, after.unexplainedHive());
      assertEquals(List.of(), any.store().read(SidechainState::payouts));
      assertEquals(userStart, c.balance(user.name(), AssetSymbol.HIVE), "deposited and got it back, once");
      assertEquals(List.of(thief.name().value() + " " + amount + " HIVE", user.name().value() + " " + amount + " HIVE"),
          c.transfersOutOfMultisig());
      LedgerTotals totals = any.store().read(r -> LedgerTotals.of(r, net.network()));
      assertTrue(totals.balanced(), totals.toString());
      assertEquals(totals.hiveIn() - after.paidHive() - after.unexplainedHive(), c.balance(TrafficNetwork.MULTISIG, AssetSymbol.HIVE),
          "the account holds what the books say: deposits less payouts less the unexplained outflow");
      List<FeedEntry> feed = any.store().read(r -> SidechainState.feed(r, 1, 1_000_000));
      assertEquals(1, feed.stream().filter(f -> f.kind().equals("payout") && f.ok()).count());
      assertEquals(2, any.store().read(r -> SidechainState.alarms(r, 1, 1_000)).size(), "no other alarm");
      long last = c.settle();
      for (TrafficNode n : net.nodes()) {
        assertEquals(c.digests.get("node0").get(last), c.digests.get(n.name().value()).get(last), n.name() + " agrees");
      }
    }
  }

  @Test
  void aForeignAccountUpdateIsAnAlarmOnEveryNodeBecomesTheRecordedAuthorityAndTheRoundInFlightIsHeldToIt() throws Exception {
    TrafficNetwork net = TrafficNetwork.create(3, 5);
    try (NodeCluster c = new NodeCluster(net, dir, 22L, b -> b)) {
      net.nodes().forEach(c::startRecording);
      c.stepQuiet(3);
      TrafficUser user = net.users().get(1);
      long userStart = c.balance(user.name(), AssetSymbol.HIVE);
      c.devnet.chain().loseBroadcasts(tx -> paysFromMultisigTo(tx, user.name()));
      depositAndWithdraw(c, user, 6_000);
      c.quietToIrreversible(60);
      TrafficNode node4 = c.node(4);
      c.stop(node4); // it reported for block 50; it will not sign round 1
      c.quietToIrreversible(98);
      c.lockstepToIrreversible(110);
      SidechainNode any = c.running(c.node(0));
      MultisigTx round = any.store().read(SidechainState::multisigInFlight).orElseThrow();
      assertTrue(round.ready(), "3 of 5 under the genesis authority; its broadcasts are lost");
      assertEquals(4, round.signatures().size(), "node0..node3 signed");
      Transaction signedUnderGenesis = MultisigDuties.signedRound(round);

      // Three owner keys (the owner threshold) raise both authorities to all five keys, behind the nodes' backs.
      List<PublicKey> fiveKeys = net.nodes().stream().map(n -> n.multisigKey().publicKey()).sorted().toList();
      Authority fiveOfFive = new Authority(5, List.of(), fiveKeys.stream().map(k -> new Authority.KeyWeight(k, 1)).toList());
      String updateId = c.broadcastSignedBy(keys(net.nodes().subList(0, 3)), new AccountUpdateOperation(TrafficNetwork.MULTISIG,
          Optional.of(fiveOfFive), Optional.of(fiveOfFive), Optional.empty(), Optional.empty(), ""));
      long block = landed(c, updateId, 5);
      io.hivesafe.devnet.ChainAccount onChain = c.devnet.chain().account(TrafficNetwork.MULTISIG).orElseThrow();
      for (TrafficNode n : net.nodes().subList(0, 4)) {
        SidechainNode node = c.running(n);
        List<Alarm> alarms = alarmsIn(node, block);
        assertEquals(List.of(AlarmKind.AUTHORITY_CHANGE), alarms.stream().map(Alarm::kind).toList(), n.name() + " in block " + block);
        assertEquals(updateId, alarms.get(0).tx());
        assertEquals(alarms, c.outcomes.get(n.name().value()).get(block).alarms());
        MultisigAuthority recorded = node.store().read(SidechainState::authority);
        assertEquals(SignerAuthority.of(onChain.owner()), recorded.owner(), n.name() + ": the recorded owner is the devnet's");
        assertEquals(SignerAuthority.of(onChain.active()), recorded.active(), n.name() + ": the recorded active is the devnet's");
        MultisigTx held = node.store().read(SidechainState::multisigInFlight).orElseThrow();
        assertEquals(round.id(), held.id());
        assertFalse(held.ready(), n.name() + ": 4 of the 5 signatures the chain now demands: back to signing");
        assertEquals("active 4/5", held.progress());
      }
      List<FeedEntry> feed = any.store().read(r -> SidechainState.feed(r, block, 1_000));
      assertTrue(feed.stream().anyMatch(f -> f.block() == block && ReasonText.render(f.reason()).equals(
          "round 1 back to signing under the new authority")), feed.toString());
      c.devnet.chain().loseBroadcasts(tx -> false);
      Admission old = c.devnet.chain().broadcast(signedUnderGenesis);
      assertFalse(old.isAccepted(), "the chain agrees: three signatures no longer do");
      assertTrue(old.message().contains("Missing Active Authority"), old.message());

      // node4 comes back, catches up, signs: 5 of 5, ready again, and it lands under the new authority.
      c.start(node4);
      long readyAgain = 0;
      for (int i = 0; i < 20 && readyAgain == 0; i++) {
        c.stepInLockstep(1);
        readyAgain = any.store().read(SidechainState::multisigInFlight).filter(MultisigTx::ready).map(MultisigTx::readyBlock).orElse(0L);
      }
      assertTrue(readyAgain > block, "node4's signature makes round 1 ready again");
      c.lockstepToIrreversible(readyAgain + net.network().params().recastInterval() + 6);
      MultisigBooks books = any.store().read(SidechainState::multisigBooks);
      FeedEntry paid = any.store().read(r -> SidechainState.feed(r, block, 100_000)).stream()
          .filter(f -> f.kind().equals("payout")).findFirst().orElseThrow(() -> new AssertionError("round 1 did not land"));
      assertTrue(paid.block() <= readyAgain + 6,
          "ready again is a new broadcast attempt, made at once (not a recast interval later): ready " + readyAgain
              + ", paid " + paid.block());
      assertEquals(1, books.confirmed());
      assertEquals(6_000, books.paidHive());
      assertEquals(userStart, c.balance(user.name(), AssetSymbol.HIVE));
      assertEquals(List.of(user.name().value() + " 6000 HIVE"), c.transfersOutOfMultisig());
      assertEquals(5, c.devnet.chain().account(TrafficNetwork.MULTISIG).orElseThrow().active().weightThreshold());
      long last = c.settle();
      List<Alarm> everyAlarm = new ArrayList<>(any.store().read(r -> SidechainState.alarms(r, 1, 1_000)));
      assertEquals(1, everyAlarm.size(), "the foreign update is the only alarm: " + everyAlarm);
      for (TrafficNode n : net.nodes()) {
        assertEquals(everyAlarm, c.running(n).store().read(r -> SidechainState.alarms(r, 1, 1_000)), n.name().value());
        assertEquals(c.digests.get("node0").get(last), c.digests.get(n.name().value()).get(last), n.name() + " agrees");
      }
    }
  }
}
