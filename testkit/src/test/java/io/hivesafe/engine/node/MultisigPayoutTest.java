package io.hivesafe.engine.node;

import io.hivesafe.engine.ReasonText;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.protocol.Asset;
import io.hivesafe.hive.protocol.AssetSymbol;
import io.hivesafe.hive.protocol.CustomJsonOperation;
import io.hivesafe.hive.protocol.TransferOperation;
import io.hivesafe.ops.FeedEntry;
import io.hivesafe.ops.LedgerTotals;
import io.hivesafe.ops.MultisigBooks;
import io.hivesafe.ops.SidechainState;
import io.hivesafe.testkit.traffic.TrafficNetwork;
import io.hivesafe.testkit.traffic.TrafficNode;
import io.hivesafe.testkit.traffic.TrafficUser;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6 end to end on the devnet: 5 nodes follow the chain; users deposit and withdraw; at the tally
 * the round is built, the nodes sign through sig_submit, the first signer broadcasts, the devnet
 * accepts the multisig transfer, and its marker confirms it: every withdrawal is paid exactly once and
 * the devnet's balances match the sidechain's books to the unit.
 */
class MultisigPayoutTest {
  @TempDir Path dir;

  /** Deposits {@code amount} milli-HIVE into the multisig account and withdraws it all again. */
  private static void depositAndWithdraw(NodeCluster c, TrafficUser user, long amount) throws InterruptedException {
    c.broadcast(user, new TransferOperation(user.name(), TrafficNetwork.MULTISIG, Asset.of(amount, AssetSymbol.HIVE), ""));
    c.stepQuiet(1);
    c.broadcast(user, new CustomJsonOperation(List.of(user.name()), List.of(), "hivesafe_withdraw",
        "{\"amount\":" + amount + ",\"asset\":\"HIVE\"}"));
  }

  private static void runToIrreversible(NodeCluster c, long block) throws InterruptedException {
    while (c.devnet.chain().properties().lastIrreversibleBlockNum() < block) {
      c.stepQuiet(1);
    }
  }

  private static long hive(NodeCluster c, AccountName account) {
    return c.devnet.chain().account(account).orElseThrow().balance(AssetSymbol.HIVE).amount();
  }

  @Test
  void withdrawalsArePaidOnceByTheNodesAndTheDevnetMatchesTheBooks() throws Exception {
    TrafficNetwork net = TrafficNetwork.create(4, 5);
    try (NodeCluster c = new NodeCluster(net, dir, 1L, b -> b)) {
      c.startAll();
      c.stepQuiet(3);
      List<TrafficUser> users = net.users().subList(0, 3);
      long[] before = new long[3];
      for (int i = 0; i < 3; i++) {
        before[i] = hive(c, users.get(i).name());
        c.broadcast(users.get(i), new TransferOperation(users.get(i).name(), TrafficNetwork.MULTISIG,
            Asset.of(10_000L * (i + 1), AssetSymbol.HIVE), "deposit"));
      }
      c.stepQuiet(2);
      for (int i = 0; i < 3; i++) {
        c.broadcast(users.get(i), new CustomJsonOperation(List.of(users.get(i).name()), List.of(), "hivesafe_withdraw",
            "{\"amount\":" + (4_000L * (i + 1)) + ",\"asset\":\"HIVE\",\"memo\":\"out " + i + "\"}"));
      }
      long msBefore = hive(c, TrafficNetwork.MULTISIG);
      c.stepQuiet(260);
      c.settle();
      SidechainNode any = c.running(c.node(0));
      List<FeedEntry> feed = any.store().read(r -> SidechainState.feed(r, 1, 100_000));
      MultisigBooks books = any.store().read(SidechainState::multisigBooks);
      assertEquals(24_000, books.paidHive(), "4,000 + 8,000 + 12,000, once: " + feed.stream()
          .filter(f -> f.block() > 150 && !f.kind().equals("sig_submit")).toList());
      assertEquals(List.of(), any.store().read(SidechainState::payouts));
      assertTrue(any.store().read(SidechainState::multisigInFlight).isEmpty());
      for (int i = 0; i < 3; i++) {
        assertEquals(before[i] - 10_000L * (i + 1) + 4_000L * (i + 1), hive(c, users.get(i).name()), users.get(i).name()
            + " on the devnet");
        String name = users.get(i).name().value();
        assertEquals(6_000L * (i + 1), any.store().read(r -> SidechainState.balances(r, name)).hive());
      }
      assertEquals(msBefore - 24_000, hive(c, TrafficNetwork.MULTISIG));
      LedgerTotals totals = any.store().read(r -> LedgerTotals.of(r, net.network()));
      assertTrue(totals.balanced(), totals.toString());
      assertEquals(hive(c, TrafficNetwork.MULTISIG), totals.hiveIn() - books.paidHive(),
          "custody: the multisig account holds the genesis treasury plus deposits minus confirmed payouts");
      try (io.hivesafe.hive.rpc.HiveRpcClient api = new io.hivesafe.hive.rpc.HiveRpcClient(
          io.hivesafe.hive.rpc.RpcConfig.withEndpoints(List.of(c.devnet.url(0))));
          CustodyCheck check = new CustodyCheck(net.network(), any.store(), api, new io.hivesafe.engine.NodeEvents())) {
        CustodyReport custody = check.check().orElseThrow();
        assertTrue(custody.matches(), "the shell's custody check agrees after the payouts: " + custody);
      }
      assertTrue(feed.stream().noneMatch(f -> f.kind().equals("alarm")), "no unexplained transfer");
      assertEquals(3, feed.stream().filter(f -> f.kind().equals("payout") && f.ok()).count());
    }
  }

