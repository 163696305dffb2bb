package io.hivesafe.engine.cli;

import io.hivesafe.hive.HiveFormatException;
import io.hivesafe.hive.crypto.PrivateKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * {@code --active-wif-file FILE} or {@code --active-wif-env VAR}: an account's active private key (WIF),
 * for the account signature on a founder's card. As for {@link KeySource}, never from the command line
 * itself and never printed in an error; a file must be readable by its owner only (mode 0600 or
 * stricter), the rule the node applies to its key files.
 */
final class ActiveKeyOption {
  private static final Set<PosixFilePermission> GROUP_OR_OTHER = Set.of(PosixFilePermission.GROUP_READ,
      PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
      PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

  @Option(names = "--active-wif-file", paramLabel = "FILE", description = "a file (mode 0600) holding the account's active key (WIF)")
  Path file;

  @Option(names = "--active-wif-env", paramLabel = "VAR", description = "an environment variable holding the account's active key (WIF)")
  String variable;

  boolean given() {
    return file != null || variable != null;
  }

  /** The key; every failure is one line naming the option and the source, never the key's text. */
  PrivateKey load(Map<String, String> env) {
    if ((file == null) == (variable == null)) {
      throw new CliFailure("give the account's active key with one of --active-wif-file FILE or --active-wif-env VAR");
    }
    String text;
    String where;
    if (file != null) {
      where = "--active-wif-file " + file;
      try {
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
        if (perms.stream().anyMatch(GROUP_OR_OTHER::contains)) {
          throw new CliFailure(where + " is readable by others (" + PosixFilePermissions.toString(perms) + "): make it 0600 (chmod 600 "
              + file + ")");
        }
        text = Files.readString(file, StandardCharsets.UTF_8);
      } catch (UnsupportedOperationException e) {
        throw new CliFailure(where + ": this file system has no POSIX permissions to check; use --active-wif-env", e);
      } catch (IOException e) {
        throw new CliFailure(where + " cannot be read: " + e.getClass().getSimpleName(), e);
      }
    } else {
      where = "--active-wif-env " + variable;
      text = env.get(variable);
      if (text == null || text.isBlank()) {
        throw new CliFailure(where + " is not set");
      }
    }
    try {
      return PrivateKey.fromWif(text.trim());
    } catch (HiveFormatException e) {
      throw new CliFailure(where + " does not hold a valid WIF private key");
    }
  }
}
