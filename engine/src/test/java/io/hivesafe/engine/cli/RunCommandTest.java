package io.hivesafe.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hivesafe run}'s checks before anything starts. Running a node against a devnet, with the test
 * kit's network and keys, is the test kit's RunCommandDevnetTest.
 */
class RunCommandTest {
  @TempDir Path dir;

  /** Runs the command line; a node that starts is stopped at once. */
  private static CliRun run(Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Console console = new Console(new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), env);
    int exit = HivesafeCommand.run(console, Runnable::run, args);
    return new CliRun(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void anExpectedDigestNeedsABootstrapAndSixtyFourHexDigits() {
    String none = dir.resolve("none.json").toString();
    CliRun alone = run(Map.of(), "run", "--config", none, "--expect-digest", "00".repeat(32));
    assertEquals(HivesafeCommand.EXIT_FAILURE, alone.exit());
    assertEquals("error: --expect-digest needs --bootstrap: it is the digest the snapshot must have\n", alone.err());
    CliRun bad = run(Map.of(), "run", "--config", none, "--bootstrap", "s.snapshot", "--expect-digest", "abc");
    assertEquals(HivesafeCommand.EXIT_FAILURE, bad.exit());
    assertEquals("error: --expect-digest: state digest must be 64 hex digits\n", bad.err());
  }
}
