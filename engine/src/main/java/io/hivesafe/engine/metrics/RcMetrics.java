package io.hivesafe.engine.metrics;

import io.hivesafe.engine.node.Outbox;
import io.hivesafe.engine.node.RcCheck;
import io.hivesafe.engine.node.RcReading;
import io.hivesafe.engine.node.RcRole;
import io.hivesafe.hive.protocol.AccountName;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * Resource credits of the node's account and the multisig account, from the RC check's last reading
 * (NaN until the first): {@code hivesafe.rc.percent} (0..100), {@code hivesafe.rc.mana} (regenerated to the
 * head block's time of the reading) and {@code hivesafe.rc.max} (max_rc), tagged {@code role}
 * ({@code node}, {@code multisig}) and {@code account}; {@code hivesafe.rc.low}, 1 when the reading is low by
 * the node's rule ({@code RcLowRule}, the one rule the log line, the status page, the alert and doctor use); and {@code hivesafe.rc.refusals} (tag {@code role}),
 * the broadcasts hived refused for want of RC, from the outbox. Prometheus:
 * {@code hivesafe_rc_percent{role,account}}, {@code hivesafe_rc_mana}, {@code hivesafe_rc_max}, {@code hivesafe_rc_low},
 * {@code hivesafe_rc_refusals_total{role}}.
 */
public final class RcMetrics {
  private RcMetrics() {}

  /** Registers the gauges of every account {@code rc} reads and, with an outbox, the refusal counters of the same roles. */
  public static void register(MeterRegistry registry, RcCheck rc, Optional<Outbox> outbox) {
    for (Map.Entry<RcRole, AccountName> entry : rc.accounts().entrySet()) {
      RcRole role = entry.getKey();
      String account = entry.getValue().value();
      gauge(registry, "hivesafe.rc.percent", rc, role, account, RcReading::percent,
          "Resource credits of the account in percent of its maximum, regenerated to the head block's time of the last reading");
      gauge(registry, "hivesafe.rc.mana", rc, role, account, r -> (double) r.mana(),
          "Resource credits (mana) of the account at the head block's time of the last reading");
      gauge(registry, "hivesafe.rc.max", rc, role, account, r -> (double) r.maxRc(), "The account's max_rc at the last reading");
      gauge(registry, "hivesafe.rc.low", rc, role, account, r -> r.low() ? 1 : 0,
          "1 when the account's resource credits are low by the node's rule (RcLowRule: ten of its transactions or the percentage), else 0");
      outbox.ifPresent(o -> FunctionCounter.builder("hivesafe.rc.refusals", o, x -> x.rcRefusals(role)).tag("role", role.tag())
          .description("Broadcasts hived refused because the paying account had too few resource credits (retries included)")
          .register(registry));
    }
  }

  private static void gauge(MeterRegistry registry, String name, RcCheck rc, RcRole role, String account, ToDoubleFunction<RcReading> value,
      String description) {
    Gauge.builder(name, rc, c -> c.last(role).map(value::applyAsDouble).orElse(Double.NaN))
        .tag("role", role.tag()).tag("account", account).description(description).register(registry);
  }
}
