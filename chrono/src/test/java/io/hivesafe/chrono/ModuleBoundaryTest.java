package io.hivesafe.chrono;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivesafe.hive.SourceRules;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** chrono sits on state only: no hive, no ops or engine, no I/O, clocks, randomness or floats. */
class ModuleBoundaryTest {
  @Test
  void chronoSourcesStayDeterministic() {
    SourceRules.Scan scan = SourceRules.scan(Path.of("src/main/java"), p -> true,
        SourceRules.DETERMINISTIC_CORE + "|" + SourceRules.SHELL_ONLY
            + "|import io\\.hivesafe\\.(hive|ops|engine)|import java\\.io|import java\\.nio|import org\\.mapdb");
    assertTrue(scan.filesChecked() >= 3, "sources found: " + scan.filesChecked());
    assertEquals(List.of(), scan.violations());
  }
}
