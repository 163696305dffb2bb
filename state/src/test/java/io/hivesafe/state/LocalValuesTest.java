package io.hivesafe.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Node-local values (StateTransaction.putLocal): committed atomically with their block, kept across
 * reopening, outside the digest and the entry count, dropped with a block that is rolled back, and
 * never carried into a snapshot.
 */
class LocalValuesTest {
  @TempDir Path dir;
  @TempDir Path other;

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aLocalValueIsCommittedWithItsBlockAndStaysOutOfTheDigest() {
    StateDigest withoutLocal;
    try (StateStore plain = StateStore.open(StateConfig.of(other))) {
      try (StateTransaction tx = plain.begin(1)) {
        tx.put(StateKey.of("a"), 1L, ValueCodec.INT64);
        tx.commit();
      }
      withoutLocal = plain.digest();
    }
    try (StateStore store = StateStore.open(StateConfig.of(dir))) {
      try (StateTransaction tx = store.begin(1)) {
        tx.put(StateKey.of("a"), 1L, ValueCodec.INT64);
        tx.putLocal("diverged", bytes("yes"));
        assertEquals(Optional.empty(), store.local("diverged"), "not visible before the commit");
        tx.commit();
      }
      assertEquals(withoutLocal, store.digest(), "a local value is not state");
      assertEquals(1, store.entryCount());
      try (StateTransaction tx = store.begin(2)) {
        tx.putLocal("diverged", bytes("no"));
        // rolled back: closed without a commit
      }
      assertArrayEquals(bytes("yes"), store.local("diverged").orElseThrow(), "a rolled-back block writes nothing local");
    }
    try (StateStore store = StateStore.open(StateConfig.of(dir))) {
      assertEquals(OptionalLong.of(1), store.lastBlock());
      assertArrayEquals(bytes("yes"), store.local("diverged").orElseThrow(), "kept across reopening");
      assertThrows(IllegalArgumentException.class, () -> store.local(""));
    }
  }

  @Test
  void aSnapshotCarriesNoLocalValue() {
    Path file = dir.resolve("snap.bin");
    Path source = dir.resolve("source");
    try (StateStore store = StateStore.open(StateConfig.of(source))) {
      try (StateTransaction tx = store.begin(5)) {
        tx.put(StateKey.of("a"), 1L, ValueCodec.INT64);
        tx.putLocal("own-digest", bytes("abc"));
        tx.commit();
      }
      Snapshots.export(store, file);
    }
    Snapshots.importInto(file, StateConfig.of(other), Optional.empty(), OptionalLong.of(5));
    try (StateStore imported = StateStore.open(StateConfig.of(other))) {
      assertEquals(OptionalLong.of(5), imported.lastBlock());
      assertTrue(imported.local("own-digest").isEmpty(), "a bootstrapped node starts without the old node's local values");
    }
  }
}
