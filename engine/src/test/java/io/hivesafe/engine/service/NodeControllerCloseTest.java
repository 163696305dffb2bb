package io.hivesafe.engine.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hivesafe.devnet.Devnet;
import io.hivesafe.devnet.DevnetConfig;
import io.hivesafe.engine.CapturedEvents;
import io.hivesafe.engine.config.NodeConfigFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A stop is clean only when everything the node started closed: otherwise no "closed" line, and run exits 2. */
class NodeControllerCloseTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  /** A follower of the example network moved onto {@code devnet}'s chain from block 1. */
  private NodeController follower(Devnet devnet, String name, CapturedEvents log) throws IOException {
    Path home = Files.createDirectories(dir.resolve(name));
    ObjectNode genesis;
    try (InputStream in = NodeControllerCloseTest.class.getResourceAsStream("/init/genesis.json")) {
      genesis = (ObjectNode) JSON.readTree(in);
    }
    genesis.put("chain_id", devnet.chain().config().genesis().chainId().toHex()).put("start_block", 1);
    JSON.writeValue(home.resolve("genesis.json").toFile(), genesis);
    ObjectNode config = JSON.createObjectNode().put("genesis", "genesis.json").put("data", "data");
    config.putObject("api").putArray("endpoints").add(devnet.url(0).toString());
    config.putObject("source").put("poll_ms", 20);
    config.putObject("http").put("port", 0);
    return NodeController.create(NodeConfigFile.parse(JSON.writeValueAsBytes(config), home), Map.of(), log.events, "test");
  }

  private static void awaitBlocks(NodeController controller, long n) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (controller.node().lastBlock() < n && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertTrue(controller.node().lastBlock() >= n, "applied " + controller.node().lastBlock());
  }

  @Test
  void aComponentThatFailsToCloseMakesTheStopUnclean() throws Exception {
    try (Devnet devnet = Devnet.start(DevnetConfig.testnet(), Duration.ofMillis(20), 0)) {
      CapturedEvents clean = new CapturedEvents();
      NodeController good = follower(devnet, "good", clean);
      good.start();
      awaitBlocks(good, 3);
      good.close();
      assertTrue(good.closedCleanly());
      assertEquals(1, clean.count("stopped: the state is committed through block"), clean.lines().toString());

      CapturedEvents broken = new CapturedEvents();
      NodeController bad = follower(devnet, "bad", broken);
      bad.start();
      awaitBlocks(bad, 3);
      bad.alsoClose(() -> {
        throw new IOException("the disk went away");
      });
      bad.close();
      assertFalse(bad.closedCleanly(), "a failed close is not a clean stop");
      assertEquals(0, broken.count("stopped: the state is committed through block"), "no 'closed' line: " + broken.lines());
      assertEquals(1, broken.count("stopped with 1 component(s) failing to close"), broken.lines().toString());
      assertEquals(1, broken.count("while stopping: java.io.IOException: the disk went away"), broken.lines().toString());
    }
  }
}
