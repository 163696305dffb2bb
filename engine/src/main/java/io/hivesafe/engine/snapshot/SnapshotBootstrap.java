package io.hivesafe.engine.snapshot;

import io.hivesafe.engine.NodeEvents;
import io.hivesafe.hive.rpc.HiveRpcClient;
import io.hivesafe.ops.BlockRef;
import io.hivesafe.ops.NetworkGenesis;
import io.hivesafe.ops.NodeRecord;
import io.hivesafe.ops.ReportQuorum;
import io.hivesafe.ops.Roster;
import io.hivesafe.ops.SidechainState;
import io.hivesafe.ops.Totals;
import io.hivesafe.state.SnapshotException;
import io.hivesafe.state.SnapshotInfo;
import io.hivesafe.state.Snapshots;
import io.hivesafe.state.StateConfig;
import io.hivesafe.state.StateStore;
import io.hivesafe.state.StateStoreException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Starts a node from another node's snapshot instead of from the genesis, and trusts the snapshot only
 * as far as the chain vouches for it (DESIGN §3.8).
 *
 * <ol>
 *   <li>The data directory must be empty or missing; otherwise nothing is done.
 *   <li>The source is a file, or an http(s) URL downloaded (okhttp) beside the data directory.
 *   <li>The snapshot must be at a report block R (only a report block's digest is ever reported).
 *   <li>The reports for R are read off the chain: the irreversible blocks of (R, T], T = R + tally −
 *       report_offset, through the API ({@link OnChainReports}).
 *   <li>The snapshot is imported; the import checks the file's own integrity (format, key order,
 *       closing SHA-256, the digest recomputed from the entries).
 *   <li>It must be this network's state on this chain: the token supply is the genesis's (it never
 *       changes), and the state's record of block R's id is the chain's block R.
 *   <li>Its digest must be the consensus of the reports for R by the runners the state names, under
 *       the tally's own rule ({@link ReportQuorum}): more than half of the runners, holding at least half
 *       of their age. The runners and ages of R's state are the tally's, because they change only at
 *       tallies and (R, T] holds none. If the window is not yet irreversible to its end and the digest
 *       has not passed yet but still could (the runners yet to report would carry it), the answer is
 *       "too early"; if it no longer could (say another digest has passed), it is refused at once.
 * </ol>
 *
 * On any refusal the imported store is deleted, so the directory is again as it was found (empty or
 * absent), and {@link BootstrapException} says what failed. On success a node started on the directory
 * resumes at R+1 ({@code SidechainNode.nextBlock}).
 *
 * <p>What the check does not prove: the roster itself comes from the snapshot. A forged snapshot whose
 * forged runners are accounts that also posted matching reports on chain in R's window would pass.
 * docs/node.md ("Snapshots and bootstrap") describes the limit and what closes it.
 */
public final class SnapshotBootstrap {
  private SnapshotBootstrap() {}

  /**
   * Loads the snapshot at {@code fileOrUrl} into {@code emptyDataDir} and checks it against the chain
   * that {@code api} follows.
   *
   * @throws BootstrapException the snapshot was refused or could not be loaded; the directory is left
   *     as it was found
   */
  public static BootstrapResult bootstrap(String fileOrUrl, Path emptyDataDir, NetworkGenesis genesis, HiveRpcClient api,
      NodeEvents events) throws BootstrapException {
    Path dir = emptyDataDir.toAbsolutePath().normalize();
    events.bootstrapStarted(fileOrUrl, dir.toString());
    boolean existed = Files.exists(dir);
    Path download = dir.resolveSibling(dir.getFileName() + ".download");
    boolean importing = false;
    try {
      checkEmpty(dir);
      Path file = source(fileOrUrl, download, events);
      SnapshotInfo header = header(file);
      long r = header.block();
      if (!genesis.isReportBlock(r) || r < genesis.startBlock()) {
        throw new Refused(BootstrapException.Failure.NOT_REPORT_BLOCK, "the snapshot is at block " + r
            + ", which is not a report block of this network (block % " + genesis.tallyInterval() + " == "
            + genesis.reportOffset() + ", from block " + genesis.startBlock() + "): no digest of it was ever reported on chain");
      }
      OnChainReports reports = OnChainReports.read(api, genesis, r);
      long started = System.nanoTime();
      importing = true;
      SnapshotInfo info = importSnapshot(file, dir, header);
      events.bootstrapImported(r, info.digest().hex(), info.entries(), Duration.ofNanos(System.nanoTime() - started));
      BootstrapResult result = check(dir, genesis, info, reports);
      events.bootstrapVerified(r, info.digest().hex(), result.reporters(), result.runners(), result.reportersAge(),
          result.ageTotal(), result.checkedThrough());
      return result;
    } catch (Refused e) {
      String message = "snapshot bootstrap from " + fileOrUrl + " failed: " + e.getMessage();
      if (e.failure != BootstrapException.Failure.DATA_DIR) {
        String left = importing ? cleanUp(dir, existed) : "";
        message += left.isEmpty() ? ". The data directory " + dir + " is left " + (existed ? "empty" : "absent") : left;
      }
      events.bootstrapFailed(fileOrUrl, e.getMessage());
      throw new BootstrapException(e.failure, message, e.getCause());
    } catch (RuntimeException | Error bug) {
      // Not a refusal but a bug: it propagates as it is, and still leaves no half-checked store behind.
      if (importing) {
        cleanUp(dir, existed);
      }
      throw bug;
    } finally {
      try {
        Files.deleteIfExists(download);
      } catch (IOException e) {
        events.bootstrapFailed(fileOrUrl, "cannot delete the downloaded file " + download + ": " + e.getMessage());
      }
    }
  }

