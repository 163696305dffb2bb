package io.hivesafe.engine.cli;

/** A user-facing failure: printed as one line on stderr, exit code 2, nothing on stdout. */
final class CliFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  CliFailure(String message) {
    super(message);
  }

  CliFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
