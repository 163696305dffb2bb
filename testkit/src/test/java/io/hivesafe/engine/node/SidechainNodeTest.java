package io.hivesafe.engine.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivesafe.engine.NodeEvents;
import io.hivesafe.engine.source.BlockSource;
import io.hivesafe.engine.source.ChainTip;
import io.hivesafe.hive.crypto.Hashes;
import io.hivesafe.hive.protocol.Block;
import io.hivesafe.hive.protocol.BlockId;
import io.hivesafe.hive.protocol.Transaction;
import io.hivesafe.state.StateConfig;
import io.hivesafe.state.StateStore;
import io.hivesafe.testkit.traffic.TrafficNetwork;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shell's duties around a commit: report only when live, never during catch-up; a bug stops the node with nothing half-done. */
class SidechainNodeTest {
  @TempDir Path dir;
  final TrafficNetwork net = TrafficNetwork.create(3, 3);

  /** Empty blocks 1..n from a list, in the mode the test sets. */
  static final class ScriptedSource implements BlockSource {
    final Deque<Block> blocks = new ArrayDeque<>();
    volatile Mode mode = Mode.CATCH_UP;
    volatile Optional<ChainTip> tip = Optional.empty();
    long handed;

    @Override
    public Optional<ChainTip> chainTip() {
      return tip;
    }

    @Override
    public Optional<Block> take() {
      return poll(Duration.ZERO);
    }

    @Override
    public synchronized Optional<Block> poll(Duration timeout) {
      Block b = blocks.pollFirst();
      if (b != null) {
        handed++;
      }
      return Optional.ofNullable(b);
    }

    @Override
    public synchronized boolean isFinished() {
      return blocks.isEmpty();
    }

    @Override
    public long nextBlockNumber() {
      return 0;
    }

    @Override
    public Mode mode() {
      return mode;
    }

    @Override
    public long blocksHandedOn() {
      return handed;
    }

    @Override
    public long fetchErrors() {
      return 0;
    }

    @Override
    public void close() {}
  }

  static BlockId id(long n) {
    ByteBuffer b = ByteBuffer.allocate(20);
    b.putInt((int) n);
    b.put(Hashes.sha256(("b" + n).getBytes(StandardCharsets.US_ASCII)), 0, 16);
    return BlockId.fromBytes(b.array());
  }

  static Block block(long n) {
    return new Block(id(n), id(n - 1), Instant.parse("2026-01-01T00:00:00Z").plusSeconds(3 * n), "initminer", List.of());
  }

  private SidechainNode node(ScriptedSource source, List<Transaction> sent) {
    return node(source, sent, new NodeIdentity(net.nodes().get(0).name(), net.nodes().get(0).user().activeKey(),
        net.nodes().get(0).multisigKey()));
  }

  private SidechainNode node(ScriptedSource source, List<Transaction> sent, NodeIdentity identity) {
    StateStore store = StateStore.open(StateConfig.of(dir));
    Outbox outbox = new Outbox(tx -> {
      synchronized (sent) {
        sent.add(tx);
      }
    }, new NodeEvents());
    return new SidechainNode(net.network(), store, source, NodeCluster.CRYPTO, Optional.of(identity), Optional.of(outbox),
        new NodeEvents(), "test");
  }

