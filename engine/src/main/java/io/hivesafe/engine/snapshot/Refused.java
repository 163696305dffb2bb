package io.hivesafe.engine.snapshot;

/** A step of the bootstrap refused; {@link SnapshotBootstrap} turns it into a {@link BootstrapException} naming the source. */
final class Refused extends Exception {
  final BootstrapException.Failure failure;

  Refused(BootstrapException.Failure failure, String detail) {
    this(failure, detail, null);
  }

  Refused(BootstrapException.Failure failure, String detail, Throwable cause) {
    super(detail, cause);
    this.failure = failure;
  }
}
