package io.hivesafe.engine.source;

import com.fasterxml.jackson.databind.JsonNode;
import io.hivesafe.hive.HiveFormatException;
import io.hivesafe.hive.json.BlockJson;
import io.hivesafe.hive.protocol.Block;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a block_api.get_block_range result into the longest usable prefix: unlike
 * {@link io.hivesafe.hive.rpc.HiveRpcClient#getBlockRange}, which refuses a whole answer with one bad
 * block in it, the valid blocks before the first problem are kept, so that a fetch is never wasted.
 */
final class RangeReader {
  private RangeReader() {}

  /**
   * The blocks from {@code start} in {@code result} up to the first one that is malformed, out of
   * sequence or unlinked, or past {@code count}.
   *
   * @throws HiveFormatException when the result is not {@code {"blocks":[…]}} at all
   */
  static BlockRange read(JsonNode result, long start, int count) {
    if (result == null || !result.isObject()) {
      throw new HiveFormatException("get_block_range result must be an object, got " + shorten(result));
    }
    JsonNode nodes = result.get("blocks");
    if (nodes == null || !nodes.isArray()) {
      throw new HiveFormatException("get_block_range result has no blocks array");
    }
    List<Block> blocks = new ArrayList<>(Math.min(nodes.size(), count));
    for (int i = 0; i < nodes.size(); i++) {
      long expected = start + i;
      if (i == count) {
        return BlockRange.defective(start, blocks, "asked for " + count + " blocks, got " + nodes.size());
      }
      Block block;
      try {
        block = BlockJson.read(nodes.get(i));
      } catch (HiveFormatException e) {
        return BlockRange.defective(start, blocks, "malformed block at index " + i + " (expected block " + expected + "): " + e.getMessage());
      }
      if (block.number() != expected) {
        return BlockRange.defective(start, blocks, "expected block " + expected + ", got block " + block.number());
      }
      if (!blocks.isEmpty() && !block.previous().equals(blocks.get(blocks.size() - 1).id())) {
        return BlockRange.defective(start, blocks,
            "block " + expected + " has previous " + block.previous() + ", not the id " + blocks.get(blocks.size() - 1).id() + " of block " + (expected - 1));
      }
      blocks.add(block);
    }
    return BlockRange.of(start, blocks);
  }

  private static String shorten(JsonNode node) {
    String text = String.valueOf(node);
    return text.length() > 120 ? text.substring(0, 120) + "…" : text;
  }
}
