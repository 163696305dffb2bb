package io.hivesafe.engine.node;

import io.hivesafe.engine.NodeEvents;
import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.protocol.ResourcePayer;
import io.hivesafe.hive.protocol.Transaction;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Predicate;

/**
 * The transactions hived refused for want of resource credits, per {@link RcRole}, in the order they were
 * refused, until they are sent again ({@link Outbox#retryHeld}), expire, or are dropped: one per
 * {@link Duty} (a newer send of the same duty replaces the one held; one that got through drops it), at
 * most {@link #CAP} per role (the oldest dropped first, one line per overflow), and none that expired by
 * the chain time known (the latest head block time of a reading or block time the node committed:
 * {@link #advance}). Also whether the role is out of RC (from its first refusal until a transaction of it
 * is accepted: one log line per cause, not per retry), how many refusals there were, and the cost hived
 * named in the role's most recent refusal while it is out, which the warning rule takes as the role's
 * cost when it is above the estimate ({@link RcLowRule}). Thread-safe.
 */
final class RcHold {
  /** Transactions held per role at most. */
  static final int CAP = 64;

  /** A transaction waiting for RC: the duty it does, what it is (for the log) and the cost hived named, if it did. */
  record Held(Duty duty, String what, Transaction tx, OptionalLong needed) {
    Held {
      Objects.requireNonNull(duty, "duty");
      Objects.requireNonNull(what, "what");
      Objects.requireNonNull(tx, "tx");
      Objects.requireNonNull(needed, "needed");
    }

    Instant expiration() {
      return tx.expiration();
    }

    Held needing(OptionalLong figure) {
      return new Held(duty, what, tx, figure);
    }
  }

  private final NodeEvents events;
  private final Map<RcRole, ArrayDeque<Held>> held = new EnumMap<>(RcRole.class);
  private final Map<RcRole, Long> refusals = new EnumMap<>(RcRole.class);
  private final Map<RcRole, Long> lastNeeded = new EnumMap<>(RcRole.class);
  private final Map<RcRole, Boolean> out = new EnumMap<>(RcRole.class);
  private final Map<RcRole, Boolean> overflowing = new EnumMap<>(RcRole.class);
  private Instant chainTime = Instant.EPOCH;
  private long dropped;

  RcHold(NodeEvents events) {
    this.events = Objects.requireNonNull(events, "events");
    for (RcRole role : RcRole.values()) {
      held.put(role, new ArrayDeque<>());
      refusals.put(role, 0L);
      lastNeeded.put(role, 0L);
      out.put(role, false);
      overflowing.put(role, false);
    }
  }

  /**
   * Records a refusal of a first send and holds it last in line, in place of any held send of the same
   * duty, dropping the oldest when the role holds {@link #CAP}; whether it is the first of its cause.
   */
  synchronized boolean refused(RcRole role, Held h) {
    ArrayDeque<Held> queue = held.get(role);
    dropped += removeIf(queue, x -> x.duty().equals(h.duty()));
    queue.addLast(h);
    if (queue.size() > CAP) {
      Held oldest = queue.removeFirst();
      dropped++;
      if (!overflowing.put(role, true)) {
        events.rcHeldOverflow(role.tag(), payer(oldest.tx()), CAP, oldest.what());
      }
    }
    return count(role, h.needed());
  }

  /** Records a refusal of a held transaction sent again and puts it back first in line; whether it is the first of its cause. */
  synchronized boolean refusedAgain(RcRole role, Held h) {
    held.get(role).addFirst(h);
    return count(role, h.needed());
  }

  private boolean count(RcRole role, OptionalLong needed) {
    refusals.merge(role, 1L, Long::sum);
    needed.ifPresent(n -> lastNeeded.put(role, n));
    return !out.put(role, true);
  }

  /** Puts a held transaction that was not delivered (no API answered) back first in line. */
  synchronized void putBack(RcRole role, Held h) {
    held.get(role).addFirst(h);
  }

  /**
   * A transaction of {@code role} doing {@code duty} was accepted: held sends of the same duty are dropped
   * (one got through), the named cost is forgotten; whether the role was out of RC until now.
   */
  synchronized boolean accepted(RcRole role, Duty duty) {
    dropped += removeIf(held.get(role), x -> x.duty().equals(duty));
    lastNeeded.put(role, 0L);
    return out.put(role, false);
  }

  /** Makes {@code time} (a time the chain has reached) the chain time known, if it is later, and {@link #prune}s. */
  synchronized void advance(Instant time) {
    if (time.isAfter(chainTime)) {
      chainTime = time;
    }
    prune();
  }

  /** Drops, with a line each, the held transactions of every role that expire by the chain time known. */
  synchronized void prune() {
    for (RcRole role : RcRole.values()) {
      Iterator<Held> it = held.get(role).iterator();
      while (it.hasNext()) {
        Held h = it.next();
        if (!h.expiration().isAfter(chainTime)) {
          it.remove();
          dropped++;
          events.rcHeldExpired(h.what(), h.expiration());
        }
      }
      settle(role);
    }
  }

  /** Drops the held transactions of every role whose duty is one of {@code kinds}; how many. */
  synchronized int drop(Predicate<Duty.Kind> kinds) {
    int n = 0;
    for (RcRole role : RcRole.values()) {
      n += removeIf(held.get(role), x -> kinds.test(x.duty().kind()));
      settle(role);
    }
    dropped += n;
    return n;
  }

  /** Takes the oldest held transaction of {@code role}, after dropping what expired by the chain time known. */
  synchronized Optional<Held> next(RcRole role) {
    prune();
    Optional<Held> first = Optional.ofNullable(held.get(role).pollFirst());
    settle(role);
    return first;
  }

  private void settle(RcRole role) {
    if (held.get(role).size() < CAP) {
      overflowing.put(role, false);
    }
  }

  private static int removeIf(ArrayDeque<Held> queue, Predicate<Held> which) {
    int before = queue.size();
    queue.removeIf(which);
    return before - queue.size();
  }

  private static String payer(Transaction tx) {
    return ResourcePayer.of(tx).map(AccountName::value).orElse("?");
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

  /** Held transactions dropped: expired, replaced by a newer send of their duty, over the cap, or no longer to be signed. */
  synchronized long dropped() {
    return dropped;
  }

  /** The cost hived named in the role's most recent refusal, until a transaction of it is accepted; 0 when none. */
  synchronized long lastNeeded(RcRole role) {
    return lastNeeded.get(role);
  }

  /** Whether the role is out of RC: refused, and nothing of it accepted since. */
  synchronized boolean isOut(RcRole role) {
    return out.get(role);
  }
}
