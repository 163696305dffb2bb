package io.hivesafe.devnet;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A {@link FaultPlan} in the JSON of {@code devnet_admin}: {@code error_per_mille}, {@code kinds}
 * ({@code http_503}, {@code internal_error}, {@code connection_closed}), {@code latency_ms},
 * {@code jitter_ms}, {@code dropped_broadcast_per_mille}, {@code seed}. {@code set_faults} reads it (with
 * {@code endpoint}) and {@code status} writes it, so a plan read back can be sent again as it is.
 */
public final class FaultPlanJson {
  static final String ERROR_PER_MILLE = "error_per_mille";
  static final String KINDS = "kinds";
  static final String LATENCY_MS = "latency_ms";
  static final String JITTER_MS = "jitter_ms";
  static final String DROPPED_BROADCAST_PER_MILLE = "dropped_broadcast_per_mille";
  static final String SEED = "seed";
  /** Every field of a plan. */
  static final Set<String> FIELDS = Set.of(ERROR_PER_MILLE, KINDS, LATENCY_MS, JITTER_MS, DROPPED_BROADCAST_PER_MILLE, SEED);

  private FaultPlanJson() {}

  /**
   * The whole plan the params describe: a field left out is the value of {@link FaultPlan#NONE} (no
   * faults, seed 1), except {@code kinds}, which is every kind when an error rate is given without it.
   */
  static FaultPlan read(AdminParams params) throws JsonRpcError {
    int errors = params.intIn(ERROR_PER_MILLE, 0, 1000, 0);
    Set<FailureKind> kinds = EnumSet.noneOf(FailureKind.class);
    List<String> names = params.strings(KINDS).orElse(errors > 0 ? allKindNames() : List.of());
    for (String name : names) {
      kinds.add(kind(params, name));
    }
    if (errors > 0 && kinds.isEmpty()) {
      throw params.invalid("param '" + KINDS + "' must name at least one kind when '" + ERROR_PER_MILLE + "' is above 0");
    }
    int maxMs = (int) FaultPlan.MAX_LATENCY.toMillis();
    int latency = params.intIn(LATENCY_MS, 0, maxMs, 0);
    int jitter = params.intIn(JITTER_MS, 0, maxMs, 0);
    int drops = params.intIn(DROPPED_BROADCAST_PER_MILLE, 0, 1000, 0);
    long seed = params.longValue(SEED, FaultPlan.DEFAULT_SEED);
    return new FaultPlan(errors, kinds, Duration.ofMillis(latency), Duration.ofMillis(jitter), drops, seed);
  }

  public static ObjectNode write(FaultPlan plan) {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put(ERROR_PER_MILLE, plan.errorRatePerMille());
    ArrayNode kinds = json.putArray(KINDS);
    plan.orderedFailureKinds().forEach(kind -> kinds.add(name(kind)));
    json.put(LATENCY_MS, plan.latency().toMillis());
    json.put(JITTER_MS, plan.latencyJitter().toMillis());
    json.put(DROPPED_BROADCAST_PER_MILLE, plan.dropBroadcastRatePerMille());
    json.put(SEED, plan.seed());
    return json;
  }

  /** A kind's name in JSON and on the command line: the enum's name in lower case. */
  public static String name(FailureKind kind) {
    return kind.name().toLowerCase(Locale.ROOT);
  }

  private static FailureKind kind(AdminParams params, String name) throws JsonRpcError {
    for (FailureKind kind : FailureKind.values()) {
      if (name(kind).equals(name)) {
        return kind;
      }
    }
    throw params.invalid("param '" + KINDS + "' holds unknown kind '" + name + "' (known: " + String.join(", ", allKindNames()) + ")");
  }

  private static List<String> allKindNames() {
    return EnumSet.allOf(FailureKind.class).stream().map(FaultPlanJson::name).toList();
  }
}
