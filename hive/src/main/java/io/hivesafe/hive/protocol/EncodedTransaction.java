package io.hivesafe.hive.protocol;

import io.hivesafe.hive.crypto.Hashes;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A transaction's unsigned bytes in one wire format, encoded once, with the id and signature digest
 * derived from them: what a signer or a CLI needs together without serializing three times.
 */
public final class EncodedTransaction {
  private final byte[] bytes;

  EncodedTransaction(byte[] bytes) {
    this.bytes = bytes;
  }

  public byte[] toBytes() {
    return bytes.clone();
  }

  public String toHex() {
    return HexFormat.of().formatHex(bytes);
  }

  /** SHA-256(chain id ‖ unsigned bytes): what every signature signs. */
  public byte[] digest(ChainId chainId) {
    return Hashes.sha256(chainId.toBytes(), bytes);
  }

  /** First 20 bytes of SHA-256(unsigned bytes). */
  public TransactionId id() {
    return TransactionId.fromBytes(Arrays.copyOf(Hashes.sha256(bytes), 20));
  }
}
