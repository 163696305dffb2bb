package io.hivesafe.engine.metrics;

import io.hivesafe.engine.node.AuthorityReport;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import java.util.function.Supplier;

/** The last authority check (chain against the recorded authority), read at scrape time; NaN until a check has completed. */
public final class AuthorityMetrics {
  private AuthorityMetrics() {}

  /** Registers the authority gauges over {@code last} (e.g. {@code authorityCheck::lastReport}). */
  public static void register(MeterRegistry registry, Supplier<Optional<AuthorityReport>> last) {
    Gauge.builder("hivesafe.authority.mismatch", () -> CustodyMetrics.value(last, r -> r.matches() ? 0 : 1))
        .description("1 when the last authority check found the owner, active or recovery account on chain different from the "
            + "record, unexplained (an alarm); 0 when they agree").register(registry);
    Gauge.builder("hivesafe.authority.checked.block", () -> CustodyMetrics.value(last, AuthorityReport::block))
        .description("The node's block the last authority check was made at").register(registry);
  }
}
