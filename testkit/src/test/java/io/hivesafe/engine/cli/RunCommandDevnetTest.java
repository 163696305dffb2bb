package io.hivesafe.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivesafe.devnet.Devnet;
import io.hivesafe.devnet.ProducedBlock;
import io.hivesafe.hive.crypto.PrivateKey;
import io.hivesafe.hive.protocol.BlockTransaction;
import io.hivesafe.hive.protocol.CustomJsonOperation;
import io.hivesafe.hive.protocol.Operation;
import io.hivesafe.ops.NetworkGenesisFile;
import io.hivesafe.ops.SidechainState;
import io.hivesafe.ops.TallyRecord;
import io.hivesafe.state.StateConfig;
import io.hivesafe.state.StateStore;
import io.hivesafe.testkit.traffic.TrafficNetwork;
import io.hivesafe.testkit.traffic.TrafficNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hivesafe run --config FILE} in-process against a devnet the test drives: the node
 * follows, reports from its account, reaches consensus at the tally, and stops cleanly when told; a bad
 * config or an exposed key file stops it before anything is opened, naming the field. (In the test kit:
 * the network and its keys are the traffic generator's; engine's RunCommandTest checks what needs no
 * devnet.)
 */
class RunCommandDevnetTest {
  @TempDir Path dir;

  /** What a run printed and its exit code. */
  private record CliRun(int exit, String out, String err) {}

