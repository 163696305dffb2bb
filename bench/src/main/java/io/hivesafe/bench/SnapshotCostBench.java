package io.hivesafe.bench;

import io.hivesafe.engine.NodeEvents;
import io.hivesafe.engine.node.SidechainNode;
import io.hivesafe.engine.snapshot.SnapshotFile;
import io.hivesafe.engine.snapshot.SnapshotProducer;
import io.hivesafe.ops.Balances;
import io.hivesafe.ops.BlockOutcome;
import io.hivesafe.ops.NetworkGenesis;
import io.hivesafe.state.FixedWidth;
import io.hivesafe.state.SnapshotInfo;
import io.hivesafe.state.Snapshots;
import io.hivesafe.state.StateConfig;
import io.hivesafe.state.StateKey;
import io.hivesafe.state.StateStore;
import io.hivesafe.state.StateTransaction;
import io.hivesafe.testkit.traffic.TrafficNetwork;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the snapshot producer costs a node, and what a bootstrap costs, on a store of sidechain
 * accounts ({@code acct/<name>} → {@link Balances}, the bulk of a real sidechain's state).
 *
 * <p>For each round: the report block R is committed, its digest computed (the node does that for its
 * report before the listeners run) and the producer's listener called (timed: the node thread's own
 * cost, the hand-over to the export thread); R+1 is committed at once (timed: how long the node's next
 * commit waits for the export's read lock); then the export is awaited (timed: the whole export, fsync
 * and rename included); then R+2 is committed (timed: an ordinary commit, for comparison). Then the
 * newest snapshot is imported into a new directory, which is what dominates a bootstrap.
 *
 * <p>Usage: {@code SnapshotCostBench [--entries N] [--dir DIR] [--rounds K]}; a plain main class, for
 * the reasons StateBench gives. DIR (default {@code bench/target/snapshot-bench}) is emptied first.
 */
public final class SnapshotCostBench {
  private SnapshotCostBench() {}

  public static void main(String[] args) throws Exception {
    int entries = 1_000_000;
    int rounds = 3;
    Path dir = Path.of("bench/target/snapshot-bench");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--entries" -> entries = Integer.parseInt(args[++i]);
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--dir" -> dir = Path.of(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    BenchFiles.deleteTree(dir);
    Files.createDirectories(dir);
    NetworkGenesis genesis = TrafficNetwork.create(3, 1).network(); // reports after blocks 50, 150, …
    long started = System.nanoTime();
    long block = 0;
    try (StateStore store = StateStore.open(StateConfig.of(dir.resolve("state")));
        SnapshotProducer producer = new SnapshotProducer(store, genesis, dir.resolve("snapshots"), 1, 2, new NodeEvents())) {
      int batch = 10_000;
      for (int done = 0; done < entries; done += batch) {
        block++;
        int n = Math.min(batch, entries - done);
        int first = done;
        commit(store, block, tx -> {
          for (int i = 0; i < n; i++) {
            tx.put(StateKey.path("acct", "user" + FixedWidth.uint32(first + i)), new Balances(1_000_000L + i, 10_000, 0, i, 2 * i), Balances.CODEC);
          }
        });
      }
      System.out.printf(Locale.ROOT, "filled %,d entries in %d blocks, %.1f s; store file %,d bytes%n", store.entryCount(), block,
          seconds(System.nanoTime() - started), Files.size(dir.resolve("state").resolve(StateStore.STORE_FILE)));
      SidechainNode.CommitListener listener = producer.afterCommits();
      List<String> rows = new ArrayList<>();
      for (int round = 0; round < rounds; round++) {
        while (!genesis.isReportBlock(block + 1)) {
          block++;
          commit(store, block, tx -> tx.put(StateKey.of("filler"), 1L, io.hivesafe.state.ValueCodec.INT64));
        }
        long r = ++block;
        commit(store, r, tx -> touch(tx, r));
        store.digest(); // the node computes it for its own report before the listeners run; cached from then on
        long t0 = System.nanoTime();
        listener.committed(r, new BlockOutcome(r, 0, 0, 0, Optional.empty(), List.of()));
        long listenerNanos = System.nanoTime() - t0;
        long next = ++block;
        long t1 = System.nanoTime();
        commit(store, next, tx -> touch(tx, next));
        long stalledCommit = System.nanoTime() - t1;
        if (!producer.awaitIdle(Duration.ofMinutes(10))) {
          throw new IllegalStateException("export did not finish");
        }
        long exportNanos = System.nanoTime() - t0;
        long plain = ++block;
        long t2 = System.nanoTime();
        commit(store, plain, tx -> touch(tx, plain));
        long plainCommit = System.nanoTime() - t2;
        SnapshotFile file = producer.latest().orElseThrow();
        if (file.block() != r) {
          throw new IllegalStateException("expected the snapshot of block " + r + ", found " + file);
        }
        rows.add(String.format(Locale.ROOT, "R=%d  listener on the node thread %.2f ms | commit of R+1 right after %.0f ms | "
            + "export done after %.0f ms (%,d bytes) | an ordinary commit %.1f ms", r, millis(listenerNanos), millis(stalledCommit),
            millis(exportNanos), Files.size(file.path()), millis(plainCommit)));
      }
      rows.forEach(System.out::println);
      SnapshotFile newest = producer.latest().orElseThrow();
      long t3 = System.nanoTime();
      SnapshotInfo info = Snapshots.importInto(newest.path(), StateConfig.of(dir.resolve("imported")),
          Optional.of(newest.digest()), OptionalLong.of(newest.block()));
      long importNanos = System.nanoTime() - t3;
      long t4 = System.nanoTime();
      try (StateStore imported = StateStore.open(StateConfig.of(dir.resolve("imported")).withVerifyOnOpen(false))) {
        imported.lastBlock();
      }
      System.out.printf(Locale.ROOT, "bootstrap import of %,d entries (%,d bytes): %.1f s (%.0f entries/s); open without "
          + "verify %.0f ms; files: %s%n", info.entries(), info.bytes(), seconds(importNanos), info.entries() / seconds(importNanos),
          millis(System.nanoTime() - t4), producer.snapshots().size());
    } finally {
      BenchFiles.deleteTree(dir);
    }
  }

  private static void touch(StateTransaction tx, long block) {
    for (int i = 0; i < 10; i++) {
      tx.put(StateKey.path("acct", "user" + FixedWidth.uint32((block * 7919 + i) % 1000)), new Balances(block, i, 0, 0, 0), Balances.CODEC);
    }
  }

  private static void commit(StateStore store, long block, java.util.function.Consumer<StateTransaction> writes) {
    try (StateTransaction tx = store.begin(block)) {
      writes.accept(tx);
      tx.commit();
    }
  }

  private static double millis(long nanos) {
    return nanos / 1e6;
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }
}
