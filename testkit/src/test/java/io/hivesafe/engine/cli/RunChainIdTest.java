package io.hivesafe.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.hivesafe.devnet.Devnet;
import io.hivesafe.devnet.DevnetConfig;
import io.hivesafe.devnet.Genesis;
import io.hivesafe.devnet.ProducedBlock;
import io.hivesafe.engine.NodeEvents;
import io.hivesafe.engine.node.SidechainNode;
import io.hivesafe.hive.crypto.PrivateKey;
import io.hivesafe.hive.protocol.ChainId;
import io.hivesafe.ops.NetworkGenesisFile;
import io.hivesafe.state.StateConfig;
import io.hivesafe.state.StateStore;
import io.hivesafe.testkit.traffic.TrafficNetwork;
import io.hivesafe.testkit.traffic.TrafficNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * {@code hivesafe run} follows only an API of the genesis's chain: another chain's API (alone or in a
 * mixed list) refuses the start with one line; an API that is down at start is said so and checked before
 * first use; an API whose chain changes under the running node (another devnet on the same port) stops
 * the node before it applies or sends anything from it.
 */
class RunChainIdTest {
  private static final ChainId OTHER = ChainId.fromHex("11".repeat(32));

  @TempDir Path dir;
  private final TrafficNetwork net = TrafficNetwork.create(2, 1);
  private final ListAppender<ILoggingEvent> log = new ListAppender<>();

  @BeforeEach
  void captureLog() {
    log.start();
    ((Logger) LoggerFactory.getLogger(NodeEvents.class)).addAppender(log);
  }

  @AfterEach
  void releaseLog() {
    ((Logger) LoggerFactory.getLogger(NodeEvents.class)).detachAppender(log);
  }

