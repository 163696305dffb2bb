package io.hivesafe.engine.node;

import io.hivesafe.state.StateStore;
import io.hivesafe.state.StateTransaction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a node remembers about itself in its store's node-local values ({@link StateTransaction#putLocal}):
 * committed atomically with a block, outside the digest and the snapshots, so they last exactly as long
 * as this state — a bootstrap into a new directory, or a replay into one, starts without them.
 * Each is one line of ASCII, fields separated by single spaces; a value that does not parse is a
 * damaged store, and reading it throws.
 */
final class NodeLocals {
  /** {@link OwnDigest}: written with the block after each report block. */
  static final String OWN_DIGEST = "own-digest";
  /** {@link SentReport}: written with a report block the node reports. */
  static final String REPORT_SENT = "report-sent";
  /** {@link Divergence}: written with the tally that found it, never overwritten. */
  static final String DIVERGED = "diverged";

  private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern HEX40 = Pattern.compile("[0-9a-f]{40}");

  private NodeLocals() {}

  /** This store's digest after report block {@code block}: what the node reports for it, and what the tally must agree with. */
  record OwnDigest(long block, String digest) {
    OwnDigest {
      requireBlock(block);
      require(HEX64.matcher(digest).matches(), "digest must be 64 lowercase hex digits");
    }

    void write(StateTransaction tx) {
      put(tx, OWN_DIGEST, block + " " + digest);
    }

    static Optional<OwnDigest> read(StateStore store) {
      return get(store, OWN_DIGEST, 2).map(f -> new OwnDigest(number(f[0]), f[1]));
    }
  }

  /** The node reported report block {@code block} (id and time of that block, to sign the same report again). */
  record SentReport(long block, String id, Instant time) {
    SentReport {
      requireBlock(block);
      require(HEX40.matcher(id).matches(), "id must be 40 lowercase hex digits");
    }

    void write(StateTransaction tx) {
      put(tx, REPORT_SENT, block + " " + id + " " + time.getEpochSecond());
    }

    static Optional<SentReport> read(StateStore store) {
      return get(store, REPORT_SENT, 3).map(f -> new SentReport(number(f[0]), f[1], Instant.ofEpochSecond(number(f[2]))));
    }
  }

  /** At tally {@code tallyBlock} the consensus for {@code reportBlock} was {@code consensus}; this store had {@code mine}. */
  record Divergence(long tallyBlock, long reportBlock, String mine, String consensus) {
    Divergence {
      requireBlock(tallyBlock);
      requireBlock(reportBlock);
      require(HEX64.matcher(mine).matches() && HEX64.matcher(consensus).matches(), "digests must be 64 lowercase hex digits");
      require(!mine.equals(consensus), "a divergence needs two different digests");
    }

    void write(StateTransaction tx) {
      put(tx, DIVERGED, tallyBlock + " " + reportBlock + " " + mine + " " + consensus);
    }

    static Optional<Divergence> read(StateStore store) {
      return get(store, DIVERGED, 4).map(f -> new Divergence(number(f[0]), number(f[1]), f[2], f[3]));
    }
  }

  private static void put(StateTransaction tx, String name, String line) {
    tx.putLocal(name, line.getBytes(StandardCharsets.US_ASCII));
  }

  private static Optional<String[]> get(StateStore store, String name, int fields) {
    return store.local(name).map(bytes -> {
      String[] f = new String(bytes, StandardCharsets.US_ASCII).split(" ", -1);
      if (f.length != fields) {
        throw new IllegalStateException("the node-local value " + name + " in " + store.dataDir() + " is damaged: " + f.length
            + " fields, expected " + fields);
      }
      return f;
    });
  }

  private static long number(String field) {
    try {
      return Long.parseLong(field);
    } catch (NumberFormatException e) {
      throw new IllegalStateException("a node-local value is damaged: not a number: " + field, e);
    }
  }

  private static void requireBlock(long block) {
    require(block >= 0 && block <= 0xffff_ffffL, "a block number must be a u32");
  }

  private static void require(boolean ok, String what) {
    if (!ok) {
      throw new IllegalStateException("node-local value: " + what);
    }
  }
}
