package io.hivesafe.engine.node;

import io.hivesafe.engine.ReasonText;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivesafe.devnet.ProducedBlock;
import io.hivesafe.hive.crypto.CompactSignature;
import io.hivesafe.hive.crypto.Hashes;
import io.hivesafe.hive.crypto.PublicKey;
import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.protocol.Asset;
import io.hivesafe.hive.protocol.AssetSymbol;
import io.hivesafe.hive.protocol.Authority;
import io.hivesafe.hive.protocol.BlockId;
import io.hivesafe.hive.protocol.BlockTransaction;
import io.hivesafe.hive.protocol.CustomJsonOperation;
import io.hivesafe.hive.protocol.Operation;
import io.hivesafe.hive.protocol.TransferOperation;
import io.hivesafe.ops.Balances;
import io.hivesafe.ops.FeedEntry;
import io.hivesafe.ops.LedgerTotals;
import io.hivesafe.ops.MultisigAuthority;
import io.hivesafe.ops.MultisigBooks;
import io.hivesafe.ops.MultisigTx;
import io.hivesafe.ops.NodeRecord;
import io.hivesafe.ops.Proposal;
import io.hivesafe.ops.SidechainState;
import io.hivesafe.ops.TallyRecord;
import io.hivesafe.testkit.traffic.TrafficNetwork;
import io.hivesafe.testkit.traffic.TrafficNode;
import io.hivesafe.testkit.traffic.TrafficUser;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6 end to end with hostile signers (DESIGN §6, "payouts land with up to n − threshold signers
 * offline or hostile"): 7 genesis nodes, threshold 4; node0…node3 run honestly, node4…node6 never run a
 * node. Instead the test posts, from their accounts with their active keys, reports with wrong headers
 * and wrong hashes, and every kind of bad {@code sig_submit}: garbage, signatures that recover to
 * nobody or to the wrong key, malleated and replayed honest signatures, and signatures for rounds that
 * are not in flight. Meanwhile users deposit and withdraw HIVE and HBD and the runners pass a treasury
 * payout.
 *
 * <p>The rounds: at tally 100 a transfer batch (round 1, all 7 keys, threshold 4, so the 4 honest nodes
 * must all sign); at tally 200, the hostile nodes having reported wrong hashes, the runners are the 4
 * honest nodes and the drift (3 of 7) makes round 2 an {@code account_update} to their keys, threshold
 * 3; at tally 300 round 3 pays the rest under the new authority.
 */
class MultisigHostileSignersTest {
  /** secp256k1's group order: a signature (r, s) also verifies as (r, n − s), the high-S twin. */
  private static final BigInteger N = new BigInteger("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", 16);

  @TempDir Path dir;

  /** A hostile submission and the fragment its feed entry's reason must hold. */
  private record Hostile(String what, String tx, String reason) {}

  /** A payout the test expects to land exactly once. */
  private record Expected(String to, long amount, AssetSymbol asset) {
    String line() {
      return to + " " + amount + " " + asset;
    }
  }

  @Test
  void withThreeHostileSignersOfSevenEveryPayoutLandsOnceAndEveryForgeryIsRejectedWithItsReason() throws Exception {
    TrafficNetwork net = TrafficNetwork.create(50, 7);
    List<TrafficNode> honest = net.nodes().subList(0, 4);
    TrafficNode node4 = net.nodes().get(4);
    TrafficNode node5 = net.nodes().get(5);
    TrafficNode node6 = net.nodes().get(6);
    try (NodeCluster c = new NodeCluster(net, dir, 11L, b -> b)) {
      honest.forEach(c::start);
      c.stepQuiet(3);
      List<Hostile> hostile = new ArrayList<>();
      List<Expected> expected = new ArrayList<>();
      long[] deposited = new long[2];

      // Deposits of HIVE and HBD by six users (one of them without a sidechain allocation), then the first withdrawals.
      List<TrafficUser> users = List.of(net.users().get(0), net.users().get(1), net.users().get(2), net.users().get(3),
          net.users().get(4), net.users().get(49));
      for (int i = 0; i < users.size(); i++) {
        TrafficUser u = users.get(i);
        c.broadcast(u, deposit(u, 10_000L * (i + 1), AssetSymbol.HIVE), deposit(u, 5_000L * (i + 1), AssetSymbol.HBD));
        deposited[0] += 10_000L * (i + 1);
        deposited[1] += 5_000L * (i + 1);
      }
      c.stepQuiet(1);
      withdraw(c, users.get(0), 4_000, AssetSymbol.HIVE, expected);
      withdraw(c, users.get(1), 3_000, AssetSymbol.HBD, expected);
      withdraw(c, users.get(2), 2_000, AssetSymbol.HIVE, expected);
      withdraw(c, users.get(2), 1_000, AssetSymbol.HBD, expected);
      withdraw(c, users.get(5), 60_000, AssetSymbol.HIVE, expected);

      // A treasury payout: node0 proposes, the other honest runners approve. 4 of 7 runners is short of 2/3; 4 of 6
      // (after the tally at 100 takes node6's seat for its wrong hash) is exactly 2/3, which passes (exact fractions).
      TrafficUser grantee = net.users().get(7);
      c.broadcast(honest.get(0).user(), new CustomJsonOperation(List.of(honest.get(0).name()), List.of(), "hivesafe_propose",
          "{\"action\":\"payout\",\"to\":\"" + grantee.name() + "\",\"amount\":1234,\"asset\":\"HBD\",\"memo\":\"grant\","
              + "\"deadline\":500,\"activation\":0}"));
      c.stepQuiet(1);
      for (int i = 1; i < 4; i++) {
        c.broadcast(honest.get(i).user(), new CustomJsonOperation(List.of(honest.get(i).name()), List.of(), "hivesafe_approve",
            "{\"id\":1}"));
      }
      expected.add(new Expected(grantee.name().value(), 1_234, AssetSymbol.HBD));

      // Reports for block 50. node4 and node5 report the honest hash with a header of their own (an older block;
      // a block never applied and an expiration out of range); node6 an honest header with a wrong hash.
      runToIrreversible(c, 50);
      String hash50 = c.digests.get("node0").get(50L);
      String otherHash = c.digests.get("node0").get(49L);
      NodeReport honest50 = honestReport(c, net, 50, hash50);
      BlockId block49 = c.devnet.chain().block(49).orElseThrow().block().id();
      c.broadcast(node4.user(), new NodeReport(50, hash50, block49.refBlockNum(), block49.refBlockPrefix(),
          honest50.expiration(), NodeReport.VERSION).operation(net.network(), node4.name()));
      c.broadcast(node5.user(), new NodeReport(50, hash50, 60_000, 12_345, honest50.expiration().plusSeconds(7_200),
          NodeReport.VERSION).operation(net.network(), node5.name()));
      c.broadcast(node6.user(), new NodeReport(50, otherHash, honest50.refBlockNum(), honest50.refBlockPrefix(),
          honest50.expiration(), NodeReport.VERSION).operation(net.network(), node6.name()));

      // node3 stays away until the hostile signers have had their go at round 1: it waits at 3 of 4 signatures.
      runToIrreversible(c, 60);
      c.stop(honest.get(3));
      runToIrreversible(c, 97);
      lockstepToIrreversible(c, 104);
      SidechainNode any = c.running(honest.get(0));
      TallyRecord tally100 = any.store().read(SidechainState::lastTally).orElseThrow();
      assertEquals(100, tally100.block());
      assertEquals(6, tally100.runnersAgreeing(), "node4 and node5 reported the consensus hash, node6 did not");
      assertEquals("reports", tally100.headerSource(), "the honest majority's header was agreed");
      assertEquals(honest50.refBlockNum(), tally100.refBlockNum());
      assertEquals(honest50.refBlockPrefix(), tally100.refBlockPrefix());
      assertEquals(io.hivesafe.hive.json.JsonFields.formatTime(honest50.expiration()), tally100.expiration());
      assertEquals(List.of("node0", "node1", "node2", "node3", "node4", "node5"), any.store().read(SidechainState::roster).runners(),
          "a wrong hash costs node6 its seat; a wrong header alone costs nothing");

      MultisigTx round1 = any.store().read(SidechainState::multisigInFlight).orElseThrow();
      assertEquals(1, round1.seq());
      assertEquals(MultisigTx.TRANSFER, round1.kind());
      assertEquals(5, round1.payouts().size(), "the five withdrawals; the treasury payout has not passed");
      assertEquals(4, round1.requirements().get(0).authority().threshold());
      assertEquals(7, round1.signers().size());
      assertEquals(3, round1.signatures().size(), "node0, node1 and node2 signed; node3 is away");
      assertFalse(round1.ready());
      io.hivesafe.hive.protocol.Transaction round1Tx = io.hivesafe.hive.codec.TransactionCodec.readUnsigned(
          HexFormat.of().parseHex(round1.unsignedHex()), io.hivesafe.hive.protocol.WireFormat.HF26);
      assertEquals(honest50.refBlockNum(), round1Tx.refBlockNum(), "round 1 carries the agreed header");
      assertEquals(honest50.expiration(), round1Tx.expiration());

      // Round 1 in flight, 3 of 4 signatures: every kind of bad signature, at most 3 per hostile account and block.
      String stm0 = stm(honest.get(0));
      CompactSignature counted0 = CompactSignature.fromHex(round1.signatures().get(stm0));
      CompactSignature otherDigest = NodeCluster.CRYPTO.sign(node6.multisigKey(),
          Hashes.sha256("not round 1".getBytes(StandardCharsets.US_ASCII)));
      String notHex = "1f" + "zz".repeat(64);
      String tooShort = counted0.toHex().substring(0, 128);
      String tooLong = counted0.toHex() + "00";
      String badHeader = "00" + counted0.toHex().substring(2);
      String noPoint = "1f" + "00".repeat(31) + "05" + "00".repeat(31) + "01"; // x = 5 is on no point of the curve
      hostile.add(submit(c, node4, 1, notHex, "not hex", "sig must be 130 lowercase hex digits"));
      hostile.add(submit(c, node4, 1, tooShort, "64 bytes", "sig must be 130 lowercase hex digits"));
      hostile.add(submit(c, node4, 1, tooLong, "66 bytes", "sig is longer than 130 characters"));
      hostile.add(submit(c, node5, 1, badHeader, "header 0", "sig must start with a signature header (27..34), got 0"));
      hostile.add(submit(c, node5, 1, noPoint, "r names no curve point", "sig recovers to no key"));
      hostile.add(submit(c, node5, 1, highS(counted0).toHex(), "node0's counted signature made high-S",
          "sig is not in a form hived accepts (canonical, low-S)"));
      Hostile wrongDigest = submit(c, node6, 1, otherDigest.toHex(), "its key over another digest", "not a signer of round 1");
      hostile.add(wrongDigest);
      hostile.add(submit(c, node6, 1, counted0.toHex(), "node0's counted signature replayed",
          "a signature by " + stm0 + " is already counted for round 1"));
      hostile.add(submit(c, node6, 2, NodeCluster.CRYPTO.sign(node6.multisigKey(), HexFormat.of().parseHex(round1.digest())).toHex(),
          "a round not built yet", "round 2 is not in flight (round 1 is)"));
      lockstepToIrreversible(c, 108);
      MultisigTx stillRound1 = any.store().read(SidechainState::multisigInFlight).orElseThrow();
      assertEquals(round1.signatures(), stillRound1.signatures(), "no hostile submission counted");

      // node3 returns and signs: 4 of 4, node0 broadcasts, the devnet accepts, the marker confirms round 1.
      c.start(honest.get(3));
      c.stepInLockstep(20);
      MultisigBooks afterRound1 = any.store().read(SidechainState::multisigBooks);
      assertEquals(1, afterRound1.confirmed(), "round 1 confirmed");
      assertTrue(any.store().read(SidechainState::multisigInFlight).isEmpty());

      // Nothing in flight: a genuine signature for the confirmed round 1 is stale.
      CompactSignature stale1 = NodeCluster.CRYPTO.sign(node4.multisigKey(), HexFormat.of().parseHex(round1.digest()));
      hostile.add(submit(c, node4, 1, stale1.toHex(), "node4's own signature of confirmed round 1, nothing in flight",
          "round 1 is not in flight"));
      // The second withdrawals, paid under the authority the next round sets.
      withdraw(c, users.get(3), 7_000, AssetSymbol.HBD, expected);
      withdraw(c, users.get(4), 9_000, AssetSymbol.HIVE, expected);
      withdraw(c, users.get(5), 30_000, AssetSymbol.HBD, expected);
      c.stepQuiet(1);

      // Reports for block 150: node4 and node5 report wrong hashes, node6 nothing. At tally 200 only the 4 honest nodes
      // are runners: 3 of the 7 signers differ from them, more than 25%, so round 2 rotates the keys.
      runToIrreversible(c, 150);
      String otherHash150 = c.digests.get("node0").get(149L);
      NodeReport honest150 = honestReport(c, net, 150, c.digests.get("node0").get(150L));
      c.broadcast(node4.user(), new NodeReport(150, otherHash150, honest150.refBlockNum(), honest150.refBlockPrefix(),
          honest150.expiration(), NodeReport.VERSION).operation(net.network(), node4.name()));
      c.broadcast(node5.user(), new NodeReport(150, otherHash150, 1, 1, honest150.expiration().minusSeconds(3_600),
          NodeReport.VERSION).operation(net.network(), node5.name()));
      runToIrreversible(c, 197);
      lockstepToIrreversible(c, 200);
      assertEquals(List.of("node0", "node1", "node2", "node3"), any.store().read(SidechainState::roster).runners());
      assertEquals(Proposal.EXECUTED, any.store().read(r -> SidechainState.proposal(r, 1)).orElseThrow().status(),
          "4 of 6 runners approved at the tally at 100: exactly 2/3");
      MultisigTx round2 = any.store().read(SidechainState::multisigInFlight).orElseThrow();
      assertEquals(2, round2.seq());
      assertEquals(MultisigTx.ROTATION, round2.kind());
      assertEquals(round1.signers(), round2.signers(), "the rotation is signed under the authority on chain: all 7 keys");
      hostile.add(submit(c, node4, 1, stale1.toHex(), "node4's own signature of confirmed round 1, round 2 in flight",
          "round 1 is not in flight (round 2 is)"));
      hostile.add(submit(c, node5, 2, counted0.toHex(), "node0's round 1 signature replayed for round 2",
          "not a signer of round 2"));
      c.stepInLockstep(12);
      assertEquals(2, any.store().read(SidechainState::multisigBooks).confirmed(), "round 2 confirmed");

      TreeSet<PublicKey> elected = new TreeSet<>();
      for (TrafficNode n : honest) {
        elected.add(n.multisigKey().publicKey());
      }
      Authority active = c.devnet.chain().account(TrafficNetwork.MULTISIG).orElseThrow().active();
      TreeSet<PublicKey> onChain = new TreeSet<>();
      active.keyAuths().forEach(k -> onChain.add(k.key()));
      assertEquals(elected, onChain, "the devnet's authority is the elected set");
      assertEquals(3, active.weightThreshold(), "floor(4/2)+1");
      assertEquals(active, c.devnet.chain().account(TrafficNetwork.MULTISIG).orElseThrow().owner());
      MultisigAuthority recorded = any.store().read(SidechainState::authority);
      assertEquals(3, recorded.active().threshold());
      assertEquals(elected.stream().map(PublicKey::toString).sorted().toList(), List.copyOf(recorded.active().keySet()),
          "the recorded authority follows the account_update seen on chain");

      // Round 3 at tally 300, under the new authority: the treasury payout and the second withdrawals.
      runToIrreversible(c, 297);
      lockstepToIrreversible(c, 300);
      MultisigTx round3 = any.store().read(SidechainState::multisigInFlight).orElseThrow();
      assertEquals(3, round3.seq());
      assertEquals(4, round3.payouts().size());
      assertEquals(List.copyOf(recorded.active().keySet()), List.copyOf(round3.signers()));
      assertEquals(3, round3.requirements().get(0).authority().threshold());
      String stm5 = stm(node5);
      hostile.add(submit(c, node5, 3, NodeCluster.CRYPTO.sign(node5.multisigKey(), HexFormat.of().parseHex(round3.digest())).toHex(),
          "node5's own signature of round 3, its key rotated out", "sig recovers to " + stm5 + ", not a signer of round 3"));
      hostile.add(submit(c, node6, 2, NodeCluster.CRYPTO.sign(node6.multisigKey(), HexFormat.of().parseHex(round2.digest())).toHex(),
          "node6's own signature of confirmed round 2", "round 2 is not in flight (round 3 is)"));
      c.stepInLockstep(12);
      long last = c.settle();

      // Every payout landed once: in the books, in the feed and on the devnet.
      MultisigBooks books = any.store().read(SidechainState::multisigBooks);
      assertEquals(3, books.confirmed());
      assertEquals(0, books.expired());
      assertEquals(List.of(), any.store().read(SidechainState::payouts));
      assertTrue(any.store().read(SidechainState::multisigInFlight).isEmpty());
      List<String> want = expected.stream().map(Expected::line).sorted().toList();
      assertEquals(want, transfersOutOfMultisig(c), "each withdrawal and the grant left the account once on chain");
      List<FeedEntry> feed = any.store().read(r -> SidechainState.feed(r, 1, 1_000_000));
      assertEquals(expected.size(), feed.stream().filter(f -> f.kind().equals("payout") && f.ok()).count());
      assertTrue(feed.stream().noneMatch(f -> f.kind().equals("alarm")), "no alarm: " + feed.stream()
          .filter(f -> f.kind().equals("alarm")).toList());
      assertEquals(Proposal.EXECUTED, any.store().read(r -> SidechainState.proposal(r, 1)).orElseThrow().status());

      // The devnet and the books agree to the unit: every user's Hive balance plus its pegged balance is what it
      // started with (plus the grant), and the account holds the treasury and deposits less what was paid.
      long paidHive = 0;
      long paidHbd = 0;
      for (Expected e : expected) {
        if (e.asset() == AssetSymbol.HIVE) {
          paidHive += e.amount();
        } else {
          paidHbd += e.amount();
        }
      }
      assertEquals(paidHive, books.paidHive());
      assertEquals(paidHbd, books.paidHbd());
      for (TrafficUser u : net.users()) {
        Balances b = any.store().read(r -> SidechainState.balances(r, u.name().value()));
        long grant = u.equals(grantee) ? 1_234 : 0;
        assertEquals(u.hive(), devnet(c, u.name(), AssetSymbol.HIVE) + b.hive(), u.name() + " HIVE");
        assertEquals(u.hbd() + grant, devnet(c, u.name(), AssetSymbol.HBD) + b.hbd(), u.name() + " HBD");
      }
      assertEquals(TrafficNetwork.TREASURY + deposited[0] - paidHive, devnet(c, TrafficNetwork.MULTISIG, AssetSymbol.HIVE));
      assertEquals(TrafficNetwork.TREASURY + deposited[1] - paidHbd, devnet(c, TrafficNetwork.MULTISIG, AssetSymbol.HBD));
      LedgerTotals totals = any.store().read(r -> LedgerTotals.of(r, net.network()));
      assertTrue(totals.balanced(), totals.toString());
      assertEquals(devnet(c, TrafficNetwork.MULTISIG, AssetSymbol.HIVE), totals.hiveIn() - books.paidHive());
      assertEquals(devnet(c, TrafficNetwork.MULTISIG, AssetSymbol.HBD), totals.hbdIn() - books.paidHbd());

      // Every hostile submission is in the feed, rejected, with a reason naming what was wrong.
      for (Hostile h : hostile) {
        List<FeedEntry> entries = feed.stream().filter(f -> f.tx().equals(h.tx())).toList();
        assertEquals(1, entries.size(), h.what() + ": one feed entry");
        FeedEntry e = entries.get(0);
        assertEquals("sig_submit", e.kind(), h.what());
        assertFalse(e.ok(), h.what() + " was counted: " + e.reason());
        assertTrue(ReasonText.render(e.reason()).contains(h.reason()), h.what() + ": " + e.reason());
      }
      assertEquals(hostile.stream().map(Hostile::tx).sorted().toList(), feed.stream()
          .filter(f -> f.kind().equals("sig_submit") && !f.ok()).map(FeedEntry::tx).sorted().toList(),
          "the only refused signatures are the hostile ones: no honest signature was lost");
      assertFalse(ReasonText.render(feed.stream().filter(f -> f.tx().equals(wrongDigest.tx())).findFirst().orElseThrow().reason()).contains(stm(node6)),
          "over round 1's digest node6's signature recovers to another key than node6's");
      // The hostile reports were well-formed: stored, then outvoted at the tally.
      assertEquals(5, feed.stream().filter(f -> f.kind().equals("report") && f.ok()
          && List.of("node4", "node5", "node6").contains(f.account())).count());
      NodeRecord record6 = any.store().read(r -> SidechainState.node(r, "node6")).orElseThrow();
      assertTrue(record6.faulted(2), "node6 missed the reports for 150 and 250");
      for (TrafficNode n : honest) {
        assertEquals(c.digests.get("node0").get(last), c.digests.get(n.name().value()).get(last), n.name() + " agrees");
      }
    }
  }

  private static TransferOperation deposit(TrafficUser u, long amount, AssetSymbol asset) {
    return new TransferOperation(u.name(), TrafficNetwork.MULTISIG, Asset.of(amount, asset), "deposit");
  }

  private static void withdraw(NodeCluster c, TrafficUser u, long amount, AssetSymbol asset, List<Expected> expected) {
    c.broadcast(u, new CustomJsonOperation(List.of(u.name()), List.of(), "hivesafe_withdraw",
        "{\"amount\":" + amount + ",\"asset\":\"" + asset + "\"}"));
    expected.add(new Expected(u.name().value(), amount, asset));
  }

  private static Hostile submit(NodeCluster c, TrafficNode from, long seq, String sig, String what, String reason) {
    String tx = c.broadcast(from.user(), new CustomJsonOperation(List.of(from.name()), List.of(), "hivesafe_sig_submit",
        "{\"seq\":" + seq + ",\"sig\":\"" + sig + "\"}"));
    return new Hostile(from.name() + ": " + what, tx, reason);
  }

  /** The report an honest node makes for {@code block} (NodeReport.proposal), from the devnet's block. */
  private static NodeReport honestReport(NodeCluster c, TrafficNetwork net, long block, String hash) {
    io.hivesafe.hive.protocol.Block b = c.devnet.chain().block(block).orElseThrow().block();
    return NodeReport.proposal(net.network(), net.network().params().expirationSeconds(), b.id(), b.timestamp(), hash);
  }

  /** The same signature with s replaced by n − s (and the recovery id adjusted): hived refuses the high-S form. */
  private static CompactSignature highS(CompactSignature sig) {
    byte[] bytes = sig.toBytes();
    byte[] s = N.subtract(sig.s()).toByteArray();
    byte[] s32 = new byte[32];
    System.arraycopy(s, Math.max(0, s.length - 32), s32, Math.max(0, 32 - s.length), Math.min(32, s.length));
    System.arraycopy(s32, 0, bytes, 33, 32);
    bytes[0] = (byte) (27 + 4 + (sig.recoveryId() ^ 1));
    return CompactSignature.fromBytes(bytes);
  }

  private static String stm(TrafficNode n) {
    return n.multisigKey().publicKey().toString();
  }

  private static long devnet(NodeCluster c, AccountName account, AssetSymbol asset) {
    return c.devnet.chain().account(account).orElseThrow().balance(asset).amount();
  }

  /** Every transfer out of the multisig account on the devnet, as "to amount asset", sorted. */
  private static List<String> transfersOutOfMultisig(NodeCluster c) {
    List<String> out = new ArrayList<>();
    long head = c.devnet.chain().headBlockNumber();
    for (long n = 1; n <= head; n++) {
      ProducedBlock b = c.devnet.chain().block(n).orElseThrow();
      for (BlockTransaction t : b.block().transactions()) {
        for (Operation op : t.transaction().operations()) {
          if (op instanceof TransferOperation && ((TransferOperation) op).from().equals(TrafficNetwork.MULTISIG)) {
            TransferOperation tr = (TransferOperation) op;
            out.add(tr.to().value() + " " + tr.amount().amount() + " " + tr.amount().symbol());
          }
        }
      }
    }
    out.sort(null);
    return out;
  }

  private static void runToIrreversible(NodeCluster c, long block) throws InterruptedException {
    while (c.devnet.chain().properties().lastIrreversibleBlockNum() < block) {
      c.stepQuiet(1);
    }
    c.settle();
  }

  private static void lockstepToIrreversible(NodeCluster c, long block) throws InterruptedException {
    while (c.devnet.chain().properties().lastIrreversibleBlockNum() < block) {
      c.stepInLockstep(1);
    }
  }
}
