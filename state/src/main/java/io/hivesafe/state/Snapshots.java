package io.hivesafe.state;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.Comparator;
import java.util.Iterator;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * Snapshot files: the whole state at its last committed block, in one file.
 *
 * The file's layout is {@link SnapshotFormat}'s. Import trusts nothing in the file: it checks the format, the key order, the closing SHA-256, then
 * recomputes the state digest from the entries and compares it with the header and, when given, with
 * the digest the operator expects (the consensus digest on chain). A snapshot from a stranger is only
 * as good as that last check.
 */
public final class Snapshots {
  public static final int FORMAT = SnapshotFormat.FORMAT;
  private static final int IMPORT_BATCH = 50_000;

  private Snapshots() {}

  /**
   * Writes the store's committed state to {@code out}, atomically: the file appears complete or not
   * at all. Commits wait while the export runs.
   */
  public static SnapshotInfo export(StateStore store, Path out) {
    return export(store, out, status -> {});
  }

  /**
   * As {@link #export(StateStore, Path)}, calling {@code whenLocked} with the store's status once the
   * export holds the read lock and before it writes anything: from that moment the file will hold
   * exactly that block's state, whatever the committing thread does next (its commits wait until the
   * entries are written; the fsync and rename come after the lock is released). An exception thrown by
   * {@code whenLocked} aborts the export; nothing is written and the exception propagates.
   */
  public static SnapshotInfo export(StateStore store, Path out, Consumer<StateStore.StoreStatus> whenLocked) {
    Path partial = out.resolveSibling(out.getFileName() + ".partial");
    try {
      SnapshotInfo info = store.read(reader -> {
        StateStore.StoreStatus status = store.status();
        whenLocked.accept(status);
        if (status.lastBlock().isEmpty()) {
          throw new SnapshotException(out, "the store has no committed block yet");
        }
        try {
          return write(reader, status, partial);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
      try (FileChannel c = FileChannel.open(partial, StandardOpenOption.WRITE)) {
        c.force(true);
      }
      Files.move(partial, out, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return info;
    } catch (IOException | UncheckedIOException e) {
      deleteQuietly(partial);
      throw new SnapshotException(out, "cannot write: " + e.getMessage(), e);
    }
  }

  private static SnapshotInfo write(StateReader reader, StateStore.StoreStatus status, Path file) throws IOException {
    MessageDigest sha = PageJournal.sha256();
    long entries = 0;
    try (OutputStream raw = Files.newOutputStream(file);
        DigestOutputStream hashed = new DigestOutputStream(new BufferedOutputStream(raw, 1 << 16), sha);
        DataOutputStream out = new DataOutputStream(hashed)) {
      SnapshotFormat.writeHeader(out, status.lastBlock().getAsLong(), status.entryCount(), status.digest());
      Iterator<StateEntry> it = reader.iterate(KeyRange.all());
      while (it.hasNext()) {
        SnapshotFormat.writeEntry(out, it.next());
        entries++;
      }
      if (entries != status.entryCount()) {
        throw new IllegalStateException("store records " + status.entryCount() + " entries but holds " + entries);
      }
      hashed.on(false);
      out.write(sha.digest());
      out.flush();
    }
    return new SnapshotInfo(status.lastBlock().getAsLong(), status.digest(), entries, Files.size(file));
  }

  /** Reads only the header of a snapshot (block, digest, entry count) without checking the rest. */
  public static SnapshotInfo header(Path file) {
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
      return SnapshotFormat.readHeader(file, in, Files.size(file));
    } catch (EOFException e) {
      throw new SnapshotException(file, "truncated: the header is incomplete", e);
    } catch (IOException e) {
      throw new SnapshotException(file, "cannot read: " + e.getMessage(), e);
    }
  }

  /**
   * Imports a snapshot into an empty or missing data directory. The store is built beside it and moved
   * into place only after every check passed; on any refusal the directory is left as it was.
   */
  public static SnapshotInfo importInto(Path file, StateConfig target, Optional<StateDigest> expectDigest, OptionalLong expectBlock) {
    Path dir = target.dataDir().toAbsolutePath().normalize();
    if (!Files.isRegularFile(file)) {
      throw new SnapshotException(file, "no such file");
    }
    if (Files.exists(dir) && !isEmptyDirectory(dir)) {
      throw new SnapshotException(file, "the data directory " + dir + " is not empty; import only into an empty or new directory");
    }
    Path building = dir.resolveSibling(dir.getFileName() + ".importing");
    deleteTree(building);
    MessageDigest sha = PageJournal.sha256();
    try (DigestInputStream hashed = new DigestInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16), sha);
        DataInputStream in = new DataInputStream(hashed)) {
      SnapshotInfo header = SnapshotFormat.readHeader(file, in, Files.size(file));
      if (expectBlock.isPresent() && expectBlock.getAsLong() != header.block()) {
        throw new SnapshotException(file, "it is at block " + header.block() + ", expected block " + expectBlock.getAsLong());
      }
      if (expectDigest.isPresent() && !expectDigest.get().equals(header.digest())) {
        throw new SnapshotException(file, "its digest " + header.digest().hex() + " is not the expected " + expectDigest.get().hex());
      }
      StateDigest recomputed;
      try (StateStore store = StateStore.open(new StateConfig(building, false, target.pageSize(), target.cacheBytes()))) {
        recomputed = store.bulkLoad(new SnapshotFormat.EntryReader(file, in, header.entries()), header.block(), IMPORT_BATCH);
      }
      hashed.on(false);
      byte[] trailer = in.readNBytes(32);
      if (trailer.length != 32) {
        throw new SnapshotException(file, "truncated: the closing checksum is missing");
      }
      if (!MessageDigest.isEqual(trailer, sha.digest())) {
        throw new SnapshotException(file, "checksum mismatch: the file was changed or damaged");
      }
      if (in.read() != -1) {
        throw new SnapshotException(file, "unexpected bytes after the closing checksum");
      }
      if (!recomputed.equals(header.digest())) {
        throw new SnapshotException(file, "its entries hash to " + recomputed.hex() + " but its header says " + header.digest().hex());
      }
      if (Files.exists(dir)) {
        Files.delete(dir);
      }
      Files.move(building, dir, StandardCopyOption.ATOMIC_MOVE);
      try (FileChannel parent = FileChannel.open(dir.getParent(), StandardOpenOption.READ)) {
        parent.force(true);
      }
      return header;
    } catch (SnapshotException e) {
      deleteTree(building);
      throw e;
    } catch (EOFException e) {
      deleteTree(building);
      throw new SnapshotException(file, "truncated", e);
    } catch (IOException | UncheckedIOException e) {
      deleteTree(building);
      throw new SnapshotException(file, "cannot import: " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      deleteTree(building);
      throw new SnapshotException(file, "malformed: " + e.getMessage(), e);
    }
  }

  private static boolean isEmptyDirectory(Path dir) {
    try (Stream<Path> list = Files.list(dir)) {
      return list.findAny().isEmpty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove the unfinished import " + root, e);
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException ignored) {
      // best effort: the partial file has a name no reader looks for
    }
  }

}
