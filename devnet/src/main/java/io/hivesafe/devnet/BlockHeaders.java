package io.hivesafe.devnet;

import io.hivesafe.hive.codec.HiveWriter;
import io.hivesafe.hive.crypto.Hashes;
import io.hivesafe.hive.protocol.BlockId;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Block header bytes, digests and ids as hived computes them (libraries/protocol/block.cpp,
 * block_header.cpp): the header is previous ‖ timestamp ‖ witness ‖ transaction_merkle_root ‖ extensions;
 * the witness signs SHA-256 of it. The id is SHA-224 of the header with its first 4 bytes replaced by the
 * block number, cut to 20 bytes — one deviation: hived hashes the signed header (with the witness
 * signature), the devnet the unsigned one, so that a block's id does not wait for its signature and
 * stepping through tens of thousands of blocks stays fast (the signature is made when first asked for).
 * No client recomputes block ids. Written by hand: no Java library packs Hive block headers.
 */
final class BlockHeaders {
  private BlockHeaders() {}

  static byte[] header(BlockId previous, Instant timestamp, String witness, byte[] merkleRoot) {
    return new HiveWriter()
        .bytes(previous.toBytes())
        .u32(timestamp.getEpochSecond())
        .string(witness)
        .bytes(merkleRoot)
        .varint(0)
        .toBytes();
  }

  static byte[] digest(byte[] header) {
    return Hashes.sha256(header);
  }

  static BlockId id(long number, byte[] header) {
    byte[] hash = sha224(header);
    byte[] id = Arrays.copyOf(hash, 20);
    id[0] = (byte) (number >>> 24);
    id[1] = (byte) (number >>> 16);
    id[2] = (byte) (number >>> 8);
    id[3] = (byte) number;
    return BlockId.fromBytes(id);
  }

  /**
   * hived's legacy_calculate_merkle_root: SHA-256 of each signed transaction's bytes, hashed in pairs
   * (an odd last one carried up) until one is left, then RIPEMD-160 of it; 20 zero bytes for no transactions.
   */
  static byte[] merkleRoot(List<byte[]> signedTransactions) {
    if (signedTransactions.isEmpty()) {
      return new byte[20];
    }
    List<byte[]> level = new ArrayList<>();
    signedTransactions.forEach(t -> level.add(Hashes.sha256(t)));
    while (level.size() > 1) {
      List<byte[]> next = new ArrayList<>();
      for (int i = 0; i + 1 < level.size(); i += 2) {
        next.add(Hashes.sha256(level.get(i), level.get(i + 1)));
      }
      if (level.size() % 2 == 1) {
        next.add(level.get(level.size() - 1));
      }
      level.clear();
      level.addAll(next);
    }
    return Hashes.ripemd160(level.get(0));
  }

  private static byte[] sha224(byte[] input) {
    try {
      return MessageDigest.getInstance("SHA-224").digest(input);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-224", e);
    }
  }
}
