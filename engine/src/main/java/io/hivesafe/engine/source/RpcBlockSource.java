package io.hivesafe.engine.source;

import io.hivesafe.engine.NodeEvents;
import io.hivesafe.hive.HiveFormatException;
import io.hivesafe.hive.protocol.Block;
import io.hivesafe.hive.protocol.BlockId;
import io.hivesafe.hive.rpc.DynamicGlobalProperties;
import io.hivesafe.hive.rpc.RpcConfig;
import io.hivesafe.hive.rpc.RpcException;
import io.hivesafe.hive.rpc.RpcListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Follows Hive through its API: one fetch thread asks for batches of blocks (block_api.get_block_range,
 * up to {@link BlockSourceConfig#batchSize()} at a time) ahead of the consumer into a bounded queue, up
 * to the last irreversible block (or the head, if so configured), then polls for new ones once per
 * {@link BlockSourceConfig#pollInterval()}.
 *
 * <p>Every block is checked before it is queued: its number is the next one, and its {@code previous}
 * is the id of the block queued before it (for the first block: the expected previous id, when given).
 * Whatever the API does, a block is handed on once and in order:
 *
 * <ul>
 *   <li>a call that fails (no endpoint answers, an endpoint refuses, an answer that is not a block range)
 *       is logged with its reason and retried after a pause that doubles up to
 *       {@link BlockSourceConfig#maxBackoff()}, from another endpoint when there is one;
 *   <li>a damaged answer (a malformed block, a gap, a block that does not link) keeps the valid blocks
 *       before the damage, logs it and fetches the rest again after a pause, from another endpoint;
 *   <li>a short or empty answer (an endpoint behind the one that reported the chain's progress) keeps
 *       what it has and asks for the rest again (from another endpoint, and after a pause when it brought
 *       nothing): never skipped.
 * </ul>
 *
 * A bug (any other runtime exception in the fetch thread) stops the fetching and reaches the consumer
 * from {@link #take()} once the blocks queued before it are handed on.
 *
 * <p>Lifecycle: built idle, {@link #start()} starts the fetch thread, {@link #close()} stops it (and
 * closes the {@link BlockApi}). One consumer thread.
 */
public final class RpcBlockSource implements BlockSource {
  private static final long MAX_BLOCK_NUMBER = 0xffffffffL;
  /** How often a waiting consumer looks whether the source failed or was closed. */
  private static final long CONSUMER_WAKE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
  /** How often a fetch thread waiting for queue space looks whether a progress line is due. */
  private static final long PRODUCER_WAKE_MILLIS = 200;
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(15);

  private final BlockSourceConfig config;
  private final BlockApi api;
  private final NodeEvents events;
  private final Clock clock;
  private final long startBlock;
  private final ArrayBlockingQueue<Block> queue;
  private final Thread fetcher;

  private final AtomicLong handedOn = new AtomicLong();
  private final AtomicLong fetchErrors = new AtomicLong();
  private final AtomicLong shortRanges = new AtomicLong();
  private volatile Mode mode = Mode.CATCH_UP;
  private volatile long nextToHandOn;
  private volatile Throwable failure;
  private volatile ChainTip tip;
  private volatile boolean closed;
  private boolean started;

  // Owned by the fetch thread.
  private long nextToFetch;
  private BlockId lastQueuedId;
  private long target;
  private boolean targetStale = true;
  private int failuresInRow;
  private Instant lastReport;
  private long handedOnAtLastReport;

  /**
   * A source that hands on {@code startBlock} first; when {@code expectedPrevious} is given, that block
   * must link to it (the id of the last block the node committed). Takes ownership of {@code api}.
   *
   * @param clock times the progress lines only
   */
  public RpcBlockSource(
      BlockSourceConfig config, BlockApi api, long startBlock, Optional<BlockId> expectedPrevious, NodeEvents events, Clock clock) {
    this.config = Objects.requireNonNull(config, "config");
    this.api = Objects.requireNonNull(api, "api");
    this.events = Objects.requireNonNull(events, "events");
    this.clock = Objects.requireNonNull(clock, "clock");
    checkStart(startBlock, expectedPrevious);
    this.startBlock = startBlock;
    this.nextToHandOn = startBlock;
    this.nextToFetch = startBlock;
    this.lastQueuedId = expectedPrevious.orElse(null);
    this.target = startBlock - 1;
    this.queue = new ArrayBlockingQueue<>(config.queueCapacity());
    this.fetcher = new Thread(this::fetchUntilClosed, "hivesafe-block-source");
    this.fetcher.setDaemon(true);
  }

  /** A source over Hive's JSON-RPC API at the endpoints of {@code rpc}, with failover; not started. */
  public static RpcBlockSource overRpc(
      BlockSourceConfig config, RpcConfig rpc, long startBlock, Optional<BlockId> expectedPrevious, NodeEvents events) {
    return overRpc(config, rpc, RpcListener.NONE, startBlock, expectedPrevious, events);
  }

  /** Likewise, telling {@code listener} about every call attempt (RPC metrics). */
  public static RpcBlockSource overRpc(BlockSourceConfig config, RpcConfig rpc, RpcListener listener, long startBlock,
      Optional<BlockId> expectedPrevious, NodeEvents events) {
    return new RpcBlockSource(config, new RpcBlockApi(rpc, listener), startBlock, expectedPrevious, events, Clock.systemUTC());
  }

  static void checkStart(long startBlock, Optional<BlockId> expectedPrevious) {
    if (startBlock < 1 || startBlock > MAX_BLOCK_NUMBER) {
      throw new IllegalArgumentException("the start block must be within 1.." + MAX_BLOCK_NUMBER + ", got " + startBlock);
    }
    Objects.requireNonNull(expectedPrevious, "expectedPrevious");
    if (expectedPrevious.isPresent() && expectedPrevious.get().blockNumber() != startBlock - 1) {
      throw new IllegalArgumentException("the expected previous id " + expectedPrevious.get() + " is block "
          + expectedPrevious.get().blockNumber() + ", not block " + (startBlock - 1) + " before the start block " + startBlock);
    }
  }

  /** Starts the fetch thread. */
  public synchronized RpcBlockSource start() {
    if (closed) {
      throw new IllegalStateException("the block source is closed");
    }
    if (started) {
      throw new IllegalStateException("the block source is already started");
    }
    started = true;
    fetcher.start();
    return this;
  }

  public BlockSourceConfig config() {
    return config;
  }

  // ---------------------------------------------------------------- consumer side

  @Override
  public Optional<Block> take() throws InterruptedException {
    return next(Long.MAX_VALUE);
  }

  @Override
  public Optional<Block> poll(Duration timeout) throws InterruptedException {
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must not be negative, got " + timeout);
    }
    return next(timeout.compareTo(Duration.ofDays(365)) > 0 ? Long.MAX_VALUE : timeout.toNanos());
  }

  private Optional<Block> next(long timeoutNanos) throws InterruptedException {
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

  @Override
  public boolean isFinished() {
    return closed;
  }

  @Override
  public long nextBlockNumber() {
    return nextToHandOn;
  }

  @Override
  public Mode mode() {
    return mode;
  }

  @Override
  public long blocksHandedOn() {
    return handedOn.get();
  }

  @Override
  public Optional<ChainTip> chainTip() {
    return Optional.ofNullable(tip);
  }

  @Override
  public long fetchErrors() {
    return fetchErrors.get();
  }

  /** Answers that brought fewer blocks than asked for without a defect (an endpoint that lags). */
  public long shortRanges() {
    return shortRanges.get();
  }

  @Override
  public void close() {
    boolean wasStarted;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      wasStarted = started;
    }
    if (wasStarted) {
      fetcher.interrupt();
      try {
        fetcher.join(CLOSE_WAIT.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    queue.clear();
    api.close();
    events.blockSourceStopped(nextToHandOn);
  }

  // ---------------------------------------------------------------- fetch thread

  private void fetchUntilClosed() {
    events.blockSourceStarted(startBlock, config.irreversibleOnly());
    lastReport = clock.instant();
    try {
      while (!closed) {
        fetchRound();
        reportProgressIfDue();
      }
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
    events.blockSourceFailed(nextToFetch, bug);
  }

  /** One call (properties or a range) and what follows from its answer. */
  private void fetchRound() throws InterruptedException {
    String call = "database_api.get_dynamic_global_properties";
    try {
      if (targetStale || nextToFetch > target) {
        refreshTarget();
        if (nextToFetch > target) {
          goLive();
          sleep(config.pollInterval());
          return;
        }
      }
      call = "block_api.get_block_range";
      fetchBatch();
    } catch (RpcException | HiveFormatException e) {
      if (closed || Thread.currentThread().isInterrupted()) {
        throw new InterruptedException("closing");
      }
      fetchErrors.incrementAndGet();
      Duration pause = nextBackoff();
      events.fetchFailed(call, nextToFetch, e.getMessage(), pause);
      api.preferAnotherEndpoint();
      sleep(pause);
    }
  }

  private void refreshTarget() throws RpcException {
    DynamicGlobalProperties properties = api.properties();
    long reported = config.irreversibleOnly() ? properties.lastIrreversibleBlockNum() : properties.headBlockNumber();
    // The chain never goes back below what some endpoint already reported: a lower number comes from an
    // endpoint that lags, whose empty ranges then move the source on to another endpoint.
    target = Math.max(target, reported);
    targetStale = false;
    ChainTip seen = tip;
    long head = Math.max(properties.headBlockNumber(), seen == null ? 0 : seen.head());
    long irreversible = Math.max(properties.lastIrreversibleBlockNum(), seen == null ? 0 : seen.irreversible());
    tip = new ChainTip(head, Math.min(irreversible, head), clock.instant());
    if (mode == Mode.LIVE && target - nextToFetch + 1 > config.batchSize()) {
      mode = Mode.CATCH_UP;
      lastReport = clock.instant();
      handedOnAtLastReport = handedOn.get();
      events.fellBehind(nextToFetch, target);
    }
  }

  private void goLive() {
    failuresInRow = 0;
    if (mode == Mode.CATCH_UP) {
      mode = Mode.LIVE;
      events.switchedToLive(nextToFetch - 1, config.pollInterval());
    }
  }

  private void fetchBatch() throws RpcException, InterruptedException {
    long start = nextToFetch;
    int count = (int) Math.min(config.batchSize(), target - start + 1);
    BlockRange range = api.blockRange(start, count);
    if (range.start() != start) {
      throw new IllegalStateException("bug: the block API answered a range from " + range.start() + " when asked from " + start);
    }
    int kept = 0;
    for (Block block : range.blocks()) {
      if (kept == count) {
        fetchErrors.incrementAndGet();
        Duration pause = nextBackoff();
        events.rangeDefective(start, kept, "asked for " + count + " blocks, got " + range.blocks().size(), pause);
        api.preferAnotherEndpoint();
        sleep(pause);
        return;
      }
      if (lastQueuedId != null && !block.previous().equals(lastQueuedId)) {
        fetchErrors.incrementAndGet();
        Duration pause = nextBackoff();
        events.linkageMismatch(block.number(), block.previous(), lastQueuedId, pause);
        api.preferAnotherEndpoint();
        sleep(pause);
        return;
      }
      enqueue(block);
      lastQueuedId = block.id();
      nextToFetch = block.number() + 1;
      kept++;
    }
    if (range.defect().isPresent()) {
      fetchErrors.incrementAndGet();
      Duration pause = nextBackoff();
      events.rangeDefective(start, kept, range.defect().get(), pause);
      api.preferAnotherEndpoint();
      sleep(pause);
    } else if (kept < count) {
      shortRanges.incrementAndGet();
      targetStale = true;
      api.preferAnotherEndpoint();
      if (kept == 0) {
        Duration pause = nextBackoff();
        events.rangeEmpty(start, target, pause);
        sleep(pause);
      } else {
        failuresInRow = 0;
      }
    } else {
      failuresInRow = 0;
    }
  }

  private void enqueue(Block block) throws InterruptedException {
    while (!queue.offer(block, PRODUCER_WAKE_MILLIS, TimeUnit.MILLISECONDS)) {
      if (closed) {
        throw new InterruptedException("closing");
      }
      reportProgressIfDue();
    }
    reportProgressIfDue();
  }

  private Duration nextBackoff() {
    failuresInRow = failuresInRow == Integer.MAX_VALUE ? failuresInRow : failuresInRow + 1;
    return config.backoffAfter(failuresInRow);
  }

  private void reportProgressIfDue() {
    if (mode != Mode.CATCH_UP) {
      return;
    }
    Instant now = clock.instant();
    Duration since = Duration.between(lastReport, now);
    if (since.isNegative()) {
      lastReport = now; // the wall clock was set back: start the interval afresh
      return;
    }
    if (since.compareTo(config.progressInterval()) < 0) {
      return;
    }
    long handed = handedOn.get();
    events.catchUpProgress(new CatchUpProgress(nextToHandOn - 1, target, handed - handedOnAtLastReport, since));
    lastReport = now;
    handedOnAtLastReport = handed;
  }

  private static void sleep(Duration pause) throws InterruptedException {
    TimeUnit.NANOSECONDS.sleep(pause.toNanos());
  }
}
