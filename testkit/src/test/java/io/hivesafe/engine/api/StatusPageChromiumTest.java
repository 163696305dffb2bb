package io.hivesafe.engine.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.hivesafe.engine.NodeEvents;
import io.hivesafe.engine.node.AuthorityCheck;
import io.hivesafe.engine.node.CustodyCheck;
import io.hivesafe.engine.node.CustodyReport;
import io.hivesafe.engine.node.SidechainNode;
import io.hivesafe.hive.protocol.Asset;
import io.hivesafe.hive.protocol.AssetSymbol;
import io.hivesafe.hive.protocol.CustomJsonOperation;
import io.hivesafe.hive.protocol.TransferOperation;
import io.hivesafe.hive.rpc.HiveRpcClient;
import io.hivesafe.hive.rpc.RpcConfig;
import io.hivesafe.ops.MultisigTx;
import io.hivesafe.ops.SidechainState;
import io.hivesafe.testkit.cluster.DevnetCluster;
import io.hivesafe.testkit.traffic.TrafficNetwork;
import io.hivesafe.testkit.traffic.TrafficUser;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The status page in a real browser: Debian's chromium, headless, loads the page from a node on the
 * devnet while a multisig round is in flight with signatures counted and a payout queued, runs its
 * script (which polls the API), and what the page then shows — runners, the round's signature count
 * and threshold, the queue's length, the lag, the applied block — equals the API's answers. The chain
 * is not moved meanwhile, so both read the same state. No alarm is in state, and the red alarm banner is
 * hidden; then two signer keys move funds out behind the nodes' backs, and the banner shows the core's
 * alarm (count, kind, block, detail) as {@code /api/alarms} serves it. Also takes a screenshot of the page
 * (target/status-page.png, or where {@code -Dhivesafe.screenshot=FILE} says; docs/status-page.png is
 * one).
 *
 * <p>Needs chromium on the PATH: scripts/test installs it (scripts/install-chromium). Without it this
 * test fails, saying so; it never skips.
 */
class StatusPageChromiumTest {
  private static final long CHROMIUM_SECONDS = 90;

  @TempDir Path dir;

