package io.hivesafe.engine.cli;

import io.hivesafe.hive.HiveFormatException;
import io.hivesafe.hive.crypto.Secp256k1Signatures;
import io.hivesafe.hive.crypto.SignatureScheme;
import picocli.CommandLine;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/** The {@code hivesafe} command line: the composition root of every subcommand. */
@Command(name = "hivesafe", mixinStandardHelpOptions = true, version = HivesafeCommand.VERSION,
    description = "Hivesafe: a node engine for Hive sidechains that hold a shared account by multi-signature.")
public final class HivesafeCommand {
  /** Exit code for bad input, bad usage or a failed operation. */
  public static final int EXIT_FAILURE = 2;
  /** The version the node reports and the API shows. */
  public static final String VERSION = "hivesafe 0.1.0";

  /** The environment variable (or system property) that picks the log format: {@code text} or {@code json}. */
  public static final String LOG_FORMAT = "HIVESAFE_LOG_FORMAT";

  public static void main(String[] args) {
    String format = System.getProperty(LOG_FORMAT, System.getenv().getOrDefault(LOG_FORMAT, "text"));
    if (!format.equals("text") && !format.equals("json")) {
      System.err.println("error: " + LOG_FORMAT + " must be text or json, got '" + JsonStdio.oneLine(format) + "'");
      System.exit(EXIT_FAILURE);
    }
    System.exit(run(Console.system(), StopSignal.processSignals(), args));
  }

  static int run(Console console, String... args) {
    return run(console, StopSignal.processSignals(), args);
  }

  /** Runs a command; long-running ones ({@code devnet}) run until {@code stop} says so. */
  static int run(Console console, StopSignal stop, String... args) {
    return execute(commands(console, stop), console, args);
  }

  /** Every command of the node's command line, wired to {@code console}. */
  static CommandLine commands(Console console, StopSignal stop) {
    SignatureScheme signatures = new Secp256k1Signatures();
    CommandLine root = new CommandLine(new HivesafeCommand());
    root.addSubcommand(new CommandLine(new TxCommands.Tx())
        .addSubcommand(new TxCommands.Serialize(console))
        .addSubcommand(new TxCommands.Sign(console, signatures))
        .addSubcommand(new TxCommands.Verify(console, signatures))
        .addSubcommand(new TxCommands.Validate(console))
        .addSubcommand(new TxChainCommands.Prepare(console))
        .addSubcommand(new TxChainCommands.Broadcast(console)));
    root.addSubcommand(new CommandLine(new KeysCommands.Keys())
        .addSubcommand(new KeysCommands.Public(console))
        .addSubcommand(new KeysCommands.Derive(console))
        .addSubcommand(new KeysGenerate(console)));
    root.addSubcommand(new CommandLine(new GenesisCommand())
        .addSubcommand(new GenesisAssemble(console))
        .addSubcommand(new GenesisVerify(console))
        .addSubcommand(new GenesisHandover(console)));
    root.addSubcommand(new CommandLine(new StateCommands.Snapshot())
        .addSubcommand(new StateCommands.Export(console))
        .addSubcommand(new StateCommands.Import(console)));
    root.addSubcommand(new CommandLine(new StateCommands.State())
        .addSubcommand(new StateCommands.Info(console)));
    root.addSubcommand(new CommandLine(new DevnetCommand(console, stop))
        .addSubcommand(new DevnetAdminCommand(console)));
    root.addSubcommand(new CommandLine(new ReplayCommand(console, signatures)));
    root.addSubcommand(new CommandLine(new RunCommand(console, stop)));
    root.addSubcommand(new CommandLine(new InitCommand(console)));
    root.addSubcommand(new CommandLine(new DoctorCommand(console)));
    return root;
  }

  /**
   * Runs {@code args} on {@code root}: bad usage and a command's refusal ({@link CliFailure}) are one
   * {@code error:} line and exit 2; anything else a command throws is a bug — its stack trace and an
   * {@code error: internal error} line, and exit 2 too, never picocli's 1 (which {@code doctor} uses for
   * "warnings only": a bug must not read as "safe to run").
   */
  static int execute(CommandLine root, Console console, String... args) {
    root.setOut(new java.io.PrintWriter(console.out(), true));
    root.setErr(new java.io.PrintWriter(console.err(), true));
    root.setExecutionExceptionHandler((e, cmd, parsed) -> {
      if (e instanceof CliFailure || e instanceof HiveFormatException) {
        console.err().println("error: " + JsonStdio.oneLine(e.getMessage()));
        return EXIT_FAILURE;
      }
      e.printStackTrace(console.err());
      console.err().println("error: internal error in hivesafe " + cmd.getCommandSpec().qualifiedName(" ").replaceFirst("^hivesafe ?", "")
          + ": " + e.getClass().getName() + ": " + JsonStdio.oneLine(String.valueOf(e.getMessage()))
          + " (a bug: please report it with the stack trace above)");
      return EXIT_FAILURE;
    });
    root.setParameterExceptionHandler((e, params) -> {
      console.err().println("error: " + JsonStdio.oneLine(unknownCommand(e).orElse(e.getMessage())));
      return EXIT_FAILURE;
    });
    root.setExecutionStrategy(HivesafeCommand::execute);
    try {
      return root.execute(args);
    } catch (Error e) {
      // picocli hands only Exceptions to the handler above; an Error (a broken install's
      // NoClassDefFoundError, an ExceptionInInitializerError) would end the JVM with status 1
      e.printStackTrace(console.err());
      console.err().println("error: internal error: " + e.getClass().getName() + ": " + JsonStdio.oneLine(String.valueOf(e.getMessage()))
          + " (a bug or a broken installation: please report it with the stack trace above)");
      return EXIT_FAILURE;
    }
  }

  /**
   * Runs what was parsed, but refuses words that are no command even when {@code --help} came with
   * them (picocli would print the help and exit 0 for {@code hivesafe doctr --help}); {@code hivesafe}
   * alone prints the help.
   */
  private static int execute(ParseResult parsed) {
    for (ParseResult level = parsed; level != null; level = level.subcommand()) {
      if (!level.unmatched().isEmpty()) {
        throw new UnmatchedArgumentException(level.commandSpec().commandLine(), level.unmatched());
      }
    }
    if (!parsed.hasSubcommand() && !parsed.isUsageHelpRequested() && !parsed.isVersionHelpRequested()) {
      parsed.commandSpec().commandLine().usage(parsed.commandSpec().commandLine().getOut());
      return 0;
    }
    return new CommandLine.RunLast().execute(parsed);
  }

  /** For a word that is no command: what it is, the nearest commands, and where the list is. */
  private static Optional<String> unknownCommand(ParameterException e) {
    if (!(e instanceof UnmatchedArgumentException unmatched) || unmatched.getUnmatched().isEmpty()) {
      return Optional.empty();
    }
    String word = unmatched.getUnmatched().get(0);
    if (word.startsWith("-")) {
      return Optional.empty();
    }
    String where = e.getCommandLine().getCommandSpec().qualifiedName();
    List<String> near = unmatched.getSuggestions();
    return Optional.of("'" + word + "' is not a command of " + where
        + (near.isEmpty() ? "" : ": did you mean " + String.join(" or ", near.stream().map(n -> where + " " + n).toList()) + "?")
        + " (" + where + " --help lists the commands)");
  }
}
