package io.hivesafe.engine.source;

/**
 * The block input is broken beyond what retrying can mend: a replay file that cannot be read, a
 * malformed line, a gap or a block that does not link to the one before it. The message names the
 * file and line and what is wrong, for an operator; a replay stops on it.
 */
public final class BlockInputException extends Exception {
  private static final long serialVersionUID = 1L;

  public BlockInputException(String message) {
    super(message);
  }

  public BlockInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
