package io.hivesafe.hive.crypto;

import java.util.Optional;

/**
 * Signing and recovery over 32-byte digests. Implementations never throw on hostile signature bytes:
 * recovery of anything malformed is empty.
 */
public interface SignatureScheme {
  /** A deterministic signature that is low-S and fc-canonical, header 31 + recovery id. */
  CompactSignature sign(PrivateKey key, byte[] digest32);

  /** The public key that produced {@code signature} over {@code digest32}, or empty. */
  Optional<PublicKey> recover(CompactSignature signature, byte[] digest32);

  /** Whether {@code signature} over {@code digest32} recovers to {@code expected}. */
  default boolean verify(CompactSignature signature, byte[] digest32, PublicKey expected) {
    return recover(signature, digest32).filter(expected::equals).isPresent();
  }
}
