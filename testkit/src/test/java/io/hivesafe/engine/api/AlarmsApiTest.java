package io.hivesafe.engine.api;

import io.hivesafe.engine.ReasonText;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.hivesafe.engine.NodeEvents;
import io.hivesafe.engine.metrics.NodeMetrics;
import io.hivesafe.engine.node.SidechainNode;
import io.hivesafe.hive.crypto.PrivateKey;
import io.hivesafe.hive.protocol.AccountUpdateOperation;
import io.hivesafe.hive.protocol.Asset;
import io.hivesafe.hive.protocol.AssetSymbol;
import io.hivesafe.hive.protocol.Authority;
import io.hivesafe.hive.protocol.CustomJsonOperation;
import io.hivesafe.hive.protocol.TransferOperation;
import io.hivesafe.ops.Alarm;
import io.hivesafe.ops.AlarmKind;
import io.hivesafe.ops.SidechainState;
import io.hivesafe.testkit.cluster.DevnetCluster;
import io.hivesafe.testkit.traffic.TrafficNetwork;
import io.hivesafe.testkit.traffic.TrafficUser;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/alarms} and {@code hivesafe_alarms_total} with alarms the core raised on the devnet:
 * two of the three signer keys take two transfers out of the multisig account in one transaction, send a
 * confirmation marker for a round that was never built, and lower the active threshold. Every alarm in
 * state is served once, newest first, typed, with every page size; the counters count them by kind.
 */
class AlarmsApiTest {
  @TempDir Path dir;

  @Test
  void theAlarmsInStateArePagedNewestFirstAndCountedByKind() throws Exception {
    TrafficNetwork net = TrafficNetwork.create(3, 3);
    try (DevnetCluster c = new DevnetCluster(net, dir, 13L, b -> b)) {
      c.startAll();
      SidechainNode node = c.running(c.node(0));
      PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      NodeView view = NodeView.of(node, net.network(), DevnetCluster.NODE_VERSION, Optional.empty());
      new NodeMetrics(registry, node, view);
      c.stepQuiet(3);
      TrafficUser user = net.users().get(0);
      List<PrivateKey> two = List.of(c.node(0).multisigKey(), c.node(2).multisigKey());
      c.broadcastSignedBy(two, new TransferOperation(TrafficNetwork.MULTISIG, user.name(), Asset.of(1_500, AssetSymbol.HIVE), "a"),
          new TransferOperation(TrafficNetwork.MULTISIG, user.name(), Asset.of(250, AssetSymbol.HBD), "b"));
      c.stepQuiet(1);
      c.broadcastSignedBy(two, new CustomJsonOperation(List.of(TrafficNetwork.MULTISIG), List.of(),
          TrafficNetwork.PREFIX + "ms_signed", "{\"seq\":42}"));
      c.stepQuiet(1);
      Authority a = net.network().active();
      c.broadcastSignedBy(two, new AccountUpdateOperation(TrafficNetwork.MULTISIG, Optional.empty(),
          Optional.of(new Authority(1, a.accountAuths(), a.keyAuths())), Optional.empty(), Optional.empty(), ""));
      c.stepQuiet(4);
      DevnetCluster.awaitBlock(node, c.settle());

      List<Alarm> inState = node.store().read(r -> SidechainState.alarms(r, 0, 1_000));
      TreeMap<AlarmKind, Integer> byKind = new TreeMap<>();
      inState.forEach(x -> byKind.merge(x.kind(), 1, Integer::sum));
      assertEquals(2, byKind.get(AlarmKind.OUTFLOW), inState.toString());
      assertEquals(1, byKind.get(AlarmKind.STRAY_CONFIRMATION), inState.toString());
      assertEquals(1, byKind.get(AlarmKind.AUTHORITY_CHANGE), inState.toString());

      try (ApiServer server = new ApiServer(new ApiConfig("127.0.0.1", 0, Optional.empty(), 2), view, registry,
          new NodeEvents()).start()) {
        ApiClient api = new ApiClient(server.url());
        JsonNode first = api.json("/api/alarms?limit=2");
        System.out.println("GET /api/alarms?limit=2 → " + first);
        assertEquals(inState.size(), first.get("count").asLong());
        for (int limit : new int[] {1, 2, 3, 50}) {
          List<JsonNode> walked = new ArrayList<>();
          String url = "/api/alarms?limit=" + limit;
          while (url != null) {
            JsonNode page = api.json(url);
            page.get("alarms").forEach(walked::add);
            url = page.get("next").isNull() ? null : page.get("next").get("url").asText();
          }
          assertEquals(inState.size(), walked.size(), "limit " + limit);
          for (int i = 0; i < inState.size(); i++) {
            Alarm want = inState.get(inState.size() - 1 - i);
            JsonNode got = walked.get(i);
            assertEquals(want.kind().name(), got.get("kind").asText());
            assertEquals(want.block(), got.get("block").asLong());
            assertEquals(want.index(), got.get("index").asLong());
            assertEquals(want.tx(), got.get("tx").asText());
            assertEquals(want.op(), got.get("op").asLong());
            assertEquals(want.account(), got.get("account").asText());
            assertEquals(want.operation(), got.get("operation").asText());
            assertEquals(want.hive(), got.get("hive").asLong());
            assertEquals(want.hbd(), got.get("hbd").asLong());
            assertEquals(want.round(), got.get("round").asLong());
            assertEquals(ReasonText.render(want.reason()), got.get("detail").asText());
          }
        }
        JsonNode newest = first.get("alarms").get(0);
        assertEquals("AUTHORITY_CHANGE", newest.get("kind").asText(), "newest first");
        JsonNode outflows = api.json("/api/alarms?before_block=" + newest.get("block").asLong());
        List<String> kinds = new ArrayList<>();
        outflows.get("alarms").forEach(x -> kinds.add(x.get("kind").asText() + ":" + x.get("hive").asLong() + ":" + x.get("hbd").asLong()));
        assertTrue(kinds.containsAll(List.of("OUTFLOW:1500:0", "OUTFLOW:0:250")), kinds.toString());
        assertEquals(42, outflows.get("alarms").get(0).get("round").asLong(), "the stray marker names round 42");

        Exposition metrics = new Exposition(api.get("/metrics").text());
        for (AlarmKind kind : AlarmKind.values()) {
          assertEquals(byKind.getOrDefault(kind, 0), (int) metrics.value("hivesafe_alarms_total", "kind", kind.name()), kind.name());
        }
      }
    }
  }
}
