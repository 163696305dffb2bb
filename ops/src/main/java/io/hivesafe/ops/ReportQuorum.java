package io.hivesafe.ops;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The tally's consensus rule (DESIGN §3.3), pure: given the runners, the registered nodes (for their
 * ages) and the hash each account reported for one report block, how many runners — and how much of
 * the runners' age — stand behind each hash, and which hash, if any, is the consensus.
 *
 * <p>A hash is the consensus when it is reported by more than half of the runners AND by runners
 * holding at least half of the runners' total age. A runner without a node record counts with age 0
 * and its report does not count. Two hashes can never both pass (each would need more than half of the
 * runners). Used by {@code Tally} and by the shell's snapshot bootstrap, which checks a snapshot's
 * digest against the reports on chain with this same rule.
 */
public final class ReportQuorum {
  private final long runnerCount;
  private final long ageTotal;
  /** hash → {runners reporting it, their age}. */
  private final TreeMap<String, long[]> byHash;
  /** Runners with a node record that have not reported, and their age. */
  private final long silent;
  private final long silentAge;

  private ReportQuorum(long runnerCount, long ageTotal, TreeMap<String, long[]> byHash, long silent, long silentAge) {
    this.runnerCount = runnerCount;
    this.ageTotal = ageTotal;
    this.byHash = byHash;
    this.silent = silent;
    this.silentAge = silentAge;
  }

  /**
   * Counts the reports of {@code runners}. {@code nodes} maps account → its node record;
   * {@code hashByAccount} maps account → the hash it reported (accounts that are not runners are
   * ignored).
   */
  public static ReportQuorum count(List<String> runners, Map<String, NodeRecord> nodes, Map<String, String> hashByAccount) {
    long ageTotal = 0;
    long silent = 0;
    long silentAge = 0;
    TreeMap<String, long[]> byHash = new TreeMap<>();
    for (String runner : runners) {
      NodeRecord node = nodes.get(runner);
      long age = node == null ? 0 : node.age();
      ageTotal = Math.addExact(ageTotal, age);
      String hash = hashByAccount.get(runner);
      if (hash != null && node != null) {
        long[] c = byHash.computeIfAbsent(hash, h -> new long[2]);
        c[0]++;
        c[1] = Math.addExact(c[1], age);
      } else if (node != null) {
        silent++;
        silentAge = Math.addExact(silentAge, age);
      }
    }
    return new ReportQuorum(runners.size(), ageTotal, byHash, silent, silentAge);
  }

  /**
   * The runners whose reports count at a tally: registered, and not faulted once this tally's missed
   * reports are counted ({@code nodes} holds the records after that update). A faulted runner leaves
   * the quorum's count and its age, so the runners still reporting can reach consensus again when the
   * oldest die; a runner without a node record (removed) cannot report and does not count.
   */
  public static List<String> countingRunners(List<String> runners, Map<String, NodeRecord> nodes, long maxMissed) {
    List<String> out = new java.util.ArrayList<>();
    for (String runner : runners) {
      NodeRecord n = nodes.get(runner);
      if (n != null && !n.faulted(maxMissed)) {
        out.add(runner);
      }
    }
    return out;
  }

  public long runnerCount() {
    return runnerCount;
  }

  /** The runners' total age. */
  public long ageTotal() {
    return ageTotal;
  }

  /** Runners that reported {@code hash}. */
  public long reporters(String hash) {
    long[] c = byHash.get(hash);
    return c == null ? 0 : c[0];
  }

  /** The total age of the runners that reported {@code hash}. */
  public long reportersAge(String hash) {
    long[] c = byHash.get(hash);
    return c == null ? 0 : c[1];
  }

  /** Whether {@code hash} passes the rule: more than half of the runners and at least half of their age. */
  public boolean reaches(String hash) {
    long[] c = byHash.get(hash);
    return c != null && c[0] * 2 > runnerCount && c[1] * 2 >= ageTotal;
  }

  /**
   * Whether {@code hash} would pass if every runner that has not reported yet reported it: false means
   * no later report can make it the consensus (a node reports once per block). For a reader of reports
   * whose window is still open.
   */
  public boolean couldStillReach(String hash) {
    long[] c = byHash.getOrDefault(hash, new long[2]);
    return (c[0] + silent) * 2 > runnerCount && Math.addExact(c[1], silentAge) * 2 >= ageTotal;
  }

  /** The consensus hash, if one passes. */
  public Optional<String> consensus() {
    String found = null;
    for (String hash : byHash.keySet()) {
      if (reaches(hash)) {
        found = hash;
      }
    }
    return Optional.ofNullable(found);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("ReportQuorum[runners=" + runnerCount + ", age=" + ageTotal);
    byHash.forEach((h, c) -> sb.append(", ").append(h, 0, Math.min(12, h.length())).append("…=").append(c[0]).append('/')
        .append(c[1]));
    return sb.append(']').toString();
  }
}
