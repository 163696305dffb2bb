package io.hivesafe.engine.snapshot;

import io.hivesafe.engine.NodeEvents;
import io.hivesafe.hive.crypto.SignatureScheme;
import io.hivesafe.hive.rpc.HiveRpcClient;
import io.hivesafe.ops.BlockRef;
import io.hivesafe.ops.MultisigAuthority;
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
import io.hivesafe.state.StateDigest;
import io.hivesafe.state.StateStore;
import io.hivesafe.state.StateStoreException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
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
 * <p>What the check does not prove is in docs/node.md ("Snapshots and bootstrap", "What the checks
 * prove"): chiefly, that keys which hold the active threshold vouch honestly.
 */
public final class SnapshotBootstrap {
  /** At most this many reports that do not count are named in a refusal. */
  private static final int MAX_NAMED = 10;

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
    events.bootstrapStarted(fileOrUrl, dir.toString());
    boolean existed = Files.exists(dir);
    Path download = dir.resolveSibling(dir.getFileName() + ".download");
    boolean importing = false;
    try {
      checkEmpty(dir);
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
      SnapshotInfo info = importSnapshot(file, dir, header);
      events.bootstrapImported(r, info.digest().hex(), info.entries(), Duration.ofNanos(System.nanoTime() - started));
      Facts facts = facts(dir, r);
      checkNetwork(genesis, info, facts, reports);
      if (pinned) {
        events.bootstrapPinned(r, info.digest().hex());
        return new BootstrapResult(r, info.digest(), info.entries(), Optional.empty());
      }
      BootstrapResult.Vouched vouched = vouch(genesis, info, facts, reports, anchor.get(),
          new KeyProofs(api, genesis, crypto, r));
      events.bootstrapVerified(r, info.digest().hex(), vouched);
      return new BootstrapResult(r, info.digest(), info.entries(), Optional.of(vouched));
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
  private record Facts(Totals totals, Optional<BlockRef> ref, Roster roster, TreeMap<String, NodeRecord> nodes,
      MultisigAuthority authority, long maxMissed) {}

  /** It must be this network's state, on this chain. */
  private static void checkNetwork(NetworkGenesis genesis, SnapshotInfo info, Facts facts, OnChainReports reports)
      throws Refused {
    long r = info.block();
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
  }

  /** The anchor (the authority on chain), the tally's rule, and the weight of proven signer keys behind the digest. */
  private static BootstrapResult.Vouched vouch(NetworkGenesis genesis, SnapshotInfo info, Facts facts, OnChainReports reports,
      AuthorityAnchor anchor, KeyProofs proofs) throws Refused {
    long r = info.block();
    String digest = info.digest().hex();
    anchor.check(facts.authority(), r);
    WindowQuorum quorum = WindowQuorum.of(digest, facts.roster().runners(), facts.nodes(), reports.hashes(), facts.maxMissed(),
        reports.complete());
    if (!quorum.passes()) {
      throw notConsensus(r, digest, quorum, reports);
    }
    SignerVouching signers = SignerVouching.count(digest, reports.hashes(), facts.nodes(), anchor.active(), proofs);
    if (!signers.reaches()) {
      throw notVouched(r, digest, signers, reports, anchor);
    }
    ReportQuorum q = quorum.shown();
    return new BootstrapResult.Vouched(signers.weight(), signers.threshold(), signers.signers(), q.reporters(digest),
        q.runnerCount(), q.reportersAge(digest), q.ageTotal(), reports.through());
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
            SidechainState.roster(reader), nodes, SidechainState.authority(reader), SidechainState.params(reader).maxMissed());
      });
    } catch (StateStoreException e) {
      throw new Refused(BootstrapException.Failure.SNAPSHOT, "cannot read the imported store: " + e.getMessage(), e);
    } catch (IllegalStateException e) {
      // A record missing or not decoding: untrusted input, not a bug of this node.
      throw new Refused(BootstrapException.Failure.NETWORK, "the snapshot does not hold a sidechain state this node can read: "
          + e.getMessage(), e);
    }
  }

  private static Refused notConsensus(long r, String digest, WindowQuorum window, OnChainReports reports) {
    ReportQuorum quorum = window.shown();
    String counted = "its digest " + digest + " was reported by " + quorum.reporters(digest) + " of the "
        + quorum.runnerCount() + " runners it names that the tally counts, holding age " + quorum.reportersAge(digest) + " of " + quorum.ageTotal()
        + "; the tally's rule needs more than half of the runners and at least half of their age";
    if (!reports.complete() && window.couldReach()) {
      return tooEarly(r, counted, reports);
    }
    Optional<String> consensus = window.consensus();
    String onChain = consensus.isPresent() ? "; the consensus on chain for block " + r + " is " + consensus.get()
        : reports.hashes().isEmpty() ? "; nobody reported for block " + r + " (a snapshot of another network?)"
        : reports.complete() ? "; no digest reached consensus for block " + r
        : "; the runners yet to report could not carry it";
    return new Refused(BootstrapException.Failure.NOT_CONSENSUS, "block " + r + ": " + counted + onChain);
  }

  private static Refused notVouched(long r, String digest, SignerVouching signers, OnChainReports reports,
      AuthorityAnchor anchor) {
    StringBuilder counted = new StringBuilder("its digest " + digest + " is vouched for by node keys of weight "
        + signers.weight() + " of the multisig account " + anchor.account() + "'s active threshold " + signers.threshold());
    if (!signers.signers().isEmpty()) {
      counted.append(" (");
      String sep = "";
      for (BootstrapResult.Signer s : signers.signers()) {
        counted.append(sep).append(s.account()).append(' ').append(s.weight()).append(", ").append(s.proof());
        sep = "; ";
      }
      counted.append(')');
    }
    List<String> refused = signers.refused();
    if (!refused.isEmpty()) {
      counted.append("; reports of it that do not count: ");
      int shown = Math.min(refused.size(), MAX_NAMED);
      counted.append(String.join("; ", refused.subList(0, shown)));
      if (shown < refused.size()) {
        counted.append("; and ").append(refused.size() - shown).append(" more");
      }
    }
    counted.append(". A snapshot is vouched for on chain only by registered nodes whose proven keys hold the active threshold");
    if (!reports.complete() && signers.couldReach()) {
      return tooEarly(r, counted.toString(), reports);
    }
    return new Refused(BootstrapException.Failure.NOT_VOUCHED, "block " + r + ": " + counted
        + "; if you know the digest to trust, give it with --expect-digest");
  }

  private static Refused tooEarly(long r, String counted, OnChainReports reports) {
    return new Refused(BootstrapException.Failure.TOO_EARLY, "block " + r + ": " + counted + ", but reports for block " + r
        + " may still land until block " + reports.tallyBlock() + " and the chain's last irreversible block is "
        + reports.irreversible() + ": try again after block " + reports.tallyBlock() + ", or use an older snapshot");
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
