package io.hivesafe.chrono;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.hivesafe.state.KeyRange;
import io.hivesafe.state.StateConfig;
import io.hivesafe.state.StateDigest;
import io.hivesafe.state.StateStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM applies a seeded synthetic chain and is SIGKILLed at 30+ moments chosen by a seeded
 * random: after some commits, at the start of a heavy commit, or frozen inside a commit right after
 * its journal is durable, halfway through writing the store file, or after the store file's fsync.
 * After every kill it is restarted and resumes. At the end its digest and full contents must equal
 * those of an uninterrupted run, and no block whose commit returned may ever be lost.
 */
class CrashRecoveryTest {
  private static final long SEED = 20261121L;
  private static final long LAST_BLOCK = 200;
  private static final int MIN_KILLS = 30;
  private static final String[] PHASES = {"journal", "half", "store"};

  @TempDir
  Path tmp;

  private enum Mode { AFTER_COMMITS, AT_HEAVY_COMMIT, INSIDE_COMMIT, TO_THE_END }

  @Test
  void sigkillAtRandomMomentsThenResumeEqualsAnUninterruptedRun_seed20261121() throws Exception {
    Path crashed = tmp.resolve("crashed");
    Random rnd = new Random(SEED);
    Map<Mode, Integer> kills = new TreeMap<>();
    List<String> recoveries = new ArrayList<>();
    long confirmed = 0; // highest block whose commit returned, as far as the child's output tells
    long begun = 0; // highest block whose commit the child had started
    for (int run = 0; ; run++) {
      int killed = kills.values().stream().mapToInt(Integer::intValue).sum();
      Mode mode = killed >= MIN_KILLS ? Mode.TO_THE_END : Mode.values()[rnd.nextInt(3)];
      List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
          CrashWorker.class.getName(), crashed.toString(), Long.toString(SEED), Long.toString(LAST_BLOCK)));
      if (mode == Mode.INSIDE_COMMIT) {
        command.add(Long.toString(confirmed + 1 + rnd.nextInt(4)));
        command.add(PHASES[rnd.nextInt(PHASES.length)]);
      }
      Path stderr = tmp.resolve("worker-" + run + ".err");
      Process child = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
      try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        String[] resume = expectLine(out, child, stderr).split(" ", 3);
        assertEquals("RESUME", resume[0]);
        long resumeAt = Long.parseLong(resume[1]);
        // The block in flight at the kill is either wholly there or wholly absent; every block before
        // it had returned from its commit and must be there.
        assertTrue(resumeAt == confirmed + 1 || (resumeAt == begun + 1 && begun == confirmed + 1),
            "run " + run + " resumed at " + resumeAt + "; last committed " + confirmed + ", last begun " + begun);
        confirmed = resumeAt - 1;
        begun = confirmed;
        recoveries.add(resume[2]);
        int commitsBeforeKill = 1 + rnd.nextInt(12);
        long sleepMillis = rnd.nextInt(15);
        boolean done = false;
        while (!done) {
          String line = expectLine(out, child, stderr);
          String[] f = line.split(" ");
          if (f[0].equals("COMMITTED")) {
            confirmed = Long.parseLong(f[1]);
            if (mode == Mode.AFTER_COMMITS && --commitsBeforeKill == 0) {
              Thread.sleep(sleepMillis);
              break;
            }
          } else if (f[0].equals("COMMIT-BEGIN")) {
            begun = Long.parseLong(f[1]);
            if (mode == Mode.AT_HEAVY_COMMIT && Integer.parseInt(f[2]) >= 1_000) {
              break;
            }
          } else if (f[0].equals("PAUSED")) {
            break;
          } else if (f[0].equals("DONE")) {
            done = true;
          } else {
            fail("unexpected worker output: " + line);
          }
        }
        if (done) {
          assertEquals(0, child.waitFor(), "worker exit status");
          if (mode == Mode.TO_THE_END) {
            break;
          }
          fail("the chain ended after only " + killed + " kills; lengthen it");
        }
        // SIGKILL (no shutdown hooks, no finally blocks), through the handle so that the pipe stays
        // readable: Process.destroyForcibly would also close it.
        child.toHandle().destroyForcibly();
        assertTrue(child.waitFor(30, TimeUnit.SECONDS), "killed worker did not exit");
        kills.merge(mode, 1, Integer::sum);
        // What the child printed before it died is still in the pipe: count it.
        for (String line = out.readLine(); line != null; line = out.readLine()) {
          String[] f = line.split(" ");
          if (f[0].equals("COMMITTED")) {
            confirmed = Long.parseLong(f[1]);
          } else if (f[0].equals("COMMIT-BEGIN")) {
            begun = Long.parseLong(f[1]);
          }
        }
      }
    }
    int total = kills.values().stream().mapToInt(Integer::intValue).sum();
    assertTrue(total >= MIN_KILLS, "kills: " + kills);
    assertTrue(kills.getOrDefault(Mode.INSIDE_COMMIT, 0) >= 3, "kills inside commits: " + kills);
    assertTrue(recoveries.contains("replayed"), "at least one kill left a journal to replay: " + recoveries);

    Path reference = tmp.resolve("reference");
    try (StateStore store = StateStore.open(StateConfig.of(reference))) {
      new SyntheticChain(SEED).run(store, LAST_BLOCK);
    }
    Snapshot expected = snapshot(reference);
    Snapshot actual = snapshot(crashed);
    assertEquals(expected.digest(), actual.digest(), "digest after " + kills + " kills");
    assertEquals(expected.lastBlock(), actual.lastBlock());
    assertEquals(expected.entries().size(), actual.entries().size());
    assertEquals(expected.entries(), actual.entries());
  }

  private record Snapshot(StateDigest digest, long lastBlock, Map<String, String> entries) {}

  private static Snapshot snapshot(Path dir) {
    try (StateStore store = StateStore.open(StateConfig.of(dir))) {
      Map<String, String> entries = store.read(r -> {
        Map<String, String> all = new TreeMap<>();
        r.iterate(KeyRange.all()).forEachRemaining(e -> all.put(e.key().toString(), new String(e.value(), StandardCharsets.UTF_8)));
        return all;
      });
      return new Snapshot(store.digest(), store.lastBlock().getAsLong(), entries);
    }
  }

  private static String expectLine(BufferedReader out, Process child, Path stderr) throws IOException, InterruptedException {
    String line = out.readLine();
    if (line == null) {
      child.waitFor(10, TimeUnit.SECONDS);
      fail("worker ended unexpectedly (exit " + (child.isAlive() ? "still running" : child.exitValue()) + "): "
          + Files.readString(stderr));
    }
    return line;
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
