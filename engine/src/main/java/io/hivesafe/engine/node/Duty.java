package io.hivesafe.engine.node;

import java.util.Objects;

/**
 * Which of the node's duties a transaction of the outbox does: its report for a report block, its
 * {@code sig_submit} for a round, or its broadcast of a round's transaction. Every send of one duty
 * (the first and those the duties send again because the chain does not show it) has the same duty, so
 * the outbox holds only the newest of them for resource credits ({@link RcHold}).
 *
 * @param subject the report block (a report) or the round's sequence number (a signature, a broadcast)
 */
public record Duty(Kind kind, long subject) {
  /** What the transaction is. */
  public enum Kind {
    REPORT,
    SIGNATURE,
    BROADCAST;

    /** Whether sending it is signing: a {@code sig_submit} or a multisig broadcast (a diverged node does neither). */
    public boolean signs() {
      return this != REPORT;
    }
  }

  public Duty {
    Objects.requireNonNull(kind, "kind");
    if (subject < 0) {
      throw new IllegalArgumentException("subject must not be negative, got " + subject);
    }
  }

  /** The report for report block {@code block}. */
  public static Duty report(long block) {
    return new Duty(Kind.REPORT, block);
  }

  /** The {@code sig_submit} for round {@code seq}. */
  public static Duty signature(long seq) {
    return new Duty(Kind.SIGNATURE, seq);
  }

  /** The broadcast of round {@code seq}'s transaction. */
  public static Duty broadcast(long seq) {
    return new Duty(Kind.BROADCAST, seq);
  }
}
