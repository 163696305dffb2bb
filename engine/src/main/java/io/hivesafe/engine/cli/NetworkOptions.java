package io.hivesafe.engine.cli;

import io.hivesafe.hive.protocol.AssetPacking;
import io.hivesafe.hive.protocol.ChainId;
import io.hivesafe.hive.protocol.SymbolNames;
import io.hivesafe.hive.protocol.WireFormat;
import picocli.CommandLine.Option;

/** Options that decide a transaction's digest: chain id, asset packing, symbol names. */
final class NetworkOptions {
  @Option(names = "--chain-id", paramLabel = "HEX", description = "chain id (default: Hive mainnet)")
  String chainId = ChainId.MAINNET.toHex();

  @Option(names = "--packing", paramLabel = "legacy|hf26",
      description = "asset packing for the bytes: legacy (dhive, hive-tx, beem) or hf26 (wax); default legacy")
  String packing = "legacy";

  @Option(names = "--symbols", paramLabel = "mainnet|testnet",
      description = "symbol names: mainnet (HIVE/HBD, STEEM/SBD on the wire) or testnet (TESTS/TBD); default mainnet")
  String symbols = "mainnet";

  ChainId chainId() {
    return ChainId.fromHex(chainId);
  }

  WireFormat wireFormat() {
    AssetPacking p = switch (packing) {
      case "legacy" -> AssetPacking.LEGACY;
      case "hf26" -> AssetPacking.HF26;
      default -> throw new CliFailure("--packing must be legacy or hf26, got '" + packing + "'");
    };
    return new WireFormat(p, symbolNames());
  }

  SymbolNames symbolNames() {
    return switch (symbols) {
      case "mainnet" -> SymbolNames.MAINNET;
      case "testnet" -> SymbolNames.TESTNET;
      default -> throw new CliFailure("--symbols must be mainnet or testnet, got '" + symbols + "'");
    };
  }
}
