package io.hivesafe.engine.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivesafe.hive.protocol.Block;
import io.hivesafe.hive.rpc.HiveRpcClient;
import io.hivesafe.hive.rpc.RpcConfig;
import io.hivesafe.ops.Balances;
import io.hivesafe.ops.BlockApplier;
import io.hivesafe.ops.Roster;
import io.hivesafe.ops.SidechainState;
import io.hivesafe.ops.TallyRecord;
import io.hivesafe.state.StateConfig;
import io.hivesafe.state.StateKey;
import io.hivesafe.state.StateStore;
import io.hivesafe.state.StateTransaction;
import io.hivesafe.testkit.traffic.TrafficNetwork;
import io.hivesafe.testkit.traffic.TrafficNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node whose state was changed behind the applier's back (one balance edited in its store) reports
 * a digest nobody else has: at the next tally it is out of consensus, knows it (diverged, refuses to
 * sign) and the others elect without it.
 */
class TamperedNodeTest {
  @TempDir Path dir;

  @Test
  void aTamperedNodeIsOutOfConsensusRefusesToSignAndIsVotedOut() throws Exception {
    TrafficNetwork net = TrafficNetwork.create(20, 5);
    try (NodeCluster c = new NodeCluster(net, dir, 7L, b -> b)) {
      c.startAll();
      c.step(120);
      c.settle();
      TrafficNode bad = c.node(4);
      c.stop(bad);
      try (StateStore store = StateStore.open(StateConfig.of(dir.resolve(bad.name().value())));
          HiveRpcClient client = new HiveRpcClient(RpcConfig.withEndpoints(List.of(c.devnet.url(0))))) {
        long next = store.lastBlock().getAsLong() + 1;
        Block block = client.getBlock(next).orElseThrow();
        try (StateTransaction tx = store.begin(next)) {
          new BlockApplier(net.network(), NodeCluster.CRYPTO).apply(tx, block);
          tx.put(StateKey.of("acct/mallory"), new Balances(1_000_000, 0, 0, 0, 0), Balances.CODEC);
          tx.commit();
        }
      }
      SidechainNode tampered = c.start(bad);
      c.step(130);
      c.settle();
      SidechainNode honest = c.running(c.node(0));
      TallyRecord tally = honest.store().read(SidechainState::lastTally).orElseThrow();
      assertEquals(200, tally.block());
      assertTrue(tally.consensus(), tally.toString());
      assertEquals(4, tally.runnersAgreeing(), tally.toString());
      assertNotEquals(honest.store().digest(), tampered.store().digest());
      assertTrue(tampered.diverged(), "the tampered node knows it diverged");
      assertFalse(tampered.canSign(), "and refuses to sign");
      assertFalse(honest.diverged());
      Roster roster = honest.store().read(SidechainState::roster);
      assertFalse(roster.runners().contains(bad.name().value()), roster.toString());
      assertEquals(4, roster.runners().size(), roster.toString());
    }
  }
}
