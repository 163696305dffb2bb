package io.hivesafe.devnet;

import io.hivesafe.hive.crypto.CompactSignature;
import io.hivesafe.hive.crypto.PrivateKey;
import io.hivesafe.hive.crypto.PublicKey;
import io.hivesafe.hive.crypto.SignatureScheme;
import io.hivesafe.hive.protocol.Block;
import io.hivesafe.hive.protocol.BlockId;
import io.hivesafe.hive.protocol.BlockTransaction;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * A block the devnet produced, with the header fields hived's APIs show besides the {@link Block} a
 * client reads: the transaction merkle root (hived's legacy_calculate_merkle_root), and the witness's
 * signing key and signature over the header digest. The signature is made the first time it is asked for
 * (see {@link BlockHeaders}); it is deterministic, so when it is made does not matter.
 */
public final class ProducedBlock {
  private final Block block;
  private final byte[] merkleRoot;
  private final byte[] headerDigest;
  private final PrivateKey witnessKey;
  private final SignatureScheme scheme;
  private volatile CompactSignature witnessSignature;

  ProducedBlock(Block block, byte[] merkleRoot, byte[] headerDigest, PrivateKey witnessKey, SignatureScheme scheme) {
    this.block = Objects.requireNonNull(block, "block");
    if (merkleRoot.length != 20 || headerDigest.length != 32) {
      throw new IllegalArgumentException("merkle root must be 20 bytes and the header digest 32");
    }
    this.merkleRoot = merkleRoot.clone();
    this.headerDigest = headerDigest.clone();
    this.witnessKey = Objects.requireNonNull(witnessKey, "witnessKey");
    this.scheme = Objects.requireNonNull(scheme, "scheme");
  }

  public Block block() {
    return block;
  }

  public long number() {
    return block.number();
  }

  public BlockId id() {
    return block.id();
  }

  public BlockId previous() {
    return block.previous();
  }

  public Instant timestamp() {
    return block.timestamp();
  }

  public String witness() {
    return block.witness();
  }

  public List<BlockTransaction> transactions() {
    return block.transactions();
  }

  public byte[] merkleRoot() {
    return merkleRoot.clone();
  }

  public String merkleRootHex() {
    return HexFormat.of().formatHex(merkleRoot);
  }

  public PublicKey signingKey() {
    return witnessKey.publicKey();
  }

  /** The witness's signature over SHA-256 of the header. */
  public CompactSignature witnessSignature() {
    CompactSignature signature = witnessSignature;
    if (signature == null) {
      signature = scheme.sign(witnessKey, headerDigest);
      witnessSignature = signature;
    }
    return signature;
  }

  @Override
  public String toString() {
    return "block " + number() + " " + id() + " (" + transactions().size() + " transactions)";
  }
}
