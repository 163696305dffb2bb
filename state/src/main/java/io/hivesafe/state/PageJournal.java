package io.hivesafe.state;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The redo journal of one commit: where the store file is first cut (a commit that shrank the file and
 * grew it again must not expose the old bytes), its new length, and the full bytes of every page the
 * commit changes, closed by a SHA-256 of everything before it. Written and fsynced before the
 * store file is touched, so after a crash the store file is either untouched by the commit (the
 * journal is torn: its hash fails and it is ignored) or can be finished by writing the journal's pages
 * again (replaying is idempotent).
 *
 * <pre>
 * "HSJOURN1"  u64 block  u64 cutAt  u64 newLength  u32 pageSize  u32 pageCount
 * pageCount × ( u64 pageNumber, pageSize bytes )
 * 32 bytes SHA-256 of all the above
 * </pre>
 *
 * The file is never truncated: a journal is written over the previous one from offset 0, its length
 * follows from its header, and once applied it is invalidated by zeroing its magic (one 8-byte write,
 * cheaper than truncating, which frees blocks). Bytes after a journal's end are leftovers and ignored.
 */
final class PageJournal {
  static final byte[] MAGIC = {'H', 'S', 'J', 'O', 'U', 'R', 'N', '1'};
  private static final int HEADER = 8 + 8 + 8 + 8 + 4 + 4;

  /** A complete, hash-checked journal. */
  record Contents(long block, long cutAt, long newLength, int pageSize, NavigableMap<Long, byte[]> pages) {}

  private PageJournal() {}

  /** Writes the journal from position 0, trims anything after it and fsyncs. Returns its size. */
  static long write(FileChannel channel, long block, long cutAt, long newLength, int pageSize, NavigableMap<Long, byte[]> pages)
      throws IOException {
    MessageDigest sha = sha256();
    ByteBuffer buf = ByteBuffer.allocate(Math.max(64 * 1024, HEADER + 8 + pageSize));
    long position = 0;
    buf.put(MAGIC).putLong(block).putLong(cutAt).putLong(newLength).putInt(pageSize).putInt(pages.size());
    for (Map.Entry<Long, byte[]> page : pages.entrySet()) {
      if (buf.remaining() < 8 + pageSize) {
        position = drain(channel, buf, position, sha);
      }
      buf.putLong(page.getKey()).put(page.getValue(), 0, pageSize);
    }
    position = drain(channel, buf, position, sha);
    buf.put(sha.digest());
    position = drain(channel, buf, position, null);
    // fdatasync: flushes the data and the metadata needed to read it back (the new length), which is
    // all recovery reads; the file's existence was made durable when the store was created.
    channel.force(false);
    return position;
  }

  /** Marks the journal as applied: its magic becomes zeros. No fsync (see {@code JournaledFileVolume}). */
  static void invalidate(FileChannel channel) throws IOException {
    ByteBuffer zeros = ByteBuffer.allocate(MAGIC.length);
    while (zeros.hasRemaining()) {
      channel.write(zeros, zeros.position());
    }
  }

  /**
   * Reads a journal. Empty when there is none (empty file, invalidated magic) or it is torn (short,
   * hash mismatch): a torn journal was never completed, so its commit never touched the store file.
   */
  static Optional<Contents> read(FileChannel channel) throws IOException {
    long size = channel.size();
    if (size < HEADER + 32) {
      return Optional.empty();
    }
    ByteBuffer head = ByteBuffer.allocate(HEADER);
    readFully(channel, head, 0);
    head.flip();
    byte[] magicBytes = new byte[MAGIC.length];
    head.get(magicBytes);
    if (!Arrays.equals(magicBytes, MAGIC)) {
      return Optional.empty();
    }
    long declaredPageSize = head.getInt(HEADER - 8);
    long declaredCount = head.getInt(HEADER - 4);
    long length = HEADER + declaredCount * (8 + declaredPageSize) + 32;
    if (declaredPageSize <= 0 || declaredCount < 0 || length > size || length > Integer.MAX_VALUE - 64) {
      return Optional.empty();
    }
    ByteBuffer all = ByteBuffer.allocate((int) length);
    readFully(channel, all, 0);
    byte[] bytes = all.array();
    MessageDigest sha = sha256();
    sha.update(bytes, 0, bytes.length - 32);
    if (!MessageDigest.isEqual(sha.digest(), Arrays.copyOfRange(bytes, bytes.length - 32, bytes.length))) {
      return Optional.empty();
    }
    ByteBuffer in = ByteBuffer.wrap(bytes, 0, bytes.length - 32);
    byte[] magic = new byte[8];
    in.get(magic);
    if (!Arrays.equals(magic, MAGIC)) {
      return Optional.empty();
    }
    long block = in.getLong();
    long cutAt = in.getLong();
    long newLength = in.getLong();
    int pageSize = in.getInt();
    int count = in.getInt();
    if (pageSize <= 0 || count < 0 || (long) count * (8 + pageSize) != in.remaining()) {
      throw new IOException("journal passes its hash but its layout is inconsistent (page size " + pageSize + ", " + count + " pages)");
    }
    NavigableMap<Long, byte[]> pages = new TreeMap<>();
    for (int i = 0; i < count; i++) {
      long number = in.getLong();
      byte[] page = new byte[pageSize];
      in.get(page);
      pages.put(number, page);
    }
    return Optional.of(new Contents(block, cutAt, newLength, pageSize, pages));
  }

  private static void readFully(FileChannel channel, ByteBuffer buf, long position) throws IOException {
    while (buf.hasRemaining()) {
      if (channel.read(buf, position + buf.position()) < 0) {
        throw new IOException("journal ends early");
      }
    }
  }

  private static long drain(FileChannel channel, ByteBuffer buf, long position, MessageDigest sha) throws IOException {
    buf.flip();
    if (sha != null) {
      sha.update(buf.array(), 0, buf.limit());
    }
    while (buf.hasRemaining()) {
      position += channel.write(buf, position);
    }
    buf.clear();
    return position;
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always provides SHA-256", e);
    }
  }
}
