package io.hivesafe.engine.config;

import io.hivesafe.hive.HiveFormatException;
import io.hivesafe.hive.crypto.PrivateKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Where one private key comes from: a file (readable by its owner only) or an environment variable,
 * holding a WIF. The key itself is read only by {@link #load}, never kept in the config, never printed:
 * {@link #toString} names the source, not the key.
 *
 * @param field the config field, for errors ({@code keys.active})
 * @param file the key file, or null
 * @param env the environment variable, or null
 */
public record KeyRef(String field, Path file, String env) {
  private static final Set<PosixFilePermission> GROUP_OR_OTHER = Set.of(PosixFilePermission.GROUP_READ,
      PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
      PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

  public KeyRef {
    Objects.requireNonNull(field, "field");
    if ((file == null) == (env == null)) {
      throw new IllegalArgumentException(field + " must name exactly one of \"file\" or \"env\"");
    }
    if (env != null && !env.matches("[A-Za-z_][A-Za-z0-9_]{0,127}")) {
      throw new IllegalArgumentException(field + ".env is not an environment variable name: " + env);
    }
  }

  public static KeyRef ofFile(String field, Path file) {
    return new KeyRef(field, file, null);
  }

  public static KeyRef ofEnv(String field, String env) {
    return new KeyRef(field, null, env);
  }

  /** Reads the key; every failure names the field and the source, never the key's text. */
  public PrivateKey load(Map<String, String> environment) {
    String text;
    String where;
    if (file != null) {
      where = field + ".file " + file;
      Optional<String> problem = fileProblem();
      if (problem.isPresent()) {
        throw new IllegalArgumentException(problem.get());
      }
      try {
        text = Files.readString(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new IllegalArgumentException(where + " cannot be read: " + e.getClass().getSimpleName());
      }
    } else {
      where = field + ".env " + env;
      text = environment.get(env);
      if (text == null || text.isBlank()) {
        throw new IllegalArgumentException(where + " is not set");
      }
    }
    try {
      return PrivateKey.fromWif(text.trim());
    } catch (HiveFormatException e) {
      throw new IllegalArgumentException(where + " does not hold a valid WIF private key");
    }
  }

  /**
   * Why the key file may not be used, naming the field and the way out: the group or others may access it
   * (the rule is mode 0600 or stricter), the file system has no POSIX permissions, or they cannot be read.
   * Empty when it may be used, and for a key from the environment. Reads the permissions, not the key.
   */
  public Optional<String> fileProblem() {
    if (file == null) {
      return Optional.empty();
    }
    String where = field + ".file " + file;
    try {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
      if (perms.stream().anyMatch(GROUP_OR_OTHER::contains)) {
        return Optional.of(where + " is readable by others (" + PosixFilePermissions.toString(perms)
            + "): make it 0600 (chmod 600 " + file + ")");
      }
      return Optional.empty();
    } catch (UnsupportedOperationException e) {
      return Optional.of(where + ": this file system has no POSIX permissions to check; use \"env\"");
    } catch (IOException e) {
      return Optional.of(where + " cannot be read: " + e.getClass().getSimpleName());
    }
  }

  @Override
  public String toString() {
    return file != null ? "file " + file : "environment variable " + env;
  }
}