  @Test
  void whenTheBroadcasterDiesTheNextSignerRecastsWithinOneInterval() throws Exception {
    TrafficNetwork net = TrafficNetwork.create(3, 5);
    try (NodeCluster c = new NodeCluster(net, dir, 2L, b -> b)) {
      c.startAll();
      c.stepQuiet(3);
      TrafficUser user = net.users().get(0);
      depositAndWithdraw(c, user, 9_000);
      runToIrreversible(c, 100);
      SidechainNode first = c.running(c.node(0));
      NodeCluster.awaitBlock(first, 100);
      assertEquals("node0", first.store().read(SidechainState::roster).runners().get(0), "node0 ranks first: it broadcasts first");
      c.stop(c.node(0));
      c.stepInLockstep(60);
      c.settle();
      SidechainNode any = c.running(c.node(1));
      List<FeedEntry> feed = any.store().read(r -> SidechainState.feed(r, 100, 100_000));
      FeedEntry ready = feed.stream().filter(f -> ReasonText.render(f.reason()).endsWith("ready to broadcast")).findFirst().orElseThrow();
      FeedEntry recast = feed.stream().filter(f -> f.kind().equals("ms_recast")).findFirst().orElseThrow();
      FeedEntry paid = feed.stream().filter(f -> f.kind().equals("payout")).findFirst().orElseThrow(
          () -> new AssertionError("not paid: " + feed));
      assertEquals(ready.block() + 30, recast.block(), "the recast comes one interval after ready");
      assertTrue(paid.block() > recast.block() && paid.block() <= recast.block() + 5,
          "node1 broadcast on the recast: ready " + ready.block() + ", recast " + recast.block() + ", paid " + paid.block());
      assertEquals(9_000, any.store().read(SidechainState::multisigBooks).paidHive());
      assertEquals(1, feed.stream().filter(f -> f.kind().equals("payout")).count());
    }
  }

