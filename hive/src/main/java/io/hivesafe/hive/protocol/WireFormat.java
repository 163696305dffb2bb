package io.hivesafe.hive.protocol;

import java.util.Objects;

/** Everything that changes a transaction's bytes besides its content: asset packing and symbol names. */
public record WireFormat(AssetPacking packing, SymbolNames names) {
  /** Legacy packing with mainnet names (STEEM/SBD bytes): what Hive mainnet clients sign. */
  public static final WireFormat MAINNET = new WireFormat(AssetPacking.LEGACY, SymbolNames.MAINNET);
  /** Legacy packing with a hived testnet build's names (TESTS/TBD bytes). */
  public static final WireFormat TESTNET = new WireFormat(AssetPacking.LEGACY, SymbolNames.TESTNET);
  /** HF26 packing (asset numbers; names do not reach the bytes). */
  public static final WireFormat HF26 = new WireFormat(AssetPacking.HF26, SymbolNames.MAINNET);

  public WireFormat {
    Objects.requireNonNull(packing, "packing");
    Objects.requireNonNull(names, "names");
  }
}