  @Test
  void thePageShowsWhatTheApiSays() throws Exception {
    String chromium = chromium();
    TrafficNetwork net = TrafficNetwork.create(3, 3);
    try (DevnetCluster cluster = new DevnetCluster(net, dir.resolve("nodes"), 21L, b -> b)) {
      cluster.startAll();
      SidechainNode node = cluster.running(cluster.node(0));
      TrafficUser user = net.users().get(1);
      cluster.stepQuiet(3);
      cluster.broadcast(user, new TransferOperation(user.name(), TrafficNetwork.MULTISIG, Asset.of(7_000, AssetSymbol.HIVE), ""));
      cluster.stepQuiet(1);
      cluster.broadcast(user, new CustomJsonOperation(List.of(user.name()), List.of(), "hivesafe_withdraw",
          "{\"amount\":2500,\"asset\":\"HIVE\",\"memo\":\"<b>not html</b>\"}"));
      while (cluster.devnet().chain().properties().lastIrreversibleBlockNum() < 100) {
        cluster.stepQuiet(1);
      }
      cluster.settle();
      // The checks, before the round is signed and broadcast (once it is pending at the API, a check waits for blocks).
      HiveRpcClient rpc = new HiveRpcClient(RpcConfig.withEndpoints(List.of(cluster.devnet().url(0))));
      CustodyCheck custody = new CustodyCheck(net.network(), node.store(), rpc, new NodeEvents());
      AuthorityCheck authority = new AuthorityCheck(net.network(), node.store(), rpc, new NodeEvents());
      CustodyReport checked = custody.check().orElseThrow();
      assertTrue(checked.matches() && authority.check().orElseThrow().matches(), "the chain is as the books and the record say");
      for (int i = 0; i < 20 && counted(node) == 0; i++) {
        cluster.stepInLockstep(1); // until the nodes' signatures are counted; the round stays in flight
      }
      cluster.settle();
      assertTrue(counted(node) > 0, "signatures were counted");
      long irreversible = cluster.devnet().chain().properties().lastIrreversibleBlockNum();
      NodeView view = NodeView.of(node, net.network(), DevnetCluster.NODE_VERSION, Optional.of(custody), Optional.of(authority));
      ApiClient.waitFor("the block source to see irreversible block " + irreversible,
          () -> view.chainTip().map(t -> t.irreversible() == irreversible).orElse(false));

      try (ApiServer server = new ApiServer(new ApiConfig("127.0.0.1", 0, Optional.empty(), 2), view,
          new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), new NodeEvents()).start()) {
        String dom = run(chromium, List.of("--virtual-time-budget=6000", "--dump-dom", server.url().toString()), "dom");
        ApiClient api = new ApiClient(server.url());
        JsonNode status = api.json("/api/status");
        JsonNode runners = api.json("/api/runners");
        JsonNode multisig = api.json("/api/multisig");
        JsonNode payouts = api.json("/api/payouts");

        assertTrue(Integer.parseInt(attribute(dom, "data-updates")) >= 1, "the page's script filled it in from the API");
        assertEquals("", text(dom, "problem"), "no error banner");
        assertEquals(0, api.json("/api/alarms").get("count").asInt());
        assertTrue(hidden(dom, "alarm-banner"), "no alarm in state: no alarm banner");
        assertEquals("matches at " + checked.block(), text(dom, "custody"));
        assertEquals("matches at " + authority.lastReport().orElseThrow().block(), text(dom, "authority"));
        assertEquals("no hold", text(dom, "rotation-hold"));
        assertEquals(status.get("lag").asText(), text(dom, "lag"));
        assertEquals("0", text(dom, "lag"));
        assertEquals(status.get("applied_block").asText(), text(dom, "applied"));
        assertEquals(status.get("chain").get("irreversible").asText(), text(dom, "irreversible"));
        assertEquals(status.get("mode").asText(), text(dom, "mode"));
        assertEquals("node0", text(dom, "account"));

        List<String> shownRunners = new ArrayList<>();
        Matcher rows = Pattern.compile("<tr data-account=\"([^\"]+)\">").matcher(dom);
        while (rows.find()) {
          shownRunners.add(rows.group(1));
        }
        List<String> apiRunners = new ArrayList<>();
        runners.get("runners").forEach(r -> apiRunners.add(r.get("account").asText()));
        assertEquals(apiRunners, shownRunners);
        assertEquals(List.of("node0", "node1", "node2"), shownRunners);

        JsonNode round = multisig.get("round");
        assertTrue(round.isObject(), "a round in flight: " + multisig);
        assertEquals(round.get("counted").asText(), text(dom, "round-counted"));
        long threshold = 0;
        for (JsonNode need : round.get("requirements")) {
          threshold = Math.max(threshold, need.get("threshold").asLong());
        }
        assertEquals(2, threshold, "3 signers: 2 of them");
        assertEquals(Long.toString(threshold), text(dom, "round-threshold"));
        assertEquals(round.get("seq").asText(), text(dom, "round-seq"));
        assertEquals(round.get("counted").asInt(), count(dom, "class=\"signed\""), "one ticked signer per counted signature");

        assertEquals(payouts.get("count").asText(), text(dom, "queue-length"));
        assertEquals("1", text(dom, "queue-length"));
        assertTrue(dom.contains("<td>&lt;b&gt;not html&lt;/b&gt;</td>"), "the memo is shown as text");
        assertTrue(!dom.contains("<b>not html</b>"), "never as HTML");

        Path shot = Path.of(System.getProperty("hivesafe.screenshot", "target/status-page.png")).toAbsolutePath();
        Files.createDirectories(shot.getParent());
        Files.deleteIfExists(shot);
        run(chromium, List.of("--virtual-time-budget=6000", "--hide-scrollbars", "--window-size=1100,1050",
            "--screenshot=" + shot, server.url().toString()), "screenshot");
        byte[] png = Files.readAllBytes(shot);
        assertTrue(png.length > 8 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G', "a PNG at " + shot);
        assertTrue(png.length < 300_000, "small enough for the README: " + png.length + " bytes");

        // Two signer keys take 0.900 HIVE out behind the nodes' backs: the core's alarm, and the page's red banner.
        cluster.broadcastSignedBy(List.of(cluster.node(0).multisigKey(), cluster.node(1).multisigKey()),
            new TransferOperation(TrafficNetwork.MULTISIG, user.name(), Asset.of(900, AssetSymbol.HIVE), "not ours"));
        cluster.stepQuiet(3);
        cluster.settle();
        JsonNode alarms = api.json("/api/alarms");
        assertEquals(1, alarms.get("count").asInt(), alarms.toString());
        JsonNode alarm = alarms.get("alarms").get(0);
        String alarmed = run(chromium, List.of("--virtual-time-budget=6000", "--dump-dom", server.url().toString()), "dom-alarm");
        assertFalse(hidden(alarmed, "alarm-banner"), "an alarm in state: the banner shows");
        assertEquals("1", text(alarmed, "alarm-count"));
        assertEquals("OUTFLOW", text(alarmed, "alarm-kind"));
        assertEquals(alarm.get("block").asText(), text(alarmed, "alarm-block"));
        assertEquals(alarm.get("detail").asText(), text(alarmed, "alarm-detail"));
      } finally {
        custody.close();
        authority.close();
        rpc.close();
      }
    }
  }

