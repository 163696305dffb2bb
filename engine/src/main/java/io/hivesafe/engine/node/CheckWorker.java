package io.hivesafe.engine.node;

import io.hivesafe.engine.NodeLogContext;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs a chain check in the background, on a daemon thread of its own, one at a time: a check asked for
 * while one runs is skipped (the next scheduled one comes soon). The node's thread only hands the task
 * over; it never waits for the API.
 */
final class CheckWorker implements AutoCloseable {
  private final AtomicBoolean running = new AtomicBoolean();
  private final ExecutorService executor;

  CheckWorker(String threadName) {
    NodeLogContext log = NodeLogContext.current();
    executor = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(log.carry(r), threadName);
      t.setDaemon(true);
      return t;
    });
  }

  /** Starts {@code task} unless one is running; whether it was started. */
  boolean submit(Runnable task) {
    if (!running.compareAndSet(false, true)) {
      return false;
    }
    try {
      executor.execute(() -> {
        try {
          task.run();
        } finally {
          running.set(false);
        }
      });
    } catch (java.util.concurrent.RejectedExecutionException closed) {
      running.set(false);
      return false;
    }
    return true;
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
