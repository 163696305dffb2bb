package io.hivesafe.testkit.traffic;

import io.hivesafe.engine.node.NodeReport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivesafe.devnet.ChainAccount;
import io.hivesafe.devnet.DevnetChain;
import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.protocol.Authority;
import io.hivesafe.hive.protocol.BlockId;
import io.hivesafe.hive.protocol.CustomJsonOperation;
import io.hivesafe.hive.protocol.Operation;
import io.hivesafe.ops.NetworkGenesis;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class TrafficGeneratorTest {
  static final TrafficNetwork NET = TrafficNetwork.create(50, 7);
  static final String DIGEST = "ab".repeat(32);

  /** Signed bytes and id of every transaction of {@code blocks} blocks. */
  private static List<String> record(long seed, int blocks) {
    DevnetTraffic traffic = new DevnetTraffic(new DevnetChain(NET.devnetConfig()),
        NET.generator(seed).reports((node, block) -> Optional.of(DIGEST)).build());
    List<String> out = new ArrayList<>();
    for (int b = 0; b < blocks; b++) {
      traffic.step();
      for (TrafficTransaction tx : traffic.lastTransactions()) {
        out.add(tx.id().toHex() + " " + HexFormat.of().formatHex(tx.signedBytes()));
      }
    }
    assertEquals(0, traffic.refused(), traffic.refusals().toString());
    return out;
  }

  @Test
  void sameSeedGivesTheSameTransactions_seed7() {
    List<String> first = record(7, 150);
    assertTrue(first.size() > 300, first.size() + " transactions");
    assertEquals(first, record(7, 150));
  }

  @Test
  void anotherSeedGivesOtherTransactions_seed7_seed8() {
    assertNotEquals(record(7, 20), record(8, 20));
  }

  @Test
  void burstsStayWithinHivedsLimitsAndAreAdmitted_seed3() {
    TrafficMix bursts = TrafficMix.busy().withShape(0.1, 4, 0.6, 40, 120);
    DevnetTraffic traffic = new DevnetTraffic(new DevnetChain(NET.devnetConfig()), NET.generator(3).mix(bursts).build());
    int largest = 0;
    for (int b = 0; b < 150; b++) {
      traffic.step();
      TreeMap<AccountName, Integer> customOps = new TreeMap<>();
      int bytes = 0;
      for (TrafficTransaction tx : traffic.lastTransactions()) {
        bytes += tx.signedBytes().length;
        for (Operation op : tx.transaction().operations()) {
          if (op instanceof CustomJsonOperation c) {
            assertTrue(c.json().getBytes(StandardCharsets.UTF_8).length <= 8_192, "json of " + c.json().length());
            assertTrue(c.id().getBytes(StandardCharsets.UTF_8).length <= 32, c.id());
            c.requiredAuths().forEach(a -> customOps.merge(a, 1, Integer::sum));
            c.requiredPostingAuths().forEach(a -> customOps.merge(a, 1, Integer::sum));
          }
        }
      }
      largest = Math.max(largest, traffic.lastTransactions().size());
      assertTrue(bytes <= bursts.maxBlockBytes(), "block of " + bytes + " bytes");
      customOps.forEach((a, n) -> assertTrue(n <= 5, a + " signed " + n + " custom_json in one block"));
      assertEquals(0, traffic.chain().pendingCount(), "nothing spills into the next block");
    }
    assertTrue(largest >= 40, "largest block: " + largest + " transactions");
    assertEquals(0, traffic.refused(), traffic.refusals().toString());
  }

  @Test
  void theNetworkGenesisMatchesTheDevnetGenesis() {
    DevnetChain chain = new DevnetChain(NET.devnetConfig());
    NetworkGenesis g = NET.network();
    ChainAccount multisig = chain.account(g.multisigAccount()).orElseThrow();
    assertEquals(g.active(), multisig.active());
    assertEquals(g.owner(), multisig.owner());
    assertEquals(g.treasuryHive(), multisig.hive().amount());
    assertEquals(g.treasuryHbd(), multisig.hbd().amount());
    assertEquals(7, g.nodes().size());
    assertEquals(45 + 7, g.allocations().size(), "the last 5 users hold nothing");
    for (TrafficUser u : NET.users()) {
      ChainAccount a = chain.account(u.name()).orElseThrow();
      assertEquals(u.activeKey().publicKey(), a.active().keyAuths().get(0).key());
      assertEquals(u.postingKey().publicKey(), a.posting().keyAuths().get(0).key());
      assertEquals(u.hive(), a.hive().amount());
    }
    for (TrafficNode n : NET.nodes()) {
      assertTrue(g.nodes().stream().anyMatch(gn -> gn.account().equals(n.name()) && gn.key().equals(n.multisigKey().publicKey())));
    }
    assertEquals(g, TrafficNetwork.create(50, 7).network(), "the same network every time");
  }

  @Test
  void aNodeReportHasTheShapeTheReportOpReads() {
    byte[] id = new byte[20];
    id[3] = (byte) 150;
    id[4] = 1;
    id[5] = 2;
    ChainHead head = new ChainHead(150, BlockId.fromBytes(id), Instant.parse("2026-01-01T00:07:30Z"));
    NodeReport report = NodeReport.proposal(NET.network(), 3_000, head.id(), head.time(), DIGEST);
    assertEquals("{\"block\":150,\"hash\":\"" + DIGEST + "\",\"ms\":{\"ref_block_num\":150,\"ref_block_prefix\":513,"
        + "\"expiration\":\"2026-01-01T01:00:00\"},\"version\":\"hivesafe/0.1\"}", report.json());
    CustomJsonOperation op = report.operation(NET.network(), AccountName.of("node0"));
    assertEquals("hivesafe_report", op.id());
    assertEquals(List.of(AccountName.of("node0")), op.requiredAuths());
    assertThrows(IllegalArgumentException.class, () -> NodeReport.proposal(NET.network(), 3_000,
        BlockId.fromBytes(new byte[] {0, 0, 0, (byte) 151, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}),
        head.time(), DIGEST), "151 is no report block");
    assertThrows(IllegalArgumentException.class, () -> new NodeReport(150, "AB".repeat(32), 1, 1, head.time(), "v"));
  }

  @Test
  void aMixWithBadSettingsIsRefusedNamingTheSetting() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrafficMix.busy().withShape(1.5, 4, 0, 1, 1));
    assertTrue(e.getMessage().startsWith("idleShare"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> TrafficMix.busy().withWeight(TrafficKind.REPORT, 1));
    assertTrue(e.getMessage().startsWith("weights.REPORT"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> TrafficMix.busy().withShape(0.5, 4, 0.1, 10, 5));
    assertTrue(e.getMessage().startsWith("burstMin"), e.getMessage());
  }

  @Test
  void headsMustMoveForward() {
    TrafficGenerator g = NET.generator(1).build();
    DevnetChain chain = new DevnetChain(NET.devnetConfig());
    g.nextBlock(ChainHead.of(chain.head()));
    assertThrows(IllegalArgumentException.class, () -> g.nextBlock(ChainHead.of(chain.head())));
  }
}
