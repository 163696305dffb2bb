package io.hivesafe.state;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * The data directory's two files — the store file and its commit journal — and the lock that keeps a
 * second process out.
 *
 * <p>A new store is born under temporary names and renamed into place once its first commit is
 * durable, store file first and journal last ({@link #finishBirth}), so that a store file without a
 * journal can only mean a crash during birth (when the temporary journal is still there) or damage.
 * The lock is held on the journal for as long as the store is open.
 */
final class StoreFiles {
  private final Path dir;
  private final Path storeFile;
  private final Path journalFile;
  private final boolean fresh;
  private final FileChannel journal;
  private FileLock lock;

  private StoreFiles(Path dir, Path storeFile, Path journalFile, boolean fresh, FileChannel journal) {
    this.dir = dir;
    this.storeFile = storeFile;
    this.journalFile = journalFile;
    this.fresh = fresh;
    this.journal = journal;
  }

  /**
   * Decides whether {@code dir} holds a store or none (then one is born there), refusing every other
   * combination of files, and opens the journal. Nothing is locked yet: see {@link #lock}.
   */
  static StoreFiles prepare(Path dir) throws IOException {
    Path storeFile = dir.resolve(StateStore.STORE_FILE);
    Path journalFile = dir.resolve(StateStore.JOURNAL_FILE);
    boolean fresh = prepareDirectory(dir, storeFile, journalFile);
    Path openedJournal = fresh ? creating(journalFile) : journalFile;
    FileChannel journal = FileChannel.open(openedJournal, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    return new StoreFiles(dir, storeFile, journalFile, fresh, journal);
  }

  /** Whether the directory held no store: one is being born. */
  boolean fresh() {
    return fresh;
  }

  /** The store file under its final name (the name MapDB and every message use, even during birth). */
  Path storeFile() {
    return storeFile;
  }

  FileChannel journal() {
    return journal;
  }

  /** Takes the lock on the journal, or refuses: another process has the store open. */
  void lock() throws IOException {
    FileLock acquired;
    try {
      acquired = journal.tryLock();
    } catch (OverlappingFileLockException e) {
      acquired = null;
    }
    if (acquired == null) {
      throw new StateStoreException("state store " + dir + " is in use by another process (lock on " + openedJournal() + ")");
    }
    lock = acquired;
  }

  /** Opens the store file; for a store being born, empties both files of whatever a crashed birth left. */
  FileChannel openStore() throws IOException {
    FileChannel store = FileChannel.open(fresh ? creating(storeFile) : storeFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
        StandardOpenOption.WRITE);
    if (fresh) {
      try {
        store.truncate(0);
        journal.truncate(0);
      } catch (IOException | RuntimeException | Error e) {
        closeQuietly(store);
        throw e;
      }
    }
    return store;
  }

  /** Once the new store's first commit is durable: both files under their final names, store file first. */
  void finishBirth() throws IOException {
    Files.move(creating(storeFile), storeFile, StandardCopyOption.ATOMIC_MOVE);
    Files.move(creating(journalFile), journalFile, StandardCopyOption.ATOMIC_MOVE);
    syncDirectory(dir);
  }

  /** Releases the lock and closes the journal. */
  void close() throws IOException {
    lock.release();
    journal.close();
  }

  /** Closes the journal (and so drops the lock) after a failed open; the original failure is what the caller reports. */
  void closeQuietly() {
    closeQuietly(journal);
  }

  private Path openedJournal() {
    return fresh ? creating(journalFile) : journalFile;
  }

  /**
   * Decides whether {@code dir} holds a store (false: open it) or none (true: create one), and refuses
   * every other combination of files.
   */
  private static boolean prepareDirectory(Path dir, Path storeFile, Path journalFile) throws IOException {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new StateStoreException("state data path " + dir + " is not a directory");
    }
    Files.createDirectories(dir);
    boolean hasStore = Files.exists(storeFile);
    boolean hasJournal = Files.exists(journalFile);
    if (hasStore && !hasJournal && Files.exists(creating(journalFile))) {
      // Birth was interrupted between its two renames; the store file is complete.
      Files.move(creating(journalFile), journalFile, StandardCopyOption.ATOMIC_MOVE);
      syncDirectory(dir);
      return false;
    }
    if (!hasStore && !hasJournal) {
      Files.deleteIfExists(creating(storeFile));
      Files.deleteIfExists(creating(journalFile));
      try (var listing = Files.list(dir)) {
        Optional<Path> stranger = listing.findFirst();
        if (stranger.isPresent()) {
          throw new StoreDamagedException(storeFile, "the store file is missing but the directory holds " + stranger.get().getFileName());
        }
      }
      return true;
    }
    if (!hasStore) {
      throw new StoreDamagedException(storeFile, "the store file is missing");
    }
    if (!hasJournal) {
      throw new StoreDamagedException(journalFile, "the commit journal is missing (Hivesafe never deletes it)");
    }
    return false;
  }

  private static Path creating(Path file) {
    return file.resolveSibling(file.getFileName() + ".creating");
  }

  private static void syncDirectory(Path dir) throws IOException {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    }
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException | RuntimeException ignored) {
      // the original failure is what the caller reports
    }
  }
}
