package io.hivesafe.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hivesafe.hive.json.BlockJson;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * The parse floor a replay is compared with: the same block file, decompressed into memory first, then
 * parsed line by line with Jackson's tree parser alone ({@code raw}) and with Hivesafe's typed blocks on
 * top ({@code typed}: readTree + {@link BlockJson#read}), one thread, after one warm-up pass. Prints one
 * JSON line per pass and a summary (min / median / max MB/s, MB = 10^6 bytes of block JSON).
 *
 * <p>Usage: {@code ReplayParseBench FILE.jsonl.gz LINES [PASSES]}.
 */
public final class ReplayParseBench {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ReplayParseBench() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      System.err.println("usage: ReplayParseBench FILE.jsonl.gz LINES [PASSES]");
      System.exit(2);
    }
    Path file = Path.of(args[0]);
    int lines = Integer.parseInt(args[1]);
    int passes = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    BlockCorpus corpus = BlockCorpus.gzipLines(file, lines);
    for (String mode : new String[] {"raw", "typed"}) {
      pass(corpus, mode);
      double[] mbps = new double[passes];
      for (int i = 0; i < passes; i++) {
        mbps[i] = pass(corpus, mode);
      }
      Arrays.sort(mbps);
      System.out.printf(Locale.ROOT, "{\"file\":\"%s\",\"mode\":\"%s\",\"blocks\":%d,\"bytes\":%d,\"mb_per_s\":{\"min\":%.1f,"
              + "\"median\":%.1f,\"max\":%.1f},\"blocks_per_s_median\":%.0f}%n", file, mode, corpus.documents(), corpus.size(),
          mbps[0], mbps[passes / 2], mbps[passes - 1], mbps[passes / 2] * 1e6 / corpus.size() * corpus.documents());
    }
  }

  /** One pass over the corpus; returns MB/s. */
  private static double pass(BlockCorpus corpus, String mode) throws IOException {
    long started = System.nanoTime();
    long sink = 0;
    for (int d = 0; d < corpus.documents(); d++) {
      JsonNode node = JSON.readTree(corpus.bytes(), corpus.start(d), corpus.length(d));
      if (mode.equals("typed")) {
        sink += BlockJson.read(node).transactions().size();
      } else {
        sink += node.size();
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    if (sink < 0) {
      throw new IllegalStateException("unreachable");
    }
    return corpus.size() / seconds / 1e6;
  }
}