  private static CliRun run(Map<String, String> env, Predicate<String> stopWhen, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Console console = new Console(new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), env);
    StopSignal stop = onStop -> {
      try {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!stopWhen.test(out.toString(StandardCharsets.UTF_8)) && System.nanoTime() < deadline) {
          Thread.sleep(10);
        }
      } finally {
        onStop.run();
      }
    };
    int exit = HivesafeCommand.run(console, stop, args);
    return new CliRun(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static void writeKey(Path file, PrivateKey key, String mode) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, key.toWif() + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
  }

  private static String fetch(String url) {
    try {
      java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
          java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
      return r.body();
    } catch (IOException e) {
      return "failed: " + e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  /** Writes genesis, keys and config for node0 of {@code net}; returns the config file. */
  private Path configure(TrafficNetwork net, Devnet devnet, String keyMode) throws IOException {
    TrafficNode node = net.nodes().get(0);
    Files.write(dir.resolve("genesis.json"), NetworkGenesisFile.write(net.network()));
    writeKey(dir.resolve("keys/active.wif"), node.user().activeKey(), keyMode);
    writeKey(dir.resolve("keys/multisig.wif"), node.multisigKey(), "rw-------");
    Path config = dir.resolve("hivesafe.json");
    Files.writeString(config, "// a test node\n{\"genesis\": \"genesis.json\", \"api\": {\"endpoints\": [\"" + devnet.url(0) + "\"]},"
        + " \"source\": {\"poll_ms\": 20}, \"account\": \"" + node.name().value() + "\","
        + " \"keys\": {\"active\": {\"file\": \"keys/active.wif\"}, \"multisig\": {\"file\": \"keys/multisig.wif\"}},"
        + " \"data\": \"data\", \"http\": {\"port\": 0}, \"snapshots\": {\"every\": 1, \"keep\": 1}}");
    return config;
  }

  /** Whether {@code account}'s report for block {@code block} is on the devnet. */
  private static boolean reported(Devnet devnet, String account, long block) {
    long head = devnet.chain().headBlockNumber();
    for (ProducedBlock b : devnet.chain().blocks(1, (int) Math.min(head, 1_000))) {
      for (BlockTransaction tx : b.block().transactions()) {
        for (Operation op : tx.transaction().operations()) {
          if (op instanceof CustomJsonOperation && ((CustomJsonOperation) op).id().equals("hivesafe_report")
              && ((CustomJsonOperation) op).requiredAuths().get(0).value().equals(account)
              && ((CustomJsonOperation) op).json().startsWith("{\"block\":" + block + ",")) {
            return true;
          }
        }
      }
    }
    return false;
  }

  @Test
  void aNodeRunsFromItsConfigReportsReachesConsensusAndStopsCleanly() throws Exception {
    TrafficNetwork net = TrafficNetwork.create(2, 1);
    try (Devnet devnet = Devnet.start(net.devnetConfig(), Duration.ZERO, 0)) {
      Path config = configure(net, devnet, "rw-------");
      // The test makes the blocks, every 10 ms, but holds the chain at a report block's next blocks
      // until the node's report is in, as 3-second blocks would: a report must land before its tally.
      java.util.concurrent.atomic.AtomicReference<String> status = new java.util.concurrent.atomic.AtomicReference<>();
      CliRun r = run(Map.of(), printed -> {
        java.util.regex.Matcher url = java.util.regex.Pattern.compile("status page (\\S+) ").matcher(printed);
        if (status.get() == null && url.find()) {
          status.set(fetch(url.group(1) + "api/status"));
        }
        long irreversible = devnet.chain().lastIrreversibleBlockNumber();
        boolean waitForReport = net.network().isReportBlock(irreversible) && !reported(devnet, "node0", irreversible);
        if (!waitForReport || devnet.chain().pendingCount() > 0) {
          devnet.chain().produceBlock();
        }
        return reported(devnet, "node0", 150);
      }, "run", "--config", config.toString());
      assertEquals(0, r.exit(), r.err());
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("hivesafe node node0 on network traffic: data "
          + java.util.regex.Pattern.quote(dir.resolve("data").toString()) + ", applying from block 1, status page "
          + "(http://127\\.0\\.0\\.1:[0-9]+/) \\(Ctrl-C stops\\)\n").matcher(r.out());
      assertTrue(m.matches(), r.out());
      assertTrue(status.get() != null && status.get().contains("\"network\":\"traffic\""), "the API answered while it ran: "
          + status.get());
      assertTrue(status.get().startsWith("{"), status.get());
      assertTrue(reported(devnet, "node0", 50), "the node reported block 50 too");

      // The operator gives the digest: a follower loads node0's snapshot without consulting the chain's
      // reports, and continues after it; another digest is refused before anything is written.
      Path snapshot;
      try (java.util.stream.Stream<Path> files = Files.list(dir.resolve("data/snapshots"))) {
        snapshot = files.filter(f -> f.toString().endsWith(".snapshot")).findFirst().orElseThrow();
      }
      io.hivesafe.state.SnapshotInfo header = io.hivesafe.state.Snapshots.header(snapshot);
      Path follower = dir.resolve("follower.json");
      Files.writeString(follower, "{\"genesis\": \"genesis.json\", \"api\": {\"endpoints\": [\"" + devnet.url(0) + "\"]},"
          + " \"source\": {\"poll_ms\": 20}, \"data\": \"follower\", \"http\": {\"port\": 0}}");
      String other = "00".repeat(32);
      CliRun wrong = run(Map.of(), printed -> true, "run", "--config", follower.toString(), "--bootstrap", snapshot.toString(),
          "--expect-digest", other);
      assertEquals(HivesafeCommand.EXIT_FAILURE, wrong.exit());
      assertTrue(wrong.err().contains("has digest " + header.digest().hex() + ", not the expected " + other), wrong.err());
      CliRun pinned = run(Map.of(), printed -> printed.contains("applying from block"), "run", "--config", follower.toString(),
          "--bootstrap", snapshot.toString(), "--expect-digest", header.digest().hex());
      assertEquals(0, pinned.exit(), pinned.err());
      assertTrue(pinned.out().startsWith("hivesafe node (follower) on network traffic: data " + dir.resolve("follower")
          + ", applying from block " + (header.block() + 1) + ","), pinned.out());
    }
    try (StateStore store = StateStore.open(StateConfig.of(dir.resolve("data/state")))) {
      assertTrue(store.lastBlock().orElseThrow() >= 150, "it reported block 150, so it had committed it: " + store.lastBlock());
      try (java.util.stream.Stream<Path> files = Files.list(dir.resolve("data/snapshots"))) {
        List<String> names = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".snapshot")).toList();
        assertEquals(1, names.size(), "a snapshot after each report block, the newest one kept: " + names);
        assertTrue(names.get(0).startsWith("snapshot-0000000150-") || names.get(0).startsWith("snapshot-0000000050-"), names.toString());
      }
      TallyRecord tally = store.read(SidechainState::lastTally).orElseThrow();
      assertTrue(tally.consensus(), "its own report made the consensus: " + tally);
    }
  }

  @Test
  void aBrokenConfigOrAnExposedKeyStopsTheNodeBeforeAnythingIsOpened() throws Exception {
    TrafficNetwork net = TrafficNetwork.create(2, 1);
    try (Devnet devnet = Devnet.start(net.devnetConfig(), Duration.ofMillis(40), 0)) {
      Path config = configure(net, devnet, "rw-r--r--");
      CliRun exposed = run(Map.of(), printed -> true, "run", "--config", config.toString());
      assertEquals(HivesafeCommand.EXIT_FAILURE, exposed.exit());
      assertEquals("error: config " + config + ": keys.active.file " + dir.resolve("keys/active.wif")
          + " is readable by others (rw-r--r--): make it 0600 (chmod 600 " + dir.resolve("keys/active.wif") + ")\n", exposed.err());
      assertFalse(exposed.err().contains(net.nodes().get(0).user().activeKey().toWif()));

      Files.writeString(config, Files.readString(config).replace("\"poll_ms\": 20", "\"poll_ms\": 1"));
      CliRun slow = run(Map.of(), printed -> true, "run", "--config", config.toString());
      assertEquals("error: config " + config + ": source.poll_ms must be in [10, 60000], got 1\n", slow.err());
      CliRun missing = run(Map.of(), printed -> true, "run", "--config", dir.resolve("none.json").toString());
      assertEquals("error: cannot read the config file " + dir.resolve("none.json") + ": NoSuchFileException\n", missing.err());
      assertFalse(Files.exists(dir.resolve("data")), "nothing was opened or created");

      Files.writeString(config, Files.readString(config).replace("\"poll_ms\": 1", "\"poll_ms\": 20"));
      Files.setPosixFilePermissions(dir.resolve("keys/active.wif"), PosixFilePermissions.fromString("rw-------"));
      CliRun noSnapshot = run(Map.of(), printed -> true, "run", "--config", config.toString(), "--bootstrap",
          dir.resolve("none.snapshot").toString());
      assertEquals(HivesafeCommand.EXIT_FAILURE, noSnapshot.exit());
      assertTrue(noSnapshot.err().startsWith("error: the node could not start: bootstrap: "), noSnapshot.err());
      assertTrue(noSnapshot.err().contains("none.snapshot"), noSnapshot.err());
      assertFalse(Files.exists(dir.resolve("data/state")) && Files.list(dir.resolve("data/state")).findAny().isPresent(),
          "a refused bootstrap leaves no state behind");
    }
  }
}
