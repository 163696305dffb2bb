package io.hivesafe.engine.source;

import io.hivesafe.engine.NodeLogContext;
import io.hivesafe.hive.protocol.Block;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The RPC block source's threading: one fetch thread that runs the source's fetch work and queues
 * blocks into a bounded queue, and one consumer that takes them in order. A bug in the fetch thread
 * (any runtime exception or error, or an interrupt while the source is open) stops the fetching and
 * reaches the consumer from {@link #next} once the blocks queued before it are handed on.
 *
 * <p>Lifecycle: built idle, {@link #start()} starts the thread, {@link #close()} interrupts it, waits for
 * it and drops what is queued.
 */
final class FetchThread {
  /** The fetch thread's work: runs until {@link #closed()}, or throws. */
  @FunctionalInterface
  interface Work {
    void runUntilClosed() throws InterruptedException;
  }

  /** How often a waiting consumer looks whether the source failed or was closed. */
  private static final long CONSUMER_WAKE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
  /** How often a fetch thread waiting for queue space looks whether the source was closed (and a progress line is due). */
  private static final long PRODUCER_WAKE_MILLIS = 200;
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(15);

  private final ArrayBlockingQueue<Block> queue;
  private final Thread thread;
  private final Consumer<Throwable> onBug;
  private final AtomicLong handedOn = new AtomicLong();
  private volatile long nextToHandOn;
  private volatile Throwable failure;
  private volatile boolean closed;
  private boolean started;

  /**
   * @param firstBlock the number of the first block the consumer is due
   * @param onBug told about a bug that stopped the fetch thread, after the consumer can see it
   */
  FetchThread(int capacity, long firstBlock, Work work, Consumer<Throwable> onBug) {
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.nextToHandOn = firstBlock;
    this.onBug = onBug;
    this.thread = new Thread(NodeLogContext.current().carry(() -> run(work)), "hivesafe-block-source");
    this.thread.setDaemon(true);
  }

  synchronized void start() {
    if (closed) {
      throw new IllegalStateException("the block source is closed");
    }
    if (started) {
      throw new IllegalStateException("the block source is already started");
    }
    started = true;
    thread.start();
  }

  boolean closed() {
    return closed;
  }

  /** The number of the block the consumer gets next. */
  long nextToHandOn() {
    return nextToHandOn;
  }

  long handedOn() {
    return handedOn.get();
  }

  // ---------------------------------------------------------------- consumer side

  /**
   * The next block, waiting at most {@code timeoutNanos} ({@link Long#MAX_VALUE}: without limit); empty
   * on timeout or once closed.
   *
   * @throws IllegalStateException not started, or the fetch thread stopped on a bug
   */
  Optional<Block> next(long timeoutNanos) throws InterruptedException {
    synchronized (this) {
      if (!started && !closed) {
        throw new IllegalStateException("the block source is not started");
      }
    }
    long begin = System.nanoTime();
    while (true) {
      long left = timeoutNanos == Long.MAX_VALUE ? Long.MAX_VALUE : timeoutNanos - (System.nanoTime() - begin);
      Block block = queue.poll(Math.max(0, Math.min(left, CONSUMER_WAKE_NANOS)), TimeUnit.NANOSECONDS);
      if (block != null) {
        return Optional.of(handOn(block));
      }
      Throwable bug = failure;
      if (bug != null) {
        Block last = queue.poll(); // queued before the failure was recorded
        if (last != null) {
          return Optional.of(handOn(last));
        }
        throw new IllegalStateException("the block source stopped on a bug before block " + nextToHandOn + ": " + bug, bug);
      }
      if (closed) {
        return Optional.empty();
      }
      if (left != Long.MAX_VALUE && left <= CONSUMER_WAKE_NANOS) {
        return Optional.empty();
      }
    }
  }

  private Block handOn(Block block) {
    if (block.number() != nextToHandOn) {
      throw new IllegalStateException("bug: block " + block.number() + " queued where block " + nextToHandOn + " was due");
    }
    nextToHandOn = block.number() + 1;
    handedOn.incrementAndGet();
    return block;
  }

  /**
   * Stops the fetch thread and drops what is queued; true for the call that closed it, false when it
   * was closed already.
   */
  boolean close() {
    boolean wasStarted;
    synchronized (this) {
      if (closed) {
        return false;
      }
      closed = true;
      wasStarted = started;
    }
    if (wasStarted) {
      thread.interrupt();
      try {
        thread.join(CLOSE_WAIT.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    queue.clear();
    return true;
  }

  // ---------------------------------------------------------------- fetch thread

  /**
   * Queues {@code block}, waiting while the queue is full and running {@code whileWaiting} every
   * {@code PRODUCER_WAKE_MILLIS} meanwhile.
   *
   * @throws InterruptedException the source was closed meanwhile
   */
  void put(Block block, Runnable whileWaiting) throws InterruptedException {
    while (!queue.offer(block, PRODUCER_WAKE_MILLIS, TimeUnit.MILLISECONDS)) {
      if (closed) {
        throw new InterruptedException("closing");
      }
      whileWaiting.run();
    }
  }

  private void run(Work work) {
    try {
      work.runUntilClosed();
    } catch (InterruptedException e) {
      if (!closed) {
        fail(new IllegalStateException("the block source's fetch thread was interrupted, but the source was not closed", e));
      }
    } catch (RuntimeException | Error bug) {
      if (!closed) {
        fail(bug);
      }
    }
  }

  private void fail(Throwable bug) {
    failure = bug;
    onBug.accept(bug);
  }
}
