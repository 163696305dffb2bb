package io.hivesafe.engine.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivesafe.engine.NodeEvents;
import io.hivesafe.engine.traffic.TrafficNetwork;
import io.hivesafe.engine.traffic.TrafficUser;
import io.hivesafe.hive.protocol.Asset;
import io.hivesafe.hive.protocol.AssetSymbol;
import io.hivesafe.hive.protocol.TransferOperation;
import io.hivesafe.hive.rpc.HiveRpcClient;
import io.hivesafe.hive.rpc.RpcConfig;
import io.hivesafe.ops.FeedEntry;
import io.hivesafe.ops.SidechainState;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shell's custody check on the devnet: the multisig account's balance equals the books, with the
 * transfers in the blocks the node has not committed yet accounted for; a transfer out that no round
 * explains is a difference (and an alarm in the core); a dead API is reported, not thrown.
 */
class CustodyCheckTest {
  @TempDir Path dir;

  private static long onChain(NodeCluster c, AssetSymbol symbol) {
    return c.devnet.chain().account(TrafficNetwork.MULTISIG).orElseThrow().balance(symbol).amount();
  }

  @Test
  void theChainHoldsWhatTheBooksSayAndAnUnexplainedTransferOutIsADifference() throws Exception {
    TrafficNetwork net = TrafficNetwork.create(3, 3);
    try (NodeCluster c = new NodeCluster(net, dir, 3L, b -> b);
        HiveRpcClient api = new HiveRpcClient(RpcConfig.withEndpoints(List.of(c.devnet.url(0))))) {
      c.startAll();
      TrafficUser user = net.users().get(0);
      c.broadcast(user, new TransferOperation(user.name(), TrafficNetwork.MULTISIG, Asset.of(12_000, AssetSymbol.HIVE), ""));
      c.broadcast(user, new TransferOperation(user.name(), TrafficNetwork.MULTISIG, Asset.of(3_000, AssetSymbol.HBD), ""));
      c.stepQuiet(30);
      SidechainNode node = c.running(c.node(0));
      NodeCluster.awaitBlock(node, c.settle());
      // A deposit in a block the node has not committed yet (the head is ahead of the irreversible block).
      c.broadcast(user, new TransferOperation(user.name(), TrafficNetwork.MULTISIG, Asset.of(5_000, AssetSymbol.HIVE), ""));
      c.devnet.chain().produceBlock();
      c.settle();
      CustodyCheck check = new CustodyCheck(net.network(), node.store(), api, new NodeEvents());
      CustodyReport r = check.check().orElseThrow();
      assertTrue(r.head() > r.block(), "the check ran with uncommitted blocks between: " + r);
      assertEquals(5_000, r.pendingHive(), "the uncommitted deposit is counted from the chain");
      assertEquals(TrafficNetwork.TREASURY + 12_000, r.booksHive());
      assertEquals(TrafficNetwork.TREASURY + 3_000, r.booksHbd());
      assertEquals(onChain(c, AssetSymbol.HIVE), r.chainHive());
      assertTrue(r.matches(), r.toString());
      assertEquals(Optional.of(r), check.lastReport());

      // Two of the three signer keys move 700 milli-HIVE out behind the nodes' backs: the core sees it in the
      // stream, raises the alarm and books it as an unexplained outflow, so the books and the chain still agree.
      // Then 300 milli-HIVE leave through a virtual operation (as a recurrent transfer's executions do), which no
      // block shows: only the custody check sees that one.
      c.broadcastSignedBy(List.of(c.node(0).multisigKey(), c.node(1).multisigKey()),
          new TransferOperation(TrafficNetwork.MULTISIG, user.name(), Asset.of(700, AssetSymbol.HIVE), "not ours"));
      // This time the node runs the check itself after the tally block, in the background.
      CustodyCheck background = new CustodyCheck(net.network(), node.store(), api, new NodeEvents());
      node.onCommit(background.afterTallies());
      c.stepQuiet(2);
      c.devnet.chain().virtualTransfer(TrafficNetwork.MULTISIG, user.name(), Asset.of(300, AssetSymbol.HIVE));
      c.stepQuiet(78);
      NodeCluster.awaitBlock(node, c.settle());
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (background.lastReport().isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      CustodyReport tallied = background.lastReport().orElseThrow(() -> new AssertionError("no check after the tally"));
      assertEquals(100, tallied.block() - tallied.block() % 100, "checked after the tally block: " + tallied);
      assertEquals(-300, tallied.differenceHive(), tallied.toString());
      background.close();
      CustodyReport after = check.check().orElseThrow();
      assertFalse(after.matches());
      assertEquals(-300, after.differenceHive(), "only what no operation in the stream explains: " + after);
      assertEquals(TrafficNetwork.TREASURY + 12_000 + 5_000 - 700, after.booksHive(), "the books hold the unexplained outflow");
      assertEquals(0, after.differenceHbd());
      List<FeedEntry> alarms = node.store().read(r2 -> SidechainState.feed(r2, 1, 100_000)).stream()
          .filter(f -> f.kind().equals("alarm")).toList();
      assertEquals(1, alarms.size(), "the core saw the same transfer: " + alarms);
      assertTrue(alarms.get(0).detail().contains("a transfer of 700 HIVE to " + user.name()), alarms.get(0).detail());
      assertEquals(700, node.store().read(SidechainState::multisigBooks).unexplainedHive());
      check.close();
    }
  }

  @Test
  void aDeadApiIsReportedAndChangesNothing() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    TrafficNetwork net = TrafficNetwork.create(2, 1);
    try (NodeCluster c = new NodeCluster(net, dir, 4L, b -> b);
        HiveRpcClient dead = new HiveRpcClient(new RpcConfig(List.of(URI.create("http://127.0.0.1:" + port)),
            Duration.ofMillis(500), 1, Duration.ZERO, Duration.ZERO))) {
      c.startAll();
      c.stepQuiet(5);
      SidechainNode node = c.running(c.node(0));
      NodeCluster.awaitBlock(node, c.settle());
      String before = node.store().digest().hex();
      CustodyCheck check = new CustodyCheck(net.network(), node.store(), dead, new NodeEvents());
      assertEquals(Optional.empty(), check.check());
      assertEquals(Optional.empty(), check.lastReport());
      assertEquals(before, node.store().digest().hex());
      check.close();
    }
  }
}
