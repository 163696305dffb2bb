package io.hivesafe.hive.protocol;

import io.hivesafe.hive.HiveFormatException;

/**
 * How asset symbols are spelled in legacy JSON and in legacy binary packing. Mainnet writes HIVE/HBD in
 * JSON but keeps the Steem-era STEEM/SBD bytes on the wire; a hived testnet build spells both TESTS/TBD.
 */
public enum SymbolNames {
  MAINNET("HIVE", "HBD", "STEEM", "SBD"),
  TESTNET("TESTS", "TBD", "TESTS", "TBD");

  private final String hiveJson;
  private final String hbdJson;
  private final String hiveWire;
  private final String hbdWire;

  SymbolNames(String hiveJson, String hbdJson, String hiveWire, String hbdWire) {
    this.hiveJson = hiveJson;
    this.hbdJson = hbdJson;
    this.hiveWire = hiveWire;
    this.hbdWire = hbdWire;
  }

  public String json(AssetSymbol symbol) {
    return switch (symbol) {
      case HIVE -> hiveJson;
      case HBD -> hbdJson;
      case VESTS -> "VESTS";
    };
  }

  /**
   * The symbol a legacy name stands for on this network, as hived's legacy_asset::from_string reads it
   * (libraries/protocol/asset.cpp string_to_asset_num): on mainnet HIVE or its Steem-era twin STEEM, HBD or
   * SBD, and VESTS; a testnet build knows only TESTS, TBD and VESTS.
   */
  public AssetSymbol legacySymbol(String name) {
    if (name.equals("VESTS")) {
      return AssetSymbol.VESTS;
    }
    if (name.equals(hiveJson) || name.equals(hiveWire)) {
      return AssetSymbol.HIVE;
    }
    if (name.equals(hbdJson) || name.equals(hbdWire)) {
      return AssetSymbol.HBD;
    }
    throw new HiveFormatException("unknown asset symbol '" + name + "' on " + name().toLowerCase(java.util.Locale.ROOT)
        + " (hived reads " + hiveJson + (hiveWire.equals(hiveJson) ? "" : "/" + hiveWire) + ", " + hbdJson
        + (hbdWire.equals(hbdJson) ? "" : "/" + hbdWire) + ", VESTS)");
  }

  public String wire(AssetSymbol symbol) {
    return switch (symbol) {
      case HIVE -> hiveWire;
      case HBD -> hbdWire;
      case VESTS -> "VESTS";
    };
  }
}
