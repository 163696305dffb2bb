package io.hivesafe.engine.snapshot;

import io.hivesafe.ops.NodeRecord;
import io.hivesafe.ops.ReportQuorum;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The tally's consensus rule applied to the reports read off the chain for report block R, as the tally
 * at T will apply it (ops {@code Tally}): every node that did not report misses one (a quarter of its
 * age, one more miss in a row), faulted runners leave the count ({@link ReportQuorum#countingRunners}),
 * and a digest passes with more than half of the counting runners holding at least half of their age.
 *
 * <p>While the window (R, T] is still open, the runners that have not reported yet may still do so. A
 * digest then {@link #passes() passes} only if it passes whatever they do — the worst case is that each
 * of them reports another digest, which keeps it in the count with its full age — and it
 * {@link #couldReach() could still pass} if it passes when each of them reports it. With the window
 * complete both are the tally's answer.
 *
 * @param shown the counts to name in messages: the tally's once the window is complete, the worst case before
 */
record WindowQuorum(boolean passes, boolean couldReach, ReportQuorum shown) {
  /** A value no report carries (reports are 64 hex digits): "some other digest". */
  private static final String OTHER = "another digest";

  static WindowQuorum of(String digest, List<String> runners, Map<String, NodeRecord> nodes, SortedMap<String, String> hashes,
      long maxMissed, boolean complete) {
    if (complete) {
      ReportQuorum tally = count(runners, nodes, hashes, maxMissed);
      return new WindowQuorum(tally.reaches(digest), tally.reaches(digest), tally);
    }
    TreeMap<String, String> worst = new TreeMap<>(hashes);
    TreeMap<String, String> best = new TreeMap<>(hashes);
    for (String runner : runners) {
      if (nodes.containsKey(runner) && !hashes.containsKey(runner)) {
        worst.put(runner, OTHER);
        best.put(runner, digest);
      }
    }
    ReportQuorum worstCase = count(runners, nodes, worst, maxMissed);
    ReportQuorum bestCase = count(runners, nodes, best, maxMissed);
    return new WindowQuorum(worstCase.reaches(digest), bestCase.reaches(digest), worstCase);
  }

  /**
   * The digest that passes whatever the runners yet to report do (the tally's consensus once the window
   * is complete), if one does.
   */
  Optional<String> consensus() {
    return shown.consensus().filter(h -> !h.equals(OTHER));
  }

  /** The tally's count if {@code hashes} are all the reports for R that land in (R, T]. */
  private static ReportQuorum count(List<String> runners, Map<String, NodeRecord> nodes, Map<String, String> hashes,
      long maxMissed) {
    TreeMap<String, NodeRecord> after = new TreeMap<>();
    for (NodeRecord n : nodes.values()) {
      after.put(n.account(), hashes.containsKey(n.account()) ? n.afterTally(n.age(), 0)
          : n.afterTally(n.age() - n.age() / 4, n.missed() + 1));
    }
    return ReportQuorum.count(ReportQuorum.countingRunners(runners, after, maxMissed), after, hashes);
  }
}
