package io.hivesafe.engine.cli;

import io.hivesafe.engine.NodeEvents;
import io.hivesafe.engine.node.SidechainNode;
import io.hivesafe.engine.source.BlockInputException;
import io.hivesafe.engine.source.BlockSource;
import io.hivesafe.engine.source.JsonLinesBlockSource;
import io.hivesafe.engine.source.PrefetchingBlockSource;
import io.hivesafe.hive.crypto.SignatureScheme;
import io.hivesafe.hive.protocol.BlockId;
import io.hivesafe.ops.NetworkGenesis;
import io.hivesafe.ops.NetworkGenesisFile;
import io.hivesafe.state.StateConfig;
import io.hivesafe.state.StateStore;
import io.hivesafe.state.StateStoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hivesafe replay}: applies a JSON-lines file of blocks to a state directory, resuming after its
 * last commit, and prints one summary line. A replay never sends anything (it has no identity and no
 * outbox). A broken file or genesis exits 2 with one line naming the problem; what was committed
 * before the problem stays committed, so a fixed file resumes from there.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = "Apply a JSON-lines file of Hive blocks (plain or gzip) to a node's state, resuming after its last commit.")
final class ReplayCommand implements Callable<Integer> {
  private final Console console;
  /** Blocks parsed ahead of the applier: about 16 MB of hc-chain blocks. */
  static final int PREFETCH_BLOCKS = 1_000;
  /** A progress line every 10 s. */
  static final long PROGRESS_EVERY_NANOS = 10_000_000_000L;
  private final SignatureScheme signatures;

  @Option(names = "--blocks", required = true, paramLabel = "FILE", description = "blocks, one per line, as block_api returns them")
  Path blocks;

  @Option(names = "--genesis", required = true, paramLabel = "FILE", description = "the network's genesis JSON")
  Path genesis;

  @Option(names = "--data", required = true, paramLabel = "DIR", description = "the state directory (created if missing)")
  Path data;

  ReplayCommand(Console console, SignatureScheme signatures) {
    this.console = console;
    this.signatures = signatures;
  }

  @Override
  public Integer call() throws InterruptedException {
    NetworkGenesis network = readGenesis(genesis);
    StateStore store;
    try {
      store = StateStore.open(StateConfig.of(data));
    } catch (StateStoreException e) {
      throw new CliFailure("cannot open the state in " + data + ": " + e.getMessage(), e);
    }
    NodeEvents events = new NodeEvents();
    long first = SidechainNode.nextBlock(store, network);
    Optional<BlockId> previous = SidechainNode.lastBlockId(store).map(BlockId::fromHex);
    BlockSource source;
    try {
      source = new PrefetchingBlockSource(JsonLinesBlockSource.open(blocks, first, previous, events), PREFETCH_BLOCKS);
    } catch (BlockInputException e) {
      store.close();
      throw new CliFailure(e.getMessage(), e);
    }
    long started = System.nanoTime();
    try (SidechainNode node = new SidechainNode(network, store, source, signatures, Optional.empty(), Optional.empty(),
        events, "replay")) {
      long[] lastLine = {started, first - 1};
      node.onCommit((block, outcome) -> {
        long now = System.nanoTime();
        if (now - lastLine[0] >= PROGRESS_EVERY_NANOS) {
          events.replayProgress(block, block - first + 1, (block - lastLine[1]) * 1_000_000_000L / (now - lastLine[0]));
          lastLine[0] = now;
          lastLine[1] = block;
        }
      });
      try {
        node.runToEnd();
      } catch (BlockInputException e) {
        throw new CliFailure(e.getMessage() + " (blocks up to " + node.lastBlock() + " are committed)", e);
      } catch (RuntimeException e) {
        throw new CliFailure("replay stopped at block " + (node.lastBlock() + 1) + " by a bug: " + e, e);
      }
      double seconds = (System.nanoTime() - started) / 1e9; // source-rules: allowed (shell timing)
      long applied = node.lastBlock() - first + 1;
      console.out().println(String.format(Locale.ROOT,
          "replayed %d blocks (%d..%d) in %.1f s: %.0f blocks/s; ops accepted %d, rejected %d; digest %s",
          applied, first, node.lastBlock(), seconds, applied / seconds, node.opsAccepted(), node.opsRejected(),
          store.digest().hex()));
    }
    return 0;
  }

  static NetworkGenesis readGenesis(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new CliFailure("cannot read the genesis " + file + ": " + e.getMessage(), e);
    }
    try {
      return NetworkGenesisFile.parse(bytes);
    } catch (IllegalArgumentException e) {
      throw new CliFailure("genesis " + file + ": " + e.getMessage(), e);
    }
  }
}
