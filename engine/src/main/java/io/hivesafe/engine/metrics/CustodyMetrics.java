package io.hivesafe.engine.metrics;

import io.hivesafe.engine.node.CustodyReport;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/** The last custody check (chain against books after the node's block), read at scrape time; NaN until a check has completed. */
public final class CustodyMetrics {
  private CustodyMetrics() {}

  /** Registers the custody gauges over {@code last} (e.g. {@code custodyCheck::lastReport}). */
  public static void register(MeterRegistry registry, Supplier<Optional<CustodyReport>> last) {
    perAsset(registry, last, "hivesafe.custody.difference", CustodyReport::differenceHive, CustodyReport::differenceHbd,
        "The multisig account's balance on chain minus the books after the node's block, milli-HIVE or milli-HBD");
    perAsset(registry, last, "hivesafe.custody.shortfall", CustodyReport::shortfallHive, CustodyReport::shortfallHbd,
        "What the chain holds less than the books at the last custody check (an alarm when above 0), milli-units");
    perAsset(registry, last, "hivesafe.custody.surplus", CustodyReport::surplusHive, CustodyReport::surplusHbd,
        "What the chain holds more than the books at the last custody check (a gift, a reward claim), milli-units");
    Gauge.builder("hivesafe.custody.matches", () -> value(last, r -> r.matches() ? 1 : 0))
        .description("1 when the last custody check found the chain equal to the books, 0 when not").register(registry);
    Gauge.builder("hivesafe.custody.checked.block", () -> value(last, CustodyReport::block))
        .description("The node's block the last custody check was made at").register(registry);
    Gauge.builder("hivesafe.custody.pending.transactions", () -> value(last, CustodyReport::pendingTransactions))
        .description("Transactions pending at the API that the last custody check allowed for").register(registry);
  }

  private static void perAsset(MeterRegistry registry, Supplier<Optional<CustodyReport>> last, String name,
      ToLongFunction<CustodyReport> hive, ToLongFunction<CustodyReport> hbd, String description) {
    Gauge.builder(name, () -> value(last, hive)).tag("asset", "HIVE").description(description).register(registry);
    Gauge.builder(name, () -> value(last, hbd)).tag("asset", "HBD").description(description).register(registry);
  }

  static <R> double value(Supplier<Optional<R>> last, ToLongFunction<R> f) {
    Optional<R> r = last.get();
    return r.isEmpty() ? Double.NaN : f.applyAsLong(r.get());
  }
}
