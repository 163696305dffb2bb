package io.hivesafe.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivesafe.hive.SourceRules;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** state is below ops in the chain: no network, no CLI, no metrics, no clocks, no randomness, no floats. */
class ModuleBoundaryTest {
  @Test
  void stateSourcesStayDeterministicAndShellFree() {
    SourceRules.Scan scan = SourceRules.scan(Path.of("src/main/java"), p -> true,
        SourceRules.DETERMINISTIC_CORE + "|" + SourceRules.SHELL_ONLY + "|import io\\.hivesafe\\.(hive|chrono|ops|engine)");
    assertTrue(scan.filesChecked() >= 15, "sources found: " + scan.filesChecked());
    assertEquals(List.of(), scan.violations());
  }
}