  @Test
  void aRoundThatNeverLandsExpiresWithOneStrikeIsRebuiltAloneAndPaysOnceAndItsOldSignedFormIsRefused() throws Exception {
    TrafficNetwork net = TrafficNetwork.create(3, 5);
    try (NodeCluster c = new NodeCluster(net, dir, 3L, b -> b)) {
      c.startAll();
      c.stepQuiet(3);
      TrafficUser user = net.users().get(1);
      long start = hive(c, user.name());
      // The API takes every transaction that moves funds out of the multisig account and loses it.
      c.devnet.chain().loseBroadcasts(tx -> tx.operations().stream().anyMatch(
          op -> op instanceof TransferOperation && ((TransferOperation) op).from().equals(TrafficNetwork.MULTISIG)));
      depositAndWithdraw(c, user, 5_000);
      runToIrreversible(c, 100);
      for (TrafficNode n : net.nodes()) {
        NodeCluster.awaitBlock(c.running(n), 100);
      }
      io.hivesafe.ops.MultisigTx first = c.running(c.node(0)).store().read(SidechainState::multisigInFlight).orElseThrow();
      io.hivesafe.hive.protocol.Transaction oldSigned = signedByThree(net, first);
      c.stepQuiet(1_050); // past round 1's expiration (the tally's time + 3,000 s), every broadcast and recast lost
      c.devnet.chain().loseBroadcasts(tx -> false);
      c.stepInLockstep(250);
      SidechainNode any = c.running(c.node(0));
      List<FeedEntry> feed = any.store().read(r -> SidechainState.feed(r, 100, 1_000_000));
      long recasts = feed.stream().filter(f -> f.kind().equals("ms_recast") && ReasonText.render(f.reason()).startsWith("round 1:")).count();
      assertTrue(recasts >= 30, "round 1 was broadcast again every 30 blocks until it expired: " + recasts + " recasts");
      assertTrue(feed.stream().anyMatch(f -> ReasonText.render(f.reason()).startsWith("round 1 expired unconfirmed") && ReasonText.render(f.reason()).endsWith(
          "its 1 payouts return to the queue with a strike each (it was signed and broadcast)")), "round 1 expired, signed: one strike");
      // A lost broadcast looks like a refusal to the core (a signed round that expired), so the payout is suspect once:
      // built alone in round 2, which lands. One strike, far from payout_strikes: it is paid, not returned.
      assertTrue(feed.stream().anyMatch(f -> ReasonText.render(f.reason()).startsWith("round 2 built: transfer of 1 payout (a payout whose signed"
          + " round expired, alone)")), "round 2 holds the struck payout alone");
      MultisigBooks books = any.store().read(SidechainState::multisigBooks);
      assertEquals(1, books.expired());
      assertEquals(1, books.confirmed());
      assertTrue(feed.stream().noneMatch(f -> ReasonText.render(f.reason()).contains("returned to")), "nothing was returned to its owner");
      assertEquals(0, any.store().read(r -> SidechainState.balances(r, user.name().value())).hive(),
          "the 5,000 was paid, not credited back");
      assertEquals(1, feed.stream().filter(f -> f.kind().equals("payout")).count(), "paid once: " + feed.stream()
          .filter(f -> f.kind().equals("payout") || f.kind().equals("multisig") || f.kind().equals("alarm")).toList());
      assertTrue(feed.stream().anyMatch(f -> ReasonText.render(f.reason()).startsWith("round 2 confirmed")));
      assertEquals(5_000, any.store().read(SidechainState::multisigBooks).paidHive());
      assertEquals(start, hive(c, user.name()), "deposited 5,000 and got 5,000 back, once");
      io.hivesafe.devnet.Admission replay = c.devnet.chain().broadcast(oldSigned);
      assertTrue(!replay.isAccepted() && replay.message().contains("expiration"), "the old round is refused as expired: "
          + replay.message());
    }
  }

  /** Round {@code round} signed by the first three node keys in key order, as a broadcaster would have sent it. */
  private static io.hivesafe.hive.protocol.Transaction signedByThree(TrafficNetwork net, io.hivesafe.ops.MultisigTx round) {
    java.util.TreeMap<String, io.hivesafe.hive.crypto.CompactSignature> byKey = new java.util.TreeMap<>();
    for (TrafficNode n : net.nodes()) {
      byKey.put(n.multisigKey().publicKey().toHex(),
          NodeCluster.CRYPTO.sign(n.multisigKey(), java.util.HexFormat.of().parseHex(round.digest())));
    }
    io.hivesafe.hive.protocol.Transaction unsigned = io.hivesafe.hive.codec.TransactionCodec.readUnsigned(
        java.util.HexFormat.of().parseHex(round.unsignedHex()), io.hivesafe.hive.protocol.WireFormat.HF26);
    return unsigned.withSignatures(new java.util.ArrayList<>(byKey.values()).subList(0, (int) round.requirements().get(0).authority().threshold()));
  }

