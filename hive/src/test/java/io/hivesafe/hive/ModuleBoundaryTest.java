package io.hivesafe.hive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The protocol packages (crypto, protocol, codec, json) are pure: the same input gives the same bytes
 * on every node. Only the rpc package may touch the network. Checked on the sources.
 */
class ModuleBoundaryTest {
  @Test
  void protocolPackagesDoNoIoClocksRandomnessOrFloatingPoint() {
    Path main = Path.of("src/main/java/io/hivesafe/hive");
    SourceRules.Scan scan = SourceRules.scan(main, p -> !p.startsWith(main.resolve("rpc")),
        SourceRules.DETERMINISTIC_CORE + "|" + SourceRules.SHELL_ONLY);
    assertTrue(scan.filesChecked() > 20, "sources found: " + scan.filesChecked());
    assertEquals(List.of(), scan.violations());
  }
}
