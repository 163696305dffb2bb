package io.hivesafe.sim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a test's simulated stores go: /dev/shm when it is there and writable (every node commits every
 * block with two fsyncs, which on a disk would make the simulation wait for the disk, not compute), else
 * the test's own temporary directory. A seed needs about 11 MB while it runs and deletes it after.
 */
final class WorkDir {
  private WorkDir() {}

  static Path under(Path fallback) throws IOException {
    Path shm = Path.of("/dev/shm");
    if (Files.isDirectory(shm) && Files.isWritable(shm)) {
      Path dir = Files.createTempDirectory(shm, "hivesafe-sim-test-");
      dir.toFile().deleteOnExit();
      return dir;
    }
    return fallback;
  }
}
