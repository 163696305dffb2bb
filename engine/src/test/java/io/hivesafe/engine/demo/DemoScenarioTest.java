package io.hivesafe.engine.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivesafe.engine.traffic.TrafficNetwork;
import io.hivesafe.hive.protocol.Authority;
import io.hivesafe.ops.MultisigAuthority;
import io.hivesafe.ops.SidechainState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's story runs to its end and its timeline shows each promised event, in order. */
class DemoScenarioTest {
  @TempDir Path dir;

  private static Timeline.Event first(List<Timeline.Event> events, String kind, String text, long after) {
    return events.stream().filter(e -> e.kind().equals(kind) && e.text().contains(text) && e.block() > after).findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " \"" + text + "\" after block " + after + " in " + events));
  }

  @Test
  void theStoryShowsADepositAPayoutATreasuryGrantARecastAndARotation() throws Exception {
    List<String> printed = Collections.synchronizedList(new ArrayList<>());
    try (DemoScenario demo = new DemoScenario(dir, printed::add)) {
      assertTrue(demo.run(), "ran to its end");
      List<Timeline.Event> events = demo.events();
      Timeline.Event deposit = first(events, "deposit", "user0: deposited 50000 HIVE", 0);
      Timeline.Event paid = first(events, "payout", "paid 12345 HIVE to user0", deposit.block());
      Timeline.Event grant = first(events, "payout", "paid 2500 HIVE to user2", deposit.block());
      assertEquals(paid.block(), grant.block(), "one batch pays the withdrawal and the treasury grant");
      Timeline.Event ready = first(events, "ready", "ready to broadcast", 200);
      Timeline.Event recast = first(events, "recast", "broadcast attempt 2", ready.block());
      assertEquals(ready.block() + 30, recast.block(), "recast one interval after ready");
      Timeline.Event hbd = first(events, "payout", "paid 5000 HBD to user1", recast.block());
      Timeline.Event rotated = first(events, "authority", "", hbd.block());
      first(events, "confirmed", "(rotation", rotated.block() - 1);
      assertEquals(1, events.stream().filter(e -> e.text().contains("paid 12345 HIVE")).count(), "paid once");
      assertTrue(events.stream().noneMatch(e -> e.kind().equals("alarm")), events.toString());

      MultisigAuthority books = demo.cluster().running(demo.cluster().node(1)).store().read(SidechainState::authority);
      assertEquals(3, books.keys().size());
      Authority onChain = demo.cluster().devnet().chain().account(TrafficNetwork.MULTISIG).orElseThrow().active();
      TreeSet<String> chainKeys = new TreeSet<>();
      for (Authority.KeyWeight k : onChain.keyAuths()) {
        chainKeys.add(k.key().toString());
      }
      assertEquals(new TreeSet<>(books.keys()), chainKeys, "the devnet's authority is the recorded one");
      TreeSet<String> expected = new TreeSet<>();
      for (int i = 1; i <= 3; i++) {
        expected.add(demo.cluster().node(i).multisigKey().publicKey().toString());
      }
      assertEquals(expected, chainKeys, "the three nodes still running");
      assertEquals(2, onChain.weightThreshold());
      assertTrue(printed.stream().anyMatch(l -> l.contains("node0 is down")), printed.toString());
    }
  }
}
