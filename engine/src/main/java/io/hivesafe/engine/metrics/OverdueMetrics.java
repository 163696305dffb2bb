package io.hivesafe.engine.metrics;

import io.hivesafe.engine.api.NodeView;
import io.hivesafe.ops.MultisigTx;
import io.hivesafe.ops.NodeRecord;
import io.hivesafe.ops.SidechainState;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * What is overdue, for alerts (deploy/prometheus/alerts.yml), read from the node's state at scrape time:
 * the multisig round in flight past its expiration by the wall clock (the core expires it only once it
 * applies a block later than the expiration, so a round overdue for long means the node stopped
 * applying or the chain stalled), and this node's own reports (missed in a row, as the tallies count
 * them, and blocks since the last one counted).
 */
public final class OverdueMetrics {
  private OverdueMetrics() {}

  /** Registers the gauges over the node's state; {@code clock} is the wall clock (the shell's, never the core's). */
  public static void register(MeterRegistry registry, NodeView view, Clock clock) {
    register(registry,
        () -> view.store().lastBlock().isEmpty() ? Optional.empty() : view.store().read(SidechainState::multisigInFlight),
        () -> view.account().isEmpty() || view.store().lastBlock().isEmpty() ? Optional.empty()
            : view.store().read(r -> SidechainState.node(r, view.account().get())),
        view::appliedBlock, clock);
  }

  static void register(MeterRegistry registry, Supplier<Optional<MultisigTx>> round, Supplier<Optional<NodeRecord>> own,
      LongSupplier appliedBlock, Clock clock) {
    Gauge.builder("hivesafe.multisig.overdue.seconds", () -> overdueSeconds(round.get(), clock.instant()))
        .description("Seconds the multisig round in flight is past its expiration by the wall clock; 0 when none is, "
            + "or no round is in flight").register(registry);
    Gauge.builder("hivesafe.node.reports.missed", () -> own.get().map(n -> (double) n.missed()).orElse(Double.NaN))
        .description("This node's reports missed in a row, as the tallies count them (max_missed in a row fault it); "
            + "NaN for a follower or an account that is not a registered node").register(registry);
    Gauge.builder("hivesafe.node.report.age.blocks", () -> reportAge(own.get(), appliedBlock.getAsLong()))
        .description("Blocks applied since the report block of this node's last counted report; NaN before its first "
            + "report, for a follower or an account that is not a registered node").register(registry);
  }

  /** How long {@code round} is past its expiration at {@code now}, in whole seconds; 0 when it is not. */
  static double overdueSeconds(Optional<MultisigTx> round, Instant now) {
    if (round.isEmpty()) {
      return 0;
    }
    Instant expiration = LocalDateTime.parse(round.get().expiration()).toInstant(ZoneOffset.UTC);
    return now.isAfter(expiration) ? Duration.between(expiration, now).toSeconds() : 0;
  }

  static double reportAge(Optional<NodeRecord> own, long appliedBlock) {
    if (own.isEmpty() || own.get().lastReportBlock() == 0) {
      return Double.NaN;
    }
    return Math.max(0, appliedBlock - own.get().lastReportBlock());
  }
}
