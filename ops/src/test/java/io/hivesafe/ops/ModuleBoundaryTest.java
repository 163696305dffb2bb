package io.hivesafe.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivesafe.hive.SourceRules;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * ops is the deterministic core: no engine, no I/O, no clock, no randomness, no floating point, and no
 * hash-ordered collections (HashMap/HashSet iteration order differs between runs and JVMs).
 */
class ModuleBoundaryTest {
  @Test
  void opsSourcesStayDeterministic() {
    SourceRules.Scan scan = SourceRules.scan(Path.of("src/main/java"), p -> true,
        SourceRules.DETERMINISTIC_CORE + "|" + SourceRules.SHELL_ONLY
            + "|import io\\.hivesafe\\.(engine|devnet)|import java\\.io\\.File|import java\\.nio\\.file|import org\\.mapdb"
            + "|HashMap|HashSet|LocalDateTime\\.now|LocalDate\\.now");
    assertTrue(scan.filesChecked() >= 20, "sources found: " + scan.filesChecked());
    assertEquals(List.of(), scan.violations());
  }

  /**
   * A bug stops the node; it never becomes a recorded rejection (a fork): the core catches only the
   * declared invalid-input exceptions (OpRejected, IllegalArgumentException from a value's constructor),
   * never a catch-all.
   */
  @Test
  void opsHasNoCatchAll() {
    SourceRules.Scan scan = SourceRules.scan(Path.of("src/main/java"), p -> true,
        "catch \\((final )?(RuntimeException|Exception|Throwable|Error)\\b|catch \\([^)]*\\| *(RuntimeException|Exception|Throwable|Error)\\b");
    assertTrue(scan.filesChecked() >= 20, "sources found: " + scan.filesChecked());
    assertEquals(List.of(), scan.violations());
  }
}