  @Test
  void withFourOfSevenSignersSilentNothingLandsNothingIsLostAndItLandsWhenTheyReturn() throws Exception {
    TrafficNetwork net = TrafficNetwork.create(3, 7);
    try (NodeCluster c = new NodeCluster(net, dir, 4L, b -> b)) {
      c.startAll();
      c.stepQuiet(3);
      TrafficUser user = net.users().get(0);
      long start = hive(c, user.name());
      depositAndWithdraw(c, user, 6_000);
      runToIrreversible(c, 60); // every node has reported for block 50: the tally at 100 is in consensus
      List<TrafficNode> silent = net.nodes().subList(3, 7);
      for (TrafficNode n : silent) {
        c.stop(n); // before round 1 exists: they never sign it
      }
      c.stepQuiet(1_250); // round 1 cannot reach 4 signatures and expires; tallies without 4 runners have no consensus
      SidechainNode awake = c.running(c.node(0));
      c.settle();
      assertEquals(1, awake.store().read(SidechainState::multisigBooks).expired(), "round 1 had 3 of 4 signatures and expired");
      assertEquals(0, awake.store().read(SidechainState::multisigBooks).paidHive(), "nothing landed");
      assertEquals(1, awake.store().read(SidechainState::payouts).size(), "nothing was lost: the payout waits");
      assertEquals(start - 6_000, hive(c, user.name()));
      for (TrafficNode n : silent) {
        c.start(n);
      }
      c.stepInLockstep(300);
      assertEquals(6_000, awake.store().read(SidechainState::multisigBooks).paidHive(), "paid once the signers are back");
      assertEquals(start, hive(c, user.name()));
      assertEquals(List.of(), awake.store().read(SidechainState::payouts));
    }
  }

  @Test
  void whenRunnersLeaveTheNodesRotateTheKeysAndTheDevnetAuthorityIsTheElectedSet() throws Exception {
    TrafficNetwork net = TrafficNetwork.create(3, 5);
    try (NodeCluster c = new NodeCluster(net, dir, 5L, b -> b)) {
      c.startAll();
      c.stepQuiet(3);
      c.stop(c.node(3));
      c.stop(c.node(4)); // two of five leave before reporting: 40% of the signers differ from the runners
      runToIrreversible(c, 98);
      // node3 and node4 miss the reports for 50 and 150: one miss costs age, two in a row fault them at the tally at 200
      c.stepInLockstep(140);
      SidechainNode any = c.running(c.node(0));
      io.hivesafe.ops.Roster roster = any.store().read(SidechainState::roster);
      assertEquals(List.of("node0", "node1", "node2"), roster.runners());
      io.hivesafe.hive.protocol.Authority active = c.devnet.chain().account(TrafficNetwork.MULTISIG).orElseThrow().active();
      java.util.Set<io.hivesafe.hive.crypto.PublicKey> elected = new java.util.TreeSet<>();
      for (int i = 0; i < 3; i++) {
        elected.add(c.node(i).multisigKey().publicKey());
      }
      java.util.Set<io.hivesafe.hive.crypto.PublicKey> onChain = new java.util.TreeSet<>();
      active.keyAuths().forEach(k -> onChain.add(k.key()));
      assertEquals(elected, onChain, "the devnet's authority is the elected set");
      assertEquals(2, active.weightThreshold());
      assertEquals(active, c.devnet.chain().account(TrafficNetwork.MULTISIG).orElseThrow().owner());
      io.hivesafe.ops.MultisigAuthority recorded = any.store().read(SidechainState::authority);
      assertEquals(2, recorded.active().threshold());
      assertEquals(3, recorded.active().keys().size(), "the recorded authority follows the account_update seen on chain");
      assertTrue(any.store().read(SidechainState::multisigBooks).lastRotationBlock() > 100);
    }
  }

