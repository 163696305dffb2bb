package io.hivesafe.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SnapshotTest {
  @TempDir
  Path tmp;
  Path source;
  Path file;
  Map<String, String> contents;
  StateDigest digest;
  long block;

  @BeforeEach
  void export() {
    source = tmp.resolve("source");
    file = tmp.resolve("state.snap");
    try (StateStore store = StateStore.open(StateConfig.of(source))) {
      StoreFixtures.fill(store, 77, 25, 120);
      SnapshotInfo info = Snapshots.export(store, file);
      contents = StoreFixtures.contents(store);
      digest = store.digest();
      block = store.lastBlock().getAsLong();
      assertEquals(new SnapshotInfo(block, digest, contents.size(), info.bytes()), info);
    }
  }

  private SnapshotException refusedImport(Path snapshot, Optional<StateDigest> expect, OptionalLong expectBlock) {
    Path target = tmp.resolve("target");
    SnapshotException e = assertThrows(SnapshotException.class,
        () -> Snapshots.importInto(snapshot, StateConfig.of(target), expect, expectBlock));
    assertFalse(Files.exists(target), "a refused import leaves no data directory");
    assertFalse(Files.exists(tmp.resolve("target.importing")), "and no half-built one");
    return e;
  }

  @Test
  void exportThenImportGivesTheSameDigestBlockAndContents() {
    Path target = tmp.resolve("target");
    SnapshotInfo info = Snapshots.importInto(file, StateConfig.of(target), Optional.of(digest), OptionalLong.of(block));
    assertEquals(digest, info.digest());
    try (StateStore imported = StateStore.open(StateConfig.of(target))) {
      assertEquals(digest, imported.digest());
      assertEquals(OptionalLong.of(block), imported.lastBlock());
      assertEquals(contents, StoreFixtures.contents(imported));
      try (StateTransaction tx = imported.begin(block + 1)) {
        tx.put(StateKey.of("after/import"), 1L, ValueCodec.INT64);
        tx.commit();
      }
    }
    assertEquals(Snapshots.header(file), info);
  }

  @Test
  void exportingTheImportGivesTheSameFile() throws IOException {
    Path target = tmp.resolve("target");
    Snapshots.importInto(file, StateConfig.of(target), Optional.empty(), OptionalLong.empty());
    Path again = tmp.resolve("again.snap");
    try (StateStore imported = StateStore.open(StateConfig.of(target))) {
      Snapshots.export(imported, again);
    }
    assertTrue(Arrays.equals(Files.readAllBytes(file), Files.readAllBytes(again)));
  }

  /** Every single changed byte, at a seeded sample of positions plus every header byte, is refused. */
  @Test
  void anyOneChangedByteIsRefused_seed404() throws IOException {
    byte[] pristine = Files.readAllBytes(file);
    Random rnd = new Random(404);
    int[] positions = new int[40 + 60];
    for (int i = 0; i < 60; i++) {
      positions[i] = i; // magic, format, block, count, digest
    }
    for (int i = 60; i < positions.length; i++) {
      positions[i] = rnd.nextInt(pristine.length);
    }
    Path tampered = tmp.resolve("tampered.snap");
    for (int pos : positions) {
      byte[] bytes = pristine.clone();
      bytes[pos] ^= (byte) (1 + rnd.nextInt(255));
      Files.write(tampered, bytes);
      refusedImport(tampered, Optional.empty(), OptionalLong.empty());
    }
  }

  @Test
  void aRehashedSnapshotWithChangedContentsFailsOnTheStateDigest() throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    int at = bytes.length - 32 - 3; // inside the last value
    bytes[at] ^= 0x01;
    byte[] body = Arrays.copyOf(bytes, bytes.length - 32);
    byte[] rehash = PageJournal.sha256().digest(body);
    System.arraycopy(rehash, 0, bytes, bytes.length - 32, 32);
    Path forged = tmp.resolve("forged.snap");
    Files.write(forged, bytes);
    SnapshotException e = refusedImport(forged, Optional.empty(), OptionalLong.empty());
    assertTrue(e.getMessage().contains("hash to"), e.getMessage());
  }

  @Test
  void truncatedAnywhereIsRefused() throws IOException {
    byte[] pristine = Files.readAllBytes(file);
    Path cut = tmp.resolve("cut.snap");
    for (int len : new int[] {0, 7, 30, 60, pristine.length / 2, pristine.length - 1}) {
      Files.write(cut, Arrays.copyOf(pristine, len));
      refusedImport(cut, Optional.empty(), OptionalLong.empty());
    }
    byte[] longer = Arrays.copyOf(pristine, pristine.length + 1);
    Files.write(cut, longer);
    assertTrue(refusedImport(cut, Optional.empty(), OptionalLong.empty()).getMessage().contains("after the closing checksum"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"wrong expected digest,digest", "wrong expected block,block"})
  void expectationsMismatchAreRefused(String name, String which) {
    StateDigest other = StateDigest.parse("00".repeat(32));
    SnapshotException e = which.equals("digest")
        ? refusedImport(file, Optional.of(other), OptionalLong.empty())
        : refusedImport(file, Optional.empty(), OptionalLong.of(block + 1));
    assertTrue(e.getMessage().contains("expected"), e.getMessage());
  }

  @Test
  void importRefusesANonEmptyDirectoryAndLeavesItAlone() throws IOException {
    SnapshotException e = assertThrows(SnapshotException.class,
        () -> Snapshots.importInto(file, StateConfig.of(source), Optional.empty(), OptionalLong.empty()));
    assertTrue(e.getMessage().contains("not empty"), e.getMessage());
    assertEquals(contents, StoreFixtures.contents(source));
  }

  @Test
  void anEmptyStoreHasNothingToExport() {
    try (StateStore empty = StateStore.open(StateConfig.of(tmp.resolve("empty")))) {
      assertThrows(SnapshotException.class, () -> Snapshots.export(empty, tmp.resolve("nothing.snap")));
    }
    assertFalse(Files.exists(tmp.resolve("nothing.snap")));
  }

  @Test
  void importIntoAnExistingEmptyDirectoryWorks() throws IOException {
    Path target = Files.createDirectory(tmp.resolve("target"));
    Snapshots.importInto(file, StateConfig.of(target), Optional.of(digest), OptionalLong.empty());
    assertEquals(contents, StoreFixtures.contents(target));
  }

  @Test
  void aCommitStartedOnceTheExportHoldsTheLockWaitsAndTheFileHoldsTheBlockBefore() throws Exception {
    Path out = tmp.resolve("locked.snap");
    try (StateStore store = StateStore.open(StateConfig.of(source))) {
      java.util.concurrent.CountDownLatch locked = new java.util.concurrent.CountDownLatch(1);
      java.util.concurrent.atomic.AtomicReference<StateStore.StoreStatus> seen = new java.util.concurrent.atomic.AtomicReference<>();
      Thread exporter = new Thread(() -> Snapshots.export(store, out, status -> {
        seen.set(status);
        locked.countDown();
      }));
      exporter.start();
      assertTrue(locked.await(10, java.util.concurrent.TimeUnit.SECONDS));
      try (StateTransaction tx = store.begin(block + 1)) { // on this thread, as the node's applier would
        tx.put(StateKey.of("after/export"), 1L, ValueCodec.INT64);
        tx.commit();
      }
      exporter.join(10_000);
      assertEquals(OptionalLong.of(block), seen.get().lastBlock());
      assertEquals(digest, seen.get().digest());
      assertEquals(block + 1, store.lastBlock().getAsLong());
    }
    SnapshotInfo header = Snapshots.header(out);
    assertEquals(block, header.block());
    assertEquals(digest, header.digest());
    Path target = tmp.resolve("target");
    Snapshots.importInto(out, StateConfig.of(target), Optional.of(digest), OptionalLong.of(block));
    assertEquals(contents, StoreFixtures.contents(target));
  }

  @Test
  void anExceptionFromWhenLockedAbortsTheExportAndWritesNothing() {
    Path out = tmp.resolve("aborted.snap");
    try (StateStore store = StateStore.open(StateConfig.of(source))) {
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> Snapshots.export(store, out, status -> {
        throw new IllegalStateException("not this block");
      }));
      assertEquals("not this block", e.getMessage());
    }
    assertFalse(Files.exists(out));
    assertFalse(Files.exists(tmp.resolve("aborted.snap.partial")));
  }
}
