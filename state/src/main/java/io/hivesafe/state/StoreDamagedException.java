package io.hivesafe.state;

import java.nio.file.Path;

/** The store on disk is not a complete, consistent store; the node must not start from it. */
public final class StoreDamagedException extends StateStoreException {
  public static final String RESTORE_ADVICE =
      "restore it from a snapshot: move the directory aside, then run hivesafe snapshot import --file SNAPSHOT --data DIR --expect-digest HEX";

  private final Path file;

  public StoreDamagedException(Path file, String problem, Throwable cause) {
    super("state store " + file + " is damaged: " + problem + "; " + RESTORE_ADVICE, cause);
    this.file = file;
  }

  public StoreDamagedException(Path file, String problem) {
    this(file, problem, null);
  }

  public Path file() {
    return file;
  }
}
