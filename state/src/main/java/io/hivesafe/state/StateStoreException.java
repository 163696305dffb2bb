package io.hivesafe.state;

/**
 * The store cannot do what was asked: its directory is damaged, in use, or a write to disk failed. The
 * message names the file and what the operator should do. Distinct from bugs in the caller
 * ({@link IllegalStateException}, {@link IllegalArgumentException}).
 */
public class StateStoreException extends RuntimeException {
  public StateStoreException(String message) {
    super(message);
  }

  public StateStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
