package io.hivesafe.engine.metrics;

import io.hivesafe.engine.node.CustodyReport;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import java.util.function.Supplier;

/** The last custody check (chain against books), read at scrape time; NaN until a check has completed. */
public final class CustodyMetrics {
  private CustodyMetrics() {}

  /** Registers the custody gauges over {@code last} (e.g. {@code custodyCheck::lastReport}). */
  public static void register(MeterRegistry registry, Supplier<Optional<CustodyReport>> last) {
    Gauge.builder("hivesafe.custody.difference", () -> value(last, CustodyReport::differenceHive)).tag("asset", "HIVE")
        .description("The multisig account's balance on chain minus what the books expect, milli-HIVE or milli-HBD")
        .register(registry);
    Gauge.builder("hivesafe.custody.difference", () -> value(last, CustodyReport::differenceHbd)).tag("asset", "HBD")
        .description("The multisig account's balance on chain minus what the books expect, milli-HIVE or milli-HBD")
        .register(registry);
    Gauge.builder("hivesafe.custody.matches", () -> value(last, r -> r.matches() ? 1 : 0))
        .description("1 when the last custody check found the chain equal to the books, 0 when not").register(registry);
    Gauge.builder("hivesafe.custody.checked.block", () -> value(last, CustodyReport::block))
        .description("The node's block the last custody check was made at").register(registry);
  }

  private static double value(Supplier<Optional<CustodyReport>> last, java.util.function.ToLongFunction<CustodyReport> f) {
    Optional<CustodyReport> r = last.get();
    return r.isEmpty() ? Double.NaN : f.applyAsLong(r.get());
  }
}