  private static void checkEmpty(Path dir) throws Refused {
    if (!Files.exists(dir)) {
      return;
    }
    if (!Files.isDirectory(dir)) {
      throw new Refused(BootstrapException.Failure.DATA_DIR, "the data directory " + dir + " is not a directory");
    }
    try (Stream<Path> list = Files.list(dir)) {
      if (list.findAny().isPresent()) {
        throw new Refused(BootstrapException.Failure.DATA_DIR, "the data directory " + dir + " is not empty; bootstrap only "
            + "into an empty or new directory (nothing was changed)");
      }
    } catch (IOException e) {
      throw new Refused(BootstrapException.Failure.DATA_DIR, "cannot read the data directory " + dir + ": " + e.getMessage(), e);
    }
  }

  private static Path source(String fileOrUrl, Path download, NodeEvents events) throws Refused {
    if (SnapshotDownload.isHttp(fileOrUrl)) {
      URI url;
      try {
        url = URI.create(fileOrUrl);
      } catch (IllegalArgumentException e) {
        throw new Refused(BootstrapException.Failure.SOURCE, "not a usable URL: " + e.getMessage(), e);
      }
      try {
        Files.createDirectories(download.getParent());
      } catch (IOException e) {
        throw new Refused(BootstrapException.Failure.SOURCE, "cannot create " + download.getParent() + " for the download: "
            + e.getMessage(), e);
      }
      long started = System.nanoTime();
      long bytes = SnapshotDownload.fetch(url, download);
      events.bootstrapDownloaded(fileOrUrl, bytes, Duration.ofNanos(System.nanoTime() - started));
      return download;
    }
    Path file;
    try {
      file = fileOrUrl.startsWith("file:") ? Path.of(URI.create(fileOrUrl)) : Path.of(fileOrUrl);
    } catch (IllegalArgumentException e) { // InvalidPathException too
      throw new Refused(BootstrapException.Failure.SOURCE, "not a file path or an http(s) URL: " + e.getMessage(), e);
    }
    if (!Files.isRegularFile(file)) {
      throw new Refused(BootstrapException.Failure.SOURCE, "no such file " + file.toAbsolutePath());
    }
    return file;
  }

  private static SnapshotInfo header(Path file) throws Refused {
    try {
      return Snapshots.header(file);
    } catch (SnapshotException e) {
      throw new Refused(BootstrapException.Failure.SNAPSHOT, e.getMessage(), e);
    }
  }

  private static SnapshotInfo importSnapshot(Path file, Path dir, SnapshotInfo header) throws Refused {
    try {
      return Snapshots.importInto(file, StateConfig.of(dir), Optional.of(header.digest()), OptionalLong.of(header.block()));
    } catch (SnapshotException e) {
      throw new Refused(BootstrapException.Failure.SNAPSHOT, e.getMessage(), e);
    } catch (StateStoreException | UncheckedIOException e) {
      throw new Refused(BootstrapException.Failure.SNAPSHOT, "cannot import it: " + e.getMessage(), e);
    }
  }

  /** What the checks need from the imported state, read in one go. */
  private record Facts(Totals totals, Optional<BlockRef> ref, Roster roster, TreeMap<String, NodeRecord> nodes) {}

