package io.hivesafe.hive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * No floating point in hive's sources, local variables and arithmetic included: the module rules are
 * checked on the bytecode by engine's ArchitectureTest (ArchUnit), which sees fields, signatures and
 * calls but not a {@code double} local; this scan covers that gap.
 */
class ModuleBoundaryTest {
  @Test
  void protocolPackagesUseNoFloatingPoint() {
    Path main = Path.of("src/main/java/io/hivesafe/hive");
    SourceRules.Scan scan = SourceRules.scan(main, p -> !p.startsWith(main.resolve("rpc")), SourceRules.FLOATING_POINT);
    assertTrue(scan.filesChecked() > 20, "sources found: " + scan.filesChecked());
    assertEquals(List.of(), scan.violations());
  }
}
