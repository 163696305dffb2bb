package io.hivesafe.engine.vectors;

import io.hivesafe.engine.NodeEvents;
import io.hivesafe.engine.node.SidechainNode;
import io.hivesafe.engine.source.BlockInputException;
import io.hivesafe.engine.source.JsonLinesBlockSource;
import io.hivesafe.hive.crypto.Secp256k1Signatures;
import io.hivesafe.ops.Alarm;
import io.hivesafe.ops.FeedEntry;
import io.hivesafe.ops.NetworkGenesis;
import io.hivesafe.ops.ReasonCode;
import io.hivesafe.ops.SidechainState;
import io.hivesafe.state.StateConfig;
import io.hivesafe.state.StateStore;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A recorded chain replayed as {@code hivesafe replay} replays it — a {@link JsonLinesBlockSource} into a
 * {@link SidechainNode} without identity or outbox, on a fresh store — with what the vectors check: the
 * state digest after chosen blocks, and how often each kind of feed entry and alarm occurred.
 *
 * <p>Kinds are named as the recorder (sim's {@code VectorReplay}) names them: a feed entry's
 * {@code kind}, with the action of an accepted {@code propose} ({@code propose param}) and the code of
 * an executed proposal or a tally ({@code proposal_execute PROPOSAL_PARAM_SET}, {@code tally CONSENSUS});
 * block-level entries (chrono tasks, tallies, rounds) prefixed {@code block }; rejected entries suffixed
 * {@code  rejected}; alarms {@code alarm KIND}.
 *
 * @param diverged whether the replay found its own digest at a report block outvoted by the recorded
 *     nodes' reports (SidechainNode's divergence check): on a recording of our own nodes, never
 */
record RecordedChainReplay(long blocks, long lastBlock, long accepted, long rejected, TreeMap<Long, String> digests,
    TreeMap<String, Long> kinds, boolean diverged) {

  static RecordedChainReplay of(Path blocks, NetworkGenesis genesis, Path stateDir, Collection<Long> digestsAt)
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
    try (SidechainNode node = new SidechainNode(genesis, store, source, new Secp256k1Signatures(), Optional.empty(),
        Optional.empty(), new NodeEvents(), "vectors")) {
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
      digests.put(node.lastBlock(), store.digest().hex());
      return new RecordedChainReplay(node.lastBlock() - first + 1, node.lastBlock(), node.opsAccepted(), node.opsRejected(),
          digests, kinds, node.diverged());
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
}
