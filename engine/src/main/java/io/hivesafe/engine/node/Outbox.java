package io.hivesafe.engine.node;

import io.hivesafe.engine.NodeEvents;
import io.hivesafe.engine.NodeLogContext;
import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.protocol.ResourcePayer;
import io.hivesafe.hive.protocol.Transaction;
import io.hivesafe.hive.rpc.RpcErrorException;
import io.hivesafe.hive.rpc.RpcException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * Sends what the node says on chain (reports now, signatures and broadcasts later) from its own
 * thread, so the applier never waits for an API. The node only hands it a transaction after the block
 * that caused it is committed, and never while replaying or catching up (DESIGN §1). A send is retried
 * a few times; hived's "duplicate transaction" counts as sent (an earlier attempt landed); a
 * transaction hived refuses for another reason is dropped with the reason in the log — the next report
 * round is a fresh chance, and nothing in the state depends on one report.
 *
 * <p>A refusal for want of resource credits ({@link RpcErrorException#isResourceCreditRefusal}) is
 * neither: the transaction is held ({@link RcHold}), per {@link RcRole} — the multisig account's when
 * the transaction's payer is the multisig account, else the node's — and sent again when RC has
 * regenerated: when the RC check's reading shows enough mana ({@link #retryHeld}), or at once when a later
 * transaction of the same role is accepted. The first refusal of a cause is logged, the others only
 * counted ({@link #rcRefusals}). Only the newest send of one {@link Duty} is held, 64 per role at most;
 * a held transaction that expires by a chain time the outbox learns (a reading, a send) is dropped as
 * moot, with a line; held signatures and broadcasts go out only while the node may sign
 * ({@link #releaseHeldOnlyWhile}). Nothing here tells the core anything: an RC refusal is not "the chain
 * refused the payout".
 */
public final class Outbox implements AutoCloseable {
  /** Sends one transaction. */
  public interface Sender {
    void broadcast(Transaction tx) throws RpcException;
  }

  static final int ATTEMPTS = 4;
  private final Sender sender;
  private final NodeEvents events;
  private final OutboxThread thread;
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong queued = new AtomicLong();
  private final Optional<AccountName> multisigAccount;
  private final RcHold rc;
  private volatile Predicate<Duty.Kind> mayRelease = kind -> true;

  /** An outbox that counts every transaction as the node's own for resource credits (no multisig account known). */
  public Outbox(Sender sender, NodeEvents events) {
    this(sender, events, Optional.empty(), NodeLogContext.current());
  }

  /** An outbox that tells the multisig account's transactions (those it pays for) from the node's own. */
  public Outbox(Sender sender, NodeEvents events, AccountName multisigAccount) {
    this(sender, events, Optional.of(multisigAccount), NodeLogContext.current());
  }

  private Outbox(Sender sender, NodeEvents events, Optional<AccountName> multisigAccount, NodeLogContext log) {
    this(sender, events, OutboxThread.own(log), multisigAccount);
  }

  private Outbox(Sender sender, NodeEvents events, OutboxThread thread, Optional<AccountName> multisigAccount) {
    this.sender = sender;
    this.events = events;
    this.rc = new RcHold(events);
    this.thread = thread;
    this.multisigAccount = Objects.requireNonNull(multisigAccount, "multisigAccount");
  }

  /**
   * An outbox that sends on the caller's thread, before {@link #send} returns: for the simulator, where
   * no thread's timing may decide anything (the sender there never throws {@link RpcException}, so the
   * back-off sleep between attempts is never reached).
   */
  public static Outbox inline(Sender sender, NodeEvents events) {
    return new Outbox(sender, events, OutboxThread.inline(), Optional.empty());
  }

  /** {@link #inline(Sender, NodeEvents)} that tells the multisig account's transactions from the node's own. */
  public static Outbox inline(Sender sender, NodeEvents events, AccountName multisigAccount) {
    return new Outbox(sender, events, OutboxThread.inline(), Optional.of(multisigAccount));
  }

  /** Whose RC pays for {@code tx}: the multisig account's when it is hived's payer, else the node's. */
  RcRole roleOf(Transaction tx) {
    return multisigAccount.isPresent() && ResourcePayer.of(tx).equals(multisigAccount) ? RcRole.MULTISIG : RcRole.NODE;
  }

  /**
   * Lets held signatures and multisig broadcasts go out again only while {@code mayRelease} says so for
   * their kind (the node: only while it may sign); one it refuses is dropped, with one line.
   */
  public Outbox releaseHeldOnlyWhile(Predicate<Duty.Kind> mayRelease) {
    this.mayRelease = Objects.requireNonNull(mayRelease, "mayRelease");
    return this;
  }

  /**
   * Queues a transaction doing {@code duty}; {@code what} names it in the log ("report for block 150");
   * {@code chainTime} is a time the chain has reached (the block the node just committed): held
   * transactions that expire by it are dropped as moot.
   */
  public void send(Duty duty, String what, Transaction tx, Instant chainTime) {
    RcHold.Held h = new RcHold.Held(duty, what, tx, OptionalLong.empty());
    Objects.requireNonNull(chainTime, "chainTime");
    queued.incrementAndGet();
    thread.run(() -> first(h, chainTime));
  }

  /**
   * Sends the transactions of {@code role} held for want of RC again, oldest first, on the outbox's
   * thread, after dropping as moot those whose expiration is not after {@code chainTime} (the head
   * block's time). Stops at the first that is refused for RC again or not delivered (it and the rest
   * stay held).
   */
  public void retryHeld(RcRole role, Instant chainTime) {
    Objects.requireNonNull(chainTime, "chainTime");
    thread.run(() -> {
      rc.advance(chainTime);
      resend(role);
    });
  }

  /** Drops, on the outbox's thread, the held transactions that expire by {@code chainTime} (the head block's time of a reading). */
  public void pruneHeld(Instant chainTime) {
    Objects.requireNonNull(chainTime, "chainTime");
    thread.run(() -> rc.advance(chainTime));
  }

  /** Drops, on the outbox's thread, every held signature and multisig broadcast, with one line: the node diverged. */
  public void dropHeldSignatures() {
    thread.run(() -> dropped(rc.drop(Duty.Kind::signs)));
  }

  private void dropped(int signing) {
    if (signing > 0) {
      events.rcHeldSigningDropped(signing);
    }
  }

  private void first(RcHold.Held h, Instant chainTime) {
    rc.advance(chainTime);
    RcRole role = roleOf(h.tx());
    Outcome outcome = attempt(h, role, false);
    if (outcome == Outcome.UNDELIVERED) {
      failed.incrementAndGet();
      events.outboxRefused(h.what(), "no API accepted it after " + ATTEMPTS + " attempts");
    } else if (outcome == Outcome.ACCEPTED && rc.held(role) > 0) {
      resend(role);
    }
  }

  private void resend(RcRole role) {
    while (!thread.closed()) {
      dropped(rc.drop(kind -> !mayRelease.test(kind)));
      Optional<RcHold.Held> next = rc.next(role);
      if (next.isEmpty()) {
        return;
      }
      RcHold.Held h = next.get();
      Outcome outcome = attempt(h, role, true);
      if (outcome == Outcome.RC_REFUSED) {
        return; // put back by the refusal
      }
      if (outcome == Outcome.UNDELIVERED) {
        rc.putBack(role, h);
        events.rcHeldKept(h.what(), ATTEMPTS);
        return;
      }
    }
  }

  private enum Outcome { ACCEPTED, RC_REFUSED, REFUSED, UNDELIVERED }

  /**
   * Sends {@code h}: accepted (or already on chain), refused for RC (held: last in line when a first
   * send, back first in line when {@code held}), refused otherwise (dropped with the reason), or not
   * delivered (no API answered, or the outbox closed).
   */
  private Outcome attempt(RcHold.Held h, RcRole role, boolean held) {
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      if (thread.closed()) {
        return Outcome.UNDELIVERED;
      }
      try {
        sender.broadcast(h.tx());
        accepted(h, role, "");
        return Outcome.ACCEPTED;
      } catch (RpcErrorException e) {
        if (e.isDuplicateTransaction()) {
          accepted(h, role, " (already on chain)");
          return Outcome.ACCEPTED;
        }
        if (e.isResourceCreditRefusal()) {
          RcHold.Held refused = h.needing(e.resourceCreditsNeeded());
          if (held ? rc.refusedAgain(role, refused) : rc.refused(role, refused)) {
            events.rcRefused(role.tag(), payer(h.tx()), h.what(), e.resourceCreditsHeld(), e.resourceCreditsNeeded());
          }
          return Outcome.RC_REFUSED;
        }
        failed.incrementAndGet();
        events.outboxRefused(h.what(), e.getMessage());
        return Outcome.REFUSED;
      } catch (RpcException e) {
        events.outboxRetry(h.what(), attempt, e.getMessage());
        try {
          Thread.sleep(500L * attempt);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          return Outcome.UNDELIVERED;
        }
      }
    }
    return Outcome.UNDELIVERED;
  }

  private void accepted(RcHold.Held h, RcRole role, String note) {
    sent.incrementAndGet();
    events.outboxSent(h.what() + note);
    if (rc.accepted(role, h.duty())) {
      events.rcAccepted(role.tag(), payer(h.tx()), h.what());
    }
  }

  private static String payer(Transaction tx) {
    return ResourcePayer.of(tx).map(AccountName::value).orElse("?");
  }

  public long sent() {
    return sent.get();
  }

  /** Broadcasts of {@code role} hived refused for want of resource credits (every attempt, retries included). */
  public long rcRefusals(RcRole role) {
    return rc.refusals(role);
  }

  /** Transactions held until RC regenerates, of either role. */
  public int rcHeld() {
    int all = 0;
    for (RcRole role : RcRole.values()) {
      all += rc.held(role);
    }
    return all;
  }

  /** Transactions of {@code role} held until RC regenerates. */
  public int rcHeld(RcRole role) {
    return rc.held(role);
  }

  /** The RC cost hived named for the oldest transaction of {@code role} held; empty when none is held or it named none. */
  public OptionalLong rcNextNeeded(RcRole role) {
    return rc.firstNeeded(role);
  }

  /** The RC cost hived named in the most recent refusal of {@code role}, until a transaction of it is accepted; 0 when none. */
  public long rcLastNeeded(RcRole role) {
    return rc.lastNeeded(role);
  }

  /** Whether {@code role} is out of RC: hived refused a transaction of it and has accepted none since. */
  public boolean rcOut(RcRole role) {
    return rc.isOut(role);
  }

  public long failed() {
    return failed.get();
  }

  /** Held transactions dropped: expired, replaced by a newer send of their duty, over the cap, or no longer to be signed. */
  public long dropped() {
    return rc.dropped();
  }

  /** Transactions handed over and not yet sent, given up or dropped (those held for RC included). */
  public long pending() {
    return queued.get() - sent.get() - failed.get() - rc.dropped();
  }

  /** Whether {@link #close} was called: nothing is sent from then on. */
  boolean closed() {
    return thread.closed();
  }

  /** Stops sending: from here nothing is sent (queued sends and retries are discarded); waits 5 s at most for a broadcast on the wire. */
  @Override
  public void close() {
    thread.close();
  }
}
