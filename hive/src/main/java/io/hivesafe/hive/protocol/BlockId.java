package io.hivesafe.hive.protocol;

import io.hivesafe.hive.HiveFormatException;
import java.util.Arrays;
import java.util.HexFormat;

/** A 20-byte block id whose first four bytes are the block number, big-endian. */
public final class BlockId {
  private final byte[] bytes;

  private BlockId(byte[] bytes) {
    this.bytes = bytes;
  }

  public static BlockId fromHex(String hex) {
    if (hex.length() != 40) {
      throw new HiveFormatException("block id must be 40 hex characters, got " + hex.length());
    }
    try {
      return new BlockId(HexFormat.of().parseHex(hex));
    } catch (IllegalArgumentException e) {
      throw new HiveFormatException("block id is not hex: " + hex, e);
    }
  }

  public static BlockId fromBytes(byte[] bytes) {
    if (bytes.length != 20) {
      throw new HiveFormatException("block id must be 20 bytes, got " + bytes.length);
    }
    return new BlockId(bytes.clone());
  }

  /** The block number in the id's first four bytes. */
  public long blockNumber() {
    return ((bytes[0] & 0xffL) << 24) | ((bytes[1] & 0xffL) << 16) | ((bytes[2] & 0xffL) << 8) | (bytes[3] & 0xffL);
  }

  /** TaPoS ref_block_num: the block number's low 16 bits. */
  public int refBlockNum() {
    return (int) (blockNumber() & 0xffff);
  }

  /** TaPoS ref_block_prefix: id bytes 4..7 read little-endian. */
  public long refBlockPrefix() {
    return (bytes[4] & 0xffL) | ((bytes[5] & 0xffL) << 8) | ((bytes[6] & 0xffL) << 16) | ((bytes[7] & 0xffL) << 24);
  }

  public byte[] toBytes() {
    return bytes.clone();
  }

  public String toHex() {
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BlockId other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return toHex();
  }
}
