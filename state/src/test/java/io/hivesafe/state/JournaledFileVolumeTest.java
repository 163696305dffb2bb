package io.hivesafe.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The page overlay against a plain byte-array model: reads, writes, clears, growth, truncation, commits. */
class JournaledFileVolumeTest {
  @TempDir
  Path dir;

  private FileChannel open(String name) throws IOException {
    return FileChannel.open(dir.resolve(name), StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
  }

  @Test
  void behavesLikeAByteArrayAcrossCheckpointsDiscardsAndReopen_seed8() throws IOException {
    Random rnd = new Random(8);
    FileChannel journal = open("j");
    JournaledFileVolume vol = new JournaledFileVolume(dir.resolve("s"), open("s"), journal, 64, 64 * 16);
    byte[] committed = new byte[0];
    byte[] pending = new byte[0];
    for (int step = 0; step < 3000; step++) {
      int roll = rnd.nextInt(100);
      if (roll < 50) {
        int off = rnd.nextInt(pending.length + 200);
        byte[] data = new byte[1 + rnd.nextInt(300)];
        rnd.nextBytes(data);
        vol.putData(off, data, 0, data.length);
        pending = grow(pending, off + data.length);
        System.arraycopy(data, 0, pending, off, data.length);
      } else if (roll < 58 && pending.length > 0) {
        int from = rnd.nextInt(pending.length);
        int to = from + rnd.nextInt(pending.length - from + 1);
        vol.clear(from, to);
        Arrays.fill(pending, from, to, (byte) 0);
      } else if (roll < 62) {
        long to = pending.length + rnd.nextInt(500);
        vol.ensureAvailable(to);
        pending = grow(pending, (int) to);
      } else if (roll < 65 && pending.length > 0) {
        int to = rnd.nextInt(pending.length);
        vol.truncate(to);
        pending = Arrays.copyOf(pending, to);
      } else if (roll < 72) {
        vol.checkpoint(step, CommitObserver.NONE);
        committed = pending.clone();
        assertTrue(PageJournal.read(journal).isEmpty(), "journal invalidated after checkpoint");
      } else if (roll < 75) {
        vol.discardPending();
        pending = committed.clone();
      } else if (pending.length > 0) {
        int off = rnd.nextInt(pending.length);
        int len = rnd.nextInt(Math.min(400, pending.length - off) + 1);
        byte[] got = new byte[len];
        vol.getData(off, got, 0, len);
        assertArrayEquals(Arrays.copyOfRange(pending, off, off + len), got, "step " + step);
      }
      assertEquals(pending.length, vol.length(), "length at step " + step);
    }
    vol.checkpoint(-1, CommitObserver.NONE);
    vol.close();
    journal.close();
    byte[] onDisk = java.nio.file.Files.readAllBytes(dir.resolve("s"));
    assertArrayEquals(pending, onDisk);
  }

  @Test
  void recoverReplaysACompleteJournalAndDropsATornOne() throws IOException {
    FileChannel store = open("s");
    FileChannel journal = open("j");
    JournaledFileVolume vol = new JournaledFileVolume(dir.resolve("s"), store, journal, 64, 0);
    vol.putData(0, "first commit".getBytes(), 0, 12);
    vol.checkpoint(1, CommitObserver.NONE);
    vol.putData(100, "second".getBytes(), 0, 6);
    // crash after the journal is durable, before the store file is written
    try {
      vol.checkpoint(2, new CommitObserver() {
        @Override
        public void journalDurable(long block, int pages, long bytes) {
          throw new IllegalStateException("crash");
        }
      });
    } catch (IllegalStateException expected) {
      // the store file still has only the first commit
    }
    assertEquals(12, store.size());
    assertEquals(JournaledFileVolume.Recovery.REPLAYED, JournaledFileVolume.recover(store, journal));
    assertEquals(106, store.size());
    assertEquals(0, journal.size(), "recovery empties the journal file");
    java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(6);
    store.read(buf, 100);
    assertEquals("second", new String(buf.array()));

    journal.write(java.nio.ByteBuffer.wrap("HSJOURN1 torn".getBytes()), 0);
    assertEquals(JournaledFileVolume.Recovery.DISCARDED_TORN, JournaledFileVolume.recover(store, journal));
    assertEquals(106, store.size());
    assertEquals(JournaledFileVolume.Recovery.CLEAN, JournaledFileVolume.recover(store, journal));
  }

  private static byte[] grow(byte[] a, int length) {
    return a.length >= length ? a : Arrays.copyOf(a, length);
  }
}
