package io.hivesafe.engine.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hivesafe.state.SnapshotException;
import io.hivesafe.state.SnapshotInfo;
import io.hivesafe.state.Snapshots;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The newest snapshot in a directory: among its regular files whose header reads as a snapshot
 * ({@link Snapshots#header}), the one of the highest block (the later-named on a tie). Files being
 * written ({@code *.partial}, as {@link Snapshots#export} names them) and anything else are passed over.
 * Only the header is read here; whoever imports the file checks the rest and the digest.
 */
final class SnapshotFiles {
  private SnapshotFiles() {}

  record Latest(Path file, SnapshotInfo info) {}

  static Optional<Latest> latest(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    Latest best = null;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path f : files) {
        if (!Files.isRegularFile(f) || f.getFileName().toString().endsWith(".partial")) {
          continue;
        }
        SnapshotInfo info;
        try {
          info = Snapshots.header(f);
        } catch (SnapshotException notASnapshot) {
          continue;
        }
        if (best == null || info.block() > best.info().block()
            || (info.block() == best.info().block() && f.getFileName().toString().compareTo(best.file().getFileName().toString()) > 0)) {
          best = new Latest(f, info);
        }
      }
    }
    return Optional.ofNullable(best);
  }

  /** {@code /api/snapshot}: which file, its block, digest, entries and size. */
  static ObjectNode info(Latest s) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("file", s.file().getFileName().toString());
    o.put("block", s.info().block());
    o.put("digest", s.info().digest().hex());
    o.put("entries", s.info().entries());
    o.put("bytes", s.info().bytes());
    o.put("download", "/api/snapshot/latest");
    return o;
  }

  /** {@code /api/snapshot/latest}: the file itself, its block and digest in headers. */
  static Answer download(Latest s) {
    String name = s.file().getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_");
    return Answer.file("application/octet-stream", s.file(), Map.of(
        "Content-Disposition", "attachment; filename=\"" + name + "\"",
        "X-Hivesafe-Snapshot-Block", Long.toString(s.info().block()),
        "X-Hivesafe-Snapshot-Digest", s.info().digest().hex()));
  }
}
