package io.hivesafe.hive.protocol;

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

  public String wire(AssetSymbol symbol) {
    return switch (symbol) {
      case HIVE -> hiveWire;
      case HBD -> hbdWire;
      case VESTS -> "VESTS";
    };
  }
}