  @Test
  void reportsOnlyWhenLiveAndOnlyForReportBlocks() throws Exception {
    ScriptedSource source = new ScriptedSource();
    List<Transaction> sent = new ArrayList<>();
    try (SidechainNode node = node(source, sent)) {
      for (long n = 1; n <= 60; n++) {
        source.blocks.add(block(n));
      }
      node.runToEnd();
      assertEquals(60, node.lastBlock());
      assertEquals(0, node.reportsQueued(), "block 50 was applied while catching up: no report");
      source.mode = BlockSource.Mode.LIVE;
      for (long n = 61; n <= 159; n++) {
        source.blocks.add(block(n));
      }
      node.runToEnd();
      assertEquals(1, node.reportsQueued(), "block 150, applied live, is reported; 61..149 and 151..159 are not (from 160 on, "
          + "its report, missing from this chain, would be sent again)");
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (sentCount(sent) < 1 && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      Transaction report = sent.get(0);
      assertEquals(id(150).refBlockNum(), report.refBlockNum(), "the report references its own block");
      assertEquals(1, report.signatures().size());
      assertTrue(report.operations().get(0).toString().contains("\"block\":150"), report.operations().toString());
    }
  }

  /**
   * The scripted chain never includes what the node sends, so its report for 50 stays missing. A
   * restarted node remembers, from its store, that it reported 50; it sends it again only live, only
   * RESEND_AFTER_BLOCKS past the head at its first live block (the head it sent at is unknown), and only
   * while the window (50, 100] is open. (This source knows no chain tip: the head is the committed block.)
   */
  @Test
  void aReportMissingFromTheChainIsSentAgainOnlyLiveAndWhileItsWindowIsOpenEvenAfterARestart() throws Exception {
    ScriptedSource source = new ScriptedSource();
    List<Transaction> sent = new ArrayList<>();
    try (SidechainNode node = node(source, sent)) {
      for (long n = 1; n <= 49; n++) {
        source.blocks.add(block(n));
      }
      node.runToEnd();
      source.mode = BlockSource.Mode.LIVE;
      for (long n = 50; n <= 55; n++) {
        source.blocks.add(block(n));
      }
      node.runToEnd();
      assertEquals(1, node.reportsQueued(), "the report for 50");
    }
    ScriptedSource again = new ScriptedSource();
    try (SidechainNode node = node(again, sent)) {
      for (long n = 56; n <= 85; n++) {
        again.blocks.add(block(n));
      }
      node.runToEnd();
      assertEquals(0, node.reportsQueued(), "catching up: nothing is sent again");
      again.mode = BlockSource.Mode.LIVE;
      for (long n = 86; n <= 130; n++) {
        again.blocks.add(block(n));
      }
      node.runToEnd();
      assertEquals(1, node.reportsQueued(), "live from 86: sent again at 96; not at 106, the window closed at 100");
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (sentCount(sent) < 2 && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
    }
    assertEquals(2, sentCount(sent));
    Transaction first = sent.get(0);
    Transaction second = sent.get(1);
    assertEquals(id(50).refBlockNum(), first.refBlockNum());
    assertEquals(id(96).refBlockNum(), second.refBlockNum(), "signed again against the block just committed");
    assertEquals(first.operations(), second.operations(), "the same report: block 50, the same digest and header");
  }

  /** A live node far behind the head (a backlog) does not report a block whose window the head has passed. */
  @Test
  void aReportThatCanNoLongerLandInItsWindowIsNotSent() throws Exception {
    ScriptedSource source = new ScriptedSource();
    try (SidechainNode node = node(source, new ArrayList<>())) {
      for (long n = 1; n <= 49; n++) {
        source.blocks.add(block(n));
      }
      node.runToEnd();
      source.mode = BlockSource.Mode.LIVE;
      source.tip = Optional.of(new ChainTip(100, 98, Instant.EPOCH));
      source.blocks.add(block(50));
      node.runToEnd();
      assertEquals(0, node.reportsQueued(), "a report sent now would land after 100, the last block of its window");
      for (long n = 51; n <= 149; n++) {
        source.blocks.add(block(n));
      }
      node.runToEnd();
      source.tip = Optional.of(new ChainTip(199, 197, Instant.EPOCH));
      source.blocks.add(block(150));
      node.runToEnd();
      assertEquals(1, node.reportsQueued(), "with the head at 199 the report for 150 can still land in 200");
    }
  }

  /** Missing from this chain for good, the report for 50 is sent after 50, 60, 70 and 80: four sends, no fifth at 90. */
  @Test
  void aMissingReportIsSentFourTimesAtMost() throws Exception {
    ScriptedSource source = new ScriptedSource();
    source.mode = BlockSource.Mode.LIVE;
    try (SidechainNode node = node(source, new ArrayList<>())) {
      for (long n = 1; n <= 99; n++) {
        source.blocks.add(block(n));
      }
      node.runToEnd();
      assertEquals(NodeTransaction.MAX_SENDS, node.reportsQueued());
    }
  }

  /** An account that is not a registered node: the core refuses its reports, so a missing one is not sent again. */
  @Test
  void aReportOfAnAccountThatIsNoNodeIsNotSentAgain() throws Exception {
    ScriptedSource source = new ScriptedSource();
    source.mode = BlockSource.Mode.LIVE;
    NodeIdentity user = new NodeIdentity(net.users().get(0).name(), net.users().get(0).activeKey(), net.nodes().get(0).multisigKey());
    try (SidechainNode node = node(source, new ArrayList<>(), user)) {
      for (long n = 1; n <= 99; n++) {
        source.blocks.add(block(n));
      }
      node.runToEnd();
      assertEquals(1, node.reportsQueued(), "the report for 50, once");
    }
  }

  private static int sentCount(List<Transaction> sent) {
    synchronized (sent) {
      return sent.size();
    }
  }

  @Test
  void aBlockThatCannotBeAppliedIsNotCommittedAndStopsTheNode() throws Exception {
    ScriptedSource source = new ScriptedSource();
    try (SidechainNode node = node(source, new ArrayList<>())) {
      source.blocks.add(block(1));
      source.blocks.add(block(2));
      source.blocks.add(block(4));
      source.blocks.add(block(5));
      node.start();
      assertFalse(node.awaitBlock(5, Duration.ofSeconds(10)), "the node stops at the bad block");
      assertEquals(2, node.lastBlock());
      assertEquals(2, node.store().lastBlock().getAsLong(), "nothing of block 4 was committed");
      assertTrue(node.failure().isPresent());
      assertFalse(node.canSign());
      assertEquals(1, source.blocks.size(), "block 5 was never taken");
    }
  }

  /**
   * The node tells its outbox when held signatures may go out: only while it may sign. A sig_submit held
   * for RC, then a bug stops the node (it may no longer sign, like a diverged one): a report accepted
   * afterwards releases what is held, and the sig_submit is not among it.
   */
  @Test
  void aHeldSignatureIsNotReleasedOnceTheNodeMayNotSign() throws Exception {
    ScriptedSource source = new ScriptedSource();
    List<Transaction> sent = new ArrayList<>();
    boolean[] rcOut = {true};
    Outbox outbox = Outbox.inline(tx -> {
      if (rcOut[0]) {
        throw new io.hivesafe.hive.rpc.RpcErrorException("network_broadcast_api.broadcast_transaction", -32000,
            "payer has not enough RC mana for transaction:has_mana: Account: node0 has 1 RC, needs 2 RC. Please wait to transact "
                + "or power up HIVE.", null);
      }
      sent.add(tx);
    }, new NodeEvents());
    NodeIdentity me = new NodeIdentity(net.nodes().get(0).name(), net.nodes().get(0).user().activeKey(), net.nodes().get(0).multisigKey());
    try (SidechainNode node = new SidechainNode(net.network(), StateStore.open(StateConfig.of(dir)), source, NodeCluster.CRYPTO,
        Optional.of(me), Optional.of(outbox), new NodeEvents(), "test")) {
      Instant t = block(1).timestamp();
      Transaction sigSubmit = NodeTransaction.signed(new io.hivesafe.hive.protocol.CustomJsonOperation(List.of(me.account()), List.of(),
          "hivesafe_sig_submit", "{\"seq\":1}"), block(1), me, net.network().chainId(), NodeCluster.CRYPTO);
      outbox.send(Duty.signature(1), "signature for round 1", sigSubmit, t);
      assertEquals(1, outbox.rcHeld(RcRole.NODE));
      source.blocks.add(block(1));
      source.blocks.add(block(3)); // a gap: a bug stops the node
      node.start();
      assertFalse(node.awaitBlock(3, Duration.ofSeconds(10)));
      assertFalse(node.canSign());
      rcOut[0] = false;
      Transaction report = NodeTransaction.signed(new io.hivesafe.hive.protocol.CustomJsonOperation(List.of(me.account()), List.of(),
          "hivesafe_report", "{\"block\":50}"), block(1), me, net.network().chainId(), NodeCluster.CRYPTO);
      outbox.send(Duty.report(50), "report for block 50", report, t);
      assertEquals(List.of(report), sent, "the report only");
      assertEquals(0, outbox.rcHeld(RcRole.NODE));
      assertEquals(1, outbox.dropped());
    }
  }
}
