package io.hivesafe.engine.metrics;

import io.hivesafe.engine.api.NodeView;
import io.hivesafe.engine.node.SidechainNode;
import io.hivesafe.engine.source.BlockSource;
import io.hivesafe.engine.source.ChainTip;
import io.hivesafe.ops.Alarm;
import io.hivesafe.ops.AlarmKind;
import io.hivesafe.ops.BlockOutcome;
import io.hivesafe.ops.FeedEntry;
import io.hivesafe.ops.MultisigBooks;
import io.hivesafe.ops.MultisigTx;
import io.hivesafe.ops.SidechainState;
import io.hivesafe.ops.TallyRecord;
import io.hivesafe.state.StateReader;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The node's meters (STYLE 13: registered up front, in the shell; the core never sees them), fed by a
 * commit listener on the node's thread after each committed block, and gauges read from the node's
 * {@link NodeView} at scrape time. Names and meanings: docs/api.md, "Metrics".
 *
 * <p>Per block: blocks applied, apply time, operations accepted and rejected, alarms, the tally's
 * result. Signatures accepted and rejected come from the block's {@code sig_submit} feed entries, and
 * the multisig and payout gauges from state, both read only when the block wrote feed entries (an
 * empty block changes neither).
 */
public final class NodeMetrics {
  /** More feed entries than one block can hold (a 64 KiB block has far fewer operations). */
  private static final int BLOCK_FEED_CAP = 1_000_000;

  private final NodeView view;
  private final SidechainNode node;
  private final Counter blocks;
  private final Timer applyTime;
  private final Counter opsAccepted;
  private final Counter opsRejected;
  private final java.util.EnumMap<AlarmKind, Counter> alarms = new java.util.EnumMap<>(AlarmKind.class);
  private final Counter talliesConsensus;
  private final Counter talliesNoConsensus;
  private final Counter sigsAccepted;
  private final Counter sigsRejected;
  private final AtomicLong noConsensusInRow = new AtomicLong();
  private final AtomicLong confirmed = new AtomicLong();
  private final AtomicLong expired = new AtomicLong();
  private final AtomicLong inFlight = new AtomicLong();
  private final AtomicLong counted = new AtomicLong();
  private final AtomicLong threshold = new AtomicLong();
  private final AtomicLong ready = new AtomicLong();
  private final AtomicLong queued = new AtomicLong();

  /** Registers every meter on {@code registry} and listens to {@code node}'s commits. */
  public NodeMetrics(MeterRegistry registry, SidechainNode node, NodeView view) {
    this.view = view;
    this.node = node;
    blocks = Counter.builder("hivesafe.blocks.applied").description("Blocks applied and committed since the node started")
        .register(registry);
    applyTime = Timer.builder("hivesafe.block.apply").description("Time to apply and durably commit one block")
        .register(registry);
    opsAccepted = ops(registry, "accepted");
    opsRejected = ops(registry, "rejected");
    for (AlarmKind kind : AlarmKind.values()) {
      alarms.put(kind, Counter.builder("hivesafe.alarms").tag("kind", kind.name())
          .description("Alarms the core raised, by kind (also in state, the feed and the log)").register(registry));
    }
    talliesConsensus = tallies(registry, "consensus");
    talliesNoConsensus = tallies(registry, "no_consensus");
    sigsAccepted = sigs(registry, "accepted");
    sigsRejected = sigs(registry, "rejected");
    Gauge.builder("hivesafe.tally.no.consensus.in.row", noConsensusInRow, AtomicLong::get)
        .description("The chaos counter: tallies without consensus in a row (0 after one with consensus)").register(registry);
    FunctionCounter.builder("hivesafe.multisig.rounds", confirmed, AtomicLong::get).tag("state", "confirmed")
        .description("Multisig rounds confirmed on chain, from the state's books").register(registry);
    FunctionCounter.builder("hivesafe.multisig.rounds", expired, AtomicLong::get).tag("state", "expired")
        .description("Multisig rounds that expired unconfirmed, from the state's books").register(registry);
    FunctionCounter.builder("hivesafe.multisig.broadcasts.withheld", node, SidechainNode::withheldBroadcasts)
        .description("Multisig transactions this node did not broadcast: their signatures failed hived's authority check "
            + "against the recorded authority").register(registry);
    Gauge.builder("hivesafe.multisig.in.flight", inFlight, AtomicLong::get)
        .description("1 while a multisig round is in flight, else 0").register(registry);
    Gauge.builder("hivesafe.multisig.signatures.counted", counted, AtomicLong::get)
        .description("Signatures counted for the round in flight").register(registry);
    Gauge.builder("hivesafe.multisig.threshold", threshold, AtomicLong::get)
        .description("Signatures the round in flight needs").register(registry);
    Gauge.builder("hivesafe.multisig.ready", ready, AtomicLong::get)
        .description("1 once the round in flight has its threshold of signatures").register(registry);
    Gauge.builder("hivesafe.payouts.queued", queued, AtomicLong::get).description("Payouts in the queue").register(registry);
    Gauge.builder("hivesafe.block.applied", () -> view.appliedBlock()).description("The last block the node committed")
        .register(registry);
    Gauge.builder("hivesafe.chain.head.block", () -> tip().map(t -> (double) t.head()).orElse(Double.NaN))
        .description("The chain's head block as the block source last saw it").register(registry);
    Gauge.builder("hivesafe.chain.irreversible.block", () -> tip().map(t -> (double) t.irreversible()).orElse(Double.NaN))
        .description("The chain's last irreversible block as the block source last saw it").register(registry);
    Gauge.builder("hivesafe.lag.blocks", this::lag)
        .description("Irreversible blocks not applied yet (NaN before the source saw the chain)").register(registry);
    Gauge.builder("hivesafe.node.live", () -> view.mode() == BlockSource.Mode.LIVE ? 1 : 0)
        .description("1 when the block source follows the chain live, 0 while catching up").register(registry);
    Gauge.builder("hivesafe.node.diverged", () -> view.diverged() ? 1 : 0)
        .description("1 once the node's digest differed from a tally's consensus (it then never signs)").register(registry);
    Gauge.builder("hivesafe.node.failed", () -> view.failure().isPresent() ? 1 : 0)
        .description("1 when a bug stopped the node").register(registry);
    Gauge.builder("hivesafe.node.info", () -> 1).tag("network", view.genesis().network()).tag("version", view.version())
        .description("Always 1; the labels name the network and the node's version").register(registry);
    if (view.store().lastBlock().isPresent()) {
      view.store().read(r -> {
        fromState(r);
        SidechainState.lastTally(r).ifPresent(t -> noConsensusInRow.set(t.noConsensusInRow()));
        return null;
      });
    }
    node.onCommit(this::committed);
  }

