package io.hivesafe.hive.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import io.hivesafe.hive.HiveFormatException;
import io.hivesafe.hive.json.JsonFields;
import io.hivesafe.hive.protocol.BlockId;
import java.time.Instant;
import java.util.Objects;

/**
 * The part of hived's dynamic global properties a sidechain node needs: the head block, its time, the
 * last irreversible block and the block size limit. Consistent by construction: the head id encodes
 * the head number and the irreversible block is not past the head.
 */
public record DynamicGlobalProperties(
    long headBlockNumber, BlockId headBlockId, Instant time, long lastIrreversibleBlockNum, long maximumBlockSize) {
  private static final long U32_MAX = 0xffffffffL;

  public DynamicGlobalProperties {
    Objects.requireNonNull(headBlockId, "headBlockId");
    Objects.requireNonNull(time, "time");
    checkU32("head_block_number", headBlockNumber);
    checkU32("last_irreversible_block_num", lastIrreversibleBlockNum);
    checkU32("maximum_block_size", maximumBlockSize);
    if (headBlockId.blockNumber() != headBlockNumber) {
      throw new HiveFormatException(
          "head_block_id " + headBlockId + " is block " + headBlockId.blockNumber() + ", not head_block_number " + headBlockNumber);
    }
    if (lastIrreversibleBlockNum > headBlockNumber) {
      throw new HiveFormatException(
          "last_irreversible_block_num " + lastIrreversibleBlockNum + " is past head_block_number " + headBlockNumber);
    }
  }

  /** Reads a database_api or condenser_api result; integers may be numbers or decimal strings. */
  public static DynamicGlobalProperties read(JsonNode node) {
    return new DynamicGlobalProperties(
        JsonFields.integer(node, "head_block_number", 0, U32_MAX),
        BlockId.fromHex(JsonFields.text(node, "head_block_id")),
        JsonFields.time(node, "time"),
        JsonFields.integer(node, "last_irreversible_block_num", 0, U32_MAX),
        JsonFields.integer(node, "maximum_block_size", 0, U32_MAX));
  }

  private static void checkU32(String field, long value) {
    if (value < 0 || value > U32_MAX) {
      throw new HiveFormatException(field + " must be a u32, got " + value);
    }
  }
}
