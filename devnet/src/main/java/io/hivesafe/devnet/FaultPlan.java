package io.hivesafe.devnet;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The faults one endpoint injects, validated when built; {@link SeededFaults} plays them out from
 * {@code seed}, so the same plan and the same sequence of requests give the same faults.
 *
 * @param errorRatePerMille how many requests in 1,000 fail (0..1000), each with one of {@code failureKinds}
 * @param failureKinds the ways a request may fail, chosen among evenly; needed when the error rate is above 0
 * @param latency added to every request before it is answered (0..60 s)
 * @param latencyJitter up to this much more, drawn per request (0..60 s)
 * @param dropBroadcastRatePerMille how many accepted broadcasts in 1,000 are answered {} and then lost (0..1000)
 * @param seed the seed of the draws
 */
public record FaultPlan(
    int errorRatePerMille, Set<FailureKind> failureKinds, Duration latency, Duration latencyJitter, int dropBroadcastRatePerMille,
    long seed) {
  public static final long DEFAULT_SEED = 1;
  public static final Duration MAX_LATENCY = Duration.ofSeconds(60);
  /** No faults: every request answered at once and every broadcast kept. */
  public static final FaultPlan NONE = new FaultPlan(0, Set.of(), Duration.ZERO, Duration.ZERO, 0, DEFAULT_SEED);

  public FaultPlan {
    checkPerMille("errorRatePerMille", errorRatePerMille);
    checkPerMille("dropBroadcastRatePerMille", dropBroadcastRatePerMille);
    Objects.requireNonNull(failureKinds, "FaultPlan.failureKinds is missing");
    // An EnumSet iterates in the enum's order, which the draws of SeededFaults index into.
    failureKinds = failureKinds.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(failureKinds));
    if (errorRatePerMille > 0 && failureKinds.isEmpty()) {
      throw new IllegalArgumentException("FaultPlan.failureKinds must name at least one kind when errorRatePerMille is above 0");
    }
    checkDuration("latency", latency);
    checkDuration("latencyJitter", latencyJitter);
  }

  /** This plan with requests failing at {@code perMille} in 1,000, in one of {@code kinds}. */
  public FaultPlan withErrors(int perMille, FailureKind... kinds) {
    return new FaultPlan(perMille, new HashSet<>(Arrays.asList(kinds)), latency, latencyJitter, dropBroadcastRatePerMille, seed);
  }

  /** This plan with every request delayed by {@code fixed} plus up to {@code jitter}. */
  public FaultPlan withLatency(Duration fixed, Duration jitter) {
    return new FaultPlan(errorRatePerMille, failureKinds, fixed, jitter, dropBroadcastRatePerMille, seed);
  }

  /** This plan with accepted broadcasts dropped at {@code perMille} in 1,000. */
  public FaultPlan withDroppedBroadcasts(int perMille) {
    return new FaultPlan(errorRatePerMille, failureKinds, latency, latencyJitter, perMille, seed);
  }

  public FaultPlan withSeed(long value) {
    return new FaultPlan(errorRatePerMille, failureKinds, latency, latencyJitter, dropBroadcastRatePerMille, value);
  }

  /** The failure kinds in a fixed order (the enum's), which the draws index into. */
  List<FailureKind> orderedFailureKinds() {
    return List.copyOf(failureKinds);
  }

  private static void checkPerMille(String field, int value) {
    if (value < 0 || value > 1000) {
      throw new IllegalArgumentException("FaultPlan." + field + " must be within 0..1000, got " + value);
    }
  }

  private static void checkDuration(String field, Duration value) {
    if (value == null) {
      throw new IllegalArgumentException("FaultPlan." + field + " is missing");
    }
    if (value.isNegative() || value.compareTo(MAX_LATENCY) > 0) {
      throw new IllegalArgumentException("FaultPlan." + field + " must be within 0.." + MAX_LATENCY + ", got " + value);
    }
  }
}
