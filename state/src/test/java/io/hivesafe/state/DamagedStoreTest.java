package io.hivesafe.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A damaged store never opens as if it were fine: it fails naming the file and the way out. */
class DamagedStoreTest {
  @TempDir
  Path dir;
  Path storeFile;
  Path journal;
  Map<String, String> original;
  StateDigest digest;

  @BeforeEach
  void build() {
    try (StateStore store = StateStore.open(StateConfig.of(dir))) {
      StoreFixtures.fill(store, 11, 30, 200);
      try (StateTransaction tx = store.begin(store.lastBlock().getAsLong() + 1)) {
        tx.put(StateKey.of("marker"), "UNIQUE-MARKER-VALUE-0123456789", ValueCodec.TEXT);
        tx.commit();
      }
      original = StoreFixtures.contents(store);
      digest = store.digest();
    }
    storeFile = dir.resolve(StateStore.STORE_FILE);
    journal = dir.resolve(StateStore.JOURNAL_FILE);
  }

  private StoreDamagedException refused() {
    StoreDamagedException e = assertThrows(StoreDamagedException.class, () -> StateStore.open(StateConfig.of(dir)).close());
    assertTrue(e.getMessage().contains("snapshot import"), "tells the operator how to restore: " + e.getMessage());
    return e;
  }

  @Test
  void anIoErrorIsNotDamageAndChangesNothing() throws IOException {
    // The operating system refuses the store file (here: a directory stands in its place). That is an
    // I/O error to fix, not damage found in the store: no "damaged", no advice to restore a snapshot,
    // and once the cause is gone the store opens as it was.
    Path aside = dir.resolve("aside.db");
    Files.move(storeFile, aside);
    Files.createDirectory(storeFile);
    StateStoreException e = assertThrows(StateStoreException.class, () -> StateStore.open(StateConfig.of(dir)).close());
    assertTrue(!(e instanceof StoreDamagedException), "not reported as damage: " + e);
    assertTrue(e.getMessage().contains("an I/O error, not damage found in the store"), e.getMessage());
    assertTrue(!e.getMessage().contains("snapshot import"), e.getMessage());
    Files.delete(storeFile);
    Files.move(aside, storeFile);
    try (StateStore store = StateStore.open(StateConfig.of(dir))) {
      assertEquals(digest, store.digest());
      assertEquals(original, StoreFixtures.contents(store));
    }
  }

  @Test
  void truncatedStoreFile() throws IOException {
    try (FileChannel c = FileChannel.open(storeFile, StandardOpenOption.WRITE)) {
      c.truncate(c.size() / 2);
    }
    StoreDamagedException e = refused();
    assertEquals(storeFile, e.file());
  }

  @Test
  void storeFileCutToNothing() throws IOException {
    Files.write(storeFile, new byte[0]);
    assertEquals(storeFile, refused().file());
  }

  @Test
  void oneChangedByteInsideAValue() throws IOException {
    byte[] bytes = Files.readAllBytes(storeFile);
    int at = indexOf(bytes, "UNIQUE-MARKER-VALUE".getBytes(StandardCharsets.US_ASCII));
    assertTrue(at > 0, "marker is stored verbatim");
    bytes[at + 3] ^= 0x01;
    Files.write(storeFile, bytes);
    StoreDamagedException e = refused();
    assertTrue(e.getMessage().contains("hash to"), e.getMessage());
  }

  @Test
  void garbageOverTheHeader() throws IOException {
    overwrite(0, new byte[64], 0x5A);
    assertEquals(storeFile, refused().file());
  }

  @Test
  void missingJournal() throws IOException {
    Files.delete(journal);
    assertEquals(journal, refused().file());
  }

  @Test
  void missingStoreFile() throws IOException {
    Files.delete(storeFile);
    assertEquals(storeFile, refused().file());
  }

  @Test
  void aTornJournalIsDiscardedAndTheStoreIsIntact() throws IOException {
    Files.write(journal, "HSJOURN1 half a commit, then the power went".getBytes(StandardCharsets.US_ASCII));
    try (StateStore store = StateStore.open(StateConfig.of(dir))) {
      assertEquals("discarded torn", store.recovery());
      assertEquals(digest, store.digest());
      assertEquals(original, StoreFixtures.contents(store));
    }
  }

  /**
   * Seeded random garbage anywhere in the file: the store either refuses to open or, if the garbage
   * fell where nothing lives, opens with exactly the original contents. Never silently wrong.
   */
  @Test
  void randomGarbageIsDetectedOrHarmless_seed2026() throws IOException {
    byte[] pristine = Files.readAllBytes(storeFile);
    Random rnd = new Random(2026);
    int detected = 0;
    for (int round = 0; round < 40; round++) {
      byte[] damaged = pristine.clone();
      int start = rnd.nextInt(damaged.length - 16);
      int len = 1 + rnd.nextInt(16);
      for (int i = 0; i < len; i++) {
        damaged[start + i] = (byte) rnd.nextInt(256);
      }
      Files.write(storeFile, damaged);
      boolean refused = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
        try (StateStore store = StateStore.open(StateConfig.of(dir))) {
          assertEquals(original, StoreFixtures.contents(store), "opened after garbage at " + start + " but contents differ");
          assertEquals(digest, store.digest());
          return false;
        } catch (StoreDamagedException e) {
          return true;
        }
      });
      if (refused) {
        detected++;
      }
    }
    Files.write(storeFile, pristine);
    assertEquals(original, StoreFixtures.contents(dir), "pristine file still opens");
    assertTrue(detected > 0, "some garbage must land on live data");
  }

  private void overwrite(long offset, byte[] bytes, int fill) throws IOException {
    java.util.Arrays.fill(bytes, (byte) fill);
    try (FileChannel c = FileChannel.open(storeFile, StandardOpenOption.WRITE)) {
      c.write(ByteBuffer.wrap(bytes), offset);
    }
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
