package io.hivesafe.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.hivesafe.devnet.Admission;
import io.hivesafe.devnet.BlockJsonWriter;
import io.hivesafe.devnet.DevnetChain;
import io.hivesafe.devnet.ProducedBlock;
import io.hivesafe.hive.crypto.Secp256k1Signatures;
import io.hivesafe.hive.json.JsonForm;
import io.hivesafe.ops.BlockApplier;
import io.hivesafe.ops.FeedEntry;
import io.hivesafe.ops.NetworkGenesisFile;
import io.hivesafe.ops.SidechainState;
import io.hivesafe.state.StateConfig;
import io.hivesafe.state.StateStore;
import io.hivesafe.state.StateTransaction;
import io.hivesafe.testkit.traffic.ChainHead;
import io.hivesafe.testkit.traffic.TrafficGenerator;
import io.hivesafe.testkit.traffic.TrafficKind;
import io.hivesafe.testkit.traffic.TrafficMix;
import io.hivesafe.testkit.traffic.TrafficNetwork;
import io.hivesafe.testkit.traffic.TrafficTransaction;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

/**
 * Records the replay benchmark's chain: a {@link DevnetChain} in the process driven by the seeded
 * {@link TrafficGenerator} ({@link TrafficMix#replay()}: most blocks without a sidechain operation, one
 * in a hundred with dozens, ordinary transfers and other applications' custom_json in 40% of them),
 * written as JSON lines, one block per line in block_api.get_block_range's {@code blocks[]} shape
 * (HF26 JSON, with block_id, signing_key and transaction_ids), gzipped; the network genesis next to
 * it. Run by {@code scripts/bench/replay-chain}.
 *
 * <p>The blocks are also applied to a state store (on tmpfs when {@code /dev/shm} exists) so that the
 * genesis nodes report the real state digests, as live nodes would: a replay then reaches consensus at
 * every tally, and the recorded digests let it check that it computed the same state. Deterministic:
 * the same seed, block count and accounts give the same bytes.
 *
 * <p>Usage: {@code ReplayChainRecorder [--blocks N] [--seed S] [--users U] [--nodes K] [--out DIR]
 * [--no-state] [--state-dir DIR]}. Writes {@code DIR/blocks.jsonl.gz} (blocks 1..N),
 * {@code DIR/genesis.json} (the network genesis) and {@code DIR/summary.json} (figures, counts, digests).
 */
public final class ReplayChainRecorder {
  static final int DEFAULT_BLOCKS = 100_000;
  static final String BLOCKS_FILE = "blocks.jsonl.gz";
  static final String GENESIS_FILE = "genesis.json";
  static final String SUMMARY_FILE = "summary.json";
  /** Recorded state digests: every this many blocks, and the last. */
  static final long DIGEST_EVERY = 10_000;

  private final int blocks;
  private final long seed;
  private final Path out;
  private final boolean withState;
  private final Path stateDir;
  private final TrafficNetwork net;

  private ReplayChainRecorder(int blocks, long seed, int users, int nodes, Path out, boolean withState, Path stateDir) {
    this.blocks = blocks;
    this.seed = seed;
    this.out = out;
    this.withState = withState;
    this.stateDir = stateDir;
    this.net = TrafficNetwork.create(users, nodes);
  }