  /** The network checks and the consensus check, on the imported store. */
  private static BootstrapResult check(Path dir, NetworkGenesis genesis, SnapshotInfo info, OnChainReports reports)
      throws Refused {
    long r = info.block();
    String digest = info.digest().hex();
    Facts facts = facts(dir, r);
    if (facts.totals().tokenSupply() != genesis.tokenSupply()) {
      throw new Refused(BootstrapException.Failure.NETWORK, "the snapshot is not of network " + genesis.network()
          + ": its token supply is " + facts.totals().tokenSupply() + ", the genesis allocates " + genesis.tokenSupply());
    }
    if (reports.reportBlockId() == null) {
      throw new Refused(BootstrapException.Failure.API, "the Hive API did not give block " + r);
    }
    String chainId = reports.reportBlockId().toHex();
    Optional<BlockRef> ref = facts.ref();
    if (ref.isEmpty() || ref.get().block() != r || !ref.get().id().equals(chainId)) {
      throw new Refused(BootstrapException.Failure.NETWORK, "the snapshot did not follow this chain: it records block " + r
          + " as " + ref.map(BlockRef::id).orElse("nothing") + ", the chain's block " + r + " is " + chainId);
    }
    ReportQuorum quorum = ReportQuorum.count(facts.roster().runners(), facts.nodes(), reports.hashes());
    if (!quorum.reaches(digest)) {
      throw notConsensus(r, digest, quorum, reports);
    }
    return new BootstrapResult(r, info.digest(), info.entries(), quorum.reporters(digest), quorum.runnerCount(),
        quorum.reportersAge(digest), quorum.ageTotal(), reports.through());
  }

  private static Facts facts(Path dir, long r) throws Refused {
    // Just imported and verified: no need to recompute the digest from every entry again.
    try (StateStore store = StateStore.open(StateConfig.of(dir).withVerifyOnOpen(false))) {
      return store.read(reader -> {
        TreeMap<String, NodeRecord> nodes = new TreeMap<>();
        for (NodeRecord n : SidechainState.nodes(reader)) {
          nodes.put(n.account(), n);
        }
        return new Facts(SidechainState.totals(reader), SidechainState.blockRef(reader, r & 0xffff),
            SidechainState.roster(reader), nodes);
      });
    } catch (StateStoreException e) {
      throw new Refused(BootstrapException.Failure.SNAPSHOT, "cannot read the imported store: " + e.getMessage(), e);
    } catch (IllegalStateException e) {
      // A record missing or not decoding: untrusted input, not a bug of this node.
      throw new Refused(BootstrapException.Failure.NETWORK, "the snapshot does not hold a sidechain state this node can read: "
          + e.getMessage(), e);
    }
  }

  private static Refused notConsensus(long r, String digest, ReportQuorum quorum, OnChainReports reports) {
    String counted = "its digest " + digest + " was reported by " + quorum.reporters(digest) + " of the "
        + quorum.runnerCount() + " runners it names, holding age " + quorum.reportersAge(digest) + " of " + quorum.ageTotal()
        + "; the tally's rule needs more than half of the runners and at least half of their age";
    if (!reports.complete() && quorum.couldStillReach(digest)) {
      return new Refused(BootstrapException.Failure.TOO_EARLY, "block " + r + ": " + counted + ", but reports for block " + r
          + " may still land until block " + reports.tallyBlock() + " and the chain's last irreversible block is "
          + reports.irreversible() + ": try again after block " + reports.tallyBlock() + ", or use an older snapshot");
    }
    Optional<String> consensus = quorum.consensus();
    String onChain = consensus.isPresent() ? "; the consensus on chain for block " + r + " is " + consensus.get()
        : reports.hashes().isEmpty() ? "; nobody reported for block " + r + " (a snapshot of another network?)"
        : "; no digest reached consensus for block " + r;
    return new Refused(BootstrapException.Failure.NOT_CONSENSUS, "block " + r + ": " + counted + onChain);
  }

  /** Deletes what the import put into {@code dir}; returns a note for the message if that failed. */
  private static String cleanUp(Path dir, boolean existed) {
    if (!Files.exists(dir)) {
      return "";
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        if (existed && p.equals(dir)) {
          continue;
        }
        Files.delete(p);
      }
      return "";
    } catch (IOException | UncheckedIOException e) {
      return ". The imported store could not be deleted (" + e.getMessage() + "): delete " + dir + " by hand before starting a node on it";
    }
  }
}
