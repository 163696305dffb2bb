package io.hivesafe.engine.source;

import io.hivesafe.engine.NodeEvents;
import io.hivesafe.hive.HiveFormatException;
import io.hivesafe.hive.protocol.Block;
import io.hivesafe.hive.protocol.BlockId;
import io.hivesafe.hive.rpc.ChainGuard;
import io.hivesafe.hive.rpc.DynamicGlobalProperties;
import io.hivesafe.hive.rpc.RpcConfig;
import io.hivesafe.hive.rpc.EndpointFailure;
import io.hivesafe.hive.rpc.RpcException;
import io.hivesafe.hive.rpc.RpcTransportException;
import io.hivesafe.hive.rpc.RpcListener;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

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
 *
 * <p>This class decides what to fetch and what to do with each answer; the thread and the queue are
 * {@link FetchThread}'s, the checks of an answer {@link CheckedRange}'s, the pauses {@link FetchRetry}'s
 * and the progress lines {@link CatchUpReporter}'s.
 */
public final class RpcBlockSource implements BlockSource {
  private static final long MAX_BLOCK_NUMBER = 0xffffffffL;

  private final BlockSourceConfig config;
  private final BlockApi api;
  private final NodeEvents events;
  private final Clock clock;
  private final long startBlock;
  private final FetchThread fetch;
  private final FetchRetry retry;
  private final CatchUpReporter progress;

  private final AtomicLong shortRanges = new AtomicLong();
  private volatile Mode mode = Mode.CATCH_UP;
  private volatile ChainTip tip;

  // Owned by the fetch thread.
  private long nextToFetch;
  private BlockId lastQueuedId;
  private long target;
  private boolean targetStale = true;

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
    this.nextToFetch = startBlock;
    this.lastQueuedId = expectedPrevious.orElse(null);
    this.target = startBlock - 1;
    this.fetch = new FetchThread(config.queueCapacity(), startBlock, this::fetchUntilClosed,
        bug -> events.blockSourceFailed(nextToFetch, bug));
    this.retry = new FetchRetry(config, api);
    this.progress = new CatchUpReporter(config.progressInterval(), events, clock, fetch);
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

  /** Likewise, taking blocks only from endpoints {@code guard} checked to serve its chain (a node's source). */
  public static RpcBlockSource overRpc(BlockSourceConfig config, RpcConfig rpc, RpcListener listener, ChainGuard guard,
      long startBlock, Optional<BlockId> expectedPrevious, NodeEvents events) {
    return new RpcBlockSource(config, new RpcBlockApi(rpc, listener, Optional.of(guard)), startBlock, expectedPrevious, events,
        Clock.systemUTC());
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
  public RpcBlockSource start() {
    fetch.start();
    return this;
  }

  public BlockSourceConfig config() {
    return config;
  }

  // ---------------------------------------------------------------- consumer side

  @Override
  public Optional<Block> take() throws InterruptedException {
    return fetch.next(Long.MAX_VALUE);
  }

  @Override
  public Optional<Block> poll(Duration timeout) throws InterruptedException {
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must not be negative, got " + timeout);
    }
    return fetch.next(timeout.compareTo(Duration.ofDays(365)) > 0 ? Long.MAX_VALUE : timeout.toNanos());
  }

  @Override
  public boolean isFinished() {
    return fetch.closed();
  }

  @Override
  public long nextBlockNumber() {
    return fetch.nextToHandOn();
  }

  @Override
  public Mode mode() {
    return mode;
  }

  @Override
  public long blocksHandedOn() {
    return fetch.handedOn();
  }

  @Override
  public Optional<ChainTip> chainTip() {
    return Optional.ofNullable(tip);
  }

  @Override
  public long fetchErrors() {
    return retry.fetchErrors();
  }

  /** Answers that brought fewer blocks than asked for without a defect (an endpoint that lags). */
  public long shortRanges() {
    return shortRanges.get();
  }

