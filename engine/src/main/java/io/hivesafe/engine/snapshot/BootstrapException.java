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
    NOT_CONSENSUS,
    /**
     * The snapshot's record of the multisig account's authority is not the account's authority on chain
     * now (a rotation since, or a forgery), or that authority needs no signature.
     */
    AUTHORITY,
    /** Too little of the multisig account's active authority vouched for the digest: proven node keys below the threshold. */
    NOT_VOUCHED,
    /** The operator gave the digest to expect ({@code --expect-digest}) and the snapshot's is another. */
    UNEXPECTED_DIGEST
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
