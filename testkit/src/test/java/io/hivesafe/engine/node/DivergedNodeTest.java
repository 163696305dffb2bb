package io.hivesafe.engine.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivesafe.devnet.ProducedBlock;
import io.hivesafe.hive.protocol.Asset;
import io.hivesafe.hive.protocol.AssetSymbol;
import io.hivesafe.hive.protocol.Block;
import io.hivesafe.hive.protocol.BlockTransaction;
import io.hivesafe.hive.protocol.CustomJsonOperation;
import io.hivesafe.hive.protocol.TransferOperation;
import io.hivesafe.hive.rpc.HiveRpcClient;
import io.hivesafe.hive.rpc.RpcConfig;
import io.hivesafe.ops.Balances;
import io.hivesafe.ops.BlockApplier;
import io.hivesafe.ops.SidechainState;
import io.hivesafe.ops.TallyRecord;
import io.hivesafe.state.StateConfig;
import io.hivesafe.state.StateKey;
import io.hivesafe.state.StateStore;
import io.hivesafe.state.StateTransaction;
import io.hivesafe.testkit.traffic.TrafficNetwork;
import io.hivesafe.testkit.traffic.TrafficNode;
import io.hivesafe.testkit.traffic.TrafficUser;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DESIGN §3.9: a diverged node never signs again until its state is replaced, across restarts.
 *
 * <p>node4 of five is stopped at block 149; block 150 (a report block) is applied to its store with one
 * forged entry, as a bug would, and committed outside the node — so the node never held its digest for
 * 150 in memory and did not report it: like a node killed between a report block's commit and the next
 * block's, it must take its own digest from the store. The four others agree at the tally of 200, which
 * builds a payout round signed by the genesis keys, node4's among them. node4 is stopped right after
 * committing 200 — a kill at that moment leaves the same store, since the commit is durable — and its
 * store must already say "diverged": the tally's own commit wrote it. Restarted on that store, it says
 * so at once and signs nothing while the four others pay the round.
 */
class DivergedNodeTest {
  @TempDir Path dir;

  private static void runToIrreversible(NodeCluster c, long block) throws InterruptedException {
    while (c.devnet.chain().properties().lastIrreversibleBlockNum() < block) {
      c.stepQuiet(1);
    }
    c.settle();
  }

  @Test
  void aDivergedNodeSignsNothingAndStillSignsNothingAfterARestartWhileTheOthersPay() throws Exception {
    TrafficNetwork net = TrafficNetwork.create(3, 5);
    try (NodeCluster c = new NodeCluster(net, dir, 11L, b -> b)) {
      c.startAll();
      TrafficNode bad = c.node(4);
      runToIrreversible(c, 149);
      c.stop(bad);
      try (StateStore store = StateStore.open(StateConfig.of(dir.resolve(bad.name().value())));
          HiveRpcClient client = new HiveRpcClient(RpcConfig.withEndpoints(List.of(c.devnet.url(0))))) {
        assertEquals(OptionalLong.of(149), store.lastBlock());
        Block block = client.getBlock(150).orElseThrow();
        try (StateTransaction tx = store.begin(150)) {
          new BlockApplier(net.network(), NodeCluster.CRYPTO).apply(tx, block);
          tx.put(StateKey.of("acct/mallory"), new Balances(1_000_000, 0, 0, 0, 0), Balances.CODEC);
          tx.commit();
        }
      }
      c.start(bad);

      TrafficUser user = net.users().get(0);
      c.broadcast(user, new TransferOperation(user.name(), TrafficNetwork.MULTISIG, Asset.of(5_000, AssetSymbol.HIVE), ""));
      c.stepQuiet(1);
      c.broadcast(user, new CustomJsonOperation(List.of(user.name()), List.of(), "hivesafe_withdraw",
          "{\"amount\":5000,\"asset\":\"HIVE\"}"));
      runToIrreversible(c, 200);
      SidechainNode first = c.running(bad);
      SidechainNode honest = c.running(c.node(0));
      TallyRecord tally = honest.store().read(SidechainState::lastTally).orElseThrow();
      assertEquals(200, tally.block());
      assertEquals(4, tally.runnersAgreeing(), tally.toString());
      assertTrue(honest.store().read(SidechainState::multisigInFlight).orElseThrow().signers()
          .contains(bad.multisigKey().publicKey().toString()), "node4's key is a signer of the round built at 200");
      assertTrue(first.diverged(), "its digest for 150 (taken from its store at 151) is not the consensus");
      assertFalse(first.canSign());

      c.stop(bad); // right after the tally's commit: a kill here leaves this same store
      try (StateStore store = StateStore.open(StateConfig.of(dir.resolve(bad.name().value())))) {
        assertEquals(OptionalLong.of(200), store.lastBlock());
        NodeLocals.Divergence recorded = NodeLocals.Divergence.read(store).orElseThrow(
            () -> new AssertionError("the tally's commit records the divergence"));
        assertEquals(200, recorded.tallyBlock());
        assertEquals(150, recorded.reportBlock());
        assertEquals(tally.consensusHash(), recorded.consensus());
        assertNotEquals(recorded.consensus(), recorded.mine());
      }

      SidechainNode restarted = c.start(bad);
      assertTrue(restarted.diverged(), "read from the store on start");
      assertFalse(restarted.canSign());
      c.stepInLockstep(40);
      assertEquals(5_000, honest.store().read(SidechainState::multisigBooks).paidHive(), "the four others paid the round");
      assertTrue(restarted.lastBlock() > 230);
      assertEquals(0, c.outbox(bad).sent() + c.outbox(bad).failed(), "the restarted node sent nothing: no signature, no broadcast");
      for (ProducedBlock b : c.devnet.chain().blocks(1, (int) c.devnet.chain().headBlockNumber())) {
        for (BlockTransaction t : b.block().transactions()) {
          assertFalse(t.transaction().operations().stream().anyMatch(op -> op instanceof CustomJsonOperation j
                  && j.id().equals("hivesafe_sig_submit") && j.requiredAuths().contains(bad.name())),
              "node4 never submitted a signature (block " + b.block().number() + ")");
        }
      }
    }
  }
}
