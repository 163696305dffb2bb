package io.hivesafe.engine.doctor;

import io.hivesafe.engine.config.KeyRef;
import io.hivesafe.engine.config.NodeConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The key files may be read by their owner only (mode 0600 or stricter, the rule {@link KeyRef} enforces
 * when the node starts): one line per key. A key from an environment variable has no file to check.
 * Reads permissions, never the keys.
 */
final class KeyFileCheck {
  static final String NAME = "key files";

  private KeyFileCheck() {}

  static List<Finding> check(NodeConfig config) {
    if (config.account().isEmpty()) {
      return List.of(Finding.ok(NAME, "none: a follower (no account) holds no keys"));
    }
    List<Finding> out = new ArrayList<>();
    for (Optional<KeyRef> ref : List.of(config.activeKey(), config.multisigKey())) {
      KeyRef key = ref.orElseThrow();
      if (key.file() == null) {
        out.add(Finding.ok(NAME, key.field() + " comes from the environment variable " + key.env()
            + " (no file to check; keep it out of files others can read, such as a world-readable unit file)"));
        continue;
      }
      Optional<String> problem = key.fileProblem();
      if (problem.isPresent()) {
        out.add(Finding.fail(NAME, problem.get(), "anyone who can read the key can sign with it"));
      } else {
        out.add(Finding.ok(NAME, key.field() + ".file " + key.file() + " is readable by its owner only (" + mode(key) + ")"));
      }
    }
    return out;
  }

  private static String mode(KeyRef key) {
    try {
      return PosixFilePermissions.toString(Files.getPosixFilePermissions(key.file()));
    } catch (IOException e) {
      return "permissions unreadable now";
    }
  }
}
