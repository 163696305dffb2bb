package io.hivesafe.dist;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A finished command: its exit code and what it printed. */
record CommandRun(int exit, String out, String err) {
  /** How long a command that should end by itself may take before the test gives up on it. */
  static final Duration DEADLINE = Duration.ofMinutes(2);

  /**
   * Runs {@code command} in {@code dir} with the test's environment changed by {@code env} (a null
   * value removes the variable), and waits for it to end.
   */
  static CommandRun of(Path dir, Map<String, String> env, List<String> command) throws IOException, InterruptedException {
    Path out = Files.createTempFile("hivesafe-dist-out", ".txt");
    Path err = Files.createTempFile("hivesafe-dist-err", ".txt");
    try {
      ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
          .redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
      env.forEach((k, v) -> {
        if (v == null) {
          builder.environment().remove(k);
        } else {
          builder.environment().put(k, v);
        }
      });
      Process p = builder.start();
      if (!p.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor();
        throw new AssertionError(command + " did not end within " + DEADLINE + "; it printed: " + Files.readString(out)
            + Files.readString(err));
      }
      return new CommandRun(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  static CommandRun of(Path dir, List<String> command) throws IOException, InterruptedException {
    return of(dir, Map.of(), command);
  }

  /** This run, failing with what it printed unless it exited 0. */
  CommandRun ok() {
    if (exit != 0) {
      throw new AssertionError("exit " + exit + "; stdout: " + out + "; stderr: " + err);
    }
    return this;
  }
}
