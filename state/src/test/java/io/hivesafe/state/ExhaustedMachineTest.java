package io.hivesafe.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A machine out of memory is not a damaged store: a node started with a heap too small to verify its
 * store gets the OutOfMemoryError itself, not "damaged, restore a snapshot" — and the store, untouched,
 * opens with its digest once there is memory again.
 */
class ExhaustedMachineTest {
  @TempDir
  Path dir;

  @Test
  void outOfMemoryWhileOpeningIsThrownAsItIsAndChangesNothing() throws IOException, InterruptedException {
    StateDigest digest;
    try (StateStore store = StateStore.open(StateConfig.of(dir))) {
      String kilobyte = "k".repeat(1_000);
      for (long b = 1; b <= 48; b++) {
        try (StateTransaction tx = store.begin(b)) {
          for (int i = 0; i < 1_000; i++) {
            tx.put(StateKey.path("rows", FixedWidth.int64(b * 1_000 + i)), kilobyte + b + ":" + i, ValueCodec.TEXT);
          }
          tx.commit();
        }
      }
      digest = store.digest();
    }
    // Verifying on open reads every page through the store's page cache (64 MiB by default): far more
    // than a 24 MiB heap holds.
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(List.of(java, "-Xmx24m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp",
        System.getProperty("java.class.path"), OpenStoreWorker.class.getName(), dir.toString())).redirectErrorStream(true).start();
    assertTrue(child.waitFor(120, TimeUnit.SECONDS), "the child finished");
    String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(out.contains("OUT_OF_MEMORY"), "the child saw the OutOfMemoryError itself, not a damaged store: " + out);
    try (StateStore store = StateStore.open(StateConfig.of(dir))) {
      assertEquals(digest, store.digest());
      assertEquals(48, store.lastBlock().getAsLong());
    }
  }
}
