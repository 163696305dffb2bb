package io.hivesafe.engine.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivesafe.ops.NodeRecord;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The bootstrap counts the reports for R as the tally at T will: this window's misses, faulted runners
 * out of the count; and while the window is open a digest passes only if it passes whatever the runners
 * yet to report do.
 */
class WindowQuorumTest {
  private static final String X = "aa".repeat(32);
  private static final String Y = "bb".repeat(32);
  private static final long MAX_MISSED = 2;

  private static NodeRecord node(String account, long age, long missed) {
    return new NodeRecord(account, "STM" + account, 1, 1, age, missed, 0, 0);
  }

  /** a, b, c young and reporting; d old, one miss behind it. */
  private static final Map<String, NodeRecord> NODES = Map.of("aaa", node("aaa", 1, 0), "bbb", node("bbb", 1, 0), "ccc",
      node("ccc", 1, 0), "ddd", node("ddd", 100, 1));
  private static final List<String> RUNNERS = List.of("aaa", "bbb", "ccc", "ddd");

  private static TreeMap<String, String> reports(String... accountHash) {
    TreeMap<String, String> out = new TreeMap<>();
    for (int i = 0; i < accountHash.length; i += 2) {
      out.put(accountHash[i], accountHash[i + 1]);
    }
    return out;
  }

  @Test
  void aRunnerThatMissesItsSecondReportInARowIsFaultedAndLeavesTheCountAsAtTheTally() {
    WindowQuorum q = WindowQuorum.of(X, RUNNERS, NODES, reports("aaa", X, "bbb", X, "ccc", X), MAX_MISSED, true);
    assertTrue(q.passes(), "d is faulted at this tally: 3 of 3 runners, all of their age");
    assertEquals(3, q.shown().runnerCount());
    assertEquals(Optional.of(X), q.consensus());
  }

  @Test
  void whileTheWindowIsOpenTheSilentRunnerMayStillReportAnotherDigestSoItIsNotYetFinal() {
    WindowQuorum q = WindowQuorum.of(X, RUNNERS, NODES, reports("aaa", X, "bbb", X, "ccc", X), MAX_MISSED, false);
    assertFalse(q.passes(), "if d reports another digest it stays a runner with age 100: 3 of 103 is not half");
    assertTrue(q.couldReach(), "if d reports X too it passes");
    assertEquals(4, q.shown().runnerCount());
    assertEquals(Optional.empty(), q.consensus(), "no digest passes whatever d does");
  }

  @Test
  void aDigestTheOthersOutvotedCannotPassWhateverTheSilentRunnersDo() {
    WindowQuorum q = WindowQuorum.of(X, RUNNERS, NODES, reports("aaa", Y, "bbb", Y, "ccc", X), MAX_MISSED, false);
    assertFalse(q.passes());
    assertFalse(q.couldReach(), "even with d: 2 of 4 runners is not more than half");
  }
}
