package io.hivesafe.engine.source;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hivesafe.hive.json.JsonFields;
import io.hivesafe.hive.protocol.Block;
import io.hivesafe.hive.protocol.BlockId;
import io.hivesafe.hive.rpc.DynamicGlobalProperties;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Empty blocks with ids in Hive's form (number in the first four bytes) and a tag in the rest, so that
 * two chains with different tags are two forks: same numbers, different ids.
 */
final class SyntheticChain {
  static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Instant GENESIS = Instant.parse("2026-01-01T00:00:00Z");

  private final int tag;

  SyntheticChain(int tag) {
    this.tag = tag;
  }

  /** The main chain of the tests. */
  static SyntheticChain main() {
    return new SyntheticChain(1);
  }

  BlockId id(long number) {
    if (number == 0) {
      return BlockId.fromBytes(new byte[20]);
    }
    ByteBuffer bytes = ByteBuffer.allocate(20);
    bytes.putInt((int) number);
    bytes.putInt(tag);
    bytes.putLong(number * 0x9E3779B97F4A7C15L ^ tag);
    bytes.putInt((int) (number >>> 3) ^ 0x5A5A5A5A);
    return BlockId.fromBytes(bytes.array());
  }

  Block block(long number) {
    return new Block(id(number), id(number - 1), GENESIS.plusSeconds(3 * number), "initminer", List.of());
  }

  /** A block of this chain whose previous is {@code previous} instead of this chain's. */
  Block blockWithPrevious(long number, BlockId previous) {
    return new Block(id(number), previous, GENESIS.plusSeconds(3 * number), "initminer", List.of());
  }

  List<Block> blocks(long first, long last) {
    List<Block> blocks = new ArrayList<>();
    for (long n = first; n <= last; n++) {
      blocks.add(block(n));
    }
    return blocks;
  }

  DynamicGlobalProperties properties(long head, long lib) {
    return new DynamicGlobalProperties(head, id(head), GENESIS.plusSeconds(3 * head), lib, 65_536);
  }

  /** block_api's JSON of a block (no transactions). */
  static ObjectNode json(Block block) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("previous", block.previous().toHex());
    node.put("timestamp", JsonFields.formatTime(block.timestamp()));
    node.put("witness", block.witness());
    node.put("transaction_merkle_root", "0000000000000000000000000000000000000000");
    node.putArray("extensions");
    node.put("witness_signature", "00".repeat(65));
    node.putArray("transactions");
    node.put("block_id", block.id().toHex());
    node.put("signing_key", "STM1111111111111111111111111111111114T1Anm");
    node.putArray("transaction_ids");
    return node;
  }

  /** {@code {"blocks":[…]}}. */
  static ObjectNode rangeJson(List<Block> blocks) {
    ObjectNode result = MAPPER.createObjectNode();
    ArrayNode array = result.putArray("blocks");
    blocks.forEach(b -> array.add(json(b)));
    return result;
  }

  /** One JSON line per block. */
  static String jsonLines(List<Block> blocks) {
    StringBuilder lines = new StringBuilder();
    blocks.forEach(b -> lines.append(json(b)).append('\n'));
    return lines.toString();
  }
}
