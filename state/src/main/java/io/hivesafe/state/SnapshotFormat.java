package io.hivesafe.state;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The layout of a snapshot file, written and read field by field:
 *
 * <pre>
 * "HSSNAPSH"  u32 format (1)  u64 block  u64 entryCount  32 bytes state digest
 * entryCount × ( u8 keyLength, key, u32 valueLength, value )      strictly increasing keys
 * 32 bytes SHA-256 of all the above
 * </pre>
 *
 * The closing SHA-256 is the caller's ({@link Snapshots}): it hashes the stream around these fields.
 */
final class SnapshotFormat {
  static final byte[] MAGIC = {'H', 'S', 'S', 'N', 'A', 'P', 'S', 'H'};
  static final int FORMAT = 1;
  static final int MAX_VALUE_BYTES = 16 << 20;

  private SnapshotFormat() {}

  static void writeHeader(DataOutputStream out, long block, long entryCount, StateDigest digest) throws IOException {
    out.write(MAGIC);
    out.writeInt(FORMAT);
    out.writeLong(block);
    out.writeLong(entryCount);
    out.write(digest.toBytes());
  }

  static void writeEntry(DataOutputStream out, StateEntry e) throws IOException {
    byte[] key = e.key().bytesView();
    out.writeByte(key.length);
    out.write(key);
    out.writeInt(e.value().length);
    out.write(e.value());
  }

  /** The header of {@code file} ({@code size} bytes long), checked as far as it can be alone. */
  static SnapshotInfo readHeader(Path file, DataInputStream in, long size) throws IOException {
    byte[] magic = in.readNBytes(MAGIC.length);
    if (!Arrays.equals(magic, MAGIC)) {
      throw new SnapshotException(file, "not a Hivesafe snapshot (bad magic)");
    }
    int format = in.readInt();
    if (format != FORMAT) {
      throw new SnapshotException(file, "format " + format + " is not supported; this build reads format " + FORMAT);
    }
    long block = in.readLong();
    long entries = in.readLong();
    byte[] digest = in.readNBytes(StateDigest.BYTES);
    if (digest.length != StateDigest.BYTES) {
      throw new EOFException();
    }
    if (block < 0 || entries < 0) {
      throw new SnapshotException(file, "negative block or entry count in the header");
    }
    return new SnapshotInfo(block, StateDigest.of(digest), entries, size);
  }

  /** Streams and checks entries: valid keys in strictly increasing order, bounded values. */
  static final class EntryReader implements Iterator<StateEntry> {
    private final Path file;
    private final DataInputStream in;
    private final long count;
    private long read;
    private byte[] previous;

    EntryReader(Path file, DataInputStream in, long count) {
      this.file = file;
      this.in = in;
      this.count = count;
    }

    @Override
    public boolean hasNext() {
      return read < count;
    }

    @Override
    public StateEntry next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      try {
        int keyLength = in.readUnsignedByte();
        byte[] key = in.readNBytes(keyLength);
        int valueLength = in.readInt();
        if (key.length != keyLength) {
          throw new EOFException();
        }
        if (valueLength <= 0 || valueLength > MAX_VALUE_BYTES) {
          throw new SnapshotException(file, "entry " + read + " has a value length of " + valueLength);
        }
        byte[] value = in.readNBytes(valueLength);
        if (value.length != valueLength) {
          throw new EOFException();
        }
        if (previous != null && Arrays.compareUnsigned(previous, key) >= 0) {
          throw new SnapshotException(file, "entry " + read + " is out of key order");
        }
        StateKey parsed = StateKey.fromBytes(key);
        previous = key;
        read++;
        return new StateEntry(parsed, value);
      } catch (EOFException e) {
        throw new SnapshotException(file, "truncated after " + read + " of " + count + " entries", e);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
