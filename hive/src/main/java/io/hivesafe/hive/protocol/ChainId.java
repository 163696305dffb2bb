package io.hivesafe.hive.protocol;

import io.hivesafe.hive.HiveFormatException;
import java.util.Arrays;
import java.util.HexFormat;

/** The 32-byte chain id that prefixes every signature digest. */
public final class ChainId {
  public static final ChainId MAINNET =
      fromHex("beeab0de00000000000000000000000000000000000000000000000000000000");
  public static final ChainId MIRRORNET =
      fromHex("4200000000000000000000000000000000000000000000000000000000000000");
  public static final ChainId TESTNET =
      fromHex("18dcf0a285365fc58b71f18b3d3fec954aa0c141c44e4e5cb4cf777b9eab274e");

  private final byte[] bytes;

  private ChainId(byte[] bytes) {
    this.bytes = bytes;
  }

  public static ChainId fromHex(String hex) {
    if (hex.length() != 64) {
      throw new HiveFormatException("chain id must be 64 hex characters, got " + hex.length());
    }
    try {
      return new ChainId(HexFormat.of().parseHex(hex));
    } catch (IllegalArgumentException e) {
      throw new HiveFormatException("chain id is not hex: " + hex, e);
    }
  }

  public byte[] toBytes() {
    return bytes.clone();
  }

  public String toHex() {
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ChainId other && Arrays.equals(bytes, other.bytes);
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
