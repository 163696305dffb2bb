package io.hivesafe.engine.cli;

import io.hivesafe.devnet.FailureKind;
import io.hivesafe.devnet.FaultPlan;
import io.hivesafe.devnet.FaultPlanJson;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * The options that describe a devnet endpoint's faults, shared by {@code hivesafe devnet} (the faults
 * every endpoint starts with) and {@code hivesafe devnet admin faults} (one endpoint's new faults). Only
 * translates: {@link #plan()} builds the {@link FaultPlan}, each bad value a {@link CliFailure} naming its option.
 */
final class FaultOptions {
  @Option(names = "--error-per-mille", paramLabel = "N", defaultValue = "0",
      description = "requests in 1,000 that fail, 0..1000 (default 0)")
  int errorPerMille;

  @Option(names = "--error-kinds", paramLabel = "KIND", split = ",",
      description = "how a request fails, any of http_503, internal_error, connection_closed (default: all three)")
  List<String> errorKinds;

  @Option(names = "--latency-ms", paramLabel = "MS", defaultValue = "0", description = "delay every answer by MS, 0..60000 (default 0)")
  int latencyMs;

  @Option(names = "--jitter-ms", paramLabel = "MS", defaultValue = "0", description = "and by up to MS more, drawn per request, 0..60000 (default 0)")
  int jitterMs;

  @Option(names = "--drop-broadcasts-per-mille", paramLabel = "N", defaultValue = "0",
      description = "accepted broadcasts in 1,000 answered {} and then lost, 0..1000 (default 0)")
  int dropBroadcastsPerMille;

  @Option(names = "--fault-seed", paramLabel = "SEED", defaultValue = "" + FaultPlan.DEFAULT_SEED,
      description = "seed of the fault draws (default ${DEFAULT-VALUE})")
  long seed;

  /** The plan these options describe. */
  FaultPlan plan() {
    perMille("--error-per-mille", errorPerMille);
    perMille("--drop-broadcasts-per-mille", dropBroadcastsPerMille);
    milliseconds("--latency-ms", latencyMs);
    milliseconds("--jitter-ms", jitterMs);
    Set<FailureKind> kinds = EnumSet.noneOf(FailureKind.class);
    for (String name : errorKinds == null ? allKindNames() : errorKinds) {
      kinds.add(Arrays.stream(FailureKind.values()).filter(kind -> FaultPlanJson.name(kind).equals(name)).findFirst()
          .orElseThrow(() -> new CliFailure("--error-kinds: unknown kind '" + name + "' (known: " + String.join(", ", allKindNames()) + ")")));
    }
    if (errorPerMille == 0 && errorKinds == null) {
      kinds.clear();
    }
    if (errorPerMille > 0 && kinds.isEmpty()) {
      throw new CliFailure("--error-kinds must name at least one kind when --error-per-mille is above 0");
    }
    return new FaultPlan(errorPerMille, kinds, Duration.ofMillis(latencyMs), Duration.ofMillis(jitterMs), dropBroadcastsPerMille, seed);
  }

  private static void perMille(String option, int value) {
    if (value < 0 || value > 1000) {
      throw new CliFailure(option + " must be within 0..1000, got " + value);
    }
  }

  private static void milliseconds(String option, int value) {
    if (value < 0 || value > FaultPlan.MAX_LATENCY.toMillis()) {
      throw new CliFailure(option + " must be within 0.." + FaultPlan.MAX_LATENCY.toMillis() + ", got " + value);
    }
  }

  private static List<String> allKindNames() {
    List<String> names = new ArrayList<>();
    for (FailureKind kind : FailureKind.values()) {
      names.add(FaultPlanJson.name(kind));
    }
    return names;
  }
}
