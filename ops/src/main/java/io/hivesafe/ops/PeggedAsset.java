package io.hivesafe.ops;

import io.hivesafe.hive.protocol.AssetSymbol;

/** The Hive assets the multisig account holds for users: HIVE and HBD, 3 decimals each. */
public enum PeggedAsset {
  HIVE,
  HBD;

  /** The pegged asset of a Hive asset symbol, or null for VESTS. */
  public static PeggedAsset of(AssetSymbol symbol) {
    switch (symbol) {
      case HIVE:
        return HIVE;
      case HBD:
        return HBD;
      default:
        return null;
    }
  }

  /** Parses "HIVE" or "HBD" (the testnet's TESTS and TBD too); null for anything else. */
  public static PeggedAsset parse(String text) {
    switch (text) {
      case "HIVE":
      case "TESTS":
        return HIVE;
      case "HBD":
      case "TBD":
        return HBD;
      default:
        return null;
    }
  }

  public AssetSymbol symbol() {
    return this == HIVE ? AssetSymbol.HIVE : AssetSymbol.HBD;
  }
}
