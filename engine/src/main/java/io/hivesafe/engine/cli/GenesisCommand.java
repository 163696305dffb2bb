package io.hivesafe.engine.cli;

import picocli.CommandLine.Command;

/** {@code hivesafe genesis assemble|verify|handover}: founding a network (docs/operator.md, "Founding a network"). */
@Command(name = "genesis", mixinStandardHelpOptions = true,
    description = "Found a network: assemble its genesis from the founders' cards, verify it against them, hand the multisig account over to their keys.")
final class GenesisCommand {}
