package io.hivesafe.chrono;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.hivesafe.hive.SourceRules;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * No floating point in chrono's sources, local variables and arithmetic included: the module rules are
 * checked on the bytecode by engine's ArchitectureTest (ArchUnit), which sees fields, signatures and
 * calls but not a {@code double} local; this scan covers that gap.
 */
class ModuleBoundaryTest {
  @Test
  void chronoSourcesUseNoFloatingPoint() {
    SourceRules.Scan scan = SourceRules.scan(Path.of("src/main/java"), p -> true, SourceRules.FLOATING_POINT);
    assertTrue(scan.filesChecked() >= 3, "sources found: " + scan.filesChecked());
    assertEquals(List.of(), scan.violations());
  }
}
