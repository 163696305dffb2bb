package io.hivesafe.engine.node;

import io.hivesafe.engine.NodeEvents;
import io.hivesafe.engine.NodeLogContext;
import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.protocol.ResourcePayer;
import io.hivesafe.hive.protocol.Transaction;
import io.hivesafe.hive.rpc.RpcErrorException;
import io.hivesafe.hive.rpc.RpcException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

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
 * counted ({@link #rcRefusals}); a held transaction that expires first is dropped as moot, with a line.
 * Nothing here tells the core anything: an RC refusal is not "the chain refused the payout".
 */
public final class Outbox implements AutoCloseable {
  /** Sends one transaction. */
  public interface Sender {
    void broadcast(Transaction tx) throws RpcException;
  }

  static final int ATTEMPTS = 4;
  private final Sender sender;
  private final NodeEvents events;
  /** The outbox's own thread; null for an {@link #inline} outbox. */
  private final ExecutorService thread;
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong queued = new AtomicLong();
  private final Optional<AccountName> multisigAccount;
  private final RcHold rc = new RcHold();

  /** An outbox that counts every transaction as the node's own for resource credits (no multisig account known). */
  public Outbox(Sender sender, NodeEvents events) {
    this(sender, events, Optional.empty(), NodeLogContext.current());
  }

  /** An outbox that tells the multisig account's transactions (those it pays for) from the node's own. */
  public Outbox(Sender sender, NodeEvents events, AccountName multisigAccount) {
    this(sender, events, Optional.of(multisigAccount), NodeLogContext.current());
  }

  private Outbox(Sender sender, NodeEvents events, Optional<AccountName> multisigAccount, NodeLogContext log) {
    this(sender, events, Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(log.carry(r), "hivesafe-outbox");
      t.setDaemon(true);
      return t;
    }), multisigAccount);
  }

  private Outbox(Sender sender, NodeEvents events, ExecutorService thread, Optional<AccountName> multisigAccount) {
    this.sender = sender;
    this.events = events;
    this.thread = thread;
    this.multisigAccount = Objects.requireNonNull(multisigAccount, "multisigAccount");
  }

  /**
   * An outbox that sends on the caller's thread, before {@link #send} returns: for the simulator, where
   * no thread's timing may decide anything (the sender there never throws {@link RpcException}, so the
   * back-off sleep between attempts is never reached).
   */
  public static Outbox inline(Sender sender, NodeEvents events) {
    return new Outbox(sender, events, null, Optional.empty());
  }

  /** {@link #inline(Sender, NodeEvents)} that tells the multisig account's transactions from the node's own. */
  public static Outbox inline(Sender sender, NodeEvents events, AccountName multisigAccount) {
    return new Outbox(sender, events, null, Optional.of(multisigAccount));
  }

  /** Whose RC pays for {@code tx}: the multisig account's when it is hived's payer, else the node's. */
  RcRole roleOf(Transaction tx) {
    return multisigAccount.isPresent() && ResourcePayer.of(tx).equals(multisigAccount) ? RcRole.MULTISIG : RcRole.NODE;
  }

  /** Queues a transaction; {@code what} names it in the log ("report for block 150"). */
  public void send(String what, Transaction tx) {
    queued.incrementAndGet();
    run(() -> deliver(what, tx));
  }

  private void run(Runnable task) {
    if (thread == null) {
      task.run();
    } else {
      try {
        thread.execute(task);
      } catch (java.util.concurrent.RejectedExecutionException closed) {
        // closing: what is not sent now is not sent (the node's duties send again after a restart)
      }
    }
  }

  /**
   * Sends the transactions of {@code role} held for want of RC again, oldest first, on the outbox's
   * thread; one whose expiration is not after {@code chainTime} (the head block's time) is dropped as moot
   * instead. Stops at the first that is refused for RC again (it and the rest stay held).
   */
  public void retryHeld(RcRole role, Instant chainTime) {
    Objects.requireNonNull(chainTime, "chainTime");
    run(() -> resend(role, Optional.of(chainTime)));
  }

  private void resend(RcRole role, Optional<Instant> chainTime) {
    List<RcHold.Held> all = rc.takeAll(role);
    for (int i = 0; i < all.size(); i++) {
      RcHold.Held h = all.get(i);
      if (chainTime.isPresent() && !h.expiration().isAfter(chainTime.get())) {
        failed.incrementAndGet();
        events.rcHeldExpired(h.what(), h.expiration());
        continue;
      }
      if (!deliver(h.what(), h.tx(), Optional.of(h))) {
        rc.putBack(role, all.subList(i, all.size()));
        return;
      }
    }
  }

  private void deliver(String what, Transaction tx) {
    deliver(what, tx, Optional.empty());
  }

  /**
   * Sends {@code tx}; false only when hived refused it for RC. A first send ({@code retried} empty) is
   * then held; a held one sent again ({@code retried}) is only counted, and the caller puts it back.
   */
  private boolean deliver(String what, Transaction tx, Optional<RcHold.Held> retried) {
    RcRole role = roleOf(tx);
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        sender.broadcast(tx);
        sent.incrementAndGet();
        events.outboxSent(what);
        if (rc.accepted(role)) {
          events.rcAccepted(role.tag(), payer(tx), what);
          resend(role, Optional.empty());
        }
        return true;
      } catch (RpcErrorException e) {
        if (e.isDuplicateTransaction()) {
          sent.incrementAndGet();
          events.outboxSent(what + " (already on chain)");
          return true;
        }
        if (e.isResourceCreditRefusal()) {
          boolean first = retried.isPresent() ? rc.refusedAgain(role)
              : rc.refused(role, new RcHold.Held(what, tx, e.resourceCreditsNeeded()));
          if (first) {
            events.rcRefused(role.tag(), payer(tx), what, e.resourceCreditsHeld(), e.resourceCreditsNeeded());
          }
          return false;
        }
        failed.incrementAndGet();
        events.outboxRefused(what, e.getMessage());
        return true;
      } catch (RpcException e) {
        events.outboxRetry(what, attempt, e.getMessage());
        try {
          Thread.sleep(500L * attempt);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          return true;
        }
      }
    }
    failed.incrementAndGet();
    events.outboxRefused(what, "no API accepted it after " + ATTEMPTS + " attempts");
    return true;
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
  public java.util.OptionalLong rcNextNeeded(RcRole role) {
    return rc.firstNeeded(role);
  }

  /** The largest RC cost hived named when it refused a transaction of {@code role}; 0 before one. */
  public long rcLargestNeeded(RcRole role) {
    return rc.largestNeeded(role);
  }

  /** Whether {@code role} is out of RC: hived refused a transaction of it and has accepted none since. */
  public boolean rcOut(RcRole role) {
    return rc.isOut(role);
  }

  public long failed() {
    return failed.get();
  }

  /** Transactions handed over and not yet sent or given up (those held for RC included). */
  public long pending() {
    return queued.get() - sent.get() - failed.get();
  }

  @Override
  public void close() {
    if (thread == null) {
      return;
    }
    thread.shutdown();
    try {
      if (!thread.awaitTermination(5, TimeUnit.SECONDS)) {
        thread.shutdownNow();
      }
    } catch (InterruptedException e) {
      thread.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
