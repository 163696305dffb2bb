package io.hivesafe.engine.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hivesafe.engine.api.ApiConfig;
import io.hivesafe.engine.api.ApiServer;
import io.hivesafe.engine.api.NodeView;
import io.hivesafe.engine.metrics.RcMetrics;
import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.protocol.Asset;
import io.hivesafe.hive.protocol.AssetSymbol;
import io.hivesafe.hive.protocol.CustomJsonOperation;
import io.hivesafe.hive.protocol.TransferOperation;
import io.hivesafe.ops.MultisigTx;
import io.hivesafe.ops.SidechainState;
import io.hivesafe.ops.TallyRecord;
import io.hivesafe.testkit.traffic.TrafficNetwork;
import io.hivesafe.testkit.traffic.TrafficNode;
import io.hivesafe.testkit.traffic.TrafficUser;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resource credits end to end on the devnet, three nodes in lockstep: a node whose account runs out of
 * RC surfaces it (the refusal line once, the low line once, the metrics, /api/status) and recovers when
 * its mana returns (its held report lands and counts); the multisig account out of RC delays a round
 * without losing it (broadcasts refused and held, the round open and unreturned, recasts going on), and
 * when its mana returns the payout lands exactly once.
 */
class ResourceCreditsEndToEndTest {
  /** max_rc of a drained account: it regenerates 10^6 RC a second, 3 × 10^6 a block — a report costs about 500 × 10^6. */
  private static final long SMALL_MAX = 432_000_000_000L;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private static void lockstepTo(NodeCluster c, long irreversible) throws InterruptedException {
    while (c.devnet.chain().properties().lastIrreversibleBlockNum() < irreversible) {
      c.stepInLockstep(1);
    }
  }

