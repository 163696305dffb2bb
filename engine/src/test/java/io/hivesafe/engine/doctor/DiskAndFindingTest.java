package io.hivesafe.engine.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The disk check's thresholds (a disk is not filled to test them: the free space is the seam) and the
 * printed form of a finding, which operators and scripts read.
 */
class DiskAndFindingTest {
  @TempDir Path dir;

  private Finding disk(long free) {
    List<Finding> f = DiskCheck.check(dir.resolve("data/not-yet"), p -> free);
    assertEquals(1, f.size());
    return f.get(0);
  }

  @Test
  void freeSpaceBelowTwoGibIsWarnAndBelowTwoHundredMibIsFail() {
    assertEquals(Verdict.OK, disk(DiskCheck.WARN_BYTES).verdict());
    Finding low = disk(DiskCheck.WARN_BYTES - 1);
    assertEquals(Verdict.WARN, low.verdict());
    assertEquals("WARN  disk: 2047 MiB free on the file system of " + dir + " (less than 2048 MiB) — a node that cannot write "
        + "its next commit or snapshot stops; free space or move \"data\" to a larger disk", low.line());
    assertEquals(Verdict.WARN, disk(DiskCheck.FAIL_BYTES).verdict());
    Finding full = disk(DiskCheck.FAIL_BYTES - 1);
    assertEquals(Verdict.FAIL, full.verdict());
    assertTrue(full.line().startsWith("FAIL  disk: 199 MiB free on the file system of " + dir + " (less than 200 MiB)"), full.line());
  }

  @Test
  void theWorstVerdictDecidesTheExitCode() {
    Finding ok = Finding.ok("a", "fine");
    Finding warn = Finding.warn("b", "low", "raise it");
    Finding fail = Finding.fail("c", "broken", "fix it");
    assertEquals(0, Doctor.worst(List.of(ok, ok)).exitCode());
    assertEquals(1, Doctor.worst(List.of(ok, warn, ok)).exitCode());
    assertEquals(2, Doctor.worst(List.of(fail, warn, ok)).exitCode());
    assertEquals("OK    a: fine", ok.line());
    assertEquals("FAIL  c: broken — fix it", fail.line());
    assertEquals("WARN  b: two lines in one — raise it", Finding.warn("b", "two lines\nin one", "raise it").line());
  }

  @Test
  void anEndpointsTokenNeverReachesADoctorLine() {
    java.net.URI paid = java.net.URI.create("https://op:s3cret@api.example/rpc/T0KEN?api_key=K3Y");
    EndpointReading dead = new EndpointReading(paid, java.util.Optional.empty(), java.util.Optional.empty(),
        java.util.Optional.of("HTTP 401"));
    List<Finding> lines = EndpointCheck.check(List.of(dead), io.hivesafe.hive.protocol.ChainId.MAINNET);
    assertEquals(1, lines.size());
    String line = lines.get(0).line();
    assertTrue(line.contains("https://api.example:443/…"), line);
    for (String secret : new String[] {"s3cret", "T0KEN", "K3Y"}) {
      assertTrue(!line.contains(secret), secret + " in " + line);
    }
  }
}
