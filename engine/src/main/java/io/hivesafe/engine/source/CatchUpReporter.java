package io.hivesafe.engine.source;

import io.hivesafe.engine.NodeEvents;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The catch-up progress line: at most one per {@link BlockSourceConfig#progressInterval()}, with the
 * pace of the blocks handed on since the line before. Called from the fetch thread only, and only while
 * the source catches up.
 */
final class CatchUpReporter {
  private final Duration interval;
  private final NodeEvents events;
  private final Clock clock;
  private final FetchThread handoff;
  private Instant lastReport;
  private long handedOnAtLastReport;
  private Instant lastSilentReport;

  /** @param clock times the progress lines only */
  CatchUpReporter(Duration interval, NodeEvents events, Clock clock, FetchThread handoff) {
    this.interval = interval;
    this.events = events;
    this.clock = clock;
    this.handoff = handoff;
  }

  /** Begins the first interval. */
  void start() {
    lastReport = clock.instant();
  }

  /** Begins an interval afresh: the source fell behind again and catches up from here. */
  void restart() {
    lastReport = clock.instant();
    handedOnAtLastReport = handoff.handedOn();
  }

  /**
   * No endpoint answered before the source ever reached the chain: says so (with each endpoint's reason)
   * at the first failure and then at most once per interval, instead of a progress line.
   */
  void unreachable(String tried, Duration retryIn, Duration maxPause) {
    Instant now = clock.instant();
    if (lastSilentReport != null && !now.isBefore(lastSilentReport) && Duration.between(lastSilentReport, now).compareTo(interval) < 0) {
      return;
    }
    lastSilentReport = now;
    events.noApiAnswers(tried, retryIn, maxPause);
  }

  /** Writes a progress line towards {@code target} if the interval has passed since the last one. */
  void reportIfDue(long target) {
    Instant now = clock.instant();
    Duration since = Duration.between(lastReport, now);
    if (since.isNegative()) {
      lastReport = now; // the wall clock was set back: start the interval afresh
      return;
    }
    if (since.compareTo(interval) < 0) {
      return;
    }
    long handed = handoff.handedOn();
    events.catchUpProgress(new CatchUpProgress(handoff.nextToHandOn() - 1, target, handed - handedOnAtLastReport, since));
    lastReport = now;
    handedOnAtLastReport = handed;
  }
}