  @Test
  void whenTwoNodesJoinTheyAreElectedOnePerTallyTheKeysRotateToThemAndTheyCoSignTheNextPayout() throws Exception {
    TrafficNetwork net = TrafficNetwork.create(3, 7, 5); // node5 and node6 are not in the genesis
    try (NodeCluster c = new NodeCluster(net, dir, 8L, b -> b)) {
      net.nodes().subList(0, 5).forEach(c::start);
      c.stepQuiet(3);
      for (TrafficNode n : net.nodes().subList(5, 7)) { // register with a proof of the multisig key, stake, follow
        String proof = NodeCluster.CRYPTO.sign(n.multisigKey(),
            io.hivesafe.ops.BlockApplier.nodeAddProofDigest(net.network(), n.name().value())).toHex();
        c.broadcast(n.user(),
            new CustomJsonOperation(List.of(n.name()), List.of(), "hivesafe_node_add",
                "{\"key\":\"" + n.multisigKey().publicKey() + "\",\"proof\":\"" + proof + "\"}"),
            new CustomJsonOperation(List.of(n.name()), List.of(), "hivesafe_gov_lock",
                "{\"amount\":" + TrafficNetwork.NODE_TOKEN + "}"));
        c.start(n);
      }
      runToIrreversible(c, 98);
      c.stepInLockstep(2);
      SidechainNode any = c.running(c.node(0));
      NodeCluster.awaitBlock(any, 100);
      assertEquals(7, any.store().read(SidechainState::nodes).size(), "both registered");
      io.hivesafe.ops.Roster at100 = any.store().read(SidechainState::roster);
      assertEquals(List.of("node0", "node1", "node2", "node3", "node4", "node5"), at100.runners(), "one newcomer per tally");
      assertEquals(List.of("node6"), at100.standby());
      assertTrue(any.store().read(SidechainState::multisigInFlight).isEmpty(), "1 of 5 signers differs (20%): no rotation yet");

      runToIrreversible(c, 198);
      c.stepInLockstep(2);
      NodeCluster.awaitBlock(any, 200);
      assertEquals(List.of("node0", "node1", "node2", "node3", "node4", "node5", "node6"),
          any.store().read(SidechainState::roster).runners(), "the second newcomer at the next tally");
      io.hivesafe.ops.MultisigTx rotation = any.store().read(SidechainState::multisigInFlight).orElseThrow(
          () -> new AssertionError("2 of 5 signers differ (40%): a rotation is due"));
      assertEquals(io.hivesafe.ops.MultisigTx.ROTATION, rotation.kind());
      assertEquals(3, rotation.requirements().get(0).authority().threshold(), "signed under the genesis authority: 3 of the 5 old keys");
      c.stepInLockstep(10);
      java.util.Set<io.hivesafe.hive.crypto.PublicKey> elected = new java.util.TreeSet<>();
      for (TrafficNode n : net.nodes()) {
        elected.add(n.multisigKey().publicKey());
      }
      io.hivesafe.devnet.ChainAccount ms = c.devnet.chain().account(TrafficNetwork.MULTISIG).orElseThrow();
      java.util.Set<io.hivesafe.hive.crypto.PublicKey> onChain = new java.util.TreeSet<>();
      ms.active().keyAuths().forEach(k -> onChain.add(k.key()));
      assertEquals(elected, onChain, "the devnet's authority is the elected set, newcomers included");
      assertEquals(4, ms.active().weightThreshold(), "floor(7/2)+1");
      ms.active().keyAuths().forEach(k -> assertEquals(1, k.weight()));
      assertEquals(ms.active(), ms.owner());
      io.hivesafe.ops.MultisigAuthority recorded = any.store().read(SidechainState::authority);
      assertEquals(4, recorded.active().threshold());
      assertEquals(elected.stream().map(Object::toString).sorted().toList(), List.copyOf(recorded.active().keySet()),
          "the recorded authority follows the account_update seen on chain");

      // A withdrawal paid under the new authority. node2..node4 leave after reporting for block 250, so the round's
      // 4 signatures can only be node0's, node1's and the two newcomers'.
      TrafficUser user = net.users().get(0);
      long start = hive(c, user.name());
      depositAndWithdraw(c, user, 7_000);
      runToIrreversible(c, 260);
      for (TrafficNode n : net.nodes().subList(2, 5)) {
        c.stop(n);
      }
      runToIrreversible(c, 298);
      c.stepInLockstep(12);
      assertEquals(7_000, any.store().read(SidechainState::multisigBooks).paidHive(), "paid under the new authority");
      assertEquals(start, hive(c, user.name()));
      io.hivesafe.hive.protocol.Transaction landed = null;
      for (io.hivesafe.devnet.ProducedBlock b : c.devnet.chain().blocks(300, 100)) {
        for (io.hivesafe.hive.protocol.BlockTransaction t : b.block().transactions()) {
          if (t.transaction().operations().get(0) instanceof TransferOperation
              && ((TransferOperation) t.transaction().operations().get(0)).from().equals(TrafficNetwork.MULTISIG)) {
            landed = t.transaction();
          }
        }
      }
      assertTrue(landed != null, "the payout is on the devnet");
      byte[] digest = landed.digest(net.network().chainId(), io.hivesafe.hive.protocol.WireFormat.HF26);
      java.util.Set<String> signedBy = new java.util.TreeSet<>();
      for (io.hivesafe.hive.crypto.CompactSignature sig : landed.signatures()) {
        signedBy.add(NodeCluster.CRYPTO.recover(sig, digest).orElseThrow().toString());
      }
      java.util.Set<String> expected = new java.util.TreeSet<>();
      for (int i : new int[] {0, 1, 5, 6}) {
        expected.add(c.node(i).multisigKey().publicKey().toString());
      }
      assertEquals(expected, signedBy, "the newcomers' signatures are two of the four the devnet required");
    }
  }

