package io.hivesafe.engine.snapshot;

import io.hivesafe.engine.NodeEvents;
import io.hivesafe.hive.crypto.SignatureScheme;
import io.hivesafe.hive.rpc.HiveRpcClient;
import io.hivesafe.ops.NetworkGenesis;
import io.hivesafe.state.SnapshotException;
import io.hivesafe.state.SnapshotInfo;
import io.hivesafe.state.Snapshots;
import io.hivesafe.state.StateConfig;
import io.hivesafe.state.StateDigest;
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
import java.util.stream.Stream;

/**
 * Starts a node from another node's snapshot instead of from the genesis, and trusts the snapshot only
 * as far as the chain vouches for it — or as far as the operator does, who may give the digest to expect
 * (DESIGN §3.8).
 *
 * <ol>
 *   <li>The data directory must be empty or missing; otherwise nothing is done.
 *   <li>The source is a file, or an http(s) URL downloaded (okhttp) beside the data directory.
 *   <li>With a digest given, the snapshot's must be it; the import below checks that the entries hash to it.
 *       Without, the snapshot must be at a report block R (only a report block's digest is ever reported).
 *   <li>The chain is read: block R's id; without a digest given also the multisig account's authority now
 *       ({@code find_accounts}) and the reports for R in the irreversible blocks of (R, T], T = R + tally −
 *       report_offset ({@link OnChainReports}).
 *   <li>The snapshot is imported; the import checks the file's own integrity (format, key order,
 *       closing SHA-256, the digest recomputed from the entries).
 *   <li>It must be this network's state on this chain: the token supply is the genesis's (it never
 *       changes), and the state's record of block R's id is the chain's block R. With a digest given,
 *       that is all.
 *   <li>Its record of the multisig account's owner and active authorities must be the chain's now
 *       ({@link AuthorityAnchor}).
 *   <li>Its digest must be the consensus of the reports for R under the tally's own rule
 *       ({@link WindowQuorum}), with the runners and ages of R's state.
 *   <li>The anchor: the accounts that reported the digest, counted only where the snapshot's node record
 *       holds a key of the active authority on chain and that key is proven (the genesis's key, or a
 *       {@code node_add} proof of possession at the recorded block, {@link KeyProofs}), must hold at least
 *       the active threshold by weight ({@link SignerVouching}).
 * </ol>
 *
 * Reports only add up; once the digest passes both rules it is accepted even if T is not yet
 * irreversible. If it has not passed yet but the reports still to come could carry it, the answer is "too
 * early"; if they could not, a refusal at once. On any refusal the imported store is deleted, so the
 * directory is again as it was found (empty or absent), and {@link BootstrapException} says what failed.
 * On success a node started on the directory resumes at R+1 ({@code SidechainNode.nextBlock}).
 *
 * <p>The checks against the chain (the last three, and this network's state) are {@link ChainChecks}'s.
 *
 * <p>What the check does not prove is in docs/node.md ("Snapshots and bootstrap", "What the checks
 * prove"): chiefly, that keys which hold the active threshold vouch honestly.
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
      SignatureScheme crypto, NodeEvents events) throws BootstrapException {
    return bootstrap(fileOrUrl, emptyDataDir, genesis, api, crypto, Optional.empty(), events);
  }

  /**
   * As {@link #bootstrap(String, Path, NetworkGenesis, HiveRpcClient, SignatureScheme, NodeEvents)}; with
   * {@code expectDigest} given, the snapshot must have that digest (its entries must hash to it) and the
   * chain's reports are not consulted: the operator vouches for the digest. It must still be this
   * network's state on this chain.
   */
  public static BootstrapResult bootstrap(String fileOrUrl, Path emptyDataDir, NetworkGenesis genesis, HiveRpcClient api,
      SignatureScheme crypto, Optional<StateDigest> expectDigest, NodeEvents events) throws BootstrapException {
    Path dir = emptyDataDir.toAbsolutePath().normalize();
    events.bootstrapStarted(shown(fileOrUrl), dir.toString());
    boolean existed = Files.exists(dir);
    Path download = dir.resolveSibling(dir.getFileName() + ".download");
    // The store is built and checked beside the data directory and moved into it only once the chain (or
    // the operator's digest) vouched for it: a process killed while checking leaves the data directory as
    // it was, never holding a store nobody vouched for, which a later plain run would start from.
    Path unvouched = dir.resolveSibling(dir.getFileName() + ".unvouched");
    boolean importing = false;
    try {
      checkEmpty(dir);
      cleanUp(unvouched, false); // what a killed bootstrap left
      Path file = source(fileOrUrl, download, events);
      SnapshotInfo header = header(file);
      long r = header.block();
      boolean pinned = expectDigest.isPresent();
      if (pinned && !header.digest().equals(expectDigest.get())) {
        throw new Refused(BootstrapException.Failure.UNEXPECTED_DIGEST, "the snapshot (block " + r + ") has digest "
            + header.digest().hex() + ", not the expected " + expectDigest.get().hex());
      }
      if (!pinned && (!genesis.isReportBlock(r) || r < genesis.startBlock())) {
        throw new Refused(BootstrapException.Failure.NOT_REPORT_BLOCK, "the snapshot is at block " + r
            + ", which is not a report block of this network (block % " + genesis.tallyInterval() + " == "
            + genesis.reportOffset() + ", from block " + genesis.startBlock() + "): no digest of it was ever reported on chain");
      }
      Optional<AuthorityAnchor> anchor = pinned ? Optional.empty() : Optional.of(AuthorityAnchor.read(api, genesis));
      OnChainReports reports = OnChainReports.read(api, genesis, r, !pinned);
      long started = System.nanoTime();
      importing = true;
      SnapshotInfo info = importSnapshot(file, unvouched, header);
      events.bootstrapImported(r, info.digest().hex(), info.entries(), Duration.ofNanos(System.nanoTime() - started));
      ChainChecks.Facts facts = ChainChecks.facts(unvouched, r);
      ChainChecks.checkNetwork(genesis, info, facts, reports);
      if (pinned) {
        moveIntoPlace(unvouched, dir, existed);
        events.bootstrapPinned(r, info.digest().hex());
        return new BootstrapResult(r, info.digest(), info.entries(), Optional.empty());
      }
      BootstrapResult.Vouched vouched = ChainChecks.vouch(info, facts, reports, anchor.get(),
          new KeyProofs(api, genesis, crypto, r));
      moveIntoPlace(unvouched, dir, existed);
      events.bootstrapVerified(r, info.digest().hex(), vouched);
      return new BootstrapResult(r, info.digest(), info.entries(), Optional.of(vouched));
    } catch (Refused e) {
      String message = "snapshot bootstrap from " + shown(fileOrUrl) + " failed: " + e.getMessage();
      if (e.failure != BootstrapException.Failure.DATA_DIR || importing) {
        String left = importing ? cleanUp(unvouched, false) : "";
        message += left.isEmpty() ? ". The data directory " + dir + " is left " + (Files.exists(dir) ? "empty" : "absent") : left;
      }
      events.bootstrapFailed(shown(fileOrUrl), e.getMessage());
      throw new BootstrapException(e.failure, message, e.getCause());
    } catch (RuntimeException | Error bug) {
      // Not a refusal but a bug: it propagates as it is, and still leaves no half-checked store behind.
      if (importing) {
        cleanUp(unvouched, false);
      }
      throw bug;
    } finally {
      try {
        Files.deleteIfExists(download);
      } catch (IOException e) {
        events.bootstrapFailed(shown(fileOrUrl), "cannot delete the downloaded file " + download + ": " + e.getMessage());
      }
    }
  }

  /**
   * The vouched store into the data directory, by a rename in the same parent (atomic); an empty data
   * directory that existed is removed first and made again by the rename (a kill between the two leaves
   * it absent: the node then starts from genesis, never from an unvouched store).
   */
  private static void moveIntoPlace(Path unvouched, Path dir, boolean existed) throws Refused {
    try {
      if (existed) {
        Files.delete(dir); // empty: checked before anything was imported
      }
      Files.move(unvouched, dir, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new Refused(BootstrapException.Failure.DATA_DIR, "cannot move the vouched store from " + unvouched + " into " + dir
          + ": " + e.getMessage(), e);
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
      events.bootstrapDownloaded(shown(fileOrUrl), bytes, Duration.ofNanos(System.nanoTime() - started));
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

  /** A snapshot's source as a log line shows it: a file's path, or a URL without its path, query or user info (a presigned link's signature, a token). */
  static String shown(String fileOrUrl) {
    if (fileOrUrl.startsWith("http://") || fileOrUrl.startsWith("https://")) {
      try {
        return io.hivesafe.hive.rpc.EndpointText.of(java.net.URI.create(fileOrUrl));
      } catch (IllegalArgumentException e) {
        return "(a URL that does not parse)";
      }
    }
    return fileOrUrl;
  }
}
