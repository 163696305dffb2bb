package io.hivesafe.sim;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;

/** How often each invariant was checked in a run, and the checks that failed. */
final class InvariantTally {
  private final EnumMap<Invariant, Long> counts = new EnumMap<>(Invariant.class);
  private final List<Violation> violations = new ArrayList<>();

  void count(Invariant invariant) {
    counts.merge(invariant, 1L, Long::sum);
  }

  void violation(Invariant invariant, long block, String detail) {
    violations.add(new Violation(invariant, block, detail));
  }

  List<Violation> violations() {
    return List.copyOf(violations);
  }

  EnumMap<Invariant, Long> counts() {
    return new EnumMap<>(counts);
  }
}
