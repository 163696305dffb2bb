package io.hivesafe.sim;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Cuts a failing seed's scenario down (delta debugging by fault kind): each fault kind the run
 * injected is switched off in turn, and kept off when the run still fails the same invariant. What is
 * left is the smallest set of kinds that still breaks it, with the command that replays exactly that
 * ({@code scripts/sim --seed S --blocks M --without ...}). Switching a kind off changes the draws after
 * it, so a shrunk run is another schedule of the same seed — shorter, not a subsequence.
 */
final class Shrinker {
  private Shrinker() {}

  static String shrink(Scenario scenario, Path work, Consumer<String> progress) {
    return shrink(scenario, work, progress, Simulation.Hooks.NONE);
  }

  static String shrink(Scenario scenario, Path work, Consumer<String> progress, Simulation.Hooks hooks) {
    SimResult first = Simulation.run(scenario, work, hooks);
    if (first.passed()) {
      return "seed " + scenario.seed() + " holds every invariant: nothing to shrink\n";
    }
    Invariant target = first.violations().get(0).invariant();
    progress.accept("seed " + scenario.seed() + " fails " + target.label() + " at block " + first.violations().get(0).block()
        + " with " + faults(first) + " faults; shrinking");
    Scenario current = scenario;
    SimResult best = first;
    TreeSet<FaultKind> off = new TreeSet<>();
    for (FaultKind kind : FaultKind.values()) {
      if (kind == FaultKind.QUIET || kind == FaultKind.RESTART || best.faults().getOrDefault(kind, 0L) == 0) {
        continue;
      }
      Scenario candidate = current.without(List.of(kind));
      SimResult r = Simulation.run(candidate, work, hooks);
      boolean still = !r.passed() && r.violations().get(0).invariant() == target;
      progress.accept("  without " + kind + ": " + (still ? "still fails at block " + r.violations().get(0).block()
          + " (" + faults(r) + " faults): dropped" : r.passed() ? "passes: needed" : "fails otherwise: needed"));
      if (still) {
        current = candidate;
        best = r;
        off.add(kind);
      }
    }
    List<String> kept = new ArrayList<>();
    best.faults().forEach((k, v) -> kept.add(k + "=" + v));
    StringBuilder s = new StringBuilder();
    s.append("shrunk: seed ").append(scenario.seed()).append(" fails ").append(target.label()).append(" at block ")
        .append(best.violations().get(0).block()).append(" with ").append(faults(best)).append(" faults (from ")
        .append(faults(first)).append("): ").append(kept).append('\n');
    s.append(best.failureReport());
    s.append("  replay the shrunk run: scripts/sim --seed ").append(scenario.seed()).append(" --blocks ")
        .append(scenario.faultBlocks() + scenario.tailBlocks());
    if (!off.isEmpty()) {
      s.append(" --without ").append(off.stream().map(Enum::name).collect(Collectors.joining(",")));
    }
    s.append('\n');
    return s.toString();
  }

  private static long faults(SimResult r) {
    return r.schedule().stream().filter(f -> f.kind() != FaultKind.QUIET).filter(f -> f.block() <= r.violations().get(0).block()).count();
  }
}
