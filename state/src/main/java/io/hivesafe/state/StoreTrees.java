package io.hivesafe.state;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import org.mapdb.BTreeMap;
import org.mapdb.CC;
import org.mapdb.DB;
import org.mapdb.Serializer;
import org.mapdb.StoreWAL;
import org.mapdb.volume.ByteArrayVol;
import org.mapdb.volume.Volume;
import org.mapdb.volume.VolumeFactory;

/**
 * MapDB wired onto the store file: a {@link StoreWAL} whose store volume is the
 * {@link JournaledFileVolume} (so every page MapDB writes waits in memory for the next checkpoint) and
 * whose own log stays in memory, with the store's two B-trees — the entries (key bytes → value bytes)
 * and the metadata (name → bytes, see {@link StoreMetadata}).
 *
 * <p>A MapDB commit only fills the volume's page overlay; {@link #checkpoint} makes it durable. Until
 * then {@link #rollback} forgets it.
 */
final class StoreTrees {
  private static final String ENTRIES = "entries";
  private static final String META = "meta";

  private final JournaledFileVolume volume;
  private final DB db;
  private final BTreeMap<byte[], byte[]> entries;
  private final BTreeMap<String, byte[]> meta;

  private StoreTrees(JournaledFileVolume volume, DB db, BTreeMap<byte[], byte[]> entries, BTreeMap<String, byte[]> meta) {
    this.volume = volume;
    this.db = db;
    this.entries = entries;
    this.meta = meta;
  }

  /**
   * MapDB over {@code volume}: creates the two trees in a new store file ({@code exists} false) or opens
   * them in an existing one, where their absence is damage. On failure MapDB is closed again.
   */
  static StoreTrees wire(JournaledFileVolume volume, boolean exists, Path storeFile) {
    DB db = openMapDb(volume, exists);
    try {
      if (!exists) {
        return new StoreTrees(volume, db, db.treeMap(ENTRIES, Serializer.BYTE_ARRAY, Serializer.BYTE_ARRAY).create(),
            db.treeMap(META, Serializer.STRING, Serializer.BYTE_ARRAY).create());
      }
      if (!db.exists(ENTRIES) || !db.exists(META)) {
        throw new StoreDamagedException(storeFile, "its entries or metadata are missing");
      }
      return new StoreTrees(volume, db, db.treeMap(ENTRIES, Serializer.BYTE_ARRAY, Serializer.BYTE_ARRAY).open(),
          db.treeMap(META, Serializer.STRING, Serializer.BYTE_ARRAY).open());
    } catch (RuntimeException | Error e) {
      closeQuietly(db, null);
      throw e;
    }
  }

  BTreeMap<byte[], byte[]> entries() {
    return entries;
  }

  BTreeMap<String, byte[]> meta() {
    return meta;
  }

  /** Ends MapDB's transaction: its pages wait in the volume's overlay, not yet in the store file. */
  void commit() {
    db.commit();
  }

  /** Makes the committed pages durable and atomic through the page journal; see {@link JournaledFileVolume#checkpoint}. */
  void checkpoint(long block, CommitObserver observer) throws IOException {
    volume.checkpoint(block, observer);
  }

  /** Forgets everything since the last checkpoint, in the overlay and in MapDB. */
  void rollback() {
    volume.discardPending();
    db.rollback();
  }

  /** Closes MapDB and the volume (with it the store file), dropping pages not checkpointed. */
  void close() {
    volume.discardPending();
    closeQuietly(db, volume);
  }

  /**
   * Closes what a failed open had opened, as it is (nothing is discarded first): the trees when they
   * were wired, else the volume, else the bare store file. The original failure is what the caller reports.
   */
  static void closeAfterFailedOpen(StoreTrees wired, JournaledFileVolume volume, FileChannel storeChannel) {
    if (wired != null) {
      closeQuietly(wired.db, wired.volume);
      return;
    }
    try {
      if (volume != null) {
        volume.close();
      } else if (storeChannel != null) {
        storeChannel.close();
      }
    } catch (IOException | RuntimeException ignored) {
      // the original failure is what the caller reports
    }
  }

  private static void closeQuietly(DB db, Volume volume) {
    try {
      if (db != null) {
        db.close();
      }
    } catch (RuntimeException ignored) {
      // closing a store that failed to open; the original failure is what the caller reports
    }
    try {
      if (volume != null) {
        volume.close();
      }
    } catch (RuntimeException ignored) {
      // as above: the original failure is what the caller reports
    }
  }

  private static DB openMapDb(JournaledFileVolume volume, boolean exists) {
    String name = volume.getFile().getPath();
    VolumeFactory factory = new VolumeFactory() {
      @Override
      public Volume makeVolume(String file, boolean readOnly, long fileLockWait, int sliceShift, long initSize, boolean fixedSize) {
        if (name.equals(file)) {
          return volume;
        }
        // MapDB's own log never needs to survive the process (it is never replayed), so it stays in memory.
        return new ByteArrayVol(sliceShift, 0L);
      }

      @Override
      public boolean exists(String file) {
        return name.equals(file) && exists;
      }

      @Override
      public boolean handlesReadonly() {
        return false;
      }
    };
    StoreWAL store = new StoreWAL(name, factory, 0L, true, CC.STORE_DIRECT_CONC_SHIFT, CC.PAGE_SIZE, 0L,
        false, false, false, true, false);
    return new DB(store, exists, true, StateStore.class.getClassLoader(), 0);
  }
}
