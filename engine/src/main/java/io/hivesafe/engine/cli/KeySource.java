package io.hivesafe.engine.cli;

import io.hivesafe.hive.HiveFormatException;
import io.hivesafe.hive.crypto.PrivateKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Where private keys come from: files or environment variables holding a WIF. Keys never come from
 * the command line itself (it shows in process listings) and are never printed in an error.
 */
final class KeySource {
  @Option(names = "--wif-file", paramLabel = "FILE", description = "a file holding one WIF private key (repeatable)")
  List<Path> files = new ArrayList<>();

  @Option(names = "--wif-env", paramLabel = "VAR", description = "an environment variable holding a WIF private key (repeatable)")
  List<String> variables = new ArrayList<>();

  List<PrivateKey> load(Map<String, String> env) {
    List<PrivateKey> keys = new ArrayList<>();
    for (Path file : files) {
      String text;
      try {
        text = Files.readString(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new CliFailure("cannot read key file " + file + ": " + e.getMessage());
      }
      keys.add(parse(text, "key file " + file));
    }
    for (String variable : variables) {
      String text = env.get(variable);
      if (text == null || text.isBlank()) {
        throw new CliFailure("environment variable " + variable + " is not set");
      }
      keys.add(parse(text, "environment variable " + variable));
    }
    if (keys.isEmpty()) {
      throw new CliFailure("no key given: use --wif-file FILE or --wif-env VAR");
    }
    return keys;
  }

  private static PrivateKey parse(String text, String where) {
    try {
      return PrivateKey.fromWif(text.trim());
    } catch (HiveFormatException e) {
      throw new CliFailure(where + " does not hold a valid WIF key: " + e.getMessage());
    }
  }
}
