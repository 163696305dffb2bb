package io.hivesafe.engine.cli;

import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.protocol.ChainId;
import io.hivesafe.ops.NetworkGenesis;
import io.hivesafe.ops.NetworkGenesisFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a network's genesis file, and the options that name a network before its genesis exists (chain id,
 * prefix, network name, multisig account), into one-line errors.
 */
final class GenesisOptions {
  private GenesisOptions() {}

  static ChainId chainId(String hex) {
    try {
      return ChainId.fromHex(hex);
    } catch (IllegalArgumentException e) {
      throw new CliFailure("--chain-id must be 64 hex digits (the Hive chain's id), got '" + hex + "'", e);
    }
  }

  /** A network genesis file, read and checked; {@code option} names it in the error. */
  static NetworkGenesis read(Path file, String option) {
    try {
      return NetworkGenesisFile.parse(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new CliFailure("cannot read " + option + " " + file + ": " + e.getClass().getSimpleName(), e);
    } catch (IllegalArgumentException e) {
      throw new CliFailure(option + " " + file + ": " + e.getMessage(), e);
    }
  }

  static String network(String network) {
    try {
      return NetworkGenesis.checkNetwork(network);
    } catch (IllegalArgumentException e) {
      throw new CliFailure("--network: " + e.getMessage() + ", got '" + network + "'", e);
    }
  }

  static AccountName multisigAccount(String name) {
    try {
      return AccountName.of(name);
    } catch (IllegalArgumentException e) {
      throw new CliFailure("--multisig-account is not a valid Hive account name: " + name, e);
    }
  }

  static String prefix(String prefix) {
    try {
      return NetworkGenesis.checkPrefix(prefix);
    } catch (IllegalArgumentException e) {
      throw new CliFailure("--prefix: " + e.getMessage() + ", got '" + prefix + "'", e);
    }
  }
}
