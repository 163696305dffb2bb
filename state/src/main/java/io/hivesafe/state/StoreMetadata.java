package io.hivesafe.state;

import io.hivesafe.state.digest.MuHash3072;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the store records about its contents beside the entries — the last committed block, the digest
 * accumulator (MuHash3072's numerator and denominator) and the entry count — and the codec of those
 * records in MapDB's metadata map, where the format number and the node-local values live too.
 *
 * <p>Every record is a fixed-width big-endian number or the accumulator's 768 bytes; reading checks each
 * one and calls anything missing or malformed damage ({@link StoreDamagedException}).
 *
 * @param lastBlock the last committed block, empty for a new store
 * @param accumulator the digest accumulator of the committed entries; never handed out without a copy
 * @param entryCount how many entries the store holds
 */
record StoreMetadata(OptionalLong lastBlock, byte[] accumulator, long entryCount) {
  static final int FORMAT = 1;

  private static final String FORMAT_KEY = "format";
  private static final String LAST_BLOCK_KEY = "last-block";
  private static final String ACCUMULATOR_KEY = "accumulator";
  private static final String ENTRIES_KEY = "entries";
  /** Node-local values ({@link StateTransaction#putLocal}) live in the metadata map under this prefix. */
  private static final String LOCAL_PREFIX = "local/";
  private static final int ACCUMULATOR_BYTES = 2 * MuHash3072.BYTES;
  private static final int MAX_LOCAL_NAME = 64;

  /** The records of a new, empty store: the format, the empty set's accumulator, no entries, no block. */
  static void writeNew(Map<String, byte[]> meta) {
    meta.put(FORMAT_KEY, ByteBuffer.allocate(4).putInt(FORMAT).array());
    meta.put(ACCUMULATOR_KEY, MuHash3072.empty().toState());
    meta.put(ENTRIES_KEY, u64(0));
  }

  /** Reads and checks the records of the store file {@code storeFile}. */
  static StoreMetadata read(Map<String, byte[]> meta, Path storeFile) {
    byte[] format = meta.get(FORMAT_KEY);
    if (format == null || format.length != 4) {
      throw new StoreDamagedException(storeFile, "its format record is missing");
    }
    int f = ByteBuffer.wrap(format).getInt();
    if (f != FORMAT) {
      throw new StoreDamagedException(storeFile, "it has format " + f + ", this build reads format " + FORMAT);
    }
    byte[] acc = meta.get(ACCUMULATOR_KEY);
    if (acc == null || acc.length != ACCUMULATOR_BYTES) {
      throw new StoreDamagedException(storeFile, "its digest accumulator is missing");
    }
    byte[] count = meta.get(ENTRIES_KEY);
    if (count == null || count.length != 8) {
      throw new StoreDamagedException(storeFile, "its entry count is missing");
    }
    byte[] last = meta.get(LAST_BLOCK_KEY);
    if (last != null && last.length != 8) {
      throw new StoreDamagedException(storeFile, "its last-block record is malformed");
    }
    OptionalLong lastBlock = last == null ? OptionalLong.empty() : OptionalLong.of(ByteBuffer.wrap(last).getLong());
    try {
      MuHash3072.fromState(acc);
    } catch (IllegalArgumentException e) {
      throw new StoreDamagedException(storeFile, "its digest accumulator is malformed (" + e.getMessage() + ")");
    }
    return new StoreMetadata(lastBlock, acc, ByteBuffer.wrap(count).getLong());
  }

  /** The records after committing {@code block}; the accumulator is the caller's, not copied. */
  static StoreMetadata ofBlock(long block, byte[] accumulator, long entryCount) {
    return new StoreMetadata(OptionalLong.of(block), accumulator, entryCount);
  }

  /** Writes this block's records (last block, accumulator, entry count) into the metadata map. */
  void write(Map<String, byte[]> meta) {
    meta.put(LAST_BLOCK_KEY, u64(lastBlock.getAsLong()));
    meta.put(ACCUMULATOR_KEY, accumulator);
    meta.put(ENTRIES_KEY, u64(entryCount));
  }

  /** The digest of the recorded accumulator (one modular inverse). */
  StateDigest digest() {
    return StateDigest.of(MuHash3072.fromState(accumulator));
  }

  /** Writes the node-local value {@code name}. */
  static void putLocal(Map<String, byte[]> meta, String name, byte[] value) {
    meta.put(LOCAL_PREFIX + name, value);
  }

  /** The node-local value {@code name}, a copy. */
  static Optional<byte[]> local(Map<String, byte[]> meta, String name) {
    byte[] v = meta.get(LOCAL_PREFIX + name);
    return v == null ? Optional.empty() : Optional.of(v.clone());
  }

  static void checkLocalName(String name) {
    if (name == null || name.isEmpty() || name.length() > MAX_LOCAL_NAME) {
      throw new IllegalArgumentException("a local name is 1 to 64 characters, got " + name);
    }
  }

  private static byte[] u64(long v) {
    return ByteBuffer.allocate(8).putLong(v).array();
  }
}
