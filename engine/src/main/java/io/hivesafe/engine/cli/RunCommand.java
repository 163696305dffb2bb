package io.hivesafe.engine.cli;

import io.hivesafe.engine.NodeEvents;
import io.hivesafe.engine.NodeLogContext;
import io.hivesafe.engine.config.NodeConfig;
import io.hivesafe.engine.config.NodeConfigFile;
import io.hivesafe.engine.node.SidechainNode;
import io.hivesafe.engine.service.NodeController;
import io.hivesafe.state.StateDigest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hivesafe run --config FILE}: a node against Hive API endpoints (or the devnet) until SIGTERM
 * or Ctrl-C. The config is checked before anything starts: a bad one exits 2 with one line naming the
 * field. If the node stops by itself (a bug, a damaged store), the command exits 2.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run a node: follow the chain, apply the sidechain, report, sign and broadcast (docs/operator.md).")
final class RunCommand implements Callable<Integer> {
  private final Console console;
  private final StopSignal stop;

  @Option(names = "--config", required = true, paramLabel = "FILE", description = "the node's config file (hivesafe init writes an example)")
  Path configFile;

  @Option(names = "--bootstrap", paramLabel = "FILE|URL",
      description = "first load the state from this snapshot (into an empty data directory), checked against the consensus on chain")
  String bootstrap;

  @Option(names = "--expect-digest", paramLabel = "HEX",
      description = "with --bootstrap: the state digest the snapshot must have, a digest you trust (for example a tally's "
          + "consensus hash you checked yourself); the reports on chain are then not consulted")
  String expectDigest;

  RunCommand(Console console, StopSignal stop) {
    this.console = console;
    this.stop = stop;
  }

  @Override
  public Integer call() throws InterruptedException {
    stop.arm();
    Optional<StateDigest> digest = expectedDigest();
    NodeController controller = controller();
    try {
      controller.start(Optional.ofNullable(bootstrap), digest);
    } catch (RuntimeException e) {
      throw new CliFailure("the node could not start: " + e.getMessage(), e);
    }
    NodeConfig config = controller.config();
    SidechainNode node = controller.node();
    console.out().println("hivesafe node " + config.account().map(a -> a.value()).orElse("(follower)") + " on network "
        + controller.genesis().network() + ": data " + config.dataDir() + ", applying from block " + (node.lastBlock() + 1)
        + ", status page " + controller.api().url() + " (Ctrl-C stops)");
    console.out().flush();
    Thread watcher = new Thread(NodeLogContext.current().carry(() -> watch(controller)), "hivesafe-run-watch");
    watcher.setDaemon(true);
    watcher.start();
    stop.runUntilStopped(controller::close);
    controller.close();
    // a clean stop is one where the node did not fail and everything closed (the store last of all)
    return node.failure().isPresent() || !controller.closedCleanly() ? HivesafeCommand.EXIT_FAILURE : 0;
  }

  /** {@code --expect-digest}, checked before anything is opened. */
  private Optional<StateDigest> expectedDigest() {
    if (expectDigest == null) {
      return Optional.empty();
    }
    if (bootstrap == null) {
      throw new CliFailure("--expect-digest needs --bootstrap: it is the digest the snapshot must have");
    }
    try {
      return Optional.of(StateDigest.parse(expectDigest));
    } catch (IllegalArgumentException e) {
      throw new CliFailure("--expect-digest: " + e.getMessage());
    }
  }

  private NodeController controller() {
    NodeConfig config = readConfig(configFile);
    try {
      return NodeController.create(config, console.env(), new NodeEvents(), HivesafeCommand.VERSION);
    } catch (IllegalArgumentException e) {
      throw new CliFailure("config " + configFile + ": " + e.getMessage(), e);
    }
  }

  /** Reads and checks the config file (relative paths from its directory); a failure is one line naming the file. */
  static NodeConfig readConfig(Path configFile) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(configFile);
    } catch (IOException e) {
      throw new CliFailure("cannot read the config file " + configFile + ": " + e.getClass().getSimpleName(), e);
    }
    try {
      return NodeConfigFile.parse(bytes, configFile.toAbsolutePath().getParent());
    } catch (IllegalArgumentException e) {
      throw new CliFailure("config " + configFile + ": " + e.getMessage(), e);
    }
  }

  /** Waits for the node to fail by itself; then the command ends with an error. */
  private void watch(NodeController controller) {
    SidechainNode node = controller.node();
    try {
      while (controller.state() == NodeController.State.RUNNING) {
        if (node.failure().isPresent()) {
          console.err().println("error: the node stopped: " + JsonStdio.oneLine(String.valueOf(node.failure().get().getMessage())));
          console.err().flush();
          stop.failed();
          return;
        }
        Thread.sleep(200);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
