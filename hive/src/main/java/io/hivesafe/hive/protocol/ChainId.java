package io.hivesafe.hive.protocol;

import io.hivesafe.hive.FixedBytes;

/** The 32-byte chain id that prefixes every signature digest. */
public final class ChainId extends FixedBytes {
  public static final ChainId MAINNET =
      fromHex("beeab0de00000000000000000000000000000000000000000000000000000000");
  public static final ChainId MIRRORNET =
      fromHex("4200000000000000000000000000000000000000000000000000000000000000");
  public static final ChainId TESTNET =
      fromHex("18dcf0a285365fc58b71f18b3d3fec954aa0c141c44e4e5cb4cf777b9eab274e");

  private ChainId(byte[] bytes) {
    super(bytes, 32, "chain id");
  }

  public static ChainId fromHex(String hex) {
    return new ChainId(parseHex(hex, 32, "chain id"));
  }
}
