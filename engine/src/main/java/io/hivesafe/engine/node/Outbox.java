package io.hivesafe.engine.node;

import io.hivesafe.engine.NodeEvents;
import io.hivesafe.engine.NodeLogContext;
import io.hivesafe.hive.protocol.Transaction;
import io.hivesafe.hive.rpc.RpcErrorException;
import io.hivesafe.hive.rpc.RpcException;
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

  public Outbox(Sender sender, NodeEvents events) {
    this(sender, events, NodeLogContext.current());
  }

  private Outbox(Sender sender, NodeEvents events, NodeLogContext log) {
    this(sender, events, Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(log.carry(r), "hivesafe-outbox");
      t.setDaemon(true);
      return t;
    }));
  }

  private Outbox(Sender sender, NodeEvents events, ExecutorService thread) {
    this.sender = sender;
    this.events = events;
    this.thread = thread;
  }

  /**
   * An outbox that sends on the caller's thread, before {@link #send} returns: for the simulator, where
   * no thread's timing may decide anything (the sender there never throws {@link RpcException}, so the
   * back-off sleep between attempts is never reached).
   */
  public static Outbox inline(Sender sender, NodeEvents events) {
    return new Outbox(sender, events, (ExecutorService) null);
  }

  /** Queues a transaction; {@code what} names it in the log ("report for block 150"). */
  public void send(String what, Transaction tx) {
    queued.incrementAndGet();
    if (thread == null) {
      deliver(what, tx);
    } else {
      thread.execute(() -> deliver(what, tx));
    }
  }

  private void deliver(String what, Transaction tx) {
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        sender.broadcast(tx);
        sent.incrementAndGet();
        events.outboxSent(what);
        return;
      } catch (RpcErrorException e) {
        if (e.isDuplicateTransaction()) {
          sent.incrementAndGet();
          events.outboxSent(what + " (already on chain)");
          return;
        }
        failed.incrementAndGet();
        events.outboxRefused(what, e.getMessage());
        return;
      } catch (RpcException e) {
        events.outboxRetry(what, attempt, e.getMessage());
        try {
          Thread.sleep(500L * attempt);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
    failed.incrementAndGet();
    events.outboxRefused(what, "no API accepted it after " + ATTEMPTS + " attempts");
  }

  public long sent() {
    return sent.get();
  }

  public long failed() {
    return failed.get();
  }

  /** Transactions handed over and not yet sent or given up. */
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
