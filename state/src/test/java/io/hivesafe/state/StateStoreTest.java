package io.hivesafe.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivesafe.state.digest.MuHash3072;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateStoreTest {
  record Balance(String account, long amount) {
    static final ValueCodec<Balance> CODEC = ValueCodec.of((w, v) -> w.text(v.account()).int64(v.amount()),
        r -> new Balance(r.text(), r.int64()));
  }

  @TempDir
  Path dir;

  private static StateKey key(String path) {
    return StateKey.of(path);
  }

  @Test
  void newStoreIsEmptyWithTheEmptySetDigest() {
    try (StateStore store = StateStore.open(StateConfig.of(dir))) {
      assertEquals(OptionalLong.empty(), store.lastBlock());
      assertEquals(0, store.entryCount());
      assertEquals(StateDigest.of(MuHash3072.empty()), store.digest());
    }
  }

  @Test
  void equalAccumulatorsMeanEqualDigestsButEqualDigestsMayComeFromOtherAccumulators() {
    try (StateStore a = StateStore.open(StateConfig.of(dir.resolve("a")));
        StateStore b = StateStore.open(StateConfig.of(dir.resolve("b")));
        StateStore c = StateStore.open(StateConfig.of(dir.resolve("c")))) {
      for (StateStore s : List.of(a, b)) {
        try (StateTransaction tx = s.begin(1)) {
          tx.put(key("x"), 1L, ValueCodec.INT64);
          tx.commit();
        }
      }
      // c reaches the same set through another write: x=2 at block 1, then x=1 at block 2.
      try (StateTransaction tx = c.begin(1)) {
        tx.put(key("x"), 2L, ValueCodec.INT64);
        tx.commit();
      }
      try (StateTransaction tx = c.begin(2)) {
        tx.put(key("x"), 1L, ValueCodec.INT64);
        tx.commit();
      }
      assertTrue(java.util.Arrays.equals(a.digestAccumulator(), b.digestAccumulator()), "same writes, same accumulator");
      assertEquals(a.digest(), b.digest());
      assertEquals(a.digest(), c.digest(), "the same set has the same digest");
      assertFalse(java.util.Arrays.equals(a.digestAccumulator(), c.digestAccumulator()),
          "reached through other writes: another accumulator, so a difference must be settled by the digest");
      byte[] copy = a.digestAccumulator();
      copy[0] ^= 1;
      assertFalse(java.util.Arrays.equals(copy, a.digestAccumulator()), "a copy, not the store's own array");
    }
  }

  @Test
  void readsInsideABlockSeeItsOwnWritesAndCommitPersistsThem() {
    try (StateStore store = StateStore.open(StateConfig.of(dir))) {
      try (StateTransaction tx = store.begin(100)) {
        tx.put(key("balances/alice"), new Balance("alice", 5000), Balance.CODEC);
        assertEquals(Optional.of(new Balance("alice", 5000)), tx.get(key("balances/alice"), Balance.CODEC));
        assertEquals(Optional.empty(), store.read(r -> r.get(key("balances/alice"), Balance.CODEC)), "not visible before commit");
        tx.commit();
      }
      assertEquals(OptionalLong.of(100), store.lastBlock());
    }
    try (StateStore store = StateStore.open(StateConfig.of(dir))) {
      assertEquals(Optional.of(new Balance("alice", 5000)), store.read(r -> r.get(key("balances/alice"), Balance.CODEC)));
      assertEquals(OptionalLong.of(100), store.lastBlock());
      assertEquals(1, store.entryCount());
    }
  }

  @Test
  void onlyTheNextBlockMayBegin() {
    try (StateStore store = StateStore.open(StateConfig.of(dir))) {
      try (StateTransaction tx = store.begin(7)) {
        tx.put(key("a"), 1L, ValueCodec.INT64);
        tx.commit();
      }
      assertThrows(IllegalStateException.class, () -> store.begin(7), "applying a block twice");
      assertThrows(IllegalStateException.class, () -> store.begin(9), "skipping a block");
      try (StateTransaction tx = store.begin(8)) {
        assertThrows(IllegalStateException.class, () -> store.begin(8), "two open blocks");
        tx.commit();
      }
    }
  }

  @Test
  void anExceptionInsideTheBlockRollsEverythingBack() {
    try (StateStore store = StateStore.open(StateConfig.of(dir))) {
      try (StateTransaction tx = store.begin(1)) {
        tx.put(key("kept"), "yes", ValueCodec.TEXT);
        tx.commit();
      }
      StateDigest before = store.digest();
      RuntimeException bug = assertThrows(RuntimeException.class, () -> {
        try (StateTransaction tx = store.begin(2)) {
          tx.put(key("lost"), "no", ValueCodec.TEXT);
          tx.delete(key("kept"));
          throw new RuntimeException("handler bug");
        }
      });
      assertEquals("handler bug", bug.getMessage());
      assertEquals(OptionalLong.of(1), store.lastBlock());
      assertEquals(before, store.digest());
      assertEquals(List.of("kept"), store.read(r -> r.range(key("a"), null, 10)).stream().map(e -> e.key().toString()).toList());
      try (StateTransaction tx = store.begin(2)) {
        assertFalse(tx.contains(key("lost")));
        tx.commit();
      }
    }
  }

  @Test
  void aFailureInsideTheCommitLeavesThePreviousBlockOnDisk() {
    CommitObserver failAfterJournal = new CommitObserver() {
      @Override
      public void journalDurable(long block, int pages, long bytes) {
        if (block == 2) {
          throw new IllegalStateException("disk pulled out");
        }
      }
    };
    StateDigest afterOne;
    try (StateStore store = StateStore.open(StateConfig.of(dir), failAfterJournal)) {
      try (StateTransaction tx = store.begin(1)) {
        tx.put(key("x"), 1L, ValueCodec.INT64);
        tx.commit();
      }
      afterOne = store.digest();
      StateTransaction tx = store.begin(2);
      tx.put(key("y"), 2L, ValueCodec.INT64);
      StateStoreException e = assertThrows(StateStoreException.class, tx::commit);
      assertTrue(e.getMessage().contains("open it again to recover"), e.getMessage());
      assertThrows(StateStoreException.class, () -> store.read(r -> r.contains(key("x"))), "a failed store refuses service");
    }
    // The journal of block 2 was durable, so reopening finishes block 2.
    try (StateStore store = StateStore.open(StateConfig.of(dir))) {
      assertEquals("replayed", store.recovery());
      assertEquals(OptionalLong.of(2), store.lastBlock());
      assertNotEquals(afterOne, store.digest());
      assertTrue((boolean) store.read(r -> r.contains(key("y"))));
    }
  }

  @Test
  void childBuffersArePublishedOrDiscardedAsAWhole() {
    try (StateStore store = StateStore.open(StateConfig.of(dir))) {
      try (StateTransaction tx = store.begin(1)) {
        WriteBuffer accepted = tx.child();
        accepted.put(key("op/1"), "ok", ValueCodec.TEXT);
        assertThrows(IllegalStateException.class, () -> tx.put(key("direct"), "x", ValueCodec.TEXT), "parent is frozen while a child is open");
        accepted.publish();
        WriteBuffer rejected = tx.child();
        rejected.put(key("op/2"), "half-done", ValueCodec.TEXT);
        rejected.delete(key("op/1"));
        assertTrue(rejected.contains(key("op/2")));
        assertFalse(rejected.contains(key("op/1")));
        rejected.discard();
        assertTrue(tx.contains(key("op/1")));
        assertFalse(tx.contains(key("op/2")));
        tx.commit();
      }
      assertEquals(1, store.entryCount());
    }
  }

  @Test
  void scansMergeTheBlocksWritesWithCommittedStateInByteOrder() {
    try (StateStore store = StateStore.open(StateConfig.of(dir))) {
      try (StateTransaction tx = store.begin(1)) {
        for (String k : List.of("acct/bob", "acct/alice", "acct/carol", "acct-x", "acct0", "acct/alice/sub")) {
          tx.put(key(k), k, ValueCodec.TEXT);
        }
        tx.commit();
      }
      try (StateTransaction tx = store.begin(2)) {
        tx.delete(key("acct/bob"));
        tx.put(key("acct/bea"), "new", ValueCodec.TEXT);
        tx.put(key("acct/carol"), "changed", ValueCodec.TEXT);
        List<String> below = tx.descendants(key("acct"), 100).stream().map(e -> e.key() + "=" + e.value(ValueCodec.TEXT)).toList();
        assertEquals(List.of("acct/alice=acct/alice", "acct/alice/sub=acct/alice/sub", "acct/bea=new", "acct/carol=changed"), below);
        assertEquals(2, tx.descendants(key("acct"), 2).size());
        List<String> range = tx.range(key("acct/b"), key("acct/c"), 100).stream().map(e -> e.key().toString()).toList();
        assertEquals(List.of("acct/bea"), range);
        tx.commit();
      }
    }
  }

  @Test
  void equalContentsGiveEqualDigestsWhateverTheHistory() {
    StateDigest direct;
    try (StateStore a = StateStore.open(StateConfig.of(dir.resolve("a")))) {
      try (StateTransaction tx = a.begin(1)) {
        tx.put(key("k/1"), "one", ValueCodec.TEXT);
        tx.put(key("k/2"), "two", ValueCodec.TEXT);
        tx.commit();
      }
      direct = a.digest();
    }
    try (StateStore b = StateStore.open(StateConfig.of(dir.resolve("b")))) {
      try (StateTransaction tx = b.begin(50)) {
        tx.put(key("k/2"), "two", ValueCodec.TEXT);
        tx.put(key("k/3"), "three", ValueCodec.TEXT);
        tx.put(key("k/1"), "first", ValueCodec.TEXT);
        tx.commit();
      }
      try (StateTransaction tx = b.begin(51)) {
        tx.delete(key("k/3"));
        tx.put(key("k/1"), "one", ValueCodec.TEXT);
        tx.delete(key("absent"));
        tx.commit();
      }
      assertEquals(direct, b.digest());
      assertEquals(2, b.entryCount());
    }
  }

  @Test
  void aSecondProcessCannotOpenTheSameStore() {
    try (StateStore store = StateStore.open(StateConfig.of(dir))) {
      StateStoreException e = assertThrows(StateStoreException.class, () -> StateStore.open(StateConfig.of(dir)));
      assertTrue(e.getMessage().contains("in use"), e.getMessage());
    }
  }

}
