package io.hivesafe.sim;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code scripts/sim}: one seed replayed with its schedule, or a campaign of many (docs/simulation.md). */
@Command(name = "sim", mixinStandardHelpOptions = true,
    description = "Deterministic simulation of whole Hivesafe networks: seeded faults, invariants after every block.")
public final class SimCommand implements Callable<Integer> {
  @Option(names = "--seed", description = "Run this one seed and print its fault schedule (replays a failure exactly).")
  Long seed;

  @Option(names = "--seeds", description = "Run this many seeds (default ${DEFAULT-VALUE}).", defaultValue = "20")
  int seeds;

  @Option(names = "--first", description = "The first seed of a campaign (default ${DEFAULT-VALUE}).", defaultValue = "1")
  long first;

  @Option(names = "--blocks", description = "Blocks per seed, the last " + Scenario.TAIL_BLOCKS
      + " without faults (default ${DEFAULT-VALUE}).", defaultValue = "300")
  long blocks;

  @Option(names = "--threads", description = "Seeds run at once (default: the machine's cores).")
  Integer threads;

  @Option(names = "--work", description = "Where the nodes' stores go (default: /dev/shm when present, else the temp directory).")
  Path work;

  @Option(names = "--summary", description = "Also write the summary to this file.")
  Path summary;

  @Option(names = "--stop-at-failure", description = "End a campaign at its lowest failing seed.")
  boolean stopAtFailure;

  @Option(names = "--without", split = ",", description = "Fault kinds never drawn (e.g. CRASH,API_LAG): what --shrink prints.")
  List<FaultKind> without = new java.util.ArrayList<>();

  @Option(names = "--shrink", description = "With --seed: drop fault kinds one by one while the same invariant still fails, and print the smallest reproduction.")
  boolean shrink;

  public static void main(String[] args) {
    System.exit(new CommandLine(new SimCommand()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    quietNodes();
    if (blocks < Scenario.TAIL_BLOCKS + 20) {
      throw new CommandLine.ParameterException(new CommandLine(this), "--blocks must be at least " + (Scenario.TAIL_BLOCKS + 20));
    }
    Path dir = work != null ? work : defaultWork();
    String text;
    boolean failed;
    if (shrink && seed == null) {
      throw new CommandLine.ParameterException(new CommandLine(this), "--shrink needs --seed");
    }
    if (shrink) {
      String report = Shrinker.shrink(Scenario.draw(seed, blocks).without(without), dir, System.out::println);
      System.out.print(report);
      if (summary != null) {
        Files.writeString(summary, report);
      }
      return 0;
    }
    if (seed != null) {
      Scenario s = Scenario.draw(seed, blocks).without(without);
      long start = System.nanoTime();
      SimResult r = Simulation.run(s, dir);
      StringBuilder out = new StringBuilder(s.toString()).append('\n');
      for (Fault f : r.schedule()) {
        out.append("  ").append(f).append('\n');
      }
      Campaign.Summary sum = Campaign.summarize(List.of(r), System.nanoTime() - start);
      out.append("trace ").append(r.trace()).append('\n').append(sum.render());
      text = out.toString();
      failed = !r.passed();
    } else {
      int t = threads != null ? threads : Runtime.getRuntime().availableProcessors();
      Campaign.Summary sum = Campaign.run(first, seeds, blocks, t, dir, stopAtFailure);
      text = "seeds " + first + ".." + (first + seeds - 1) + ", " + blocks + " blocks each, " + t + " threads\n" + sum.render();
      failed = !sum.failures().isEmpty();
    }
    System.out.print(text);
    if (summary != null) {
      Files.writeString(summary, text);
    }
    return failed ? 1 : 0;
  }

  private static Path defaultWork() throws IOException {
    Path shm = Path.of("/dev/shm");
    Path base = Files.isDirectory(shm) && Files.isWritable(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir"));
    return Files.createDirectories(base.resolve("hivesafe-sim"));
  }

  /** The nodes' operator lines would drown the summary: the simulator reports what it found itself. */
  static void quietNodes() {
    if (LoggerFactory.getLogger("io.hivesafe.engine.NodeEvents") instanceof Logger l) {
      l.setLevel(Level.OFF);
    }
  }
}
