package io.hivesafe.engine.source;

import io.hivesafe.engine.NodeEvents;
import io.hivesafe.hive.protocol.Block;
import io.hivesafe.hive.protocol.BlockId;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Blocks from a JSON-lines file, for replays and benchmarks: one block per line, each in the shape of
 * block_api.get_block_range's {@code blocks[]} (HF26 JSON with {@code block_id} and
 * {@code transaction_ids}); the file may be gzip-compressed (recognised by its first bytes, whatever its
 * name). It is streamed, one line at a time, in the consumer's thread.
 *
 * <p>The lines must hold consecutive blocks, each linked to the line before it. Lines before the start
 * block are skimmed (JSON, number and link checked; the rest not read); from the start block on, every
 * block is read in full. A line that is not JSON or not a block, an empty line, a gap, a block that does
 * not link, or a file that starts after the start block is a {@link BlockInputException} naming the
 * file and line; after it the source stays broken. A file that ends before the start block has nothing
 * to hand on: {@link #take()} answers empty at once.
 *
 * <p>This class keeps the blocks in order; reading and parsing the lines is {@link BlockFileLines}'s.
 */
public final class JsonLinesBlockSource implements BlockSource {
  /** The longest line read: hived's blocks are at most 64 KiB in binary, a few hundred KiB as JSON. */
  public static final int MAX_LINE_BYTES = 32 * 1024 * 1024;

  private final BlockFileLines lines;
  private final long startBlock;
  private final BlockId expectedPrevious;

  private long lastNumber = -1;
  private BlockId lastId;
  private long handedOn;
  private BlockInputException broken;
  private boolean finished;
  private boolean closed;

  private JsonLinesBlockSource(BlockFileLines lines, long startBlock, Optional<BlockId> expectedPrevious) {
    this.lines = lines;
    this.startBlock = startBlock;
    this.expectedPrevious = expectedPrevious.orElse(null);
  }

  /**
   * Opens {@code file} to hand on blocks from {@code startBlock}; when {@code expectedPrevious} is given,
   * that block must link to it (the id of the last block the node committed).
   *
   * @throws BlockInputException when the file cannot be opened
   */
  public static JsonLinesBlockSource open(Path file, long startBlock, Optional<BlockId> expectedPrevious, NodeEvents events)
      throws BlockInputException {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(events, "events");
    RpcBlockSource.checkStart(startBlock, expectedPrevious);
    BlockFileLines lines = BlockFileLines.open(file, MAX_LINE_BYTES);
    events.blockFileOpened(file.toString(), startBlock);
    return new JsonLinesBlockSource(lines, startBlock, expectedPrevious);
  }

  @Override
  public synchronized Optional<Block> take() throws BlockInputException {
    if (broken != null) {
      throw broken;
    }
    if (finished || closed) {
      return Optional.empty();
    }
    try {
      Optional<Block> block = readNext();
      if (block.isEmpty()) {
        finished = true;
        closeStream();
      }
      return block;
    } catch (BlockInputException e) {
      broken = e;
      closeStream();
      throw e;
    }
  }

  /** As {@link #take()}: reading a line never waits for more than the disk. */
  @Override
  public Optional<Block> poll(Duration timeout) throws BlockInputException {
    return take();
  }

  private Optional<Block> readNext() throws BlockInputException {
    while (true) {
      if (!lines.next()) {
        return Optional.empty();
      }
      if (lastNumber < 0 || lastNumber + 1 < startBlock) {
        BlockFileLines.Ids ids = lines.skim();
        BlockId id = ids.id();
        checkSequence(id, ids.previous());
        if (id.blockNumber() < startBlock) {
          lastNumber = id.blockNumber();
          lastId = id;
          continue;
        }
      }
      Block block = lines.read();
      checkSequence(block.id(), block.previous());
      if (block.number() == startBlock && expectedPrevious != null && !block.previous().equals(expectedPrevious)) {
        throw lines.error("block " + block.number() + " names previous " + block.previous()
            + ", but the block before the start block (the last one applied) has id " + expectedPrevious);
      }
      lastNumber = block.number();
      lastId = block.id();
      handedOn++;
      return Optional.of(block);
    }
  }

  /** Numbering and linkage against the line before (for the first line: it must not start after the start block). */
  private void checkSequence(BlockId id, BlockId previous) throws BlockInputException {
    long number = id.blockNumber();
    if (lastNumber < 0) {
      if (number > startBlock) {
        throw lines.error("the file starts at block " + number + ", after the start block " + startBlock);
      }
      return;
    }
    long expected = lastNumber + 1;
    if (number != expected) {
      String what = number > expected
          ? (number - expected == 1 ? "block " + expected + " is missing" : "blocks " + expected + ".." + (number - 1) + " are missing")
          : "the blocks go backwards";
      throw lines.error("expected block " + expected + " after block " + lastNumber + " on line " + (lines.lineNumber() - 1)
          + ", got block " + number + " (" + what + ")");
    }
    if (!previous.equals(lastId)) {
      throw lines.error("block " + number + " names previous " + previous + ", but block " + lastNumber + " on line "
          + (lines.lineNumber() - 1) + " has id " + lastId);
    }
  }

  @Override
  public synchronized boolean isFinished() {
    return finished || closed;
  }

  @Override
  public synchronized long nextBlockNumber() {
    return lastNumber < startBlock ? startBlock : lastNumber + 1;
  }

  /** Always {@link Mode#CATCH_UP}: a file is old blocks only. */
  @Override
  public Mode mode() {
    return Mode.CATCH_UP;
  }

  @Override
  public synchronized long blocksHandedOn() {
    return handedOn;
  }

  /** Always 0: a file has nothing to retry; its errors are fatal. */
  @Override
  public long fetchErrors() {
    return 0;
  }

  /** The lines read so far. */
  public synchronized long linesRead() {
    return lines.lineNumber();
  }

  @Override
  public synchronized void close() {
    closed = true;
    closeStream();
  }

  private void closeStream() {
    lines.close();
  }
}
