package io.hivesafe.sim;

import io.hivesafe.engine.NodeEvents;
import io.hivesafe.engine.node.SidechainNode;
import io.hivesafe.engine.source.BlockInputException;
import io.hivesafe.engine.source.JsonLinesBlockSource;
import io.hivesafe.ops.Alarm;
import io.hivesafe.ops.FeedEntry;
import io.hivesafe.ops.NetworkGenesis;
import io.hivesafe.ops.ReasonCode;
import io.hivesafe.ops.SidechainState;
import io.hivesafe.state.StateConfig;
import io.hivesafe.state.StateStore;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A recorded chain replayed as {@code hivesafe replay} does ({@link JsonLinesBlockSource} into a
 * {@link SidechainNode} without identity), with what the recorder prints: the state digest after chosen
 * blocks and at the end, and how many times each kind of feed entry and alarm occurred.
 *
 * <p>A feed entry's kind is its {@code kind}, with the action of an accepted {@code propose}
 * ({@code propose payout}) and the code of an executed proposal or a tally ({@code proposal_execute
 * PROPOSAL_PARAM_SET}, {@code tally CONSENSUS}); block-level entries (chrono tasks, tallies, rounds) are
 * prefixed {@code block }, rejected ones suffixed {@code  rejected}; alarms are {@code alarm KIND}. The
 * Used by the recorder and by ConsensusVectorsTest.
 */
final class VectorReplay {
  /** What the replay saw. */
  record Replayed(long blocks, long lastBlock, long accepted, long rejected, String digest, TreeMap<Long, String> digests,
      TreeMap<String, Long> kinds, boolean diverged) {}

  private VectorReplay() {}

  static Replayed replay(Path blocks, NetworkGenesis genesis, Path stateDir, Collection<Long> digestsAt)
      throws BlockInputException, InterruptedException {
    TreeMap<Long, String> digests = new TreeMap<>();
    TreeMap<String, Long> kinds = new TreeMap<>();
    StateStore store = StateStore.open(StateConfig.of(stateDir));
    long first = SidechainNode.nextBlock(store, genesis);
    JsonLinesBlockSource source;
    try {
      source = JsonLinesBlockSource.open(blocks, first, Optional.empty(), new NodeEvents());
    } catch (BlockInputException e) {
      store.close();
      throw e;
    }
    try (SidechainNode node = new SidechainNode(genesis, store, source, Simulation.CRYPTO, Optional.empty(), Optional.empty(),
        new NodeEvents(), "vectors")) {
      node.onCommit((block, outcome) -> {
        for (FeedEntry e : store.read(r -> SidechainState.feed(r, block, Integer.MAX_VALUE))) {
          if (!e.kind().equals("alarm")) {
            kinds.merge(kind(e), 1L, Long::sum);
          }
        }
        for (Alarm a : outcome.alarms()) {
          kinds.merge("alarm " + a.kind(), 1L, Long::sum);
        }
        if (digestsAt.contains(block)) {
          digests.put(block, store.digest().hex());
        }
      });
      node.runToEnd();
      return new Replayed(node.lastBlock() - first + 1, node.lastBlock(), node.opsAccepted(), node.opsRejected(),
          store.digest().hex(), digests, kinds, node.diverged());
    }
  }

  static String kind(FeedEntry e) {
    String kind = e.kind();
    if (e.ok() && e.reason().code() == ReasonCode.PROPOSED) {
      kind += " " + e.reason().args().get(1);
    } else if (e.ok() && (e.kind().equals("proposal_execute") || e.kind().equals("tally"))) {
      kind += " " + e.reason().code();
    }
    return (e.tx().isEmpty() ? "block " : "") + kind + (e.ok() ? "" : " rejected");
  }

  /** The kinds of {@code required} that {@code seen} lacks. */
  static List<String> missing(Collection<String> required, TreeMap<String, Long> seen) {
    return required.stream().filter(k -> !seen.containsKey(k)).toList();
  }
}
