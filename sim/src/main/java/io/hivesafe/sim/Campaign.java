package io.hivesafe.sim;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Many seeds, each an independent {@link Simulation} (so a seed's outcome never depends on the thread
 * that ran it or on the others), and the summary of them all: seeds run, blocks, faults injected by
 * kind, invariant checks by invariant, failures with their reports.
 */
public final class Campaign {
  private Campaign() {}

  /** The summary of a campaign; {@code nanos} is the wall time, for the speed figures only. */
  public record Summary(int seeds, long blocks, EnumMap<FaultKind, Long> faults, EnumMap<Invariant, Long> checks,
      List<SimResult> failures, int livenessClaimed, long lostSends, long rotations, long nanos) {

    public String render() {
      StringBuilder s = new StringBuilder();
      double secs = nanos / 1e9;
      s.append("seeds run: ").append(seeds).append(" (liveness claimed in ").append(livenessClaimed).append(")\n");
      s.append("blocks simulated: ").append(blocks).append(String.format(" in %.1f s: %.0f blocks/s, %.1f seeds/min%n", secs,
          blocks / Math.max(secs, 1e-9), seeds * 60 / Math.max(secs, 1e-9)));
      s.append("faults injected:");
      faults.forEach((k, v) -> s.append(' ').append(k).append('=').append(v));
      s.append("\nnode sends lost: ").append(lostSends).append(", key rotations confirmed: ").append(rotations);
      s.append("\ninvariant checks:");
      long total = 0;
      for (var e : checks.entrySet()) {
        s.append(' ').append(e.getKey().label()).append('=').append(e.getValue());
        total += e.getValue();
      }
      s.append(" (").append(total).append(" in all)\n");
      s.append("failures: ").append(failures.size()).append('\n');
      for (SimResult f : failures) {
        s.append(f.failureReport());
      }
      return s.toString();
    }
  }

  /** Runs seeds {@code first .. first+count-1} of {@code blocks} blocks each on {@code threads} threads. */
  public static Summary run(long first, int count, long blocks, int threads, Path work) throws InterruptedException {
    return run(first, count, blocks, threads, work, false);
  }

  /**
   * As {@link #run(long, int, long, int, Path)}; with {@code stopAtFailure}, the campaign ends at the
   * lowest failing seed (the seeds after it that already ran are dropped from the summary).
   */
  public static Summary run(long first, int count, long blocks, int threads, Path work, boolean stopAtFailure)
      throws InterruptedException {
    long start = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
    List<Future<SimResult>> futures = new ArrayList<>();
    try {
      for (int i = 0; i < count; i++) {
        long seed = first + i;
        futures.add(pool.submit(() -> Simulation.run(Scenario.draw(seed, blocks), work)));
        // (Simulation.run reports its own exceptions as a SIMULATOR_SOUND violation with the seed.)
      }
      List<SimResult> results = new ArrayList<>();
      for (Future<SimResult> f : futures) {
        SimResult r;
        try {
          r = f.get();
        } catch (ExecutionException e) {
          throw new IllegalStateException("the simulator itself failed", e.getCause());
        }
        results.add(r);
        if (stopAtFailure && !r.passed()) {
          break;
        }
      }
      return summarize(results, System.nanoTime() - start);
    } finally {
      pool.shutdownNow();
    }
  }

  public static Summary summarize(List<SimResult> results, long nanos) {
    EnumMap<FaultKind, Long> faults = new EnumMap<>(FaultKind.class);
    EnumMap<Invariant, Long> checks = new EnumMap<>(Invariant.class);
    List<SimResult> failures = new ArrayList<>();
    long blocks = 0;
    long lost = 0;
    long rotations = 0;
    int claimed = 0;
    for (SimResult r : results) {
      blocks += r.lastBlock();
      lost += r.lostSends();
      rotations += r.rotations();
      r.faults().forEach((k, v) -> faults.merge(k, v, Long::sum));
      r.checks().forEach((k, v) -> checks.merge(k, v, Long::sum));
      if (!r.passed()) {
        failures.add(r);
      }
      if (r.livenessClaimed()) {
        claimed++;
      }
    }
    return new Summary(results.size(), blocks, faults, checks, failures, claimed, lost, rotations, nanos);
  }
}
