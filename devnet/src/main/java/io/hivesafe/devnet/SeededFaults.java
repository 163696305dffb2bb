package io.hivesafe.devnet;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * A {@link FaultPlan} in play: three independent streams split off the plan's seed — failures, latency
 * jitter, dropped broadcasts — so that turning one fault on does not shift the draws of another, and the
 * same plan with the same sequence of requests gives the same faults. Thread-safe; the draws follow the
 * order in which requests reach them.
 */
final class SeededFaults {
  private final FaultPlan plan;
  private final List<FailureKind> kinds;
  private final SplittableRandom failures;
  private final SplittableRandom jitter;
  private final SplittableRandom drops;

  SeededFaults(FaultPlan plan) {
    this.plan = Objects.requireNonNull(plan, "plan");
    this.kinds = plan.orderedFailureKinds();
    SplittableRandom root = new SplittableRandom(plan.seed());
    this.failures = root.split();
    this.jitter = root.split();
    this.drops = root.split();
  }

  FaultPlan plan() {
    return plan;
  }

  /** Whether this request fails, and how. */
  synchronized Optional<FailureKind> nextFailure() {
    if (plan.errorRatePerMille() == 0 || failures.nextInt(1000) >= plan.errorRatePerMille()) {
      return Optional.empty();
    }
    return Optional.of(kinds.get(failures.nextInt(kinds.size())));
  }

  /** The delay before this request is answered. */
  synchronized Duration nextLatency() {
    long jitterNanos = plan.latencyJitter().toNanos();
    return jitterNanos == 0 ? plan.latency() : plan.latency().plusNanos(jitter.nextLong(jitterNanos + 1));
  }

  /** Whether this broadcast is kept. */
  synchronized boolean keepBroadcast() {
    return plan.dropBroadcastRatePerMille() == 0 || drops.nextInt(1000) >= plan.dropBroadcastRatePerMille();
  }
}
