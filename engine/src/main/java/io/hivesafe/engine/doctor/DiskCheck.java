package io.hivesafe.engine.doctor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Free space on the data directory's file system. The node commits every block to its store through a
 * journal and writes a snapshot (about the size of the state) every {@code snapshots.every}-th report
 * block; when a write fails for want of space the node stops (exit 2) and a supervisor restarts it into
 * the same wall. WARN below {@link #WARN_BYTES} (2 GiB), FAIL below {@link #FAIL_BYTES} (200 MiB).
 */
final class DiskCheck {
  static final String NAME = "disk";
  static final long WARN_BYTES = 2L << 30;
  static final long FAIL_BYTES = 200L << 20;

  /** The usable bytes of the file system holding a path (a seam for tests: disks are not filled to test this). */
  interface FreeSpace {
    long usableBytes(Path existing) throws IOException;
  }

  static final FreeSpace SYSTEM = p -> Files.getFileStore(p).getUsableSpace();

  private DiskCheck() {}

  static List<Finding> check(Path dataDir, FreeSpace space) {
    Path existing = dataDir.toAbsolutePath();
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return List.of(Finding.fail(NAME, "no part of " + dataDir + " exists", "fix \"data\" in the config"));
    }
    if (!Files.isWritable(existing)) {
      return List.of(Finding.fail(NAME, existing + " (the data directory or its nearest existing parent) is not writable by "
          + "this user", "run the node as the user that owns its data directory"));
    }
    long free;
    try {
      free = space.usableBytes(existing);
    } catch (IOException e) {
      return List.of(Finding.warn(NAME, "the free space on " + existing + "'s file system cannot be read (" + e + ")",
          "check it yourself (df -h)"));
    }
    String found = mib(free) + " MiB free on the file system of " + existing;
    String todo = "a node that cannot write its next commit or snapshot stops; free space or move \"data\" to a larger disk";
    if (free < FAIL_BYTES) {
      return List.of(Finding.fail(NAME, found + " (less than " + mib(FAIL_BYTES) + " MiB)", todo));
    }
    if (free < WARN_BYTES) {
      return List.of(Finding.warn(NAME, found + " (less than " + mib(WARN_BYTES) + " MiB)", todo));
    }
    return List.of(Finding.ok(NAME, found));
  }

  private static long mib(long bytes) {
    return bytes >> 20;
  }
}
