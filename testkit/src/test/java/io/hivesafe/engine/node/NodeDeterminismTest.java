package io.hivesafe.engine.node;

import io.hivesafe.engine.ReasonText;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivesafe.ops.FeedEntry;
import io.hivesafe.ops.LedgerTotals;
import io.hivesafe.ops.Roster;
import io.hivesafe.ops.SidechainState;
import io.hivesafe.ops.TallyRecord;
import io.hivesafe.testkit.traffic.TrafficNetwork;
import io.hivesafe.testkit.traffic.TrafficNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DESIGN §6 "Determinism": 7 nodes follow one devnet chain over JSON-RPC while seeded traffic from 50
 * users — deposits, sends, locks, unlocks, registrations, proposals, withdrawals, mixed with malformed
 * and hostile ops — fills 2,050 blocks. One node starts 1,000 blocks late; another is stopped mid-run
 * and restarted on its store. Every node holds the same digest after every block, the tallies reach
 * consensus on the reports the nodes post themselves, and no token or pegged unit is created or
 * destroyed.
 */
class NodeDeterminismTest {
  static final long SEED = 20261121L;
  @TempDir Path dir;

  @Test
  void sevenNodesHoldTheSameDigestAfterEveryBlock() throws Exception {
    TrafficNetwork net = TrafficNetwork.create(50, 7);
    try (NodeCluster c = new NodeCluster(net, dir, SEED, b -> b)) {
      for (int i = 0; i < 6; i++) {
        c.start(c.node(i));
      }
      c.step(1_000);
      TrafficNode late = c.node(6);
      c.start(late);
      c.step(300);
      TrafficNode restarted = c.node(5);
      c.stop(restarted);
      long stoppedAt = c.digests.get(restarted.name().value()).keySet().stream().mapToLong(Long::longValue).max().orElseThrow();
      c.step(150);
      c.start(restarted);
      c.step(600);
      long last = c.settle();
      assertTrue(last >= 2_000, "blocks: " + last);

      Map<Long, String> reference = c.digests.get(c.node(0).name().value());
      for (TrafficNode n : net.nodes()) {
        Map<Long, String> mine = c.digests.get(n.name().value());
        for (long b = 1; b <= last; b++) {
          assertNotNull(mine.get(b), n.name() + " committed block " + b);
          assertEquals(reference.get(b), mine.get(b), n.name() + " after block " + b);
        }
      }
      assertTrue(stoppedAt > 1_000 && stoppedAt < last, "the restarted node stopped mid-run, at " + stoppedAt);

      SidechainNode any = c.running(c.node(0));
      LedgerTotals totals = any.store().read(r -> LedgerTotals.of(r, net.network()));
      assertTrue(totals.balanced(), totals.toString());
      assertTrue(totals.hiveIn() > net.network().treasuryHive(), "deposits happened: " + totals);

      TallyRecord tally = any.store().read(SidechainState::lastTally).orElseThrow();
      assertTrue(tally.consensus(), tally.toString());
      assertEquals("reports", tally.headerSource(), "the nodes agreed on the multisig header: " + tally);
      Roster roster = any.store().read(SidechainState::roster);
      assertTrue(roster.runners().contains(late.name().value()), "the late node caught up and rejoined: " + roster);
      for (TrafficNode n : net.nodes()) {
        SidechainNode node = c.running(n);
        assertFalse(node.diverged(), n.name() + " diverged");
        assertTrue(node.canSign(), n.name() + " cannot sign");
      }

      List<FeedEntry> feed = any.store().read(r -> SidechainState.feed(r, 1, 1_000_000));
      long rejected = feed.stream().filter(f -> !f.ok()).count();
      long accepted = feed.stream().filter(FeedEntry::ok).count();
      assertTrue(rejected > 100 && accepted > 1_000, "accepted " + accepted + ", rejected " + rejected);
      for (String kind : List.of("send", "gov_lock", "gov_unlock", "node_add", "withdraw", "deposit", "report", "propose",
          "approve")) {
        assertTrue(feed.stream().anyMatch(f -> f.kind().equals(kind) && f.ok()), "an accepted " + kind);
      }
      for (String reasonStart : List.of("amount must be an integer", "json is not valid JSON",
          "needs the active authority", "sender is not a registered node", "proof is not")) {
        assertTrue(feed.stream().anyMatch(f -> !f.ok() && ReasonText.render(f.reason()).contains(reasonStart)), "a rejection: " + reasonStart);
      }
      assertTrue(c.traffic.admitted() > 3_000, "admitted " + c.traffic.admitted() + ", refused " + c.traffic.refusals());
    }
  }
}
