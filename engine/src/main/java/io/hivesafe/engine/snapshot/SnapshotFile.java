package io.hivesafe.engine.snapshot;

import io.hivesafe.state.FixedWidth;
import io.hivesafe.state.StateDigest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A snapshot in the producer's directory, named after its block and digest:
 * {@code snapshot-<block, 10 digits>-<digest, 64 hex>.snapshot}, so that names sort by block and say what
 * an operator (or a bootstrapping node) would check.
 */
public record SnapshotFile(Path path, long block, StateDigest digest) {
  private static final Pattern NAME = Pattern.compile("snapshot-(\\d{10})-([0-9a-f]{64})\\.snapshot");
  /** What {@code Snapshots.export} leaves behind when killed mid-write. */
  private static final Pattern PARTIAL = Pattern.compile("snapshot-\\d{10}-[0-9a-f]{64}\\.snapshot\\.partial");

  /** The file name of the snapshot of {@code block} with {@code digest}. */
  public static String name(long block, StateDigest digest) {
    return "snapshot-" + FixedWidth.uint32(block) + "-" + digest.hex() + ".snapshot";
  }

  /** The snapshot {@code file} names, if its name is one of ours. */
  public static Optional<SnapshotFile> parse(Path file) {
    Matcher m = NAME.matcher(file.getFileName().toString());
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(new SnapshotFile(file, Long.parseLong(m.group(1)), StateDigest.parse(m.group(2))));
  }

  /** The snapshots in {@code dir}, newest (highest block) first; other files are not listed. */
  public static List<SnapshotFile> list(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(SnapshotFile::parse).flatMap(Optional::stream)
          .sorted(Comparator.comparingLong(SnapshotFile::block).reversed()).toList();
    }
  }

  /** Unfinished exports (a process killed while writing): never complete, safe to delete. */
  static List<Path> partials(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> PARTIAL.matcher(p.getFileName().toString()).matches()).sorted().toList();
    }
  }
}