  @Test
  void underPreHf28RulesTheMinimalSignatureSetLandsToo() throws Exception {
    TrafficNetwork net = TrafficNetwork.create(3, 5);
    io.hivesafe.devnet.DevnetConfig preHf28 = net.devnetConfig().withRules(io.hivesafe.hive.authority.SignatureRules.PRE_HF28);
    try (NodeCluster c = new NodeCluster(net, preHf28, dir, 6L, b -> b)) {
      c.startAll();
      c.stepQuiet(3);
      TrafficUser user = net.users().get(2);
      long start = hive(c, user.name());
      depositAndWithdraw(c, user, 2_500);
      runToIrreversible(c, 98);
      c.stepInLockstep(40);
      SidechainNode any = c.running(c.node(0));
      assertEquals(2_500, any.store().read(SidechainState::multisigBooks).paidHive(),
          "3 of 5 signatures, no redundant one: valid before HF28 as after");
      assertEquals(start, hive(c, user.name()));
    }
  }

  @Test
  void aTreasuryPayoutPassedByTheRunnersIsPaidOnceFromTheAccount() throws Exception {
    TrafficNetwork net = TrafficNetwork.create(3, 5);
    try (NodeCluster c = new NodeCluster(net, dir, 7L, b -> b)) {
      c.startAll();
      c.stepQuiet(3);
      TrafficUser grantee = net.users().get(0);
      long start = hive(c, grantee.name());
      c.broadcast(c.node(0).user(), new CustomJsonOperation(List.of(c.node(0).name()), List.of(), "hivesafe_propose",
          "{\"action\":\"payout\",\"to\":\"" + grantee.name() + "\",\"amount\":1234,\"asset\":\"HIVE\","
              + "\"memo\":\"grant\",\"deadline\":500,\"activation\":0}"));
      c.stepQuiet(1);
      for (int i = 1; i <= 3; i++) {
        c.broadcast(c.node(i).user(), new CustomJsonOperation(List.of(c.node(i).name()), List.of(), "hivesafe_approve",
            "{\"id\":1}"));
      }
      runToIrreversible(c, 98);
      c.stepInLockstep(40);
      SidechainNode any = c.running(c.node(0));
      assertEquals(io.hivesafe.ops.Proposal.EXECUTED, any.store().read(r -> SidechainState.proposal(r, 1)).orElseThrow().status());
      assertEquals(1_234, any.store().read(SidechainState::multisigBooks).paidHive());
      assertEquals(start + 1_234, hive(c, grantee.name()), "the grant reached the grantee once");
      assertEquals(TrafficNetwork.TREASURY - 1_234, any.store().read(SidechainState::totals).treasuryHive());
      LedgerTotals totals = any.store().read(r -> LedgerTotals.of(r, net.network()));
      assertTrue(totals.balanced(), totals.toString());
      assertEquals(hive(c, TrafficNetwork.MULTISIG), totals.hiveIn() - any.store().read(SidechainState::multisigBooks).paidHive(),
          "custody: the account holds what the books say");
    }
  }
}
