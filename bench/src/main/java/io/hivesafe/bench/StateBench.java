package io.hivesafe.bench;

import io.hivesafe.state.ValueCodec;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.hivesafe.state.CommitObserver;
import io.hivesafe.state.FixedWidth;
import io.hivesafe.state.SnapshotInfo;
import io.hivesafe.state.Snapshots;
import io.hivesafe.state.StateConfig;
import io.hivesafe.state.StateDigest;
import io.hivesafe.state.StateKey;
import io.hivesafe.state.StateStore;
import io.hivesafe.state.StateTransaction;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;

/**
 * The state store on a real disk: block commits per second at 10, 100 and 1,000 writes per block, the
 * cost of {@code StateStore.digest()} after a commit, disk bytes, heap and reopen time of a store of
 * 1,000,000 keys, and snapshot export/import throughput. Run by {@code scripts/bench/state}.
 *
 * <p>A plain main class, not JMH: a commit ends in two {@code FileChannel.force} calls, so the figures
 * are bound by the disk and drift with the store's size, and the large-store phases run once over
 * minutes of state that must be built first. JMH's iteration model (many short, independent, repeated
 * invocations of a stateless method in a forked JVM) fits none of that; here each commit is timed on
 * its own and the commit runs are repeated three times, interleaved, and reported as min/median/max.
 * The MuHash cost per write stays in the JMH {@code MuHashBenchmark}.
 *
 * <p>Usage: {@code StateBench [--quick] [--dir DIR] [--out FILE]}. {@code DIR} (default
 * {@code bench/target/state-bench}) must be on the disk being measured; the stores and the snapshot
 * the benchmark creates there are removed before and after. The JSON results go to {@code FILE}
 * (default {@code bench/target/bench-state.json}). {@code --quick} is a smoke run with small stores
 * and few blocks: its figures mean nothing.
 */
public final class StateBench {
  record Row(long n, String text) {
    static final ValueCodec<Row> CODEC = ValueCodec.of((w, v) -> w.int64(v.n()).text(v.text()), r -> new Row(r.int64(), r.text()));
  }

  /** How big each phase is. */
  record Scale(String name, int prefill, int keySpace, int[] blocksPerRun, int repeats, int digestBlocks,
      int bigKeys, int bigBlockWrites, int reopenRepeats, int snapshotRepeats) {
    static final Scale FULL = new Scale("full", 100_000, 200_000, new int[] {1_000, 500, 100}, 3, 200,
        1_000_000, 10_000, 3, 2);
    static final Scale QUICK = new Scale("quick", 20_000, 40_000, new int[] {50, 30, 10}, 3, 20,
        100_000, 10_000, 1, 1);
  }

  static final int[] WRITES_PER_BLOCK = {10, 100, 1_000};
  static final int TEXT_CHARS = 40;
  static final int DELETE_PERCENT = 20;
  static final long SEED = 20261121L;

  private final Scale scale;
  private final Path dir;
  private final Map<String, Object> json = new LinkedHashMap<>();

  private StateBench(Scale scale, Path dir) {
    this.scale = scale;
    this.dir = dir;
  }

