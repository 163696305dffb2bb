package io.hivesafe.dist;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A command that runs until it is stopped (the devnet, a node), its output in files. {@link #close}
 * kills it if the test did not stop it, so no process outlives its test.
 */
final class BackgroundProcess implements AutoCloseable {
  private final Process process;
  private final Path out;
  private final Path err;
  private final List<String> command;

  private BackgroundProcess(Process process, Path out, Path err, List<String> command) {
    this.process = process;
    this.out = out;
    this.err = err;
    this.command = command;
  }

  /** Starts {@code command} in {@code dir}, its standard output and error into files in {@code logs}. */
  static BackgroundProcess start(Path dir, Path logs, String name, List<String> command) throws IOException {
    Path out = logs.resolve(name + ".out");
    Path err = logs.resolve(name + ".err");
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
    return new BackgroundProcess(p, out, err, command);
  }

  /** Its standard output so far. */
  String out() throws IOException {
    return Files.readString(out, StandardCharsets.UTF_8);
  }

  /** Its standard error (the log) so far. */
  String err() throws IOException {
    return Files.readString(err, StandardCharsets.UTF_8);
  }

  /** Waits until its standard output holds a match of {@code pattern}; fails if it ends or the deadline passes first. */
  Matcher awaitOut(Pattern pattern, Duration deadline) throws IOException, InterruptedException {
    long end = System.nanoTime() + deadline.toNanos();
    while (System.nanoTime() < end) {
      Matcher m = pattern.matcher(out());
      if (m.find()) {
        return m;
      }
      if (!process.isAlive()) {
        throw new AssertionError(command + " ended (exit " + process.exitValue() + ") before printing " + pattern + ": " + out() + err());
      }
      Thread.sleep(50);
    }
    throw new AssertionError(command + " did not print " + pattern + " within " + deadline + ": " + out() + err());
  }

  boolean alive() {
    return process.isAlive();
  }

  /** Sends SIGTERM (what systemd's stop sends) and waits for the exit code. */
  int terminate(Duration deadline) throws InterruptedException, IOException {
    process.destroy();
    if (!process.waitFor(deadline.toSeconds(), TimeUnit.SECONDS)) {
      throw new AssertionError(command + " did not stop within " + deadline + " of SIGTERM: " + err());
    }
    return process.exitValue();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroyForcibly().waitFor();
    }
  }
}
