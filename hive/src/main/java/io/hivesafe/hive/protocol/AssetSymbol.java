package io.hivesafe.hive.protocol;

import io.hivesafe.hive.HiveFormatException;

/** The three native Hive assets, with their fixed precision, NAI and HF26 asset number. */
public enum AssetSymbol {
  HIVE(3, "@@000000021", 0xbebc2023L),
  HBD(3, "@@000000013", 0xbebc2003L),
  VESTS(6, "@@000000037", 0xbebc2046L);

  private final int precision;
  private final String nai;
  private final long assetNumber;

  AssetSymbol(int precision, String nai, long assetNumber) {
    this.precision = precision;
    this.nai = nai;
    this.assetNumber = assetNumber;
  }

  public int precision() {
    return precision;
  }

  public String nai() {
    return nai;
  }

  /** The u32 written in HF26 binary packing. */
  public long assetNumber() {
    return assetNumber;
  }

  public static AssetSymbol fromNai(String nai) {
    for (AssetSymbol symbol : values()) {
      if (symbol.nai.equals(nai)) {
        return symbol;
      }
    }
    throw new HiveFormatException("unknown asset NAI '" + nai + "'");
  }

  public static AssetSymbol fromAssetNumber(long number) {
    for (AssetSymbol symbol : values()) {
      if (symbol.assetNumber == number) {
        return symbol;
      }
    }
    throw new HiveFormatException(String.format("unknown HF26 asset number 0x%08x", number));
  }

  /**
   * The symbol a legacy name stands for. Hive's own names (HIVE, HBD), the Steem-era names still used
   * on the wire (STEEM, SBD) and hived testnet's (TESTS, TBD) are all accepted.
   */
  public static AssetSymbol fromLegacyName(String name) {
    return switch (name) {
      case "HIVE", "STEEM", "TESTS" -> HIVE;
      case "HBD", "SBD", "TBD" -> HBD;
      case "VESTS" -> VESTS;
      default -> throw new HiveFormatException("unknown asset symbol '" + name + "'");
    };
  }
}
