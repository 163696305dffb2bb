package io.hivesafe.state;

import java.nio.file.Path;

/** A snapshot file was refused or could not be written; nothing was changed. */
public final class SnapshotException extends StateStoreException {
  public SnapshotException(Path file, String problem) {
    super("snapshot " + file + ": " + problem);
  }

  public SnapshotException(Path file, String problem, Throwable cause) {
    super("snapshot " + file + ": " + problem, cause);
  }
}
