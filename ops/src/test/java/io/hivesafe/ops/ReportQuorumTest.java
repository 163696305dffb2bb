package io.hivesafe.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The consensus rule on its own (the tally's scenarios are in TallyTest), and reading reports off the
 * chain with the report operation's own checks.
 */
class ReportQuorumTest {
  private static final String A = "aa".repeat(32);
  private static final String B = "bb".repeat(32);

  private static Map<String, NodeRecord> nodes(long... ages) {
    TreeMap<String, NodeRecord> nodes = new TreeMap<>();
    for (int i = 0; i < ages.length; i++) {
      nodes.put("node" + i, new NodeRecord("node" + i, "STM", 1, 1, ages[i], 0, 0, 0));
    }
    return nodes;
  }

  private static List<String> runners(int n) {
    return java.util.stream.IntStream.range(0, n).mapToObj(i -> "node" + i).toList();
  }

  @Test
  void moreThanHalfOfTheRunnersWithHalfTheAgeIsConsensus() {
    ReportQuorum q = ReportQuorum.count(runners(5), nodes(1, 1, 1, 1, 1), Map.of("node0", A, "node1", A, "node2", A, "node3", B));
    assertEquals(Optional.of(A), q.consensus());
    assertTrue(q.reaches(A));
    assertFalse(q.reaches(B));
    assertEquals(3, q.reporters(A));
    assertEquals(3, q.reportersAge(A));
    assertEquals(5, q.runnerCount());
    assertEquals(5, q.ageTotal());
  }

  @Test
  void exactlyHalfOfTheRunnersIsNotEnough() {
    ReportQuorum q = ReportQuorum.count(runners(4), nodes(1, 1, 1, 1), Map.of("node0", A, "node1", A, "node2", B));
    assertEquals(Optional.empty(), q.consensus());
    assertFalse(q.reaches(A));
  }

  @Test
  void aHeadcountWithoutHalfTheAgeIsNotEnough() {
    // three young runners against two old ones: 3 of 5 runners, but 3 of 203 age
    ReportQuorum q = ReportQuorum.count(runners(5), nodes(1, 1, 1, 100, 100), Map.of("node0", A, "node1", A, "node2", A, "node3", B, "node4", B));
    assertFalse(q.reaches(A));
    assertFalse(q.reaches(B), "2 of 5 runners");
    assertEquals(Optional.empty(), q.consensus());
  }

  @Test
  void halfTheAgeExactlyIsEnoughAndAllAgesZeroLeaveTheHeadcount() {
    assertTrue(ReportQuorum.count(runners(3), nodes(2, 1, 1), Map.of("node1", A, "node2", A)).reaches(A), "2 of 4 age");
    assertTrue(ReportQuorum.count(runners(3), nodes(0, 0, 0), Map.of("node1", A, "node2", A)).reaches(A));
  }

  @Test
  void reportsOfNonRunnersAndOfRunnersWithoutANodeRecordDoNotCount() {
    Map<String, NodeRecord> nodes = new TreeMap<>(nodes(1, 1, 1));
    nodes.remove("node2");
    ReportQuorum q = ReportQuorum.count(runners(3), nodes, Map.of("node0", A, "node2", A, "outsider", A, "node9", A));
    assertEquals(1, q.reporters(A));
    assertEquals(2, q.ageTotal(), "n2 has no record: age 0");
    assertFalse(q.reaches(A));
  }

  @Test
  void aHashCanStillPassOnlyIfTheRunnersYetToReportWouldCarryIt() {
    ReportQuorum q = ReportQuorum.count(runners(5), nodes(1, 1, 1, 1, 1), Map.of("node0", A, "node1", B));
    assertTrue(q.couldStillReach(A), "n2, n3, n4 have not reported: 4 of 5 possible");
    assertTrue(q.couldStillReach(B));
    assertTrue(q.couldStillReach("cc".repeat(32)), "3 silent runners are more than half");
    q = ReportQuorum.count(runners(5), nodes(1, 1, 1, 1, 1), Map.of("node0", A, "node1", B, "node2", B));
    assertFalse(q.couldStillReach("cc".repeat(32)), "2 silent runners are not enough on their own");
    assertTrue(q.couldStillReach(A));
    q = ReportQuorum.count(runners(5), nodes(1, 1, 1, 1, 1), Map.of("node0", B, "node1", B, "node2", B));
    assertFalse(q.couldStillReach(A), "B has passed: nothing else can");
    q = ReportQuorum.count(runners(3), nodes(1, 1, 10), Map.of("node0", A, "node1", A));
    assertFalse(q.couldStillReach(B), "n2 alone holds the age but not the headcount");
    assertFalse(q.reaches(A), "A has the headcount but 2 of 12 age");
    assertTrue(q.couldStillReach(A), "if n2 reports A too, it passes");
  }

  @Test
  void noRunnersNoConsensus() {
    assertEquals(Optional.empty(), ReportQuorum.count(List.of(), Map.of(), Map.of("node0", A)).consensus());
  }

  private static final NetworkGenesis G = TestNetwork.genesis(3, 1, 1);

  private static String reportJson(long block) {
    return "{\"block\":" + block + ",\"hash\":\"" + A + "\",\"ms\":{\"ref_block_num\":50,\"ref_block_prefix\":7,"
        + "\"expiration\":\"2026-01-01T01:00:00\"},\"version\":\"v\"}";
  }

  @Test
  void reportsReadOffTheChainPassTheOperationsOwnChecks() {
    Report r = Report.read(G, TestBlocks.active("node1", "hs_report", reportJson(50)), 57).orElseThrow();
    assertEquals(new Report("node1", 50, A, 50, 7, "2026-01-01T01:00:00", "v", 57), r);
    assertTrue(Report.read(G, TestBlocks.active("node1", "hs_report", reportJson(50)), 100).isPresent(), "the tally block itself");
    assertEquals(Optional.empty(), Report.read(G, TestBlocks.active("node1", "hs_report", reportJson(50)), 101), "after its tally");
    assertEquals(Optional.empty(), Report.read(G, TestBlocks.active("node1", "hs_report", reportJson(50)), 50), "before its block");
    assertEquals(Optional.empty(), Report.read(G, TestBlocks.posting("node1", "hs_report", reportJson(50)), 57), "posting");
    assertEquals(Optional.empty(), Report.read(G, TestBlocks.active("node1", "xx_report", reportJson(50)), 57), "other prefix");
    assertEquals(Optional.empty(), Report.read(G, TestBlocks.active("node1", "hs_report", reportJson(50).replace(A, "AB"
        .repeat(32))), 57), "uppercase hash");
    assertEquals(Optional.empty(), Report.read(G, TestBlocks.active("node1", "hs_report", "{\"block\":50}"), 57));
    assertEquals(Optional.empty(), Report.read(G, TestBlocks.active("node1", "hs_report", "not json"), 57));
  }
}