  private List<String> logLines() {
    synchronized (log) {
      return log.list.stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()).collect(Collectors.toList());
    }
  }

  /** What a run printed and its exit code. */
  private record Ran(int exit, String out, String err) {}

  /**
   * Runs {@code run --config FILE} until the node fails by itself or {@code whileRunning} (on its own
   * thread, given the printed output so far) returns.
   */
  private static Ran run(Path config, Consumer<ByteArrayOutputStream> whileRunning) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Console console = new Console(new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());
    CountDownLatch failed = new CountDownLatch(1);
    StopSignal stop = new StopSignal() {
      @Override
      public void runUntilStopped(Runnable onStop) throws InterruptedException {
        Thread driver = new Thread(() -> whileRunning.accept(out), "test-driver");
        driver.setDaemon(true);
        driver.start();
        try {
          failed.await(60, TimeUnit.SECONDS);
        } finally {
          onStop.run();
        }
      }

      @Override
      public void failed() {
        failed.countDown();
      }
    };
    int exit = HivesafeCommand.run(console, stop, "run", "--config", config.toString());
    return new Ran(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private Path configure(URI... endpoints) throws IOException {
    TrafficNode node = net.nodes().get(0);
    Files.write(dir.resolve("genesis.json"), NetworkGenesisFile.write(net.network()));
    writeKey(dir.resolve("keys/active.wif"), node.user().activeKey());
    writeKey(dir.resolve("keys/multisig.wif"), node.multisigKey());
    String list = java.util.Arrays.stream(endpoints).map(u -> "\"" + u + "\"").collect(Collectors.joining(", "));
    Path config = dir.resolve("hivesafe.json");
    Files.writeString(config, "{\"genesis\": \"genesis.json\", \"api\": {\"endpoints\": [" + list + "], \"timeout_ms\": 2000},"
        + " \"source\": {\"poll_ms\": 20}, \"account\": \"" + node.name().value() + "\","
        + " \"keys\": {\"active\": {\"file\": \"keys/active.wif\"}, \"multisig\": {\"file\": \"keys/multisig.wif\"}},"
        + " \"data\": \"data\", \"http\": {\"port\": 0}}");
    return config;
  }

  private static void writeKey(Path file, PrivateKey key) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, key.toWif() + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
  }

  /** The same accounts on another chain id: another chain's API. */
  private DevnetConfig otherChain() {
    Genesis g = net.devnetGenesis();
    return DevnetConfig.of(new Genesis(OTHER, g.genesisTime(), g.accounts()));
  }

  private String refusal(URI endpoint) {
    return "error: the node could not start: api.endpoints: " + endpoint + " serves chain id " + OTHER.toHex()
        + ", but the genesis names chain id " + net.network().chainId().toHex() + ": it is another chain's API; remove it from"
        + " api.endpoints, or use the genesis of the network on that chain\n";
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void anApiOfAnotherChainRefusesTheStartWithOneLine() throws Exception {
    try (Devnet other = Devnet.start(otherChain(), Duration.ZERO, 0)) {
      Ran r = run(configure(other.url(0)), out -> {});
      assertEquals(HivesafeCommand.EXIT_FAILURE, r.exit());
      assertEquals(refusal(other.url(0)), r.err());
      assertEquals("", r.out());
      assertFalse(Files.exists(dir.resolve("data")), "nothing was opened");
    }
  }

  @Test
  void aListMixingTwoChainsRefusesTheStartNamingTheOtherChainsEndpoint() throws Exception {
    try (Devnet right = Devnet.start(net.devnetConfig(), Duration.ZERO, 0);
        Devnet other = Devnet.start(otherChain(), Duration.ZERO, 0)) {
      Ran r = run(configure(right.url(0), other.url(0)), out -> {});
      assertEquals(HivesafeCommand.EXIT_FAILURE, r.exit());
      assertEquals(refusal(other.url(0)), r.err());
      assertFalse(Files.exists(dir.resolve("data")), "nothing was opened");
    }
  }

  @Test
  void anApiDownAtStartIsSaidSoAndIsCheckedWhenItComes() throws Exception {
    int port = freePort();
    URI endpoint = URI.create("http://127.0.0.1:" + port);
    Devnet[] other = new Devnet[1];
    Ran r = run(configure(endpoint), out -> {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (logLines().stream().noneMatch(l -> l.startsWith("WARN no Hive API answers")) && System.nanoTime() < deadline) {
        sleep(20);
      }
      try {
        other[0] = Devnet.start(otherChain(), Duration.ofMillis(20), port);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    try {
      assertEquals(HivesafeCommand.EXIT_FAILURE, r.exit(), r.err());
      assertTrue(r.out().startsWith("hivesafe node node0 on network traffic:"), "it started: " + r.out());
      List<String> lines = logLines();
      assertTrue(lines.stream().anyMatch(l -> l.startsWith("WARN the chain id of " + endpoint + " is not known yet (")), lines.toString());
      String silent = lines.stream().filter(l -> l.startsWith("WARN no Hive API answers: tried " + endpoint + " (")).findFirst()
          .orElseThrow(() -> new AssertionError("no line says the API is down: " + lines));
      assertTrue(silent.matches(".*; retrying in \\S+ \\(then at least every 5s\\)"), silent);
      assertTrue(lines.stream().noneMatch(l -> l.contains("catching up: block")), "no progress line before the chain is reached: " + lines);
      assertTrue(lines.stream().anyMatch(l -> l.startsWith("ERROR ALARM wrong chain: the Hive API at " + endpoint + " serves chain id "
          + OTHER.toHex())), lines.toString());
      assertTrue(r.err().startsWith("error: the node stopped: the Hive API at " + endpoint + " serves chain id " + OTHER.toHex()
          + ", but the genesis names chain id " + net.network().chainId().toHex()), r.err());
      try (StateStore store = StateStore.open(StateConfig.of(dir.resolve("data/state")))) {
        assertTrue(store.lastBlock().isEmpty(), "no block of the other chain was applied: " + store.lastBlock());
      }
    } finally {
      if (other[0] != null) {
        other[0].close();
      }
    }
  }

  @Test
  void anApiWhoseChainChangesUnderTheNodeStopsItBeforeItAppliesOrSendsAnythingFromIt() throws Exception {
    Devnet right = Devnet.start(net.devnetConfig(), Duration.ofMillis(20), 0);
    URI endpoint = right.url(0);
    Devnet[] other = new Devnet[1];
    long[] swappedAt = new long[1];
    Ran r;
    try {
      r = run(configure(endpoint), out -> {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        java.util.regex.Pattern page = java.util.regex.Pattern.compile("status page (\\S+) ");
        while (System.nanoTime() < deadline) {
          java.util.regex.Matcher m = page.matcher(out.toString(StandardCharsets.UTF_8));
          if (m.find() && applied(m.group(1)) >= 20) {
            break;
          }
          sleep(20);
        }
        right.close(); // another hived comes up on the same address, serving another chain
        swappedAt[0] = right.chain().headBlockNumber();
        try {
          other[0] = Devnet.start(otherChain(), Duration.ofMillis(20), endpoint.getPort());
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
      assertEquals(HivesafeCommand.EXIT_FAILURE, r.exit(), r.err());
      assertTrue(r.err().startsWith("error: the node stopped: the Hive API at " + endpoint + " serves chain id " + OTHER.toHex()
          + ", but the genesis names chain id " + net.network().chainId().toHex() + ": remove it from api.endpoints"), r.err());
      assertTrue(logLines().stream().anyMatch(l -> l.startsWith("ERROR ALARM wrong chain: the Hive API at " + endpoint)), logLines().toString());
      try (StateStore store = StateStore.open(StateConfig.of(dir.resolve("data/state")))) {
        long last = store.lastBlock().orElseThrow();
        assertTrue(last >= 20 && last <= swappedAt[0], "it followed the first chain, and only that: " + last);
        ProducedBlock ours = right.chain().block(last).orElseThrow();
        assertEquals(ours.block().id().toString(), SidechainNode.lastBlockId(store).orElseThrow(),
            "its last block is the first chain's");
      }
      long head = other[0].chain().headBlockNumber();
      for (ProducedBlock b : other[0].chain().blocks(1, (int) Math.min(head, 1_000))) {
        assertTrue(b.block().transactions().isEmpty(), "nothing was sent to the other chain: block " + b.block().number());
      }
      assertEquals(0, other[0].chain().pendingCount(), "nothing was sent to the other chain");
    } finally {
      right.close();
      if (other[0] != null) {
        other[0].close();
      }
    }
  }

  /** The node's applied block from its status API; -1 while it has none or does not answer. */
  private static long applied(String statusPage) {
    try {
      java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
          java.net.http.HttpRequest.newBuilder(URI.create(statusPage + "api/status")).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"applied_block\":(\\d+)").matcher(r.body());
      return m.find() ? Long.parseLong(m.group(1)) : -1;
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }
}
