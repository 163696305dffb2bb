package io.hivesafe.hive.protocol;

import io.hivesafe.hive.FixedBytes;

/** A 20-byte block id whose first four bytes are the block number, big-endian. */
public final class BlockId extends FixedBytes {
  private BlockId(byte[] bytes) {
    super(bytes, 20, "block id");
  }

  public static BlockId fromHex(String hex) {
    return new BlockId(parseHex(hex, 20, "block id"));
  }

  public static BlockId fromBytes(byte[] bytes) {
    return new BlockId(bytes);
  }

  /** The block number in the id's first four bytes. */
  public long blockNumber() {
    return ((long) byteAt(0) << 24) | (byteAt(1) << 16) | (byteAt(2) << 8) | byteAt(3);
  }

  /** TaPoS ref_block_num: the block number's low 16 bits. */
  public int refBlockNum() {
    return (int) (blockNumber() & 0xffff);
  }

  /** TaPoS ref_block_prefix: id bytes 4..7 read little-endian. */
  public long refBlockPrefix() {
    return byteAt(4) | (byteAt(5) << 8) | (byteAt(6) << 16) | ((long) byteAt(7) << 24);
  }
}
