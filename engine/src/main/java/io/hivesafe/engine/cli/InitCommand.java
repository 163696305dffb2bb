package io.hivesafe.engine.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hivesafe init --dir DIR}: writes a commented example node config ({@code hivesafe.json}) and an
 * example network genesis ({@code genesis.json}) to start from. Never overwrites a file.
 */
@Command(name = "init", mixinStandardHelpOptions = true,
    description = "Write a commented example node config (hivesafe.json) and genesis (genesis.json) into a directory.")
final class InitCommand implements Callable<Integer> {
  static final List<String> FILES = List.of("hivesafe.json", "genesis.json");
  private final Console console;

  @Option(names = "--dir", defaultValue = ".", paramLabel = "DIR", description = "where to write them (default: here)")
  Path dir;

  InitCommand(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() throws IOException {
    for (String name : FILES) {
      if (Files.exists(dir.resolve(name))) {
        throw new CliFailure(dir.resolve(name) + " exists: init never overwrites a file");
      }
    }
    Files.createDirectories(dir);
    for (String name : FILES) {
      try (InputStream in = InitCommand.class.getResourceAsStream("/init/" + name)) {
        Files.write(dir.resolve(name), in.readAllBytes(), StandardOpenOption.CREATE_NEW);
      } catch (FileAlreadyExistsException e) {
        throw new CliFailure(dir.resolve(name) + " exists: init never overwrites a file", e);
      }
      console.out().println("wrote " + dir.resolve(name));
    }
    console.out().println("next: edit both, make the keys (hivesafe keys generate --help), then hivesafe run --config "
        + dir.resolve("hivesafe.json"));
    return 0;
  }
}
