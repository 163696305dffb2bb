package io.hivesafe.hive.protocol;

import io.hivesafe.hive.FixedBytes;

/** A transaction id: the first 20 bytes of SHA-256 of the unsigned transaction bytes. */
public final class TransactionId extends FixedBytes {
  private TransactionId(byte[] bytes) {
    super(bytes, 20, "transaction id");
  }

  public static TransactionId fromBytes(byte[] bytes) {
    return new TransactionId(bytes);
  }

  public static TransactionId fromHex(String hex) {
    return new TransactionId(parseHex(hex, 20, "transaction id"));
  }
}
