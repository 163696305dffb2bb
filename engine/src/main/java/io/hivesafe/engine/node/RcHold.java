package io.hivesafe.engine.node;

import io.hivesafe.hive.protocol.Transaction;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The transactions hived refused for want of resource credits, per {@link RcRole}, in the order they were
 * refused, until they are sent again ({@link Outbox#retryHeld}) or expire; whether the role is out of RC
 * (from its first refusal until a transaction of it is accepted: one log line per cause, not per
 * retry); how many refusals there were; and the largest cost hived named, which the warning rule takes
 * as the role's cost when it is above the estimate ({@link RcLowRule}). Thread-safe.
 */
final class RcHold {
  /** A transaction waiting for RC: what it is (for the log) and the cost hived named, if it did. */
  record Held(String what, Transaction tx, OptionalLong needed) {
    Instant expiration() {
      return tx.expiration();
    }
  }

  private final Map<RcRole, ArrayDeque<Held>> held = new EnumMap<>(RcRole.class);
  private final Map<RcRole, Long> refusals = new EnumMap<>(RcRole.class);
  private final Map<RcRole, Long> largestNeeded = new EnumMap<>(RcRole.class);
  private final Map<RcRole, Boolean> out = new EnumMap<>(RcRole.class);

  RcHold() {
    for (RcRole role : RcRole.values()) {
      held.put(role, new ArrayDeque<>());
      refusals.put(role, 0L);
      largestNeeded.put(role, 0L);
      out.put(role, false);
    }
  }

  /** Records a refusal and holds the transaction last in line; whether it is the first of its cause (the role was not out of RC). */
  synchronized boolean refused(RcRole role, Held h) {
    held.get(role).addLast(h);
    refusals.merge(role, 1L, Long::sum);
    h.needed().ifPresent(n -> largestNeeded.merge(role, n, Math::max));
    return !out.put(role, true);
  }

  /** Records a refusal of a held transaction sent again (the caller puts it back); whether it is the first of its cause. */
  synchronized boolean refusedAgain(RcRole role) {
    refusals.merge(role, 1L, Long::sum);
    return !out.put(role, true);
  }

  /** Puts transactions back first in line, in their order (a retry stopped at the first of them). */
  synchronized void putBack(RcRole role, List<Held> rest) {
    for (int i = rest.size() - 1; i >= 0; i--) {
      held.get(role).addFirst(rest.get(i));
    }
  }

  /** A transaction of {@code role} was accepted; whether the role was out of RC until now. */
  synchronized boolean accepted(RcRole role) {
    return out.put(role, false);
  }

  /** Takes every held transaction of {@code role}, oldest first. */
  synchronized List<Held> takeAll(RcRole role) {
    List<Held> all = new ArrayList<>(held.get(role));
    held.get(role).clear();
    return all;
  }

  /** The cost hived named for the oldest held transaction of {@code role}; empty when none is held or it named none. */
  synchronized OptionalLong firstNeeded(RcRole role) {
    Held first = held.get(role).peekFirst();
    return first == null ? OptionalLong.empty() : first.needed();
  }

  synchronized int held(RcRole role) {
    return held.get(role).size();
  }

  synchronized long refusals(RcRole role) {
    return refusals.get(role);
  }

  /** The largest cost hived named in a refusal of {@code role}; 0 before one. */
  synchronized long largestNeeded(RcRole role) {
    return largestNeeded.get(role);
  }

  /** Whether the role is out of RC: refused, and nothing of it accepted since. */
  synchronized boolean isOut(RcRole role) {
    return out.get(role);
  }
}
