package io.hivesafe.hive;

/**
 * Input that is not a valid Hive value: a malformed key, asset, account name, operation, transaction,
 * block or binary encoding. Every parser and value constructor in this module throws this one type,
 * so callers can turn bad input into a rejection without catching unrelated runtime exceptions.
 */
public class HiveFormatException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public HiveFormatException(String message) {
    super(message);
  }

  public HiveFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
