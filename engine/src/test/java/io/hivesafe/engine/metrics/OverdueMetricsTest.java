package io.hivesafe.engine.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivesafe.ops.MultisigTx;
import io.hivesafe.ops.NodeRecord;
import io.hivesafe.ops.SignerAuthority;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The overdue gauges the alerts read: a round in flight counts its seconds past its expiration by the
 * wall clock (0 before it and with no round); this node's reports missed in a row and the blocks since its
 * last counted report come from its node record (NaN for a follower and before its first report).
 */
class OverdueMetricsTest {
  private static MultisigTx round(String expiration) {
    SignerAuthority active = new SignerAuthority(2, List.of(new SignerAuthority.Member("STM6LLegbAgLAy28EHrffBVuANFWcFgmqRMW13wBmTExqFE9SCkg4", 1)),
        List.of());
    return new MultisigTx(3, MultisigTx.TRANSFER, "ab".repeat(20), "cd".repeat(32), "00", 100, expiration, List.of(1L),
        List.of(new MultisigTx.Requirement(MultisigTx.ACTIVE, active)), new TreeMap<>(), 0, 0, 0, false);
  }

  private static NodeRecord node(long missed, long lastReportBlock) {
    return new NodeRecord("node-a", "STM6LLegbAgLAy28EHrffBVuANFWcFgmqRMW13wBmTExqFE9SCkg4", 1, 1, 10, missed, lastReportBlock, 0);
  }

  /** A clock the test sets. */
  private static final class SetClock extends Clock {
    final AtomicReference<Instant> now = new AtomicReference<>();

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now.get();
    }
  }

  @Test
  void aRoundInFlightCountsItsSecondsPastItsExpiration() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    AtomicReference<Optional<MultisigTx>> inFlight = new AtomicReference<>(Optional.empty());
    SetClock clock = new SetClock();
    OverdueMetrics.register(registry, inFlight::get, Optional::empty, () -> 0, clock);
    clock.now.set(Instant.parse("2026-01-01T01:00:00Z"));
    assertEquals(0, registry.get("hivesafe.multisig.overdue.seconds").gauge().value(), "no round in flight");
    inFlight.set(Optional.of(round("2026-01-01T00:55:00")));
    clock.now.set(Instant.parse("2026-01-01T00:54:59Z"));
    assertEquals(0, registry.get("hivesafe.multisig.overdue.seconds").gauge().value(), "before its expiration");
    clock.now.set(Instant.parse("2026-01-01T00:55:00Z"));
    assertEquals(0, registry.get("hivesafe.multisig.overdue.seconds").gauge().value(), "at its expiration");
    clock.now.set(Instant.parse("2026-01-01T01:00:30Z"));
    assertEquals(330, registry.get("hivesafe.multisig.overdue.seconds").gauge().value(), "5.5 minutes past it");
    inFlight.set(Optional.empty());
    assertEquals(0, registry.get("hivesafe.multisig.overdue.seconds").gauge().value(), "expired or confirmed: gone");
  }

  @Test
  void thisNodesMissedReportsAndTheBlocksSinceItsLastReportComeFromItsRecord() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    AtomicReference<Optional<NodeRecord>> own = new AtomicReference<>(Optional.empty());
    AtomicLong applied = new AtomicLong(1000);
    OverdueMetrics.register(registry, Optional::empty, own::get, applied::get, Clock.systemUTC());
    assertTrue(Double.isNaN(registry.get("hivesafe.node.reports.missed").gauge().value()), "a follower has no reports");
    assertTrue(Double.isNaN(registry.get("hivesafe.node.report.age.blocks").gauge().value()));
    own.set(Optional.of(node(0, 0)));
    assertEquals(0, registry.get("hivesafe.node.reports.missed").gauge().value());
    assertTrue(Double.isNaN(registry.get("hivesafe.node.report.age.blocks").gauge().value()), "not reported yet");
    own.set(Optional.of(node(2, 850)));
    assertEquals(2, registry.get("hivesafe.node.reports.missed").gauge().value());
    assertEquals(150, registry.get("hivesafe.node.report.age.blocks").gauge().value());
    applied.set(1234);
    assertEquals(384, registry.get("hivesafe.node.report.age.blocks").gauge().value());
  }
}
