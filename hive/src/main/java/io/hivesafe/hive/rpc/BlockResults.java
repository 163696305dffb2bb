package io.hivesafe.hive.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import io.hivesafe.hive.HiveFormatException;
import io.hivesafe.hive.json.BlockJson;
import io.hivesafe.hive.json.JsonFields;
import io.hivesafe.hive.protocol.Block;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads block_api results and checks they answer the question asked: the requested number, and for a
 * range consecutive blocks from the requested start, never more than requested.
 */
final class BlockResults {
  private BlockResults() {}

  /** {@code {"block":{…}}}, or {@code {}} when the block is past head. */
  static Optional<Block> block(JsonNode result, long number) {
    if (result == null || !result.isObject()) {
      throw new HiveFormatException("get_block result must be an object, got " + result);
    }
    JsonNode node = result.get("block");
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    Block block = BlockJson.read(node);
    if (block.number() != number) {
      throw new HiveFormatException("asked for block " + number + ", got block " + block.number());
    }
    return Optional.of(block);
  }

  /** {@code {"blocks":[…]}}: up to {@code count} blocks from {@code start}, fewer when cut at head. */
  static List<Block> range(JsonNode result, long start, int count) {
    JsonNode nodes = JsonFields.array(result, "blocks");
    if (nodes.size() > count) {
      throw new HiveFormatException("asked for " + count + " blocks, got " + nodes.size());
    }
    List<Block> blocks = new ArrayList<>(nodes.size());
    for (JsonNode node : nodes) {
      Block block = BlockJson.read(node);
      long expected = start + blocks.size();
      if (block.number() != expected) {
        throw new HiveFormatException("block range from " + start + ": expected block " + expected + ", got " + block.number());
      }
      if (!blocks.isEmpty() && !block.previous().equals(blocks.get(blocks.size() - 1).id())) {
        throw new HiveFormatException("block " + block.number() + " does not link to the block before it in the range");
      }
      blocks.add(block);
    }
    return List.copyOf(blocks);
  }
}
