package io.hivesafe.engine.cli;

import io.hivesafe.hive.HiveFormatException;
import io.hivesafe.hive.crypto.Secp256k1Signatures;
import io.hivesafe.hive.crypto.SignatureScheme;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code hivesafe} command line: the composition root of every subcommand. */
@Command(name = "hivesafe", mixinStandardHelpOptions = true, version = HivesafeCommand.VERSION,
    description = "Hivesafe: a node engine for Hive sidechains that hold a shared account by multi-signature.")
public final class HivesafeCommand {
  /** Exit code for bad input, bad usage or a failed operation. */
  public static final int EXIT_FAILURE = 2;
  /** The version the node reports and the API shows. */
  public static final String VERSION = "hivesafe 0.1.0";

  public static void main(String[] args) {
    System.exit(run(Console.system(), StopSignal.processSignals(), args));
  }

  static int run(Console console, String... args) {
    return run(console, StopSignal.processSignals(), args);
  }

  /** Runs a command; long-running ones ({@code devnet}) run until {@code stop} says so. */
  static int run(Console console, StopSignal stop, String... args) {
    SignatureScheme signatures = new Secp256k1Signatures();
    CommandLine root = new CommandLine(new HivesafeCommand());
    root.addSubcommand(new CommandLine(new TxCommands.Tx())
        .addSubcommand(new TxCommands.Serialize(console))
        .addSubcommand(new TxCommands.Sign(console, signatures))
        .addSubcommand(new TxCommands.Verify(console, signatures))
        .addSubcommand(new TxCommands.Validate(console)));
    root.addSubcommand(new CommandLine(new KeysCommands.Keys())
        .addSubcommand(new KeysCommands.Public(console))
        .addSubcommand(new KeysCommands.Derive(console))
        .addSubcommand(new KeysGenerate(console)));
    root.addSubcommand(new CommandLine(new StateCommands.Snapshot())
        .addSubcommand(new StateCommands.Export(console))
        .addSubcommand(new StateCommands.Import(console)));
    root.addSubcommand(new CommandLine(new StateCommands.State())
        .addSubcommand(new StateCommands.Info(console)));
    root.addSubcommand(new CommandLine(new DevnetCommand(console, stop)));
    root.addSubcommand(new CommandLine(new ReplayCommand(console, signatures)));
    root.addSubcommand(new CommandLine(new RunCommand(console, stop)));
    root.addSubcommand(new CommandLine(new InitCommand(console)));
    root.setOut(new java.io.PrintWriter(console.out(), true));
    root.setErr(new java.io.PrintWriter(console.err(), true));
    root.setExecutionExceptionHandler((e, cmd, parsed) -> {
      if (e instanceof CliFailure || e instanceof HiveFormatException) {
        console.err().println("error: " + JsonStdio.oneLine(e.getMessage()));
        return EXIT_FAILURE;
      }
      throw e;
    });
    root.setParameterExceptionHandler((e, params) -> {
      console.err().println("error: " + JsonStdio.oneLine(e.getMessage()));
      return EXIT_FAILURE;
    });
    return root.execute(args);
  }
}
