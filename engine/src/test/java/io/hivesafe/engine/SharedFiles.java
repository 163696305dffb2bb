package io.hivesafe.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Files of ../shared that tests read, found from the system property or by walking up from here. */
public final class SharedFiles {
  private SharedFiles() {}

  /** ../shared/bench/hc-chain/blocks.jsonl.gz. */
  public static Path benchChain() {
    String configured = System.getProperty("hivesafe.shared");
    List<Path> candidates = new ArrayList<>();
    if (configured != null) {
      candidates.add(Path.of(configured));
    }
    for (Path at = Path.of("").toAbsolutePath(); at != null; at = at.getParent()) {
      candidates.add(at.resolve("shared"));
    }
    for (Path shared : candidates) {
      Path file = shared.resolve("bench/hc-chain/blocks.jsonl.gz");
      if (Files.isRegularFile(file)) {
        return file;
      }
    }
    throw new IllegalStateException("shared/bench/hc-chain/blocks.jsonl.gz not found in " + candidates
        + ": the tests read the shared benchmark chain");
  }
}
