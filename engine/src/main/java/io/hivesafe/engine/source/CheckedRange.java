package io.hivesafe.engine.source;

import io.hivesafe.hive.protocol.Block;
import io.hivesafe.hive.protocol.BlockId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A get_block_range answer checked against what the source asked for and what it has handed on: the
 * blocks that may be queued — a prefix of the answer, each linking to the one before it, the first to
 * the block queued last — and what is wrong after them, if anything.
 *
 * @param kept the blocks to queue, in order
 * @param damage why the rest of the answer is not used; empty when all of it is kept
 */
record CheckedRange(List<Block> kept, Optional<Damage> damage) {
  CheckedRange {
    kept = List.copyOf(kept);
  }

  /** What is wrong with an answer after its kept blocks. */
  sealed interface Damage {}

  /** More blocks than asked for. */
  record TooMany(int asked, int got) implements Damage {}

  /** {@code block} does not link to {@code expectedPrevious}, the block queued before it. */
  record BrokenLink(Block block, BlockId expectedPrevious) implements Damage {}

  /** The answer itself said it went wrong after its usable blocks (a malformed block, a gap, …). */
  record Defect(String defect) implements Damage {}

  /**
   * Checks {@code range}, the answer to a request for {@code count} blocks from {@code start}, where
   * {@code lastQueued} is the id of the block queued before {@code start} (null when there is none to
   * link to).
   *
   * @throws IllegalStateException the range does not start where asked: a bug in the block API
   */
  static CheckedRange of(BlockRange range, long start, int count, BlockId lastQueued) {
    if (range.start() != start) {
      throw new IllegalStateException("bug: the block API answered a range from " + range.start() + " when asked from " + start);
    }
    List<Block> kept = new ArrayList<>();
    BlockId previous = lastQueued;
    for (Block block : range.blocks()) {
      if (kept.size() == count) {
        return new CheckedRange(kept, Optional.of(new TooMany(count, range.blocks().size())));
      }
      if (previous != null && !block.previous().equals(previous)) {
        return new CheckedRange(kept, Optional.of(new BrokenLink(block, previous)));
      }
      kept.add(block);
      previous = block.id();
    }
    return new CheckedRange(kept, range.defect().map(Defect::new));
  }
}