  private static int counted(SidechainNode node) {
    return node.store().read(SidechainState::multisigInFlight).map(MultisigTx::signatures).map(java.util.Map::size).orElse(0);
  }

  /** chromium on the PATH, or a failure that says how to install it. */
  private static String chromium() {
    for (String dirName : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      for (String name : new String[] {"chromium", "chromium-browser"}) {
        Path p = Path.of(dirName, name);
        if (Files.isExecutable(p)) {
          return p.toString();
        }
      }
    }
    throw new AssertionError("chromium is not installed, and this test needs it (it never skips): run scripts/install-chromium "
        + "(scripts/test does) or apt-get install chromium");
  }

  /** Runs headless chromium with {@code args}; its standard output, or a failure with its exit code and error output. */
  private String run(String chromium, List<String> args, String what) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check", "--disable-extensions",
        "--user-data-dir=" + dir.resolve("chromium-" + what)));
    command.addAll(args);
    Path out = dir.resolve(what + ".out");
    Path err = dir.resolve(what + ".err");
    Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(CHROMIUM_SECONDS, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("chromium (" + what + ") did not finish in " + CHROMIUM_SECONDS + " s: " + tail(err));
    }
    if (p.exitValue() != 0) {
      throw new AssertionError("chromium (" + what + ") exited " + p.exitValue() + ": " + tail(err));
    }
    return Files.readString(out, StandardCharsets.UTF_8);
  }

  private static String tail(Path file) throws IOException {
    String s = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    return s.length() <= 2_000 ? s : s.substring(s.length() - 2_000);
  }

  /** The text inside the element with {@code id} (no markup inside it on this page). */
  private static String text(String dom, String id) {
    Matcher m = Pattern.compile("<[a-z0-9]+ [^>]*?id=\"" + id + "\"[^>]*>([^<]*)<").matcher(dom);
    if (!m.find()) {
      throw new AssertionError("no element #" + id + " in the page: " + dom);
    }
    return m.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").trim();
  }

  /** Whether the element with {@code id} carries the {@code hidden} attribute. */
  private static boolean hidden(String dom, String id) {
    Matcher m = Pattern.compile("<[a-z0-9]+ [^>]*?id=\"" + id + "\"[^>]*>").matcher(dom);
    if (!m.find()) {
      throw new AssertionError("no element #" + id + " in the page: " + dom);
    }
    return Pattern.compile("\\shidden(=\"[^\"]*\")?[\\s>]").matcher(m.group(0)).find();
  }

  private static String attribute(String dom, String name) {
    Matcher m = Pattern.compile(name + "=\"([^\"]*)\"").matcher(dom);
    if (!m.find()) {
      throw new AssertionError("no " + name + " in the page");
    }
    return m.group(1);
  }

  private static int count(String dom, String needle) {
    int n = 0;
    for (int i = dom.indexOf(needle); i >= 0; i = dom.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }
}