  public static void main(String[] args) throws Exception {
    int blocks = DEFAULT_BLOCKS;
    long seed = 1;
    int users = 50;
    int nodes = 7;
    Path out = Path.of("bench/target/replay-chain");
    boolean withState = true;
    Path stateDir = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--blocks" -> blocks = Integer.parseInt(value(args, ++i));
        case "--seed" -> seed = Long.parseLong(value(args, ++i));
        case "--users" -> users = Integer.parseInt(value(args, ++i));
        case "--nodes" -> nodes = Integer.parseInt(value(args, ++i));
        case "--out" -> out = Path.of(value(args, ++i));
        case "--no-state" -> withState = false;
        case "--state-dir" -> stateDir = Path.of(value(args, ++i));
        default -> throw new IllegalArgumentException("unknown argument " + args[i]
            + "; usage: ReplayChainRecorder [--blocks N] [--seed S] [--users U] [--nodes K] [--out DIR] [--no-state] [--state-dir DIR]");
      }
    }
    if (blocks < 2) {
      throw new IllegalArgumentException("--blocks must be at least 2");
    }
    new ReplayChainRecorder(blocks, seed, users, nodes, out, withState, stateDir).record(String.join(" ", args));
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      throw new IllegalArgumentException(args[i - 1] + " needs a value");
    }
    return args[i];
  }

  /** Writes blocks to the gzip file on its own thread, so that signing headers and compressing overlap the chain. */
  private static final class Writer extends Thread {
    /** A queued block; {@link #END} (no block) ends the file. */
    private record Item(ProducedBlock block) {}

    private static final Item END = new Item(null);
    private final BlockingQueue<Item> queue = new ArrayBlockingQueue<>(4_096);
    private final Path file;
    private final BlockJsonWriter json;
    private final ObjectMapper mapper = new ObjectMapper();
    private final MessageDigest sha;
    private long rawBytes;
    private volatile Throwable failure;

    Writer(Path file, BlockJsonWriter json) throws NoSuchAlgorithmException {
      super("replay-chain-writer");
      this.file = file;
      this.json = json;
      this.sha = MessageDigest.getInstance("SHA-256");
    }

    void put(ProducedBlock block) throws InterruptedException {
      offer(new Item(block));
    }

    /** Ends the file and waits for the writer. */
    void finish() throws InterruptedException {
      offer(END);
      join();
      checkHealthy();
    }

    private void offer(Item item) throws InterruptedException {
      do {
        checkHealthy();
      } while (!queue.offer(item, 1, TimeUnit.SECONDS));
    }

    private void checkHealthy() {
      if (failure != null) {
        throw new IllegalStateException("writing " + file + " failed", failure);
      }
    }

    @Override
    public void run() {
      try (OutputStream os = new GZIPOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16), 1 << 16)) {
        while (true) {
          Item item = queue.take();
          if (item == END) {
            break;
          }
          byte[] line = mapper.writeValueAsBytes(json.write(item.block(), JsonForm.HF26));
          os.write(line);
          os.write('\n');
          sha.update(line);
          sha.update((byte) '\n');
          rawBytes += line.length + 1L;
        }
      } catch (Throwable t) {
        failure = t;
      }
    }

    String sha256() {
      return HexFormat.of().formatHex(sha.digest());
    }
  }

  private void record(String command) throws Exception {
    long started = System.nanoTime();
    Files.createDirectories(out);
    Files.write(out.resolve(GENESIS_FILE), NetworkGenesisFile.write(net.network()));
    DevnetChain chain = new DevnetChain(net.devnetConfig());
    Map<Long, String> reportDigests = new HashMap<>();
    TrafficGenerator generator = net.generator(seed).mix(TrafficMix.replay())
        .reports(withState ? (node, block) -> Optional.ofNullable(reportDigests.get(block)) : (node, block) -> Optional.empty())
        .build();
    Path state = null;
    StateStore store = null;
    BlockApplier applier = null;
    if (withState) {
      state = stateDir != null ? stateDir : Files.createTempDirectory(Files.isWritable(Path.of("/dev/shm")) ? Path.of("/dev/shm") : Path.of(
          System.getProperty("java.io.tmpdir")), "replay-chain-state");
      store = StateStore.open(StateConfig.of(state));
      applier = new BlockApplier(net.network(), new Secp256k1Signatures());
    }
    Writer writer = new Writer(out.resolve(BLOCKS_FILE), new BlockJsonWriter(chain.config().symbols()));
    writer.start();
    Map<String, long[]> sidechain = new TreeMap<>();
    TreeMap<Long, String> digests = new TreeMap<>();
    long transactions = 0;
    long refused = 0;
    long operations = 0;
    long busiestBlock = 0;
    int busiestOps = 0;
    long blocksWithSidechainOps = 0;
    TreeMap<String, Long> refusals = new TreeMap<>();
    try {
      ProducedBlock block = chain.head();
      for (long n = 1; ; n++) {
        writer.put(block);
        if (store != null) {
          try (StateTransaction tx = store.begin(n)) {
            applier.apply(tx, block.block());
            tx.commit();
          }
          long number = n;
          List<FeedEntry> feed = store.read(r -> SidechainState.feed(r, number, Integer.MAX_VALUE));
          for (FeedEntry e : feed) {
            sidechain.computeIfAbsent(e.kind(), k -> new long[2])[e.ok() ? 0 : 1]++;
          }
          if (net.network().isReportBlock(n) || n % DIGEST_EVERY == 0 || n == blocks) {
            String digest = store.digest().hex();
            if (net.network().isReportBlock(n)) {
              reportDigests.clear();
              reportDigests.put(n, digest);
            }
            if (n % DIGEST_EVERY == 0 || n == blocks) {
              digests.put(n, digest);
            }
          }
        }
        if (n == blocks) {
          break;
        }
        List<TrafficTransaction> txs = generator.nextBlock(ChainHead.of(block));
        int sidechainOps = 0;
        for (TrafficTransaction tx : txs) {
          Admission admission = chain.broadcast(tx.transaction());
          transactions++;
          operations += tx.kinds().size();
          for (TrafficKind k : tx.kinds()) {
            if (k.intent() != TrafficKind.Intent.BACKGROUND) {
              sidechainOps++;
            }
          }
          if (!admission.isAccepted()) {
            refused++;
            String m = admission.message();
            refusals.merge(m.length() > 100 ? m.substring(0, 100) : m, 1L, Long::sum);
          }
        }
        if (sidechainOps > 0) {
          blocksWithSidechainOps++;
        }
        if (sidechainOps > busiestOps) {
          busiestOps = sidechainOps;
          busiestBlock = n + 1;
        }
        block = chain.produceBlock();
        if (n % 10_000 == 0) {
          System.out.printf("  block %,d  %,d transactions  %.0f s%n", n, transactions, (System.nanoTime() - started) / 1e9);
        }
      }
      writer.finish();
    } finally {
      if (store != null) {
        store.close();
        if (stateDir == null) {
          BenchFiles.deleteTree(state);
        }
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    if (refused * 100 > transactions) {
      throw new IllegalStateException("the devnet refused " + refused + " of " + transactions + " transactions: " + refusals);
    }
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("command", "scripts/bench/replay-chain " + command);
    summary.put("seed", seed);
    summary.put("blocks", blocks);
    summary.put("users", net.users().size());
    summary.put("nodes", net.nodes().size());
    summary.put("chain_id", net.network().chainId().toHex());
    summary.put("files", BenchFiles.ordered(BLOCKS_FILE, BenchFiles.ordered("bytes", Files.size(out.resolve(BLOCKS_FILE)), "uncompressedBytes", writer.rawBytes,
        "uncompressedSha256", writer.sha256()), GENESIS_FILE, BenchFiles.ordered("bytes", Files.size(out.resolve(GENESIS_FILE)))));
    summary.put("transactions", transactions);
    summary.put("refused", refused);
    summary.put("operations", operations);
    summary.put("blocksWithSidechainOperations", blocksWithSidechainOps);
    summary.put("busiestBlock", BenchFiles.ordered("block", busiestBlock, "sidechainOperations", busiestOps));
    Map<String, Long> kinds = new LinkedHashMap<>();
    generator.generated().forEach((k, v) -> kinds.put(k.name(), v));
    summary.put("generatedByKind", kinds);
    if (withState) {
      Map<String, Object> verdicts = new LinkedHashMap<>();
      sidechain.forEach((k, v) -> verdicts.put(k, BenchFiles.ordered("accepted", v[0], "rejected", v[1])));
      summary.put("feedByKind", verdicts);
      summary.put("stateDigests", digests);
    }
    summary.put("generationSeconds", Math.round(seconds * 10) / 10.0);
    summary.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    summary.put("cores", Runtime.getRuntime().availableProcessors());
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve(SUMMARY_FILE).toFile(), summary);
    System.out.printf("%nrecorded %,d blocks (%,d transactions, %,d operations; %,d refused) in %.1f s%n", blocks, transactions,
        operations, refused, seconds);
    System.out.printf("  %s  %,d bytes (%,d uncompressed)%n", out.resolve(BLOCKS_FILE), Files.size(out.resolve(BLOCKS_FILE)), writer.rawBytes);
    System.out.printf("  %s%n  %s%n", out.resolve(GENESIS_FILE), out.resolve(SUMMARY_FILE));
    kinds.forEach((k, v) -> System.out.printf("  %-16s %,9d%n", k, v));
  }
}
