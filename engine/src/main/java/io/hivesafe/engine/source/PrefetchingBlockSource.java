package io.hivesafe.engine.source;

import io.hivesafe.engine.NodeLogContext;
import io.hivesafe.hive.protocol.Block;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads (and parses) blocks from another source on a thread of its own, ahead of the applier, into a
 * bounded queue: a replay then parses block N+1 while block N is being applied and committed. The
 * order, the end and the errors of the inner source are kept: a broken line is thrown after the
 * blocks before it have been taken, exactly as the inner source would.
 */
public final class PrefetchingBlockSource implements BlockSource {
  /** What the reader thread hands over: a block, the end, or the error that ended it. */
  private record Item(Block block, Exception error) {
    static final Item END = new Item(null, null);
  }

  private final BlockSource inner;
  private final BlockingQueue<Item> queue;
  private final Thread reader;
  private volatile boolean finished;
  private volatile long handedOn;
  private Exception failure;

  public PrefetchingBlockSource(BlockSource inner, int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("prefetch capacity must be at least 1, got " + capacity);
    }
    this.inner = inner;
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.reader = new Thread(NodeLogContext.current().carry(this::read), "hivesafe-block-prefetch");
    reader.setDaemon(true);
    reader.start();
  }

  private void read() {
    try {
      while (true) {
        Optional<Block> block = inner.take();
        if (block.isEmpty()) {
          queue.put(Item.END);
          return;
        }
        queue.put(new Item(block.get(), null));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (BlockInputException | RuntimeException e) {
      try {
        queue.put(new Item(null, e));
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public Optional<Block> take() throws InterruptedException, BlockInputException {
    if (finished) {
      return next(null);
    }
    return next(queue.take());
  }

  @Override
  public Optional<Block> poll(Duration timeout) throws InterruptedException, BlockInputException {
    if (finished) {
      return next(null);
    }
    Item item = queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    return item == null ? Optional.empty() : next(item);
  }

  private synchronized Optional<Block> next(Item item) throws BlockInputException {
    if (failure != null) {
      throw rethrow(failure);
    }
    if (finished || item == null) {
      return Optional.empty();
    }
    if (item.error() != null) {
      failure = item.error();
      finished = true;
      throw rethrow(failure);
    }
    if (item.block() == null) {
      finished = true;
      return Optional.empty();
    }
    handedOn++;
    return Optional.of(item.block());
  }

  private static BlockInputException rethrow(Exception e) {
    if (e instanceof BlockInputException) {
      return (BlockInputException) e;
    }
    throw new IllegalStateException("the block source stopped: " + e.getMessage(), e);
  }

  @Override
  public boolean isFinished() {
    return finished;
  }

  @Override
  public synchronized long nextBlockNumber() {
    return inner.nextBlockNumber() - queue.size();
  }

  @Override
  public Mode mode() {
    return inner.mode();
  }

  @Override
  public long blocksHandedOn() {
    return handedOn;
  }

  @Override
  public long fetchErrors() {
    return inner.fetchErrors();
  }

  @Override
  public Optional<ChainTip> chainTip() {
    return inner.chainTip();
  }

  @Override
  public void close() {
    finished = true;
    reader.interrupt();
    try {
      reader.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    inner.close();
  }
}
