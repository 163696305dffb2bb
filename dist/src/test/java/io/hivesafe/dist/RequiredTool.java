package io.hivesafe.dist;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A command-line tool a test needs (systemd-analyze, promtool, tar), found on the PATH. A missing tool
 * fails the test with how to install it: these tests never skip.
 */
record RequiredTool(String name, String installHint) {
  /** systemd's {@code systemd-analyze} (Debian: the systemd package). */
  static final RequiredTool SYSTEMD_ANALYZE = new RequiredTool("systemd-analyze",
      "run scripts/install-systemd-analyze (scripts/test does), or apt-get install --no-install-recommends systemd");
  /** Prometheus' {@code promtool} (Debian's prometheus package). */
  static final RequiredTool PROMTOOL = new RequiredTool("promtool",
      "run scripts/install-prometheus (scripts/test does), or apt-get install --no-install-recommends prometheus");
  /** GNU tar, to unpack the release archive as an operator does. */
  static final RequiredTool TAR = new RequiredTool("tar", "apt-get install tar");

  /** The tool's absolute path, or a failure that says how to install it. */
  String path() {
    String pathVariable = System.getenv("PATH");
    if (pathVariable != null) {
      for (String dir : pathVariable.split(":")) {
        Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return candidate.toAbsolutePath().toString();
        }
      }
    }
    throw new AssertionError(name + " is not installed, and this test needs it (it never skips): " + installHint);
  }
}
