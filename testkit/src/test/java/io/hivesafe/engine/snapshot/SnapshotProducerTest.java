package io.hivesafe.engine.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import io.hivesafe.engine.NodeEvents;
import io.hivesafe.engine.node.SidechainNode;
import io.hivesafe.ops.BlockOutcome;
import io.hivesafe.ops.NetworkGenesis;
import io.hivesafe.state.FixedWidth;
import io.hivesafe.state.SnapshotInfo;
import io.hivesafe.state.Snapshots;
import io.hivesafe.state.StateConfig;
import io.hivesafe.state.StateDigest;
import io.hivesafe.state.StateKey;
import io.hivesafe.state.StateStore;
import io.hivesafe.state.StateTransaction;
import io.hivesafe.testkit.traffic.TrafficNetwork;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The producer against a store committed block by block on the test's thread, which plays the node's
 * thread: the listener is called right after each commit, as {@link SidechainNode} calls it.
 */
class SnapshotProducerTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final AtomicInteger LOGGERS = new AtomicInteger();

  @TempDir Path tmp;

  /** Tallies every 10 blocks, reports after blocks 5, 15, 25, … */
  private static final NetworkGenesis GENESIS = withIntervals(TrafficNetwork.create(3, 1).network(), 10, 5);

  private static NetworkGenesis withIntervals(NetworkGenesis g, long tally, long offset) {
    return new NetworkGenesis(g.network(), g.chainId(), g.prefix(), g.multisigAccount(), g.startBlock(), g.tokenSymbol(),
        g.tokenPrecision(), tally, offset, g.params(), g.allocations(), g.treasuryHive(), g.treasuryHbd(), g.nodes(),
        g.owner(), g.active(), g.recoveryAccount(), g.custody());
  }

  /** Events into a list; lines matching {@code block} make the logging thread wait for {@code release}. */
  private static final class Lines extends UnsynchronizedAppenderBase<ILoggingEvent> {
    final List<String> lines = new ArrayList<>();
    final NodeEvents events;
    volatile Predicate<String> block = line -> false;
    final CountDownLatch release = new CountDownLatch(1);

    Lines() {
      Logger logger = (Logger) LoggerFactory.getLogger("test.snapshot." + LOGGERS.incrementAndGet());
      logger.setLevel(Level.DEBUG);
      logger.setAdditive(false);
      start();
      logger.addAppender(this);
      events = new NodeEvents(logger);
    }

    @Override
    protected void append(ILoggingEvent e) {
      String line = e.getLevel() + " " + e.getFormattedMessage();
      synchronized (lines) {
        lines.add(line);
      }
      if (block.test(line)) {
        try {
          release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException ex) {
          Thread.currentThread().interrupt();
        }
      }
    }

    long count(String containing) {
      synchronized (lines) {
        return lines.stream().filter(l -> l.contains(containing)).count();
      }
    }
  }

  /** Commits block {@code b} with {@code writes} rows and tells the listener, as the node does. */
  private static void commit(StateStore store, SidechainNode.CommitListener listener, long b, int writes) {
    try (StateTransaction tx = store.begin(b)) {
      for (int i = 0; i < writes; i++) {
        tx.put(StateKey.path("rows", FixedWidth.int64((b * 7919 + i * 104_729L) % 50_000)), "block " + b + " row " + i, io.hivesafe.state.ValueCodec.TEXT);
      }
      tx.commit();
    }
    listener.committed(b, new BlockOutcome(b, 0, 0, 0, Optional.empty(), List.of()));
  }

  @Test
  void everySecondReportBlockIsWrittenUnderItsBlockAndDigestAndOnlyTheNewestTwoAreKept() throws Exception {
    Lines log = new Lines();
    Map<Long, StateDigest> digests = new TreeMap<>();
    Path dir = tmp.resolve("snapshots");
    try (StateStore store = StateStore.open(StateConfig.of(tmp.resolve("state")));
        SnapshotProducer producer = new SnapshotProducer(store, GENESIS, dir, 2, 2, log.events)) {
      for (long b = 1; b <= 90; b++) {
        commit(store, producer.afterCommits(), b, 20);
        digests.put(b, store.digest());
        assertTrue(producer.awaitIdle(WAIT));
      }
      // report blocks 5, 15, …, 85; every second one: 5, 25, 45, 65, 85
      assertEquals(5, producer.written());
      assertEquals(0, producer.failed() + producer.skipped());
      List<SnapshotFile> kept = producer.snapshots();
      assertEquals(List.of(85L, 65L), kept.stream().map(SnapshotFile::block).toList());
      for (SnapshotFile f : kept) {
        assertEquals(SnapshotFile.name(f.block(), digests.get(f.block())), f.path().getFileName().toString());
        SnapshotInfo header = Snapshots.header(f.path());
        assertEquals(f.block(), header.block());
        assertEquals(digests.get(f.block()), header.digest());
      }
      assertEquals(Optional.of(kept.get(0)), producer.latest());
      try (var files = Files.list(dir)) {
        assertEquals(2, files.count(), "nothing else is left in the directory (no partial files)");
      }
      assertEquals(3, log.count("old snapshot"), "5, 25 and 45 were deleted");
      assertEquals(1, log.count("block 85: snapshot written to " + dir.resolve(kept.get(0).path().getFileName())));
    }
  }

  @Test
  void theFileHoldsExactlyBlockREvenWhenTheNodeCommitsTheNextBlockAtOnce() throws Exception {
    Lines log = new Lines();
    Path dir = tmp.resolve("snapshots");
    try (StateStore store = StateStore.open(StateConfig.of(tmp.resolve("state")));
        SnapshotProducer producer = new SnapshotProducer(store, GENESIS, dir, 1, 5, log.events)) {
      SidechainNode.CommitListener quiet = (b, o) -> { };
      for (long b = 1; b <= 14; b++) {
        commit(store, quiet, b, b <= 5 ? 1_000 : 1); // a state of ~5,000 rows: the export takes a while
      }
      commit(store, producer.afterCommits(), 15, 10);
      StateDigest atR = store.digest();
      commit(store, producer.afterCommits(), 16, 500); // straight away, on the "node's" thread
      commit(store, producer.afterCommits(), 17, 500);
      StateDigest later = store.digest();
      assertTrue(producer.awaitIdle(WAIT));
      SnapshotFile file = producer.latest().orElseThrow();
      assertEquals(15, file.block());
      assertEquals(atR, file.digest());
      Path imported = tmp.resolve("imported");
      SnapshotInfo info = Snapshots.importInto(file.path(), StateConfig.of(imported), Optional.of(atR), OptionalLong.of(15));
      assertEquals(atR, info.digest(), "the import recomputes the digest from the entries: block 15's state, not 16's or 17's");
      assertFalse(atR.equals(later));
      assertEquals(17, store.lastBlock().getAsLong());
    }
  }

  @Test
  void aFailedExportIsLoggedNeverThrownAndTheNextOneWorks() throws Exception {
    Lines log = new Lines();
    Path dir = tmp.resolve("snapshots");
    try (StateStore store = StateStore.open(StateConfig.of(tmp.resolve("state")));
        SnapshotProducer producer = new SnapshotProducer(store, GENESIS, dir, 1, 3, log.events)) {
      Files.delete(dir);
      Files.writeString(dir, "not a directory"); // the snapshot directory is gone: a file stands in its way
      for (long b = 1; b <= 5; b++) {
        commit(store, producer.afterCommits(), b, 5); // block 5 is due: the export fails, the "node" goes on
      }
      assertTrue(producer.awaitIdle(WAIT));
      assertEquals(1, producer.failed());
      assertEquals(1, log.count("WARN block 5: snapshot not written: snapshot " + dir.resolve(SnapshotFile.name(5,
          store.digest()))), log.lines.toString());
      Files.delete(dir);
      Files.createDirectory(dir);
      for (long b = 6; b <= 15; b++) {
        commit(store, producer.afterCommits(), b, 5);
      }
      assertTrue(producer.awaitIdle(WAIT));
      assertEquals(1, producer.written());
      assertEquals(15, producer.latest().orElseThrow().block());
    }
  }

  @Test
  void aSnapshotDueWhileThePreviousIsStillBeingWrittenIsSkipped() throws Exception {
    Lines log = new Lines();
    log.block = line -> line.contains("block 5: snapshot written");
    Path dir = tmp.resolve("snapshots");
    try (StateStore store = StateStore.open(StateConfig.of(tmp.resolve("state")));
        SnapshotProducer producer = new SnapshotProducer(store, GENESIS, dir, 1, 3, log.events)) {
      for (long b = 1; b <= 15; b++) {
        commit(store, producer.afterCommits(), b, 5); // block 5's export is held up in its last step
      }
      assertEquals(1, producer.skipped());
      assertEquals(1, log.count("WARN block 15: snapshot skipped: the export of block 5 is still running"), log.lines.toString());
      log.release.countDown();
      assertTrue(producer.awaitIdle(WAIT));
      for (long b = 16; b <= 25; b++) {
        commit(store, producer.afterCommits(), b, 5);
      }
      assertTrue(producer.awaitIdle(WAIT));
      assertEquals(List.of(25L, 5L), producer.snapshots().stream().map(SnapshotFile::block).toList());
    }
  }

  @Test
  void nothingIsExportedWhileTheConditionDoesNotHold() throws Exception {
    java.util.concurrent.atomic.AtomicBoolean live = new java.util.concurrent.atomic.AtomicBoolean(false);
    try (StateStore store = StateStore.open(StateConfig.of(tmp.resolve("state")));
        SnapshotProducer producer = new SnapshotProducer(store, GENESIS, tmp.resolve("snapshots"), 1, 5, new Lines().events)
            .onlyWhen(live::get)) {
      for (long b = 1; b <= 20; b++) {
        commit(store, producer.afterCommits(), b, 2); // catching up through 5 and 15
      }
      live.set(true);
      for (long b = 21; b <= 25; b++) {
        commit(store, producer.afterCommits(), b, 2);
      }
      assertTrue(producer.awaitIdle(WAIT));
      assertEquals(List.of(25L), producer.snapshots().stream().map(SnapshotFile::block).toList());
      assertEquals(0, producer.skipped());
    }
  }

  @Test
  void leftoversOfAnExportKilledMidWriteAreRemovedAtStart() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("snapshots"));
    Path partial = dir.resolve(SnapshotFile.name(5, StateDigest.parse("ab".repeat(32))) + ".partial");
    Path stranger = dir.resolve("notes.txt");
    Files.writeString(partial, "half");
    Files.writeString(stranger, "mine");
    try (StateStore store = StateStore.open(StateConfig.of(tmp.resolve("state")));
        SnapshotProducer producer = new SnapshotProducer(store, GENESIS, dir, 1, 1, new Lines().events)) {
      assertFalse(Files.exists(partial));
      assertTrue(Files.exists(stranger), "files that are not ours are left alone");
      assertEquals(List.of(), producer.snapshots());
    }
  }
}
