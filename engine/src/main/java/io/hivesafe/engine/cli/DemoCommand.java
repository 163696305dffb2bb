package io.hivesafe.engine.cli;

import io.hivesafe.engine.demo.DemoScenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hivesafe demo}: the embedded devnet and 5 nodes with generated keys play DESIGN's story — a
 * deposit, a withdrawal and a treasury grant paid by multisig, a recast after the broadcaster is
 * stopped, a key rotation after a second node leaves — printed as a timeline. Then the network idles
 * (a block a second) until Ctrl-C, which stops everything cleanly.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Run the demo: a devnet and 5 nodes, deposits, multisig payouts, a recast and a key rotation, as a timeline.")
final class DemoCommand implements Callable<Integer> {
  static final String DONE = "demo complete";
  private final Console console;
  private final StopSignal stop;

  @Option(names = "--port", defaultValue = "8091", paramLabel = "PORT",
      description = "node1's status page and API on 127.0.0.1 (default 8091; any free port if taken)")
  int port;

  @Option(names = "--dir", paramLabel = "DIR", description = "where the nodes keep their state (default: a new temporary directory)")
  Path dir;

  DemoCommand(Console console, StopSignal stop) {
    this.console = console;
    this.stop = stop;
  }

  @Override
  public Integer call() throws Exception {
    Path root = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("hivesafe-demo");
    DemoScenario demo = new DemoScenario(root, line -> {
      console.out().println(line);
      console.out().flush();
    });
    java.net.URI page = demo.start(port);
    console.out().println("hivesafe demo: devnet at " + demo.devnetUrl() + ", 5 nodes, state in " + root);
    console.out().println("status page (node1): " + page + "   (Ctrl-C stops everything)");
    Thread story = new Thread(() -> play(demo), "hivesafe-demo");
    story.start();
    stop.runUntilStopped(() -> {
      demo.cancel();
      try {
        story.join(30_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      demo.close();
    });
    demo.close();
    return 0;
  }

  private void play(DemoScenario demo) {
    try {
      if (demo.run()) {
        console.out().println(DONE + ": the network keeps running (a block a second) until Ctrl-C");
        console.out().flush();
        demo.idle(1_000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      console.err().println("error: the demo stopped: " + JsonStdio.oneLine(String.valueOf(e.getMessage())));
      console.err().flush();
    }
  }
}
