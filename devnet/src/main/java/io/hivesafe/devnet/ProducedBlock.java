package io.hivesafe.devnet;

import io.hivesafe.hive.crypto.CompactSignature;
import io.hivesafe.hive.crypto.PublicKey;
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
 * signing key and signature over the header digest.
 */
public record ProducedBlock(Block block, byte[] merkleRoot, PublicKey signingKey, CompactSignature witnessSignature) {
  public ProducedBlock {
    Objects.requireNonNull(block, "block");
    Objects.requireNonNull(signingKey, "signingKey");
    Objects.requireNonNull(witnessSignature, "witnessSignature");
    if (merkleRoot.length != 20) {
      throw new IllegalArgumentException("merkle root must be 20 bytes");
    }
    merkleRoot = merkleRoot.clone();
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

  @Override
  public byte[] merkleRoot() {
    return merkleRoot.clone();
  }

  public String merkleRootHex() {
    return HexFormat.of().formatHex(merkleRoot);
  }
}