  private static Counter ops(MeterRegistry registry, String result) {
    return Counter.builder("hivesafe.operations").tag("result", result)
        .description("Sidechain operations (and deposits) accepted or rejected by the core").register(registry);
  }

  private static Counter tallies(MeterRegistry registry, String result) {
    return Counter.builder("hivesafe.tallies").tag("result", result)
        .description("Tallies with and without a consensus hash").register(registry);
  }

  private static Counter sigs(MeterRegistry registry, String result) {
    return Counter.builder("hivesafe.signatures").tag("result", result)
        .description("sig_submit operations counted or rejected, from the feed of each committed block").register(registry);
  }

  private Optional<ChainTip> tip() {
    return view.chainTip();
  }

  private double lag() {
    Optional<ChainTip> t = tip();
    return t.isEmpty() ? Double.NaN : Math.max(0, t.get().irreversible() - view.appliedBlock());
  }

  private void committed(long block, BlockOutcome outcome) {
    blocks.increment();
    applyTime.record(node.lastApplyNanos(), TimeUnit.NANOSECONDS);
    opsAccepted.increment(outcome.accepted());
    opsRejected.increment(outcome.rejected());
    for (Alarm alarm : outcome.alarms()) {
      alarms.get(alarm.kind()).increment();
    }
    if (outcome.tally().isPresent()) {
      TallyRecord t = outcome.tally().get();
      (t.consensus() ? talliesConsensus : talliesNoConsensus).increment();
      noConsensusInRow.set(t.noConsensusInRow());
    }
    view.store().read(r -> {
      List<FeedEntry> feed = SidechainState.feed(r, block, BLOCK_FEED_CAP);
      long accepted = 0;
      long rejected = 0;
      for (FeedEntry e : feed) {
        if (e.block() == block && e.kind().equals("sig_submit")) {
          if (e.ok()) {
            accepted++;
          } else {
            rejected++;
          }
        }
      }
      sigsAccepted.increment(accepted);
      sigsRejected.increment(rejected);
      if (!feed.isEmpty()) {
        fromState(r);
      }
      return null;
    });
  }

  private void fromState(StateReader r) {
    MultisigBooks books = SidechainState.multisigBooks(r);
    confirmed.set(books.confirmed());
    expired.set(books.expired());
    Optional<MultisigTx> round = SidechainState.multisigInFlight(r);
    inFlight.set(round.isPresent() ? 1 : 0);
    counted.set(round.map(x -> (long) x.signatures().size()).orElse(0L));
    threshold.set(round.map(x -> x.requirements().stream().mapToLong(q -> q.authority().threshold()).max().orElse(0L)).orElse(0L));
    ready.set(round.map(x -> x.ready() ? 1L : 0L).orElse(0L));
    queued.set(SidechainState.payouts(r).size());
  }
}