  @Override
  public void close() {
    if (fetch.close()) {
      api.close();
      events.blockSourceStopped(fetch.nextToHandOn());
    }
  }

  // ---------------------------------------------------------------- fetch thread

  private void fetchUntilClosed() throws InterruptedException {
    events.blockSourceStarted(startBlock, config.irreversibleOnly());
    progress.start();
    while (!fetch.closed()) {
      fetchRound();
      reportProgressIfDue();
    }
  }

  /** One call (properties or a range) and what follows from its answer. */
  private void fetchRound() throws InterruptedException {
    String call = "database_api.get_dynamic_global_properties";
    try {
      if (targetStale || nextToFetch > target) {
        refreshTarget();
        if (nextToFetch > target) {
          goLive();
          TimeUnit.NANOSECONDS.sleep(config.pollInterval().toNanos());
          return;
        }
      }
      call = "block_api.get_block_range";
      fetchBatch();
    } catch (RpcException | HiveFormatException e) {
      if (fetch.closed() || Thread.currentThread().isInterrupted()) {
        throw new InterruptedException("closing");
      }
      String failedCall = call;
      if (tip == null && e instanceof RpcTransportException unanswered) {
        // Not a block yet from any endpoint: say that no API answers, not "catching up: block 0 of 0".
        String tried = unanswered.failures().stream().map(EndpointFailure::toString).distinct().collect(Collectors.joining(", "));
        retry.afterFailure(pause -> progress.unreachable(tried, pause, config.maxBackoff()));
      } else {
        retry.afterFailure(pause -> events.fetchFailed(failedCall, nextToFetch, e.getMessage(), pause));
      }
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
      progress.restart();
      events.fellBehind(nextToFetch, target);
    }
  }

  private void goLive() {
    retry.afterSuccess();
    if (mode == Mode.CATCH_UP) {
      mode = Mode.LIVE;
      events.switchedToLive(nextToFetch - 1, config.pollInterval());
    }
  }

  /** Asks for the next batch, queues what passes the checks, then retries, moves on or carries on as the answer says. */
  private void fetchBatch() throws RpcException, InterruptedException {
    long start = nextToFetch;
    int count = (int) Math.min(config.batchSize(), target - start + 1);
    BlockRange range = api.blockRange(start, count);
    CheckedRange checked = CheckedRange.of(range, start, count, lastQueuedId);
    for (Block block : checked.kept()) {
      fetch.put(block, this::reportProgressIfDue);
      reportProgressIfDue();
      lastQueuedId = block.id();
      nextToFetch = block.number() + 1;
    }
    int kept = checked.kept().size();
    Optional<CheckedRange.Damage> damage = checked.damage();
    if (damage.isPresent()) {
      retry.afterFailure(pause -> reportDamage(damage.get(), start, kept, pause));
    } else if (kept < count) {
      shortRanges.incrementAndGet();
      targetStale = true;
      if (kept == 0) {
        retry.afterEmptyAnswer(pause -> events.rangeEmpty(start, target, pause));
      } else {
        retry.afterShortAnswer();
      }
    } else {
      retry.afterSuccess();
    }
  }

  private void reportDamage(CheckedRange.Damage damage, long start, int kept, Duration retryIn) {
    if (damage instanceof CheckedRange.TooMany tooMany) {
      events.rangeDefective(start, kept, "asked for " + tooMany.asked() + " blocks, got " + tooMany.got(), retryIn);
    } else if (damage instanceof CheckedRange.BrokenLink broken) {
      events.linkageMismatch(broken.block().number(), broken.block().previous(), broken.expectedPrevious(), retryIn);
    } else {
      events.rangeDefective(start, kept, ((CheckedRange.Defect) damage).defect(), retryIn);
    }
  }

  private void reportProgressIfDue() {
    if (mode == Mode.CATCH_UP && tip != null) {
      progress.reportIfDue(target);
    }
  }
}
