package io.hivesafe.engine.doctor;

import io.hivesafe.ops.MultisigAuthority;
import io.hivesafe.ops.NodeRecord;
import io.hivesafe.ops.SidechainState;
import io.hivesafe.ops.Totals;
import io.hivesafe.state.StateConfig;
import io.hivesafe.state.StateStore;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * A node's state store opened on a copy, so that doctor never changes the data directory: opening a
 * store may finish or drop an interrupted commit, which writes. The files are copied to a new temporary
 * directory while a shared lock on the journal keeps a node from starting meanwhile (a node holds an
 * exclusive one while it runs: then there is nothing consistent to copy), opened and verified there (the
 * digest recomputed from every entry), and deleted on {@link #close}.
 */
final class StoreCopy implements AutoCloseable {
  /** What the copied store records, read in one go. */
  record Facts(OptionalLong lastBlock, String digest, long entries, String recovery, Optional<Totals> totals,
      Optional<MultisigAuthority> authority, List<NodeRecord> nodes) {}

  private final Path dir;
  private final StateStore store;

  private StoreCopy(Path dir, StateStore store) {
    this.dir = dir;
    this.store = store;
  }

  /** Thrown when the store is in use by a running node, so it cannot be copied consistently. */
  static final class InUse extends Exception {
    private static final long serialVersionUID = 1L;

    InUse(String message) {
      super(message);
    }
  }

  /**
   * Copies {@code stateDir}'s files and opens the copy (verifying it). Throws {@link InUse} when a node has
   * the store open, {@link IOException} when the copy cannot be made, and the store's own exceptions
   * (StateStoreException, StoreDamagedException) when the copy does not open.
   */
  static StoreCopy of(Path stateDir) throws IOException, InUse {
    Path copy = Files.createTempDirectory("hivesafe-doctor-");
    try {
      Path journal = stateDir.resolve(StateStore.JOURNAL_FILE);
      if (Files.exists(journal)) {
        try (FileChannel channel = FileChannel.open(journal, StandardOpenOption.READ);
            FileLock lock = sharedLock(channel, stateDir)) {
          copyFiles(stateDir, copy);
        }
      } else {
        copyFiles(stateDir, copy);
      }
      return new StoreCopy(copy, StateStore.open(StateConfig.of(copy)));
    } catch (IOException | InUse | RuntimeException e) {
      delete(copy);
      throw e;
    }
  }

  private static FileLock sharedLock(FileChannel channel, Path stateDir) throws IOException, InUse {
    FileLock lock;
    try {
      lock = channel.tryLock(0, Long.MAX_VALUE, true);
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      throw new InUse("the state store " + stateDir + " is in use by a running node");
    }
    return lock;
  }

  private static void copyFiles(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.list(from)) {
      for (Path f : files.sorted().toList()) {
        if (Files.isRegularFile(f)) {
          Files.copy(f, to.resolve(f.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  StateStore store() {
    return store;
  }

  /**
   * What the store records. A record that is missing or does not decode is an {@link IllegalStateException}
   * (the store is not a sidechain state this node can read).
   */
  Facts facts() {
    StateStore.StoreStatus status = store.status();
    if (status.lastBlock().isEmpty()) {
      return new Facts(status.lastBlock(), status.digest().hex(), status.entryCount(), store.recovery(), Optional.empty(),
          Optional.empty(), List.of());
    }
    return store.read(r -> new Facts(status.lastBlock(), status.digest().hex(), status.entryCount(), store.recovery(),
        Optional.of(SidechainState.totals(r)), Optional.of(SidechainState.authority(r)), SidechainState.nodes(r)));
  }

  @Override
  public void close() {
    try {
      store.close();
    } finally {
      delete(dir);
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // A temporary copy left behind is untidy, not harmful: the system's temporary directory is cleaned.
    }
  }
}
