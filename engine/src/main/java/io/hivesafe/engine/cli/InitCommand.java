package io.hivesafe.engine.cli;

import io.hivesafe.devnet.DevnetKeys;
import io.hivesafe.devnet.GenesisFile;
import io.hivesafe.ops.NetworkGenesis;
import io.hivesafe.ops.NetworkGenesisFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hivesafe init --dir DIR}: writes a commented example node config ({@code hivesafe.json}) and an
 * example network genesis ({@code genesis.json}) to start from. With {@code --devnet}, a rehearsal on
 * the devnet: the config points at a local devnet, the network genesis is {@code --genesis} (the
 * founders' assembled one) or else the example moved onto the devnet's chain id, and a third file,
 * {@code devnet-genesis.json}, is the matching devnet genesis ({@link RehearsalGenesis}) for
 * {@code hivesafe devnet --genesis}. Never overwrites a file; checks everything before writing any.
 */
@Command(name = "init", mixinStandardHelpOptions = true,
    description = "Write a commented example node config (hivesafe.json) and genesis (genesis.json) into a directory;"
        + " with --devnet also a matching devnet genesis (devnet-genesis.json) for a rehearsal.")
final class InitCommand implements Callable<Integer> {
  static final List<String> FILES = List.of("hivesafe.json", "genesis.json");
  static final String DEVNET_GENESIS = "devnet-genesis.json";
  static final long EXAMPLE_START_BLOCK = 100;
  private final Console console;

  @Option(names = "--dir", defaultValue = ".", paramLabel = "DIR", description = "where to write them (default: here)")
  Path dir;

  @Option(names = "--devnet", description = "a rehearsal on the devnet: a config for a local devnet and a devnet genesis matching the network's")
  boolean devnet;

  @Option(names = "--genesis", paramLabel = "FILE", description = "with --devnet: the network genesis to rehearse (genesis assemble wrote it)")
  Path genesis;

  InitCommand(Console console) {
    this.console = console;
  }

  /** The key files' directory the example configs name, made (0700) beside them when absent. */
  static final String KEYS = "keys";

  @Override
  public Integer call() throws IOException {
    if (genesis != null && !devnet) {
      throw new CliFailure("--genesis goes with --devnet: init without it writes the example genesis to edit");
    }
    Map<String, byte[]> files = new LinkedHashMap<>();
    if (devnet) {
      files.put("hivesafe.json", resource("hivesafe-devnet.json"));
      NetworkGenesis network = genesis != null ? GenesisOptions.read(genesis, "--genesis") : exampleOnDevnet();
      byte[] devnetGenesis = GenesisFile.write(RehearsalGenesis.of(network));
      files.put("genesis.json", NetworkGenesisFile.write(network));
      files.put(DEVNET_GENESIS, devnetGenesis);
    } else {
      for (String name : FILES) {
        files.put(name, resource(name));
      }
    }
    for (String name : files.keySet()) {
      if (Files.exists(dir.resolve(name))) {
        throw new CliFailure(dir.resolve(name) + " exists: init never overwrites a file");
      }
    }
    Files.createDirectories(dir);
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      Path target = dir.resolve(file.getKey());
      try {
        Files.write(target, file.getValue(), StandardOpenOption.CREATE_NEW);
      } catch (FileAlreadyExistsException e) {
        throw new CliFailure(target + " exists: init never overwrites a file", e);
      }
      console.out().println("wrote " + target);
    }
    Path keys = dir.resolve(KEYS);
    if (!Files.exists(keys, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      // the config's keys live here: readable by the node's user only, as the node requires of its key files
      Files.createDirectory(keys, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
          java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
      console.out().println("made " + keys + " (mode 0700) for the key files");
    }
    if (devnet) {
      console.out().println("next: hivesafe devnet --port 8090 --genesis " + dir.resolve(DEVNET_GENESIS)
          + ", hand the multisig account over (hivesafe genesis handover --genesis " + dir.resolve("genesis.json")
          + " --api http://127.0.0.1:8090), then hivesafe run --config " + dir.resolve("hivesafe.json") + " (docs/operator.md)");
    } else {
      console.out().println("next: edit both; hivesafe keys generate --genesis " + dir.resolve("genesis.json")
          + " --account <your account> --out " + keys.resolve("multisig.wif") + "; put the account's active key in "
          + keys.resolve("active.wif") + " (mode 0600); hivesafe doctor --config " + dir.resolve("hivesafe.json")
          + "; then hivesafe run --config " + dir.resolve("hivesafe.json") + " (docs/operator.md)");
    }
    return 0;
  }

  /**
   * The example genesis on the devnet's chain id, starting at block {@value #EXAMPLE_START_BLOCK}: five
   * minutes of 3-second blocks to hand the multisig account over first.
   */
  private static NetworkGenesis exampleOnDevnet() throws IOException {
    NetworkGenesis g = NetworkGenesisFile.parse(resource("genesis.json"));
    return new NetworkGenesis(g.network(), DevnetKeys.CHAIN_ID, g.prefix(), g.multisigAccount(), EXAMPLE_START_BLOCK, g.tokenSymbol(),
        g.tokenPrecision(),
        g.tallyInterval(), g.reportOffset(), g.params(), g.allocations(), g.treasuryHive(), g.treasuryHbd(), g.nodes(), g.owner(),
        g.active(), g.recoveryAccount(), g.custody());
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = InitCommand.class.getResourceAsStream("/init/" + name)) {
      return in.readAllBytes();
    }
  }
}
