package io.hivesafe.engine.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hivesafe.state.SnapshotInfo;
import io.hivesafe.state.Snapshots;
import io.hivesafe.state.StateConfig;
import io.hivesafe.state.StateDigest;
import io.hivesafe.state.StateStore;
import io.hivesafe.state.StateStoreException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hivesafe snapshot export|import} and {@code hivesafe state info}. Each prints one JSON object;
 * a damaged store, a refused snapshot or a store in use by a running node exits 2 with one line that
 * names the file and the way out.
 */
final class StateCommands {
  private StateCommands() {}

  @Command(name = "snapshot", description = "Export the state to one file, or import one into an empty data directory.",
      mixinStandardHelpOptions = true)
  static final class Snapshot {}

  @Command(name = "state", description = "Inspect a node's state store.", mixinStandardHelpOptions = true)
  static final class State {}

  @Command(name = "export", description = "Write the state at its last committed block to FILE (atomically).",
      mixinStandardHelpOptions = true)
  static final class Export implements Callable<Integer> {
    private final Console console;

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "the node's state directory")
    Path data;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "the snapshot file to write")
    Path out;

    Export(Console console) {
      this.console = console;
    }

    @Override
    public Integer call() throws Exception {
      SnapshotInfo info = guarded(() -> {
        try (StateStore store = StateStore.open(StateConfig.of(data))) {
          return Snapshots.export(store, out);
        }
      });
      print(console, info, out);
      return 0;
    }
  }

  @Command(name = "import", description = "Check a snapshot and build a state directory from it; refuses any mismatch.",
      mixinStandardHelpOptions = true)
  static final class Import implements Callable<Integer> {
    private final Console console;

    @Option(names = "--file", required = true, paramLabel = "FILE", description = "the snapshot file")
    Path file;

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "an empty or missing directory to create the state in")
    Path data;

    @Option(names = "--expect-digest", paramLabel = "HEX", description = "the state digest the snapshot must have (take it from the consensus on chain)")
    String expectDigest;

    @Option(names = "--expect-block", paramLabel = "N", description = "the block the snapshot must be at")
    Long expectBlock;

    Import(Console console) {
      this.console = console;
    }

    @Override
    public Integer call() throws Exception {
      Optional<StateDigest> digest;
      try {
        digest = Optional.ofNullable(expectDigest).map(StateDigest::parse);
      } catch (IllegalArgumentException e) {
        throw new CliFailure("--expect-digest: " + e.getMessage());
      }
      OptionalLong block = expectBlock == null ? OptionalLong.empty() : OptionalLong.of(expectBlock);
      SnapshotInfo info = guarded(() -> Snapshots.importInto(file, StateConfig.of(data), digest, block));
      print(console, info, file);
      return 0;
    }
  }

  @Command(name = "info", description = "Open a state directory, verify it and print its block, digest and size.",
      mixinStandardHelpOptions = true)
  static final class Info implements Callable<Integer> {
    private final Console console;

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "the node's state directory")
    Path data;

    Info(Console console) {
      this.console = console;
    }

    @Override
    public Integer call() throws Exception {
      if (!java.nio.file.Files.isDirectory(data)) {
        throw new CliFailure("no state directory at " + data);
      }
      ObjectNode out = guarded(() -> {
        try (StateStore store = StateStore.open(StateConfig.of(data))) {
          StateStore.StoreStatus status = store.status();
          ObjectNode o = JsonStdio.MAPPER.createObjectNode();
          if (status.lastBlock().isPresent()) {
            o.put("block", status.lastBlock().getAsLong());
          } else {
            o.putNull("block");
          }
          o.put("digest", status.digest().hex());
          o.put("entries", status.entryCount());
          o.put("recovery", store.recovery());
          o.put("verified", true);
          return o;
        }
      });
      console.out().println(JsonStdio.MAPPER.writeValueAsString(out));
      return 0;
    }
  }

  private static void print(Console console, SnapshotInfo info, Path file) throws Exception {
    ObjectNode o = JsonStdio.MAPPER.createObjectNode();
    o.put("file", file.toString());
    o.put("block", info.block());
    o.put("digest", info.digest().hex());
    o.put("entries", info.entries());
    o.put("bytes", info.bytes());
    console.out().println(JsonStdio.MAPPER.writeValueAsString(o));
  }

  /** Runs a store operation; the store's own failures become one-line CLI failures. */
  private static <T> T guarded(Callable<T> action) throws Exception {
    try {
      return action.call();
    } catch (StateStoreException e) {
      throw new CliFailure(e.getMessage());
    }
  }
}