  private static JsonNode get(URI url) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    return JSON.readTree(r.body());
  }

  private static String scrape(URI url) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
  }

  @Test
  void aNodeOutOfRcSurfacesItAndItsReportLandsWhenManaReturns() throws Exception {
    TrafficNetwork net = TrafficNetwork.create(3, 3);
    try (NodeCluster c = new NodeCluster(net, dir, 31L, b -> b)) {
      TrafficNode node1 = c.node(1);
      AccountName name1 = node1.name();
      LoggedEvents log = new LoggedEvents();
      c.start(c.node(0));
      c.start(node1, log.events);
      c.start(c.node(2));
      lockstepTo(c, 40);
      c.devnet.chain().setRc(name1, SMALL_MAX, 0);
      lockstepTo(c, 56); // node1 sent its report for block 50 after committing it: refused
      Outbox outbox = c.outbox(node1);
      RcCheck rc = c.rcCheck(node1);
      assertTrue(outbox.rcRefusals(RcRole.NODE) >= 1, "refused");
      assertEquals(1, outbox.rcHeld(RcRole.NODE), "held, not dropped");
      assertEquals(0, outbox.failed());
      assertEquals(1, log.with("node account node1 is out of resource credits: hived refused report for block 50").size(), log.lines().toString());

      rc.check();
      RcReading reading = rc.last(RcRole.NODE).orElseThrow();
      assertTrue(reading.low(), reading.toString());
      assertEquals(1, log.with("resource credits LOW: node account node1").size(), log.lines().toString());
      assertFalse(rc.last(RcRole.MULTISIG).orElseThrow().low(), "the multisig account is full");

      PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      RcMetrics.register(metrics, rc, Optional.of(outbox));
      NodeView view = NodeView.of(c.running(node1), net.network(), "test", Optional.empty(), Optional.empty(), Optional.of(rc));
      try (ApiServer api = new ApiServer(new ApiConfig("127.0.0.1", 0, Optional.empty(), 2), view, metrics, log.events)) {
        api.start();
        JsonNode status = get(api.url().resolve("/api/status")).get("resource_credits");
        assertEquals("node1", status.at("/node/account").asText());
        assertTrue(status.at("/node/low").asBoolean(), status.toString());
        assertEquals(1, status.at("/node/held").asInt(), status.toString());
        assertTrue(status.at("/node/refusals").asLong() >= 1, status.toString());
        assertEquals(reading.mana(), status.at("/node/mana").asLong());
        assertEquals(SMALL_MAX, status.at("/node/max_rc").asLong());
        assertFalse(status.at("/multisig/low").asBoolean(), status.toString());
        String scrape = scrape(api.url().resolve("/metrics"));
        assertTrue(scrape.contains("hivesafe_rc_percent{account=\"node1\",role=\"node\"} 0.0"), scrape);
        assertTrue(scrape.contains("hivesafe_rc_max{account=\"node1\",role=\"node\"} " + (double) SMALL_MAX), scrape);
        assertTrue(scrape.contains("hivesafe_rc_refusals_total{role=\"node\"} "), scrape);
        assertTrue(scrape.contains("hivesafe_rc_percent{account=\"" + TrafficNetwork.MULTISIG.value() + "\",role=\"multisig\"} 100.0"), scrape);
      }

      lockstepTo(c, 66); // the report is sent again (a fresh transaction): refused too, counted, not logged again
      rc.check();
      assertEquals(1, log.with("is out of resource credits").size(), log.lines().toString());
      assertEquals(1, log.with("resource credits LOW").size(), "one line per crossing, not per reading");

      c.devnet.chain().setRc(name1, SMALL_MAX, SMALL_MAX); // mana returns
      rc.check();
      assertEquals(1, log.with("node account node1 is no longer low").size(), log.lines().toString());
      lockstepTo(c, 70);
      assertEquals(0, outbox.rcHeld(RcRole.NODE), "sent again");
      assertEquals(1, log.with("node account node1 has resource credits again").size(), log.lines().toString());
      SidechainNode node0 = c.running(c.node(0));
      assertTrue(node0.store().read(r -> SidechainState.reports(r, 50)).stream().anyMatch(rep -> rep.account().equals("node1")),
          "node1's held report for block 50 landed in its window");
      lockstepTo(c, 100);
      TallyRecord tally = node0.store().read(SidechainState::lastTally).orElseThrow();
      assertEquals(3, tally.reports(), tally.toString());
      assertEquals(0, node0.store().read(r -> SidechainState.node(r, "node1")).orElseThrow().missed(), "node1 missed nothing");
    }
  }

  @Test
  void theMultisigAccountOutOfRcDelaysARoundWithoutLosingIt() throws Exception {
    TrafficNetwork net = TrafficNetwork.create(3, 3);
    try (NodeCluster c = new NodeCluster(net, dir, 32L, b -> b)) {
      AccountName ms = TrafficNetwork.MULTISIG;
      c.startAll();
      c.stepQuiet(3);
      TrafficUser user = net.users().get(0);
      c.broadcast(user, new TransferOperation(user.name(), ms, Asset.of(5_000, AssetSymbol.HIVE), ""));
      c.stepQuiet(1);
      c.broadcast(user, new CustomJsonOperation(List.of(user.name()), List.of(), "hivesafe_withdraw",
          "{\"amount\":5000,\"asset\":\"HIVE\"}"));
      lockstepTo(c, 90);
      c.devnet.chain().setRc(ms, SMALL_MAX, 0);
      long recast = c.running(c.node(0)).store().read(SidechainState::params).recastInterval();
      lockstepTo(c, 100 + 2 * recast + 10); // the round is built at 100, ready soon after, recast twice
      SidechainNode node0 = c.running(c.node(0));
      MultisigTx round = node0.store().read(SidechainState::multisigInFlight).orElseThrow();
      assertTrue(round.ready(), round.toString());
      assertTrue(round.attempt() >= 2, "recasts go on per chrono: " + round);
      assertEquals(List.of(), c.transfersOutOfMultisig(), "nothing paid while the account has no RC");
      assertEquals(0, node0.store().read(SidechainState::multisigBooks).paidHive());
      assertTrue(node0.store().read(SidechainState::payouts).stream().allMatch(p -> p.strikes() == 0), "no payout struck or returned");
      long refusals = 0;
      long held = 0;
      for (TrafficNode n : net.nodes()) {
        refusals += c.outbox(n).rcRefusals(RcRole.MULTISIG);
        held += c.outbox(n).rcHeld(RcRole.MULTISIG);
        assertEquals(0, c.outbox(n).rcRefusals(RcRole.NODE), "the nodes' own accounts are fine");
        assertTrue(c.rcCheck(n).check().stream().anyMatch(r -> r.role() == RcRole.MULTISIG && r.low()), "low on every node");
      }
      assertTrue(refusals >= 3, "the broadcast and both recasts were refused: " + refusals);
      assertTrue(held >= 1, "and held");

      c.devnet.chain().setRc(ms, SMALL_MAX, SMALL_MAX); // mana returns
      for (TrafficNode n : net.nodes()) {
        c.rcCheck(n).check(); // each node sends what it held again; the first lands, the others are duplicates
      }
      long now = c.devnet.chain().properties().lastIrreversibleBlockNum();
      lockstepTo(c, now + 10);
      assertEquals(List.of(user.name().value() + " 5000 HIVE"), c.transfersOutOfMultisig(), "paid exactly once");
      assertEquals(5_000, node0.store().read(SidechainState::multisigBooks).paidHive());
      assertEquals(round.seq(), node0.store().read(SidechainState::paidRounds).get(0).seq(), "by the round that waited");
      for (TrafficNode n : net.nodes()) {
        assertEquals(0, c.outbox(n).rcHeld(RcRole.MULTISIG));
        assertEquals(0, c.outbox(n).failed(), "nothing given up");
      }
    }
  }
}
