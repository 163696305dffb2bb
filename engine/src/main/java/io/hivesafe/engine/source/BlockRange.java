package io.hivesafe.engine.source;

import io.hivesafe.hive.protocol.Block;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one get_block_range answer held that can be used: consecutive blocks from the requested start,
 * each linked to the one before it (possibly none), and — when the answer went wrong after them — why
 * the rest was dropped (a malformed block, a gap, a block that does not link, more blocks than asked).
 * A range shorter than asked without a defect is an endpoint that has no more blocks yet.
 */
public record BlockRange(long start, List<Block> blocks, Optional<String> defect) {
  public BlockRange {
    blocks = List.copyOf(blocks);
    Objects.requireNonNull(defect, "defect");
    for (int i = 0; i < blocks.size(); i++) {
      Block block = blocks.get(i);
      if (block.number() != start + i) {
        throw new IllegalArgumentException("a BlockRange from " + start + " holds block " + block.number() + " at index " + i);
      }
      if (i > 0 && !block.previous().equals(blocks.get(i - 1).id())) {
        throw new IllegalArgumentException("block " + block.number() + " of a BlockRange does not link to the block before it");
      }
    }
  }

  /** A clean answer. */
  public static BlockRange of(long start, List<Block> blocks) {
    return new BlockRange(start, blocks, Optional.empty());
  }

  /** The usable blocks of an answer that went wrong after them. */
  public static BlockRange defective(long start, List<Block> blocks, String defect) {
    return new BlockRange(start, blocks, Optional.of(defect));
  }
}
