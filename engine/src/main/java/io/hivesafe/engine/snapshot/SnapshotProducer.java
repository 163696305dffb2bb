package io.hivesafe.engine.snapshot;

import io.hivesafe.engine.NodeEvents;
import io.hivesafe.engine.NodeLogContext;
import io.hivesafe.engine.node.SidechainNode;
import io.hivesafe.ops.BlockOutcome;
import io.hivesafe.ops.NetworkGenesis;
import io.hivesafe.state.SnapshotException;
import io.hivesafe.state.SnapshotInfo;
import io.hivesafe.state.Snapshots;
import io.hivesafe.state.StateDigest;
import io.hivesafe.state.StateStore;
import io.hivesafe.state.StateStoreException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * Writes a snapshot of the node's committed state after every {@code every}-th report block into a
 * directory, as {@link SnapshotFile} names it, and keeps the newest {@code keep}.
 *
 * <p>Exactly block R's state, off the node's thread: the commit listener runs on the node's thread
 * right after R is committed and before R+1 begins. It hands the export to the producer's own thread
 * and waits only until that thread holds the store's read lock ({@link Snapshots#export(StateStore,
 * Path, java.util.function.Consumer)}), a matter of microseconds. From then on the file holds R's state
 * whatever the node does: it applies R+1 meanwhile, and R+1's commit waits until the entries are
 * written (the store has no copy-on-write view, so a commit cannot overtake a reader). So the node loses
 * at most the time the export holds the lock, less what applying R+1 takes anyway (docs/node.md,
 * "Snapshots and bootstrap", has the figures). The fsync and rename that make the file complete-or-absent
 * happen after the lock is released.
 *
 * <p>One export at a time: a snapshot that falls due while the previous one is still being written is
 * skipped. Every failure — a full disk, a directory that vanished, even a bug here — is logged through
 * {@link NodeEvents} and never reaches the node: a node that stopped because it could not write a
 * snapshot would be worse than a node without one.
 *
 * <p>Lifecycle: register {@link #afterCommits()} with {@link SidechainNode#onCommit}; {@link #close()}
 * waits for an export under way and stops the thread. Close it before the store.
 */
public final class SnapshotProducer implements AutoCloseable {
  /** How long the node's thread waits for the export thread to take the read lock before it goes on. */
  private static final Duration LOCK_WAIT = Duration.ofSeconds(10);
  private static final Duration CLOSE_WAIT = Duration.ofMinutes(2);

  private final StateStore store;
  private final NetworkGenesis genesis;
  private final Path dir;
  private final int every;
  private final int keep;
  private final NodeEvents events;
  private final ExecutorService exporter;
  private final Object idle = new Object();
  private final AtomicLong written = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong skipped = new AtomicLong();
  /** The block being exported, or -1. Guarded by {@link #idle}. */
  private long running = -1;
  private volatile boolean closed;
  private volatile BooleanSupplier condition = () -> true;

  /**
   * @param every export after every {@code every}-th report block (1 = each; counted from block numbers,
   *     {@code (R - report_offset) / tally % every == 0}, so a restart does not shift the schedule)
   * @param keep how many snapshots to keep (the newest by block); older ones in {@code dir} are deleted
   */
  public SnapshotProducer(StateStore store, NetworkGenesis genesis, Path dir, int every, int keep, NodeEvents events) {
    if (every < 1) {
      throw new IllegalArgumentException("snapshot every must be at least 1 report block, got " + every);
    }
    if (keep < 1) {
      throw new IllegalArgumentException("snapshot keep must be at least 1, got " + keep);
    }
    this.store = store;
    this.genesis = genesis;
    this.dir = dir.toAbsolutePath().normalize();
    this.every = every;
    this.keep = keep;
    this.events = events;
    try {
      Files.createDirectories(this.dir);
      for (Path partial : SnapshotFile.partials(this.dir)) {
        Files.deleteIfExists(partial);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot use the snapshot directory " + this.dir + ": " + e.getMessage(), e);
    }
    NodeLogContext log = NodeLogContext.current();
    this.exporter = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(log.carry(r), "hivesafe-snapshot");
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Exports only while {@code condition} holds when a snapshot falls due, e.g.
   * {@code () -> node.source().mode() == BlockSource.Mode.LIVE}: a node catching up would otherwise
   * pay an export (its next commit waits for it) every {@code every} report blocks, for snapshots that
   * are out of date as soon as they are written. By default every due snapshot is written.
   */
  public SnapshotProducer onlyWhen(BooleanSupplier condition) {
    this.condition = java.util.Objects.requireNonNull(condition, "condition");
    return this;
  }

  /** The listener to register with {@link SidechainNode#onCommit}. */
  public SidechainNode.CommitListener afterCommits() {
    return this::committed;
  }

  /** Whether a snapshot is due after {@code block}. */
  public boolean isDue(long block) {
    return genesis.isReportBlock(block) && ((block - genesis.reportOffset()) / genesis.tallyInterval()) % every == 0;
  }

  private void committed(long block, BlockOutcome outcome) {
    if (closed || !isDue(block)) {
      return;
    }
    try {
      if (!condition.getAsBoolean()) {
        return;
      }
      synchronized (idle) {
        if (running >= 0) {
          skipped.incrementAndGet();
          events.snapshotSkipped(block, running);
          return;
        }
        running = block;
      }
      // The node's thread, between R's commit and R+1's: this is the digest the node reported for R.
      StateDigest reported = store.digest();
      CountDownLatch locked = new CountDownLatch(1);
      try {
        exporter.execute(() -> export(block, reported, locked));
      } catch (RejectedExecutionException e) {
        done();
        return;
      }
      if (!locked.await(LOCK_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        // The export will find the store past R and refuse; the node must not wait any longer.
        events.snapshotFailed(block, "the export thread did not start within " + LOCK_WAIT.toSeconds() + " s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      // The shell's own failure must never stop the node (the listener runs on its thread).
      failed.incrementAndGet();
      events.snapshotBug(block, e);
      done();
    }
  }

  private void export(long block, StateDigest reported, CountDownLatch locked) {
    long start = System.nanoTime();
    Path out = dir.resolve(SnapshotFile.name(block, reported));
    try {
      SnapshotInfo info = Snapshots.export(store, out, status -> {
        locked.countDown();
        if (!status.lastBlock().equals(OptionalLong.of(block))) {
          throw new SnapshotException(out, "the store is already at block " + status.lastBlock().orElse(-1)
              + ", past block " + block + " (the export started too late)");
        }
        if (!status.digest().equals(reported)) {
          throw new SnapshotException(out, "the store's digest " + status.digest().hex() + " is not the digest "
              + reported.hex() + " the node reported for block " + block);
        }
      });
      if (info.block() != block || !info.digest().equals(reported)) {
        Files.deleteIfExists(out);
        throw new SnapshotException(out, "the file holds block " + info.block() + " with digest " + info.digest().hex()
            + ", not block " + block + " with the reported digest " + reported.hex());
      }
      written.incrementAndGet();
      events.snapshotWritten(block, out.toString(), info.entries(), info.bytes(), Duration.ofNanos(System.nanoTime() - start));
      prune(block);
    } catch (StateStoreException | IOException | UncheckedIOException e) {
      failed.incrementAndGet();
      events.snapshotFailed(block, e.getMessage());
    } catch (RuntimeException e) {
      failed.incrementAndGet();
      events.snapshotBug(block, e);
    } finally {
      locked.countDown();
      done();
    }
  }

  /** Deletes all but the newest {@code keep} snapshots of the directory. */
  private void prune(long block) throws IOException {
    List<SnapshotFile> all = SnapshotFile.list(dir);
    for (SnapshotFile old : all.subList(Math.min(keep, all.size()), all.size())) {
      if (Files.deleteIfExists(old.path())) {
        events.snapshotDeleted(block, old.path().getFileName().toString(), keep);
      }
    }
  }

  private void done() {
    synchronized (idle) {
      running = -1;
      idle.notifyAll();
    }
  }

  /** The newest snapshot in the directory (what a node serves for others to bootstrap from). */
  public Optional<SnapshotFile> latest() {
    try {
      return SnapshotFile.list(dir).stream().findFirst();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** The snapshots in the directory, newest first. */
  public List<SnapshotFile> snapshots() throws IOException {
    return SnapshotFile.list(dir);
  }

  public Path directory() {
    return dir;
  }

  /** Snapshots written since this producer started. */
  public long written() {
    return written.get();
  }

  /** Snapshots that failed (logged). */
  public long failed() {
    return failed.get();
  }

  /** Snapshots skipped because the previous export was still running. */
  public long skipped() {
    return skipped.get();
  }

  /** Waits until no export is running; false on timeout. */
  public boolean awaitIdle(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (idle) {
      while (running >= 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        idle.wait(Math.max(1, left / 1_000_000));
      }
      return true;
    }
  }

  /** Stops taking new snapshots and waits for the one under way. */
  @Override
  public void close() {
    closed = true;
    exporter.shutdown();
    try {
      exporter.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
