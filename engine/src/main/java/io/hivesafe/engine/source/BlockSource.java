package io.hivesafe.engine.source;

import io.hivesafe.hive.protocol.Block;
import java.time.Duration;
import java.util.Optional;

/**
 * The node's stream of Hive blocks: each block handed on exactly once, in order, each the successor of
 * the one before (its number is one more, its {@code previous} is the id of the block before it).
 *
 * <p>One consumer (the applier) takes blocks from one thread. A source starts at the block after the
 * last one the node committed; it never skips or repeats a block. When its input is broken beyond
 * repair (a replay file with a malformed line or a gap) it throws {@link BlockInputException}; when a
 * bug stops it, {@link #take()} throws {@link IllegalStateException} with the bug as the cause.
 */
public interface BlockSource extends AutoCloseable {
  /** Whether the source is still working through old blocks or follows the chain as it grows. */
  enum Mode {
    /** More than one batch behind the chain (or replaying a file): fetching in bulk. */
    CATCH_UP,
    /** Caught up: asking for new blocks once per poll interval. */
    LIVE
  }

  /**
   * The next block, waiting as long as it takes. Empty only when the source has ended: the end of a
   * file, or a source that was closed.
   *
   * @throws BlockInputException when the input is broken (a fatal error for a replay)
   * @throws IllegalStateException when a bug stopped the source
   */
  Optional<Block> take() throws InterruptedException, BlockInputException;

  /**
   * The next block if it comes within {@code timeout}; empty when it does not, or when the source has
   * ended ({@link #isFinished()} tells them apart).
   *
   * @throws BlockInputException when the input is broken (a fatal error for a replay)
   * @throws IllegalStateException when a bug stopped the source
   */
  Optional<Block> poll(Duration timeout) throws InterruptedException, BlockInputException;

  /** True once the source has handed on its last block: the end of a file, or closed. */
  boolean isFinished();

  /** The number of the block {@link #take()} hands on next. */
  long nextBlockNumber();

  Mode mode();

  /** Blocks handed on so far. */
  long blocksHandedOn();

  /** Fetches that failed or brought an unusable answer (each retried later). */
  long fetchErrors();

  /**
   * The chain's head and last irreversible block as last seen, for the API's status and the lag
   * metric; empty for a source that reads no chain (a block file) or has not asked yet.
   */
  default Optional<ChainTip> chainTip() {
    return Optional.empty();
  }

  /** Stops the source and releases its threads and files. Idempotent. */
  @Override
  void close();
}
