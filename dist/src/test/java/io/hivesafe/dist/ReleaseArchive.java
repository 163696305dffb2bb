package io.hivesafe.dist;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The release archive as maven-failsafe-plugin hands it to the tests (built by the package phase), and the repository. */
record ReleaseArchive(Path file, String rootName, Path repo) {
  static ReleaseArchive fromBuild() {
    String file = System.getProperty("hivesafe.archive");
    String root = System.getProperty("hivesafe.archive.root");
    String repo = System.getProperty("hivesafe.repo");
    if (file == null || root == null || repo == null) {
      throw new AssertionError("hivesafe.archive, hivesafe.archive.root and hivesafe.repo are unset: run this test through "
          + "Maven (mvn -pl dist verify), which builds the archive first");
    }
    if (!Files.isRegularFile(Path.of(file))) {
      throw new AssertionError(file + " is missing: mvn -pl dist package builds it (after mvn install of the modules)");
    }
    return new ReleaseArchive(Path.of(file), root, Path.of(repo).toAbsolutePath().normalize());
  }

  /** Unpacks the archive into {@code dir} with tar, as an operator does; returns its top directory. */
  Path unpackInto(Path dir) throws IOException, InterruptedException {
    CommandRun.of(dir, List.of(RequiredTool.TAR.path(), "-xzf", file.toString())).ok();
    return dir.resolve(rootName);
  }
}
