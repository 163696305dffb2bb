package io.hivesafe.testkit.demo;

import io.hivesafe.engine.cli.Console;
import io.hivesafe.engine.cli.StopSignal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hivesafe demo}: the embedded devnet and 5 nodes on the test kit's keys play DESIGN's story — a
 * deposit, a withdrawal and a treasury grant paid by multisig, a recast after the broadcaster is
 * stopped, a key rotation after a second node leaves — printed as a timeline. Then the network idles
 * (a block a second) until Ctrl-C, which stops everything cleanly.
 *
 * <p>Part of the test kit, not of the node's command line (its keys are the test kit's, known to
 * anyone): {@code scripts/hivesafe demo} runs {@link #main} with the node's jar on the class path.
 */
@Command(name = "hivesafe demo", mixinStandardHelpOptions = true, version = "hivesafe demo 0.1.0",
    description = "Run the demo: a devnet and 5 nodes, deposits, multisig payouts, a recast and a key rotation, as a timeline.")
public final class DemoCommand implements Callable<Integer> {
  static final String DONE = "demo complete";
  private static final int EXIT_FAILURE = 2;
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

  public static void main(String[] args) {
    System.exit(run(Console.system(), StopSignal.processSignals(), args));
  }

  /** Runs the demo with {@code args} until {@code stop} says so; returns the exit code. */
  public static int run(Console console, StopSignal stop, String... args) {
    CommandLine cmd = new CommandLine(new DemoCommand(console, stop));
    cmd.setOut(new java.io.PrintWriter(console.out(), true));
    cmd.setErr(new java.io.PrintWriter(console.err(), true));
    cmd.setParameterExceptionHandler((e, params) -> {
      console.err().println("error: " + firstLine(e.getMessage()));
      return EXIT_FAILURE;
    });
    return cmd.execute(args);
  }

  @Override
  public Integer call() throws Exception {
    Path root = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("hivesafe-demo");
    Path logs = Files.createDirectories(root.resolve("logs"));
    try (DemoLogs toFiles = DemoLogs.to(logs)) {
      return runDemo(root, logs);
    }
  }

  private int runDemo(Path root, Path logs) throws Exception {
    DemoScenario demo = new DemoScenario(root, line -> {
      console.out().println(line);
      console.out().flush();
    });
    java.net.URI page = demo.start(port);
    console.out().println("hivesafe demo: devnet at " + demo.devnetUrl() + ", 5 nodes, state in " + root);
    console.out().println("status page (node1): " + page + "   (Ctrl-C stops everything)");
    console.out().println("node logs: " + logs.resolve("node0.log") + " … node4.log (the devnet's and the demo's: demo.log)");
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
      console.err().println("error: the demo stopped: " + firstLine(String.valueOf(e.getMessage())));
      console.err().flush();
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
