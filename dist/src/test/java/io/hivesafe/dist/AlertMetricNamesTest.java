package io.hivesafe.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.hivesafe.devnet.Devnet;
import io.hivesafe.engine.NodeEvents;
import io.hivesafe.engine.config.NodeConfigFile;
import io.hivesafe.engine.service.NodeController;
import io.hivesafe.ops.NetworkGenesisFile;
import io.hivesafe.testkit.traffic.TrafficNetwork;
import io.hivesafe.testkit.traffic.TrafficNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every metric deploy/prometheus/alerts.yml and deploy/grafana/hivesafe.json use is one a real node
 * exports: a signing node started as {@code hivesafe run} starts it ({@link NodeController}) on a
 * devnet, with a dead API endpoint first so that its lazily made RPC error counter exists too, scraped
 * at /metrics. A renamed or dropped metric fails the build here, not on an operator's quiet pager.
 */
class AlertMetricNamesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Pattern METRIC = Pattern.compile("\\b(hivesafe_[a-z0-9_]+)");
  private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]", Pattern.MULTILINE);

  @TempDir Path dir;

  private static Set<String> metricsIn(String promql) {
    Set<String> names = new TreeSet<>();
    Matcher m = METRIC.matcher(promql);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  /** The hivesafe_ metrics in every alert's expression. */
  static Set<String> usedByTheAlerts() throws IOException {
    Set<String> names = new TreeSet<>();
    for (JsonNode group : YAML.readTree(RepoFiles.alerts().toFile()).get("groups")) {
      for (JsonNode rule : group.get("rules")) {
        names.addAll(metricsIn(rule.get("expr").asText()));
      }
    }
    return names;
  }

  /** The hivesafe_ metrics in every panel's queries and the dashboard's variables. */
  static Set<String> usedByTheDashboard() throws IOException {
    Set<String> names = new TreeSet<>();
    JsonNode dashboard = JSON.readTree(RepoFiles.dashboard().toFile());
    for (JsonNode panel : dashboard.get("panels")) {
      for (JsonNode target : panel.path("targets")) {
        names.addAll(metricsIn(target.get("expr").asText()));
      }
    }
    for (JsonNode variable : dashboard.get("templating").get("list")) {
      names.addAll(metricsIn(variable.path("definition").asText()));
    }
    return names;
  }

  private static String scrape(URI metrics) throws IOException, InterruptedException {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    return r.body();
  }

  /** The names of the samples a real signing node serves at /metrics once it applied blocks and met a dead endpoint. */
  private Set<String> exportedByARealNode() throws Exception {
    TrafficNetwork net = TrafficNetwork.create(2, 1);
    TrafficNode node = net.nodes().get(0);
    try (Devnet devnet = Devnet.start(net.devnetConfig(), Duration.ofMillis(100), 0)) {
      Files.write(dir.resolve("genesis.json"), NetworkGenesisFile.write(net.network()));
      ObjectNode config = JSON.createObjectNode().put("genesis", "genesis.json").put("data", "data").put("account", node.name().value());
      // Port 9 (discard) refuses connections at once: the first call fails over, counted as an RPC error.
      config.putObject("api").putArray("endpoints").add("http://127.0.0.1:9").add(devnet.url(0).toString());
      config.putObject("source").put("poll_ms", 50);
      config.putObject("http").put("port", 0);
      ObjectNode keys = config.putObject("keys");
      keys.putObject("active").put("env", "NODE_ACTIVE");
      keys.putObject("multisig").put("env", "NODE_MULTISIG");
      Map<String, String> env = Map.of("NODE_ACTIVE", node.user().activeKey().toWif(), "NODE_MULTISIG", node.multisigKey().toWif());
      try (NodeController controller = NodeController.create(NodeConfigFile.parse(JSON.writeValueAsBytes(config), dir), env,
          new NodeEvents(), "test")) {
        controller.start();
        URI metrics = controller.api().url().resolve("/metrics");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String text = scrape(metrics);
        while (!(text.contains("hivesafe_rpc_errors_total{") && controller.node().lastBlock() >= 5) && System.nanoTime() < deadline) {
          Thread.sleep(100);
          text = scrape(metrics);
        }
        assertTrue(controller.node().lastBlock() >= 5, "the node applied blocks: " + controller.node().lastBlock());
        Set<String> names = new TreeSet<>();
        Matcher m = SAMPLE.matcher(text);
        while (m.find()) {
          names.add(m.group(1));
        }
        assertTrue(names.contains("hivesafe_rpc_errors_total"), "the dead endpoint's error was counted: " + names);
        assertTrue(names.contains("hivesafe_outbox_pending"), "a signing node's outbox meters: " + names);
        return names;
      }
    }
  }

  @Test
  void everyMetricTheAlertsAndTheDashboardUseIsOneARealNodeExports() throws Exception {
    Set<String> alerts = usedByTheAlerts();
    Set<String> dashboard = usedByTheDashboard();
    assertTrue(alerts.size() >= 20 && dashboard.size() >= 20, "the files were read: " + alerts + dashboard);
    Set<String> exported = exportedByARealNode();

    Set<String> unknown = new TreeSet<>(alerts);
    unknown.addAll(dashboard);
    unknown.removeAll(exported);
    assertEquals(Set.of(), unknown, "used by deploy/prometheus/alerts.yml or deploy/grafana/hivesafe.json but not exported "
        + "by the node (renamed? dropped?); the node exports " + exported);
  }
}
