package io.hivesafe.dist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release archive as an operator meets it: unpacked with tar into an empty directory, it holds the
 * launcher, the product jar and nothing of the test kit, the examples {@code hivesafe init} writes, the
 * unit and the alerting; the launcher works from any directory and through symlinks, passes
 * HIVESAFE_JAVA_OPTS (default -Xmx512m) and refuses a missing or old java; and {@code bin/hivesafe}
 * runs a devnet, {@code init}, and a follower node that applies the devnet's blocks and stops on SIGTERM
 * with its store closed cleanly.
 */
class ReleaseArchiveIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String MAIN = "io.hivesafe.engine.cli.HivesafeCommand";

  @TempDir static Path unpacked;
  @TempDir Path dir;

  private static ReleaseArchive archive;
  private static Path home;

  @BeforeAll
  static void unpack() throws Exception {
    archive = ReleaseArchive.fromBuild();
    home = archive.unpackInto(unpacked);
  }

  private static String launcher() {
    return home.resolve("bin/hivesafe").toString();
  }

  @Test
  void theArchiveHoldsTheLauncherTheProductJarTheUnitTheExamplesAndTheAlerting() throws Exception {
    Set<String> files = new TreeSet<>();
    try (Stream<Path> walk = Files.walk(home)) {
      walk.filter(Files::isRegularFile).forEach(f -> files.add(home.relativize(f).toString()));
    }
    assertEquals(new TreeSet<>(List.of("README-operators.md", "bin/hivesafe", "lib/hivesafe.jar", "systemd/hivesafe.service",
        "examples/hivesafe.json", "examples/genesis.json", "deploy/prometheus/alerts.yml", "deploy/prometheus/prometheus.yml",
        "deploy/grafana/hivesafe.json")), files);
    assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("bin/hivesafe"))));
    assertArrayEquals(Files.readAllBytes(archive.repo().resolve("engine/target/hivesafe.jar")),
        Files.readAllBytes(home.resolve("lib/hivesafe.jar")), "lib/ holds the product jar itself");
    try (JarFile jar = new JarFile(home.resolve("lib/hivesafe.jar").toFile())) {
      List<String> foreign = new ArrayList<>();
      boolean main = false;
      for (JarEntry e : java.util.Collections.list(jar.entries())) {
        main |= e.getName().equals(MAIN.replace('.', '/') + ".class");
        if (e.getName().startsWith("io/hivesafe/testkit/") || e.getName().startsWith("io/hivesafe/sim/")
            || e.getName().startsWith("io/hivesafe/bench/")) {
          foreign.add(e.getName());
        }
      }
      assertTrue(main, "the launcher's main class is in the jar");
      assertEquals(List.of(), foreign, "nothing of the test kit, the simulator or the benchmarks");
    }
    for (String name : List.of("hivesafe.json", "genesis.json")) {
      assertArrayEquals(Files.readAllBytes(archive.repo().resolve("engine/src/main/resources/init/" + name)),
          Files.readAllBytes(home.resolve("examples/" + name)), "examples/" + name + " is what hivesafe init writes");
    }
    for (String name : List.of("prometheus/alerts.yml", "prometheus/prometheus.yml", "grafana/hivesafe.json")) {
      assertArrayEquals(Files.readAllBytes(archive.repo().resolve("deploy/" + name)), Files.readAllBytes(home.resolve("deploy/" + name)));
    }
  }

  @Test
  void theLauncherRunsFromAnyDirectoryAndThroughSymlinks() throws Exception {
    Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
    assertEquals("hivesafe 0.1.0\n", CommandRun.of(elsewhere, List.of(launcher(), "--version")).ok().out());
    // As installed: /opt/hivesafe a symlink to the versioned directory, /usr/local/bin/hivesafe a
    // relative symlink to a symlink to the launcher.
    Path opt = Files.createSymbolicLink(dir.resolve("opt-hivesafe"), home);
    Path bin = Files.createDirectories(dir.resolve("usr/local/bin"));
    Path first = Files.createSymbolicLink(dir.resolve("hivesafe-link"), opt.resolve("bin/hivesafe"));
    Files.createSymbolicLink(bin.resolve("hivesafe"), bin.relativize(first));
    assertEquals("hivesafe 0.1.0\n", CommandRun.of(elsewhere, List.of(bin.resolve("hivesafe").toString(), "--version")).ok().out());
    assertEquals("hivesafe 0.1.0\n", CommandRun.of(bin, List.of("./hivesafe", "--version")).ok().out());
    // A CDPATH holding a bin/ of its own must not send the launcher there (nor make cd print a directory).
    Path cdpath = Files.createDirectories(dir.resolve("cdpath/bin"));
    Map<String, String> env = new HashMap<>();
    env.put("CDPATH", cdpath.getParent().toString());
    assertEquals("hivesafe 0.1.0\n", CommandRun.of(home, env, List.of("bin/hivesafe", "--version")).ok().out());
  }

  /** A fake JAVA_HOME whose java says it is {@code version} and prints the arguments it was given, one a line. */
  private Path fakeJavaHome(String name, String versionLine) throws IOException {
    Path java = Files.createDirectories(dir.resolve(name + "/bin")).resolve("java");
    Files.writeString(java, "#!/bin/sh\nif [ \"$1\" = -version ]; then echo '" + versionLine + "' >&2; exit 0; fi\n"
        + "for a in \"$@\"; do echo \"$a\"; done\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    return java.getParent().getParent();
  }

  @Test
  void theLauncherRunsTheProductWithHivesafeJavaOptsDefaultingToHalfAGigabyteOfHeap() throws Exception {
    Path java17 = fakeJavaHome("jdk17", "openjdk version \"17.0.15\" 2025-04-15");
    Map<String, String> env = new HashMap<>();
    env.put("JAVA_HOME", java17.toString());
    env.put("HIVESAFE_JAVA_OPTS", null);
    String lib = home.toRealPath().resolve("lib") + "/*";
    assertEquals(List.of("-Xmx512m", "-cp", lib, MAIN, "run", "--config", "a b.json"),
        CommandRun.of(dir, env, List.of(launcher(), "run", "--config", "a b.json")).ok().out().lines().toList());
    env.put("HIVESAFE_JAVA_OPTS", "-Xmx2g -XX:+ExitOnOutOfMemoryError");
    assertEquals(List.of("-Xmx2g", "-XX:+ExitOnOutOfMemoryError", "-cp", lib, MAIN, "--version"),
        CommandRun.of(dir, env, List.of(launcher(), "--version")).ok().out().lines().toList());
    // The real JVM takes them too.
    CommandRun real = CommandRun.of(dir, Map.of("HIVESAFE_JAVA_OPTS", "-Xmx64m -XshowSettings:vm"), List.of(launcher(), "--version")).ok();
    assertEquals("hivesafe 0.1.0\n", real.out());
    assertTrue(real.err().contains("Max. Heap Size: 64.00M"), real.err());
  }

  @Test
  void theLauncherRefusesAMissingOrOldJavaWithOneClearLine() throws Exception {
    // A PATH with what the launcher needs but no java.
    Path tools = Files.createDirectories(dir.resolve("tools"));
    for (String tool : List.of("bash", "dirname", "readlink", "sed", "head")) {
      Path real = Path.of(new RequiredTool(tool, "apt-get install coreutils sed bash").path());
      Files.createSymbolicLink(tools.resolve(tool), real);
    }
    Map<String, String> env = new HashMap<>();
    env.put("PATH", tools.toString());
    env.put("JAVA_HOME", null);
    CommandRun missing = CommandRun.of(dir, env, List.of(launcher(), "--version"));
    assertEquals(2, missing.exit());
    assertEquals("", missing.out());
    assertEquals("error: java is missing: install a Java 17 (or newer) runtime (Debian, Ubuntu: apt-get install "
        + "openjdk-17-jre-headless) or set JAVA_HOME\n", missing.err());

    env.put("JAVA_HOME", dir.resolve("none").toString());
    CommandRun wrongHome = CommandRun.of(dir, env, List.of(launcher(), "--version"));
    assertEquals(2, wrongHome.exit());
    assertEquals("error: JAVA_HOME is " + dir.resolve("none") + " but " + dir.resolve("none/bin/java") + " is not there: point "
        + "JAVA_HOME at a Java 17 runtime, or unset it to use the java on the PATH\n", wrongHome.err());

    for (String[] old : new String[][] {{"jdk11", "openjdk version \"11.0.22\" 2024-01-16", "11.0.22"},
        {"jdk8", "java version \"1.8.0_402\"", "1.8.0_402"}}) {
      env.put("JAVA_HOME", fakeJavaHome(old[0], old[1]).toString());
      CommandRun r = CommandRun.of(dir, env, List.of(launcher(), "--version"));
      assertEquals(2, r.exit(), old[0]);
      assertEquals("", r.out(), "the fake java was not run for the command");
      assertEquals("error: " + dir.resolve(old[0] + "/bin/java") + " is Java " + old[2] + "; Hivesafe needs Java 17 or newer "
          + "(Debian, Ubuntu: apt-get install openjdk-17-jre-headless, or set JAVA_HOME)\n", r.err());
    }
    env.put("JAVA_HOME", fakeJavaHome("jdk21", "openjdk version \"21\" 2023-09-19").toString());
    assertEquals(List.of("-Xmx512m", "-cp", home.toRealPath().resolve("lib") + "/*", MAIN, "--version"),
        CommandRun.of(dir, env, List.of(launcher(), "--version")).ok().out().lines().toList(), "\"21\" is 21");
  }

  private static JsonNode get(String url) throws IOException, InterruptedException {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), url + ": " + r.body());
    return url.endsWith("/metrics") ? JSON.getNodeFactory().textNode(r.body()) : JSON.readTree(r.body());
  }

  @Test
  void initThenRunFollowsADevnetFromAnotherDirectoryAndStopsCleanlyOnSigterm() throws Exception {
    Path work = Files.createDirectories(dir.resolve("work"));
    Path logs = Files.createDirectories(dir.resolve("logs"));
    try (BackgroundProcess devnet = BackgroundProcess.start(work, logs, "devnet",
        List.of(launcher(), "devnet", "--port", "0", "--block-ms", "200"))) {
      Matcher listening = devnet.awaitOut(Pattern.compile("devnet listening on (http://127\\.0\\.0\\.1:[0-9]+) chain_id ([0-9a-f]{64}) "),
          Duration.ofSeconds(60));
      String url = listening.group(1);
      String chainId = listening.group(2);

      CommandRun init = CommandRun.of(work, List.of(launcher(), "init", "--dir", "node")).ok();
      assertTrue(init.out().startsWith("wrote node/hivesafe.json\nwrote node/genesis.json\n"), init.out());
      for (String name : List.of("hivesafe.json", "genesis.json")) {
        assertArrayEquals(Files.readAllBytes(home.resolve("examples/" + name)), Files.readAllBytes(work.resolve("node/" + name)));
      }
      // The example genesis on the devnet's chain from block 1, and a follower's config (no account, no
      // keys) pointing at the devnet.
      Path node = work.resolve("node");
      ObjectNode genesis = (ObjectNode) JSON.readTree(node.resolve("genesis.json").toFile());
      genesis.put("chain_id", chainId).put("start_block", 1);
      JSON.writeValue(node.resolve("genesis.json").toFile(), genesis);
      ObjectNode config = JSON.createObjectNode().put("genesis", "genesis.json").put("data", "data");
      config.putObject("api").putArray("endpoints").add(url);
      config.putObject("source").put("poll_ms", 100);
      config.putObject("http").put("port", 0);
      JSON.writeValue(node.resolve("follower.json").toFile(), config);

      // The preflight from the archive, against the devnet: it reaches the endpoint on the genesis's chain
      // and finds what is wrong with this follower's setup — the example genesis names a multisig account
      // this devnet does not have — as FAIL lines and exit 2, before anything runs.
      CommandRun doctor = CommandRun.of(Files.createDirectories(dir.resolve("elsewhere-doctor")), Map.of(),
          List.of(launcher(), "doctor", "--config", node.resolve("follower.json").toString()));
      assertEquals(2, doctor.exit(), doctor.out() + doctor.err());
      assertTrue(doctor.out().contains("\nOK    api: " + url + " answers on chain " + chainId + ": head block "), doctor.out());
      assertTrue(doctor.out().contains("\nFAIL  multisig authority: the multisig account example-multisig does not exist on this chain"),
          doctor.out());
      assertTrue(doctor.out().contains("\nOK    data: no state in "), doctor.out());
      assertTrue(doctor.out().endsWith("FAIL: fix the FAIL lines before hivesafe run\n"), doctor.out());
      assertEquals("", doctor.err());
      assertFalse(Files.exists(node.resolve("data")), "doctor writes nothing");

      Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
      try (BackgroundProcess follower = BackgroundProcess.start(elsewhere, logs, "follower",
          List.of(launcher(), "run", "--config", node.resolve("follower.json").toString()))) {
        Matcher started = follower.awaitOut(Pattern.compile("hivesafe node \\(follower\\) on network example: data "
            + Pattern.quote(node.resolve("data").toString()) + ", applying from block 1, status page (http://127\\.0\\.0\\.1:[0-9]+/) "
            + "\\(Ctrl-C stops\\)\n"), Duration.ofSeconds(60));
        String status = started.group(1);
        long applied = 0;
        JsonNode s = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (applied < 30 && System.nanoTime() < deadline) {
          Thread.sleep(200);
          s = get(status + "api/status");
          applied = s.get("applied_block").asLong();
        }
        assertTrue(applied >= 30, "the node applies the devnet's blocks: " + s + "\n" + follower.err());
        assertEquals("example", s.get("network").asText());
        assertTrue(s.get("account").isNull(), "a follower");
        assertFalse(s.get("diverged").asBoolean());
        assertTrue(s.get("failure").isNull(), s.toString());
        Matcher blocks = Pattern.compile("\nhivesafe_blocks_applied_total ([0-9.]+)\n").matcher(get(status + "metrics").asText());
        assertTrue(blocks.find() && Double.parseDouble(blocks.group(1)) >= 30, "its metrics count the blocks");

        int exit = follower.terminate(Duration.ofSeconds(60));
        // A clean SIGTERM closes the node and exits 0 (StopSignal), its last line saying so.
        assertEquals(0, exit, "exit " + exit + ": " + follower.err());
        assertTrue(follower.err().contains("stopped: the state is committed through block "), follower.err());
        assertTrue(follower.err().contains("block source stopped; next block would have been "), follower.err());
        assertFalse(follower.err().contains("ERROR"), follower.err());
      }
      JsonNode info = JSON.readTree(CommandRun.of(elsewhere, List.of(launcher(), "state", "info", "--data",
          node.resolve("data/state").toString())).ok().out());
      assertEquals("clean", info.get("recovery").asText(), "the store was closed, not left to recover: " + info);
      assertTrue(info.get("verified").asBoolean(), info.toString());
      assertTrue(info.get("block").asLong() >= 30, info.toString());
      assertTrue(devnet.alive(), "the devnet ran throughout");
    }
  }
}
