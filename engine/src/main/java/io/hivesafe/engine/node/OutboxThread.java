package io.hivesafe.engine.node;

import io.hivesafe.engine.NodeLogContext;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Where the outbox's sends run: its own thread, one task at a time in the order given, or the caller's
 * thread ({@link #inline}, for the simulator). Once closed it runs nothing more: tasks queued are
 * discarded, a task running is interrupted (a back-off sleep ends) and told by {@link #closed}.
 */
final class OutboxThread implements AutoCloseable {
  /** The thread; null when inline. */
  private final ExecutorService thread;
  private volatile boolean closed;

  private OutboxThread(ExecutorService thread) {
    this.thread = thread;
  }

  /** A thread of its own, carrying {@code log} (the node's name in its log lines). */
  static OutboxThread own(NodeLogContext log) {
    return new OutboxThread(Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(log.carry(r), "hivesafe-outbox");
      t.setDaemon(true);
      return t;
    }));
  }

  /** The caller's thread: a task runs before {@link #run} returns. */
  static OutboxThread inline() {
    return new OutboxThread(null);
  }

  /** Runs {@code task} (later, on the own thread); nothing once closed. */
  void run(Runnable task) {
    if (closed) {
      return;
    }
    if (thread == null) {
      task.run();
      return;
    }
    try {
      thread.execute(task);
    } catch (RejectedExecutionException closing) {
      // closing: what is not sent now is not sent (the node's duties send again after a restart)
    }
  }

  /** Whether {@link #close} was called: a running task checks before each send. */
  boolean closed() {
    return closed;
  }

  /** Runs nothing more; waits 5 s at most for a task on the wire (a broadcast already sent). */
  @Override
  public void close() {
    closed = true;
    if (thread == null) {
      return;
    }
    thread.shutdownNow();
    try {
      thread.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
