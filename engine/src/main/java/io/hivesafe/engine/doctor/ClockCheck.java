package io.hivesafe.engine.doctor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The machine's clock against the newest head block's time. The node's own transactions take their
 * expiration from block time, so a skewed clock does not make them invalid; what it breaks is HTTPS
 * (certificate validity is checked against the local clock), the log's timestamps against the chain's
 * and the other nodes' (an incident is read across them), the catch-up pace and ETA, and the
 * timestamps of metrics; and a clock off by more than seconds means time synchronisation (NTP) is not
 * running. WARN past {@link #WARN_SKEW}, FAIL past {@link #FAIL_SKEW}. A head up to one block old (3 s)
 * is normal; an API whose head is stale shows here too (see the lag and api lines).
 */
final class ClockCheck {
  static final String NAME = "clock";
  static final Duration WARN_SKEW = Duration.ofSeconds(10);
  static final Duration FAIL_SKEW = Duration.ofSeconds(60);

  private ClockCheck() {}

  /** {@code readings}: the endpoints that answered on the genesis's chain. */
  static List<Finding> check(List<EndpointReading> readings, Clock clock) {
    if (readings.isEmpty()) {
      return List.of(Finding.fail(NAME, "not checked: no endpoint answers on the genesis's chain", "see the api lines"));
    }
    Instant head = Instant.EPOCH;
    for (EndpointReading r : readings) {
      Instant t = r.properties().orElseThrow().time();
      head = t.isAfter(head) ? t : head;
    }
    Instant now = clock.instant();
    Duration skew = Duration.between(head, now);
    long seconds = skew.getSeconds();
    String found = "this machine's clock reads " + now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + ", the newest head block's time is "
        + head + ": " + (skew.isNegative() ? "behind by " + (-seconds) : "ahead by " + seconds) + " s";
    String todo = "run time synchronisation (systemd-timesyncd, chrony or ntpd); if the clock is right, the API's head is stale "
        + "(see lag): a skewed clock breaks HTTPS certificate checks and makes logs and metrics disagree with the chain";
    Duration size = skew.abs();
    if (size.compareTo(FAIL_SKEW) > 0) {
      return List.of(Finding.fail(NAME, found + " (more than " + FAIL_SKEW.toSeconds() + " s)", todo));
    }
    if (size.compareTo(WARN_SKEW) > 0) {
      return List.of(Finding.warn(NAME, found + " (more than " + WARN_SKEW.toSeconds() + " s)", todo));
    }
    return List.of(Finding.ok(NAME, found));
  }
}
