package io.hivesafe.engine.metrics;

import io.hivesafe.engine.node.Outbox;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/** The outbox's broadcasts (reports, signatures, multisig transactions), read from its own counters at scrape time. */
public final class OutboxMetrics {
  private OutboxMetrics() {}

  /** Registers the outbox's meters; the registry keeps {@code outbox} only weakly, as the node holds it. */
  public static void register(MeterRegistry registry, Outbox outbox) {
    FunctionCounter.builder("hivesafe.broadcasts", outbox, Outbox::sent).tag("result", "sent")
        .description("Transactions the API accepted (hived's duplicate-transaction answer included)").register(registry);
    FunctionCounter.builder("hivesafe.broadcasts", outbox, Outbox::failed).tag("result", "failed")
        .description("Transactions refused by the API, or given up after every attempt failed").register(registry);
    FunctionCounter.builder("hivesafe.broadcasts", outbox, Outbox::dropped).tag("result", "dropped")
        .description("Transactions held for resource credits and dropped: expired, replaced by a newer send of the same duty, "
            + "over the cap, or signatures the node may no longer send").register(registry);
    Gauge.builder("hivesafe.outbox.pending", outbox, Outbox::pending)
        .description("Transactions handed to the outbox and not yet sent, given up or dropped").register(registry);
  }
}