  public static void main(String[] args) throws IOException {
    Scale scale = Scale.FULL;
    Path dir = Path.of("bench/target/state-bench");
    Path out = Path.of("bench/target/bench-state.json");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick" -> scale = Scale.QUICK;
        case "--dir" -> dir = Path.of(value(args, ++i, "--dir"));
        case "--out" -> out = Path.of(value(args, ++i, "--out"));
        default -> throw new IllegalArgumentException("unknown argument " + args[i] + "; usage: StateBench [--quick] [--dir DIR] [--out FILE]");
      }
    }
    StateBench bench = new StateBench(scale, dir.toAbsolutePath().normalize());
    bench.run();
    Files.createDirectories(out.toAbsolutePath().getParent());
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), bench.json);
    System.out.println("\nresults: " + out);
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }

  /** What the benchmark creates in its directory, and all it ever deletes there. */
  private static final List<String> OWN_FILES = List.of("fsync-probe", "commits", "large", "state.snapshot",
      "state.snapshot.partial", "imported", "imported.importing");

  private void run() throws IOException {
    removeOwnFiles();
    Files.createDirectories(dir);
    describeSetup();
    measureFsync();
    measureCommits();
    measureLargeStore();
    removeOwnFiles();
  }

  private void removeOwnFiles() throws IOException {
    for (String name : OWN_FILES) {
      BenchFiles.deleteTree(dir.resolve(name));
    }
  }

  // ---- setup ----

  private void describeSetup() {
    byte[] sample = Row.CODEC.encode(new Row(123_456_789L, "x".repeat(TEXT_CHARS)));
    int keyBytes = key(0).toBytes().length;
    Map<String, Object> setup = new LinkedHashMap<>();
    setup.put("scale", scale.name());
    setup.put("dir", dir.toString());
    setup.put("cores", Runtime.getRuntime().availableProcessors());
    setup.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    setup.put("maxHeapBytes", Runtime.getRuntime().maxMemory());
    setup.put("keyBytes", keyBytes);
    setup.put("valueBytes", sample.length);
    setup.put("deletePercent", DELETE_PERCENT);
    setup.put("seed", SEED);
    json.put("setup", setup);
    System.out.printf("StateBench (%s): %s, %d cores, %s, max heap %s%n", scale.name(), dir,
        Runtime.getRuntime().availableProcessors(), setup.get("java"), mib(Runtime.getRuntime().maxMemory()));
    System.out.printf("rows: key %d bytes (rows/<19 digits>), value %d bytes (%s), %d%% deletes%n",
        keyBytes, sample.length, new String(sample, java.nio.charset.StandardCharsets.US_ASCII).replaceAll("x{10,}", "x…x"), DELETE_PERCENT);
  }

  /** The disk's own cost of a small write plus {@code force(true)}, for reading the commit figures. */
  private void measureFsync() throws IOException {
    Path probe = dir.resolve("fsync-probe");
    int rounds = 200;
    long[] ns = new long[rounds];
    try (FileChannel c = FileChannel.open(probe, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      ByteBuffer page = ByteBuffer.allocate(4096);
      for (int i = 0; i < rounds; i++) {
        page.clear().putInt(0, i);
        long t0 = System.nanoTime();
        c.write(page, 0);
        c.force(true);
        ns[i] = System.nanoTime() - t0;
      }
    }
    Files.delete(probe);
    Samples s = new Samples(ns);
    json.put("fsync4KiB", s.summaryMicros());
    section("fsync probe (4 KiB pwrite + force(true), " + rounds + " times)");
    System.out.printf("median %s µs, p90 %s µs, max %s µs%n", us(s.median()), us(s.percentile(90)), us(s.max()));
  }

  // ---- 1 and 2: commits per second, digest after a commit ----

  private void measureCommits() throws IOException {
    Path storeDir = dir.resolve("commits");
    Map<String, Object> out = new LinkedHashMap<>();
    PhaseTimer timer = new PhaseTimer();
    try (StateStore store = StateStore.open(StateConfig.of(storeDir), timer)) {
      Workload work = new Workload(SEED, scale.keySpace());
      long fillNs = prefill(store, work);
      out.put("prefilledKeys", store.entryCount());
      out.put("prefillSeconds", fillNs / 1e9);
      section("block commits on a store of " + count(store.entryCount()) + " keys, key space " + count(scale.keySpace()));
      runBlocks(store, timer, work, 100, 100); // warm-up, not reported
      List<List<Run>> runs = new ArrayList<>();
      for (int w = 0; w < WRITES_PER_BLOCK.length; w++) {
        runs.add(new ArrayList<>());
      }
      for (int r = 0; r < scale.repeats(); r++) { // interleaved, so drift touches every size alike
        for (int w = 0; w < WRITES_PER_BLOCK.length; w++) {
          runs.get(w).add(runBlocks(store, timer, work, WRITES_PER_BLOCK[w], scale.blocksPerRun()[w]));
        }
      }
      out.put("keysAfterRuns", store.entryCount());
      out.put("byWritesPerBlock", printCommitTable(runs));
      out.put("digestAfterCommit", measureDigest(store, work));
      out.put("pointReadMicros", measureReads(store));
    }
    out.put("tmpfsControl", measureTmpfsControl());
    json.put("commits", out);
  }

  /** Fills every other key of the key space, in blocks of the large store's block size. */
  private long prefill(StateStore store, Workload work) {
    long t0 = System.nanoTime();
    long block = 1;
    for (int first = 0; first < scale.prefill(); first += scale.bigBlockWrites()) {
      try (StateTransaction tx = store.begin(block++)) {
        for (int i = first; i < Math.min(scale.prefill(), first + scale.bigBlockWrites()); i++) {
          tx.put(key(2L * i), work.row(), Row.CODEC);
        }
        tx.commit();
      }
    }
    return System.nanoTime() - t0;
  }

  /** {@code blocks} blocks of {@code writes} random writes each; every commit timed on its own. */
  private Run runBlocks(StateStore store, PhaseTimer timer, Workload work, int writes, int blocks) {
    long[] build = new long[blocks];
    long[] commit = new long[blocks];
    long[] journal = new long[blocks];
    long[] apply = new long[blocks];
    long[] tail = new long[blocks];
    long[] pages = new long[blocks];
    long written = 0;
    long start = System.nanoTime();
    for (int b = 0; b < blocks; b++) {
      long t0 = System.nanoTime();
      try (StateTransaction tx = store.begin(store.lastBlock().getAsLong() + 1)) {
        work.fill(tx, writes);
        written += tx.writeCount();
        long t1 = System.nanoTime();
        tx.commit();
        long t2 = System.nanoTime();
        build[b] = t1 - t0;
        commit[b] = t2 - t1;
        journal[b] = timer.journalDurableAt - t1;
        apply[b] = timer.storeDurableAt - timer.journalDurableAt;
        tail[b] = t2 - timer.storeDurableAt;
        pages[b] = timer.pages;
      }
    }
    long wall = System.nanoTime() - start;
    return new Run(writes, blocks, written, wall, new Samples(build), new Samples(commit), new Samples(journal),
        new Samples(apply), new Samples(tail), new Samples(pages));
  }

  /** One run of blocks: its wall time and per-block samples. */
  record Run(int writesPerBlock, int blocks, long writes, long wallNs, Samples build, Samples commit,
      Samples journal, Samples apply, Samples tail, Samples pages) {
    double commitsPerSecond() {
      return blocks * 1e9 / wallNs;
    }

    double writesPerSecond() {
      return writes * 1e9 / wallNs;
    }
  }

  private List<Object> printCommitTable(List<List<Run>> runs) {
    System.out.println("commits/s and writes/s over whole runs (building the block included). Latencies are medians");
    System.out.println("per block in µs: commit = tx.commit(), in three phases: 'to journal' = MapDB + MuHash +");
    System.out.println("journal write + fsync, 'apply' = page writes + store fsync, 'finish' = the rest (invalidating");
    System.out.println("the journal, caching the written pages); build = filling the WriteBuffer; pages = 1 KiB pages journaled per commit.");
    String format = "%9s %7s %22s %9s %9s %10s %8s %8s %8s %6s%n";
    System.out.printf(format, "writes/blk", "blocks", "commits/s min/med/max", "writes/s", "commit", "to journal", "apply", "finish", "build", "pages");
    List<Object> out = new ArrayList<>();
    for (List<Run> sizeRuns : runs) {
      Run first = sizeRuns.get(0);
      double[] rates = sizeRuns.stream().mapToDouble(Run::commitsPerSecond).sorted().toArray();
      double writeRate = median(sizeRuns.stream().mapToDouble(Run::writesPerSecond).toArray());
      Samples commit = Samples.merge(sizeRuns.stream().map(Run::commit).toList());
      Samples journal = Samples.merge(sizeRuns.stream().map(Run::journal).toList());
      Samples apply = Samples.merge(sizeRuns.stream().map(Run::apply).toList());
      Samples tail = Samples.merge(sizeRuns.stream().map(Run::tail).toList());
      Samples build = Samples.merge(sizeRuns.stream().map(Run::build).toList());
      Samples pages = Samples.merge(sizeRuns.stream().map(Run::pages).toList());
      System.out.printf(format, count(first.writesPerBlock()), sizeRuns.size() + "×" + first.blocks(),
          rate(rates[0]) + " / " + rate(median(rates)) + " / " + rate(rates[rates.length - 1]),
          rate(writeRate), us(commit.median()), us(journal.median()), us(apply.median()), us(tail.median()), us(build.median()),
          count(pages.median()));
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("writesPerBlock", first.writesPerBlock());
      row.put("runs", sizeRuns.size());
      row.put("blocksPerRun", first.blocks());
      Map<String, Object> commitRates = new LinkedHashMap<>();
      commitRates.put("min", rates[0]);
      commitRates.put("median", median(rates));
      commitRates.put("max", rates[rates.length - 1]);
      commitRates.put("perRun", sizeRuns.stream().map(Run::commitsPerSecond).toList());
      row.put("commitsPerSecond", commitRates);
      row.put("writesPerSecondMedian", writeRate);
      row.put("commitMicros", commit.summaryMicros());
      row.put("commitP90MicrosPerRun", sizeRuns.stream().map(r -> r.commit().percentile(90) / 1e3).toList());
      row.put("commitMedianMicrosPerRun", sizeRuns.stream().map(r -> r.commit().median() / 1e3).toList());
      row.put("toJournalDurableMicros", journal.summaryMicros());
      row.put("applyAndStoreFsyncMicros", apply.summaryMicros());
      row.put("journalTruncateMicros", tail.summaryMicros());
      row.put("buildMicros", build.summaryMicros());
      row.put("pagesPerCommitMedian", pages.median());
      out.add(row);
    }
    return out;
  }

  /** {@code store.digest()} right after a commit of 100 writes: one modular inverse, then memoized. */
  private Map<String, Object> measureDigest(StateStore store, Workload work) {
    long[] first = new long[scale.digestBlocks()];
    long[] again = new long[scale.digestBlocks()];
    for (int b = 0; b < first.length; b++) {
      try (StateTransaction tx = store.begin(store.lastBlock().getAsLong() + 1)) {
        work.fill(tx, 100);
        tx.commit();
      }
      long t0 = System.nanoTime();
      store.digest();
      long t1 = System.nanoTime();
      store.digest();
      again[b] = System.nanoTime() - t1;
      first[b] = t1 - t0;
    }
    Samples s = new Samples(first);
    section("store.digest() after a commit (" + first.length + " commits of 100 writes)");
    System.out.printf("first call: median %s µs, p90 %s µs; memoized second call: median %s µs%n",
        us(s.median()), us(s.percentile(90)), us(new Samples(again).median()));
    System.out.println("MuHash per write (insert, remove; an update is both): JMH MuHashBenchmark, see scripts/bench/state --help");
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("firstCallMicros", s.summaryMicros());
    out.put("memoizedMicros", new Samples(again).summaryMicros());
    return out;
  }

  /**
   * Committed point reads ({@code getBytes} of random keys, present or not), the lookup a commit does
   * for every write to find the old value.
   */
  private Map<String, Object> measureReads(StateStore store) {
    Random rnd = new Random(SEED + 3);
    int batches = 50;
    int perBatch = 1_000;
    long[] perRead = new long[batches];
    long present = 0;
    for (int b = 0; b < batches; b++) {
      StateKey[] keys = new StateKey[perBatch];
      for (int i = 0; i < perBatch; i++) {
        keys[i] = key(rnd.nextInt(scale.keySpace()));
      }
      long t0 = System.nanoTime();
      int found = store.read(r -> {
        int n = 0;
        for (StateKey k : keys) {
          n += r.getBytes(k).isPresent() ? 1 : 0;
        }
        return n;
      });
      perRead[b] = (System.nanoTime() - t0) / perBatch;
      present += found;
    }
    Samples s = new Samples(perRead);
    section("committed point reads (" + batches + " × " + count(perBatch) + " random keys, " + count(store.entryCount()) + " keys stored)");
    System.out.printf("per read: median %s µs of %d batch means (min %s, max %s); %d%% of the keys were present%n",
        us(s.median()), batches, us(s.min()), us(s.max()), present * 100 / (batches * perBatch));
    Map<String, Object> out = new LinkedHashMap<>(s.summaryMicros());
    out.put("presentFraction", present / (double) (batches * perBatch));
    return out;
  }

  /**
   * The same commits on tmpfs, where {@code force} costs next to nothing: what is left is MapDB, MuHash
   * and the page copies. One run per block size on a smaller prefill; the difference to the disk
   * figures is the disk.
   */
  private Object measureTmpfsControl() throws IOException {
    Path shm = Path.of("/dev/shm");
    if (!Files.isDirectory(shm) || !Files.isWritable(shm)) {
      System.out.println("(no writable /dev/shm: tmpfs control skipped)");
      return "skipped: no writable /dev/shm";
    }
    Path storeDir = Files.createTempDirectory(shm, "hivesafe-statebench-");
    try {
      List<Object> out = new ArrayList<>();
      section("control: the same commits on tmpfs (" + storeDir + "), one run each, same prefill");
      String format = "%9s %7s %10s %9s %10s %8s %8s%n";
      System.out.printf(format, "writes/blk", "blocks", "commits/s", "commit", "to journal", "apply", "finish");
      PhaseTimer timer = new PhaseTimer();
      try (StateStore store = StateStore.open(StateConfig.of(storeDir.resolve("store")), timer)) {
        Workload work = new Workload(SEED, scale.keySpace());
        prefill(store, work);
        runBlocks(store, timer, work, 100, 100);
        for (int w = 0; w < WRITES_PER_BLOCK.length; w++) {
          Run run = runBlocks(store, timer, work, WRITES_PER_BLOCK[w], scale.blocksPerRun()[w]);
          System.out.printf(format, count(run.writesPerBlock()), count(run.blocks()), rate(run.commitsPerSecond()),
              us(run.commit().median()), us(run.journal().median()), us(run.apply().median()), us(run.tail().median()));
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("writesPerBlock", run.writesPerBlock());
          row.put("blocks", run.blocks());
          row.put("commitsPerSecond", run.commitsPerSecond());
          row.put("commitMicros", run.commit().summaryMicros());
          row.put("toJournalDurableMicros", run.journal().summaryMicros());
          row.put("applyAndStoreFsyncMicros", run.apply().summaryMicros());
          row.put("journalTruncateMicros", run.tail().summaryMicros());
          out.add(row);
        }
      }
      return out;
    } finally {
      BenchFiles.deleteTree(storeDir);
    }
  }

  // ---- 3 and 4: the large store ----

  private void measureLargeStore() throws IOException {
    Path storeDir = dir.resolve("large");
    Map<String, Object> out = new LinkedHashMap<>();
    long heapBefore = heapAfterGc();
    section("large store: " + count(scale.bigKeys()) + " keys in blocks of " + count(scale.bigBlockWrites())
        + " writes (keys in seeded random order)");
    long[] commitNs;
    long fillStart = System.nanoTime();
    try (StateStore store = StateStore.open(StateConfig.of(storeDir))) {
      commitNs = fillLarge(store);
    }
    long fillNs = System.nanoTime() - fillStart;
    Samples commits = new Samples(commitNs);
    System.out.printf("fill: %s s, %s writes/s; commit of %s writes: median %s ms, max %s ms%n", secs(fillNs),
        rate(scale.bigKeys() * 1e9 / fillNs), count(scale.bigBlockWrites()), ms(commits.median()), ms(commits.max()));
    out.put("keys", scale.bigKeys());
    out.put("fillSeconds", fillNs / 1e9);
    out.put("fillWritesPerSecond", scale.bigKeys() * 1e9 / fillNs);
    out.put("fillCommitMicros", commits.summaryMicros());

    long dbBytes = Files.size(storeDir.resolve(StateStore.STORE_FILE));
    long journalBytes = Files.size(storeDir.resolve(StateStore.JOURNAL_FILE));
    System.out.printf("disk: state.db %s (%s bytes/key), state.journal %s bytes (invalidated after every commit; keeps the size of the largest one)%n",
        mib(dbBytes), count(dbBytes / (double) scale.bigKeys()), count(journalBytes));
    out.put("stateDbBytes", dbBytes);
    out.put("stateJournalBytes", journalBytes);

    out.put("reopen", measureReopen(storeDir));
    try (StateStore store = StateStore.open(StateConfig.of(storeDir).withVerifyOnOpen(false))) {
      long heapOpen = heapAfterGc();
      System.out.printf("heap used after System.gc() (approximate): %s with the store open, %s before it existed"
          + " (difference %s); reads add at most StateConfig.cacheBytes of cached pages (default %s)%n",
          mib(heapOpen), mib(heapBefore), mib(heapOpen - heapBefore), mib(StateConfig.DEFAULT_CACHE_BYTES));
      out.put("heapUsedBytesStoreOpen", heapOpen);
      out.put("heapUsedBytesBefore", heapBefore);
      out.put("heapNote", "MemoryMXBean heap used after System.gc(); approximate");
      out.put("snapshot", measureSnapshots(store));
    }
    json.put("largeStore", out);
  }

  /** Every key of [0, bigKeys) once, in a seeded random order; returns each commit's time. */
  private long[] fillLarge(StateStore store) {
    int[] order = shuffled(scale.bigKeys(), new Random(SEED + 1));
    Workload work = new Workload(SEED + 2, scale.bigKeys());
    int blocks = (order.length + scale.bigBlockWrites() - 1) / scale.bigBlockWrites();
    long[] commitNs = new long[blocks];
    for (int b = 0; b < blocks; b++) {
      try (StateTransaction tx = store.begin(b + 1)) {
        for (int i = b * scale.bigBlockWrites(); i < Math.min(order.length, (b + 1) * scale.bigBlockWrites()); i++) {
          tx.put(key(order[i]), work.row(), Row.CODEC);
        }
        long t0 = System.nanoTime();
        tx.commit();
        commitNs[b] = System.nanoTime() - t0;
      }
    }
    return commitNs;
  }

  private Map<String, Object> measureReopen(Path storeDir) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (boolean verify : new boolean[] {false, true}) {
      long[] ns = new long[scale.reopenRepeats()];
      for (int i = 0; i < ns.length; i++) {
        long t0 = System.nanoTime();
        StateStore.open(StateConfig.of(storeDir).withVerifyOnOpen(verify)).close();
        ns[i] = System.nanoTime() - t0;
      }
      Samples s = new Samples(ns);
      System.out.printf("reopen (open + close), verifyOnOpen=%-5s: median %s ms of %d (min %s, max %s)%n", verify,
          ms(s.median()), ns.length, ms(s.min()), ms(s.max()));
      out.put(verify ? "verifyOnOpenMillis" : "noVerifyMillis", s.summaryMillis());
    }
    out.put("note", "file pages warm in the OS page cache");
    return out;
  }

  private Map<String, Object> measureSnapshots(StateStore store) throws IOException {
    Path file = dir.resolve("state.snapshot");
    Path target = dir.resolve("imported");
    StateDigest digest = store.digest();
    long block = store.lastBlock().getAsLong();
    List<Map<String, Object>> exports = new ArrayList<>();
    List<Map<String, Object>> imports = new ArrayList<>();
    for (int i = 0; i < scale.snapshotRepeats(); i++) {
      Files.deleteIfExists(file);
      long t0 = System.nanoTime();
      SnapshotInfo info = Snapshots.export(store, file);
      exports.add(throughput("export", System.nanoTime() - t0, info));
      BenchFiles.deleteTree(target);
      long t1 = System.nanoTime();
      SnapshotInfo imported = Snapshots.importInto(file, StateConfig.of(target), Optional.of(digest), OptionalLong.of(block));
      imports.add(throughput("import", System.nanoTime() - t1, imported));
    }
    long importedDb = Files.size(target.resolve(StateStore.STORE_FILE));
    System.out.printf("imported state.db: %s (the filled store: %s)%n", mib(importedDb), mib(Files.size(store.dataDir().resolve(StateStore.STORE_FILE))));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("snapshotBytes", Files.size(file));
    out.put("export", exports);
    out.put("import", imports);
    out.put("importedStateDbBytes", importedDb);
    return out;
  }

  private static Map<String, Object> throughput(String what, long ns, SnapshotInfo info) {
    double seconds = ns / 1e9;
    double mbPerSecond = info.bytes() / 1e6 / seconds;
    double entriesPerSecond = info.entries() / seconds;
    System.out.printf("snapshot %s: %s entries, %s in %s s: %s MB/s, %s entries/s%n", what, count(info.entries()),
        mib(info.bytes()), secs(ns), count(mbPerSecond), rate(entriesPerSecond));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("seconds", seconds);
    out.put("bytes", info.bytes());
    out.put("entries", info.entries());
    out.put("megabytesPerSecond", mbPerSecond);
    out.put("entriesPerSecond", entriesPerSecond);
    return out;
  }

  // ---- workload ----

  static StateKey key(long n) {
    return StateKey.path("rows", FixedWidth.int64(n));
  }

  /** Seeded random rows and writes: uniform keys over the key space, {@value #DELETE_PERCENT}% deletes. */
  static final class Workload {
    private final Random rnd;
    private final int keySpace;
    private long serial;

    Workload(long seed, int keySpace) {
      this.rnd = new Random(seed);
      this.keySpace = keySpace;
    }

    Row row() {
      char[] text = new char[TEXT_CHARS];
      for (int i = 0; i < text.length; i++) {
        text[i] = (char) ('a' + rnd.nextInt(26));
      }
      return new Row(serial++, new String(text));
    }

    void fill(StateTransaction tx, int writes) {
      for (int i = 0; i < writes; i++) {
        StateKey k = key(rnd.nextInt(keySpace));
        if (rnd.nextInt(100) < DELETE_PERCENT) {
          tx.delete(k);
        } else {
          tx.put(k, row(), Row.CODEC);
        }
      }
    }
  }

  private static int[] shuffled(int n, Random rnd) {
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    return a;
  }

  /** Times the phases of one store's commits; the store takes it when opened. */
  static final class PhaseTimer implements CommitObserver {
    long journalDurableAt;
    long storeDurableAt;
    long pages;

    @Override
    public void journalDurable(long block, int pageCount, long bytes) {
      journalDurableAt = System.nanoTime();
      pages = pageCount;
    }

    @Override
    public void storeDurable(long block) {
      storeDurableAt = System.nanoTime();
    }
  }

  // ---- figures ----

  /** Nanosecond (or other) samples, sorted. */
  static final class Samples {
    private final long[] sorted;

    Samples(long[] values) {
      this.sorted = values.clone();
      Arrays.sort(sorted);
    }

    static Samples merge(List<Samples> parts) {
      return new Samples(parts.stream().flatMapToLong(s -> Arrays.stream(s.sorted)).toArray());
    }

    long min() {
      return sorted[0];
    }

    long max() {
      return sorted[sorted.length - 1];
    }

    long median() {
      return percentile(50);
    }

    /** Nearest-rank percentile. */
    long percentile(int p) {
      int rank = (int) Math.ceil(p / 100.0 * sorted.length);
      return sorted[Math.max(0, rank - 1)];
    }

    Map<String, Object> summaryMicros() {
      return summary(1e3);
    }

    Map<String, Object> summaryMillis() {
      return summary(1e6);
    }

    private Map<String, Object> summary(double unit) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("n", sorted.length);
      out.put("min", min() / unit);
      out.put("median", median() / unit);
      out.put("p90", percentile(90) / unit);
      out.put("max", max() / unit);
      return out;
    }
  }

  private static double median(double[] values) {
    double[] s = values.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  private static long heapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static void section(String title) {
    System.out.println();
    System.out.println("== " + title);
  }

  private static String us(long ns) {
    return count(ns / 1e3);
  }

  private static String ms(long ns) {
    return String.format(Locale.ROOT, ns < 10_000_000 ? "%.2f" : "%.0f", ns / 1e6);
  }

  private static String secs(long ns) {
    return String.format(Locale.ROOT, "%.1f", ns / 1e9);
  }

  private static String rate(double perSecond) {
    return count(perSecond);
  }

  /** About three significant figures, thousands separated. */
  private static String count(double v) {
    String format = Math.abs(v) >= 100 || v == Math.rint(v) ? "%,.0f" : Math.abs(v) >= 10 ? "%,.1f" : "%,.2f";
    return String.format(Locale.ROOT, format, v);
  }

  private static String mib(long bytes) {
    return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
  }
}
