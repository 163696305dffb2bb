package io.hivesafe.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * The bytes of a block-JSON corpus held in memory, cut into JSON documents: one {"blocks":[...]} file
 * (a single document), or the first lines of a gzipped JSON-lines file (one block per document).
 *
 * <p>{@link #size()} counts every byte the corpus takes on disk (decompressed), newlines included, so
 * it equals {@code wc -c} of the file, or {@code zcat FILE | head -n N | wc -c}.
 */
final class BlockCorpus {
  private final String name;
  private final byte[] bytes;
  private final int[] starts;
  private final int[] lengths;

  private BlockCorpus(String name, byte[] bytes, int[] starts, int[] lengths) {
    this.name = name;
    this.bytes = bytes;
    this.starts = starts;
    this.lengths = lengths;
  }

  /** The whole of {@code file} as one JSON document. */
  static BlockCorpus wholeFile(Path file) {
    try {
      byte[] bytes = Files.readAllBytes(file);
      return new BlockCorpus(file.toString(), bytes, new int[] {0}, new int[] {bytes.length});
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read block corpus " + file.toAbsolutePath(), e);
    }
  }

  /** The first {@code lines} lines of a gzipped JSON-lines file, one document per non-blank line. */
  static BlockCorpus gzipLines(Path file, int lines) {
    if (lines < 1) {
      throw new IllegalArgumentException("line count must be at least 1, got " + lines);
    }
    byte[] bytes;
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16)) {
      bytes = firstLines(in, lines);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read block corpus " + file.toAbsolutePath(), e);
    }
    int[] starts = new int[lines];
    int[] lengths = new int[lines];
    int count = 0;
    int start = 0;
    for (int i = 0; i <= bytes.length; i++) {
      if (i == bytes.length || bytes[i] == '\n') {
        int end = i > start && bytes[i - 1] == '\r' ? i - 1 : i;
        if (end > start) {
          starts[count] = start;
          lengths[count] = end - start;
          count++;
        }
        start = i + 1;
      }
    }
    String name = file + " (first " + lines + " lines)";
    return new BlockCorpus(name, bytes, Arrays.copyOf(starts, count), Arrays.copyOf(lengths, count));
  }

  private static byte[] firstLines(InputStream in, int lines) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(lines * 16_384);
    byte[] buffer = new byte[1 << 16];
    int seen = 0;
    int read;
    while ((read = in.read(buffer)) > 0) {
      for (int i = 0; i < read; i++) {
        if (buffer[i] == '\n' && ++seen == lines) {
          out.write(buffer, 0, i + 1);
          return out.toByteArray();
        }
      }
      out.write(buffer, 0, read);
    }
    return out.toByteArray();
  }

  String name() {
    return name;
  }

  byte[] bytes() {
    return bytes;
  }

  int documents() {
    return starts.length;
  }

  int start(int document) {
    return starts[document];
  }

  int length(int document) {
    return lengths[document];
  }

  long size() {
    return bytes.length;
  }
}
