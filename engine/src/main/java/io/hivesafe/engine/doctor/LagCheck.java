package io.hivesafe.engine.doctor;

import io.hivesafe.hive.rpc.EndpointText;
import java.util.ArrayList;
import java.util.List;

/**
 * No endpoint is far behind the others: each endpoint's last irreversible block (the node follows
 * irreversible blocks only) against the best of the endpoints on the genesis's chain. WARN past
 * {@link #WARN_BLOCKS} blocks (a minute of Hive blocks), FAIL past {@link #FAIL_BLOCKS} (ten minutes: the
 * endpoint is stuck or replaying, and a node failing over to it stalls, or reads accounts that are stale).
 */
final class LagCheck {
  static final String NAME = "lag";
  static final long WARN_BLOCKS = 20;
  static final long FAIL_BLOCKS = 200;

  private LagCheck() {}

  /** {@code readings}: the endpoints that answered on the genesis's chain. */
  static List<Finding> check(List<EndpointReading> readings) {
    if (readings.isEmpty()) {
      return List.of(Finding.fail(NAME, "not checked: no endpoint answers on the genesis's chain", "see the api lines"));
    }
    if (readings.size() == 1) {
      return List.of(Finding.ok(NAME, "one endpoint on the genesis's chain, nothing to compare it with"));
    }
    long best = 0;
    for (EndpointReading r : readings) {
      best = Math.max(best, irreversible(r));
    }
    List<Finding> out = new ArrayList<>();
    for (EndpointReading r : readings) {
      long behind = best - irreversible(r);
      String found = EndpointText.of(r.endpoint()) + " is " + behind + " blocks behind the best irreversible block " + best;
      String todo = "an endpoint that lags makes a node that fails over to it stall; fix or drop it from api.endpoints";
      if (behind > FAIL_BLOCKS) {
        out.add(Finding.fail(NAME, found + " (more than " + FAIL_BLOCKS + ")", todo));
      } else if (behind > WARN_BLOCKS) {
        out.add(Finding.warn(NAME, found + " (more than " + WARN_BLOCKS + ")", todo));
      }
    }
    if (out.isEmpty()) {
      out.add(Finding.ok(NAME, "every endpoint is within " + WARN_BLOCKS + " blocks of the best irreversible block " + best));
    }
    return out;
  }

  private static long irreversible(EndpointReading r) {
    return r.properties().orElseThrow().lastIrreversibleBlockNum();
  }
}
