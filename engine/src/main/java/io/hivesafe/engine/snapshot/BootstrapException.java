package io.hivesafe.engine.snapshot;

/**
 * A snapshot bootstrap was refused or could not finish. The message says what failed and what the
 * operator can do; {@link #failure()} says which check it was. The data directory is left as it was
 * found (empty or absent), except for {@link Failure#DATA_DIR}, where it was not touched at all.
 */
public final class BootstrapException extends Exception {
  /** Which step refused the snapshot. */
  public enum Failure {
    /** The data directory is not empty (or not a directory): nothing was done. */
    DATA_DIR,
    /** The file does not exist, or the URL could not be downloaded. */
    SOURCE,
    /** The file is not an intact snapshot (truncated, damaged, bad checksum or digest, not a snapshot). */
    SNAPSHOT,
    /** The snapshot is not at a report block, so no digest of its block was ever reported on chain. */
    NOT_REPORT_BLOCK,
    /** The Hive API failed or answered something unusable. */
    API,
    /** The snapshot is of another network or another chain than the genesis and the API name. */
    NETWORK,
    /** The reports for the snapshot's block may still land: the chain's irreversible block is not past the window. */
    TOO_EARLY,
    /** The snapshot's digest is not the consensus the runners reported on chain. */
    NOT_CONSENSUS
  }

  private final Failure failure;

  BootstrapException(Failure failure, String message, Throwable cause) {
    super(message, cause);
    this.failure = failure;
  }

  public Failure failure() {
    return failure;
  }
}
