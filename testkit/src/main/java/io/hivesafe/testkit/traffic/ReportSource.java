package io.hivesafe.testkit.traffic;

import java.util.Optional;

/**
 * The state digest a node reports for a report block, if it reports. A test or recorder that applies
 * the blocks gives the digest it computed, so that the tallies find consensus; {@link #NONE} makes no
 * reports (the nodes then never reach consensus, and their runners never change).
 */
@FunctionalInterface
public interface ReportSource {
  ReportSource NONE = (node, block) -> Optional.empty();

  /** The digest (64 lowercase hex digits) {@code node} reports for {@code reportBlock}, or empty. */
  Optional<String> digest(String node, long reportBlock);
}
