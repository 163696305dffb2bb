package io.hivesafe.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hivesafe.hive.json.BlockJson;
import io.hivesafe.hive.protocol.Block;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Block JSON parse throughput. One operation parses the whole corpus once, from bytes already in
 * memory: {@link #jacksonTree} is Jackson's tree parse alone (the floor), {@link #typedBlocks} adds
 * {@link BlockJson#read} to typed {@link Block}s. The {@code bytes} and {@code blocks} secondary
 * results are bytes/s and blocks/s.
 *
 * <p>Corpora ({@code corpus} parameter), under the shared directory (system property
 * {@value #SHARED_PROPERTY}, default {@value #DEFAULT_SHARED}, resolved against the working directory —
 * the repo root when run by {@code scripts/bench/protocol}):
 *
 * <ul>
 *   <li>{@code milion}: {@value #MILION}, 1,000 early blocks as one {"blocks":[...]} document;
 *   <li>{@code hc-chain}: the first {@value #LINES_PROPERTY} (default {@value #DEFAULT_LINES}) lines of
 *       {@value #HC_CHAIN}, modern ~16 KB blocks, one per line.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 3)
public class BlockParseBenchmark {
  static final String SHARED_PROPERTY = "hivesafe.shared";
  static final String DEFAULT_SHARED = "../shared";
  static final String LINES_PROPERTY = "hivesafe.bench.hcLines";
  static final int DEFAULT_LINES = 2000;
  static final String MILION = "fixtures/hive/block_api/get_block_range/milion.json";
  static final String HC_CHAIN = "bench/hc-chain/blocks.jsonl.gz";

  @Param({"milion", "hc-chain"})
  public String corpus;

  private final ObjectMapper mapper = new ObjectMapper();
  private BlockCorpus data;
  private long blocksPerPass;

  /** Bytes and blocks parsed; JMH reports them per second next to ops/s. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Parsed {
    public long bytes;
    public long blocks;

    @Setup(Level.Iteration)
    public void reset() {
      bytes = 0;
      blocks = 0;
    }
  }

  @Setup(Level.Trial)
  public void load() throws IOException {
    Path shared = Path.of(System.getProperty(SHARED_PROPERTY, DEFAULT_SHARED));
    data = switch (corpus) {
      case "milion" -> BlockCorpus.wholeFile(existing(shared.resolve(MILION)));
      case "hc-chain" -> BlockCorpus.gzipLines(existing(shared.resolve(HC_CHAIN)), lines());
      default -> throw new IllegalArgumentException("unknown corpus '" + corpus + "': expected milion or hc-chain");
    };
    long transactions = 0;
    for (int d = 0; d < data.documents(); d++) {
      for (JsonNode node : blocksOf(readTree(d))) {
        Block block = BlockJson.read(node);
        blocksPerPass++;
        transactions += block.transactions().size();
      }
    }
    System.out.printf(
        "%n[bench] corpus %s: %s, %d bytes, %d blocks, %d transactions%n",
        corpus, data.name(), data.size(), blocksPerPass, transactions);
  }

  private static Path existing(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException(
          "block corpus " + file.toAbsolutePath() + " not found: set -D" + SHARED_PROPERTY
              + "=<dir> (default " + DEFAULT_SHARED + ", relative to the working directory)");
    }
    return file;
  }

  private static int lines() {
    String value = System.getProperty(LINES_PROPERTY, String.valueOf(DEFAULT_LINES));
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(LINES_PROPERTY + " must be an integer, got '" + value + "'", e);
    }
  }

  private JsonNode readTree(int document) throws IOException {
    return mapper.readTree(data.bytes(), data.start(document), data.length(document));
  }

  /** The blocks of a document: the elements of its "blocks" array, or the document itself. */
  private static Iterable<JsonNode> blocksOf(JsonNode document) {
    JsonNode blocks = document.get("blocks");
    return blocks != null && blocks.isArray() ? blocks : List.of(document);
  }

  @Benchmark
  public void jacksonTree(Parsed parsed, Blackhole sink) throws IOException {
    for (int d = 0; d < data.documents(); d++) {
      sink.consume(readTree(d));
    }
    parsed.bytes += data.size();
    parsed.blocks += blocksPerPass;
  }

  @Benchmark
  public void typedBlocks(Parsed parsed, Blackhole sink) throws IOException {
    for (int d = 0; d < data.documents(); d++) {
      for (JsonNode node : blocksOf(readTree(d))) {
        sink.consume(BlockJson.read(node));
      }
    }
    parsed.bytes += data.size();
    parsed.blocks += blocksPerPass;
  }
}
