package io.hivesafe.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivesafe.state.StateConfig;
import io.hivesafe.state.StateKey;
import io.hivesafe.state.StateStore;
import io.hivesafe.state.StateTransaction;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateCommandsTest {
  @TempDir
  Path tmp;
  Path data;
  String digest;

  @BeforeEach
  void node() {
    data = tmp.resolve("node");
    try (StateStore store = StateStore.open(StateConfig.of(data))) {
      for (long b = 1000; b < 1010; b++) {
        try (StateTransaction tx = store.begin(b)) {
          tx.put(StateKey.path("balances", "acct" + b), b * 1000L, io.hivesafe.state.ValueCodec.INT64);
          tx.commit();
        }
      }
      digest = store.digest().hex();
    }
  }

  private static void assertFailure(CliRun r, String mustMention) {
    assertEquals(2, r.exit(), r.err());
    assertEquals("", r.out());
    assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
    assertTrue(r.err().contains(mustMention), r.err());
  }

  @Test
  void exportImportInfoRoundTrip() {
    Path snap = tmp.resolve("node.snap");
    CliRun exported = CliRun.of("snapshot", "export", "--data", data.toString(), "--out", snap.toString());
    assertEquals(0, exported.exit(), exported.err());
    assertEquals(1009, exported.json().get("block").asLong());
    assertEquals(digest, exported.json().get("digest").asText());
    assertEquals(10, exported.json().get("entries").asLong());

    Path restored = tmp.resolve("restored");
    CliRun imported = CliRun.of("snapshot", "import", "--file", snap.toString(), "--data", restored.toString(),
        "--expect-digest", digest, "--expect-block", "1009");
    assertEquals(0, imported.exit(), imported.err());

    CliRun info = CliRun.of("state", "info", "--data", restored.toString());
    assertEquals(0, info.exit(), info.err());
    assertEquals(digest, info.json().get("digest").asText());
    assertEquals(1009, info.json().get("block").asLong());
    assertEquals("clean", info.json().get("recovery").asText());
  }

  @Test
  void refusalsExitTwoWithOneLine() throws Exception {
    Path snap = tmp.resolve("node.snap");
    assertEquals(0, CliRun.of("snapshot", "export", "--data", data.toString(), "--out", snap.toString()).exit());
    Path restored = tmp.resolve("restored");

    assertFailure(CliRun.of("snapshot", "import", "--file", snap.toString(), "--data", restored.toString(),
        "--expect-digest", "ab".repeat(32)), "expected");
    assertFailure(CliRun.of("snapshot", "import", "--file", snap.toString(), "--data", restored.toString(),
        "--expect-digest", "xyz"), "--expect-digest");
    byte[] bytes = Files.readAllBytes(snap);
    bytes[bytes.length / 2] ^= 0x10;
    Files.write(snap, bytes);
    assertFailure(CliRun.of("snapshot", "import", "--file", snap.toString(), "--data", restored.toString()), "snapshot");
    assertFalse(Files.exists(restored));

    assertFailure(CliRun.of("snapshot", "import", "--file", snap.toString(), "--data", data.toString()), "not empty");
    assertFailure(CliRun.of("state", "info", "--data", tmp.resolve("nowhere").toString()), "no state directory");

    Files.delete(data.resolve(StateStore.JOURNAL_FILE));
    assertFailure(CliRun.of("state", "info", "--data", data.toString()), "snapshot import");
    assertFailure(CliRun.of("snapshot", "export", "--data", data.toString(), "--out", tmp.resolve("x.snap").toString()), "damaged");
  }

  @Test
  void aStoreHeldByARunningNodeIsNotTouched() {
    try (StateStore running = StateStore.open(StateConfig.of(data))) {
      assertFailure(CliRun.of("snapshot", "export", "--data", data.toString(), "--out", tmp.resolve("y.snap").toString()), "in use");
      assertEquals(digest, running.digest().hex());
    }
  }
}
