package io.hivesafe.engine;

import io.hivesafe.engine.node.AuthorityReport;
import io.hivesafe.engine.node.CustodyReport;
import io.hivesafe.engine.node.RcReading;
import io.hivesafe.engine.snapshot.BootstrapResult;
import io.hivesafe.engine.source.CatchUpProgress;
import io.hivesafe.hive.protocol.BlockId;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every line the node writes for its operator, one method per notable event, so that what an operator
 * sees is written in one place and can be read (and changed) in one place. Nothing here may take a key
 * or any other secret.
 *
 * <p>Levels: INFO for what a healthy node does (start, progress, caught up), WARN for a fault the node
 * works around (a failed fetch, a bad answer), ERROR for what stops it.
 */
public final class NodeEvents {
  private final Logger log;

  /** Events logged under {@code io.hivesafe.engine.NodeEvents}. */
  public NodeEvents() {
    this(LoggerFactory.getLogger(NodeEvents.class));
  }

  public NodeEvents(Logger log) {
    this.log = Objects.requireNonNull(log, "log");
  }

  // ---- block source ----

  /** The RPC block source starts fetching at {@code startBlock}. */
  public void blockSourceStarted(long startBlock, boolean irreversibleOnly) {
    log.info("block source: following Hive from block {} ({})", startBlock,
        irreversibleOnly ? "irreversible blocks only" : "head blocks, which a fork can still replace");
  }

  /** The file block source starts reading. */
  public void blockFileOpened(String file, long startBlock) {
    log.info("block source: replaying {} from block {}", file, startBlock);
  }

  /** At most once per progress interval while catching up. */
  public void catchUpProgress(CatchUpProgress progress) {
    log.info("catching up: block {} of {}, {} blocks/s, {} blocks left, ETA {}", progress.lastBlock(), progress.targetBlock(),
        String.format(Locale.ROOT, "%.1f", progress.blocksPerSecond()), progress.blocksLeft(),
        progress.eta().map(NodeEvents::duration).orElse("unknown"));
  }

  /** The source has fetched every block up to the chain's target and now polls for new ones. */
  public void switchedToLive(long lastBlock, Duration pollInterval) {
    log.info("caught up at block {}: following Hive live, asking every {}", lastBlock, duration(pollInterval));
  }

  /** A live source found itself more than a batch behind (after an outage) and fetches in bulk again. */
  public void fellBehind(long nextBlock, long targetBlock) {
    log.info("{} blocks behind (next {}, chain at {}): catching up", targetBlock - nextBlock + 1, nextBlock, targetBlock);
  }

  /**
   * The block source has not reached the chain yet: no endpoint answered ({@code tried}: each endpoint
   * and why). Written at once and then at most once per progress interval, instead of a progress line.
   */
  public void noApiAnswers(String tried, Duration retryIn, Duration maxPause) {
    log.warn("no Hive API answers: tried {}; retrying in {} (then at least every {})", tried, duration(retryIn), duration(maxPause));
  }

  /** A call failed (no endpoint answered, or one refused); retried after {@code retryIn}. */
  public void fetchFailed(String what, long nextBlock, String reason, Duration retryIn) {
    log.warn("{} for block {} failed, retrying in {}: {}", what, nextBlock, duration(retryIn), reason);
  }

  /** A block range answer was damaged after {@code kept} good blocks; the rest is fetched again. */
  public void rangeDefective(long start, int kept, String defect, Duration retryIn) {
    log.warn("block range from {} was damaged after {} good block(s), kept those, refetching the rest in {}: {}", start, kept,
        duration(retryIn), defect);
  }

  /** A block does not link to the block handed on before it: not handed on, refetched. */
  public void linkageMismatch(long block, BlockId previous, BlockId expectedPrevious, Duration retryIn) {
    log.warn("block {} names previous {}, but the block handed on before it is {}: not handed on, refetching in {}", block, previous,
        expectedPrevious, duration(retryIn));
  }

  /** The endpoint has no blocks yet from {@code start}, although the chain was said to be at {@code target}. */
  public void rangeEmpty(long start, long target, Duration retryIn) {
    log.info("no blocks from {} yet although the chain is at {} (an endpoint lags): asking again in {}", start, target,
        duration(retryIn));
  }

  /** A bug stopped the block source; the consumer will get it. */
  public void blockSourceFailed(long nextBlock, Throwable bug) {
    log.error("block source stopped by a bug before block {}", nextBlock, bug);
  }

  /** The block source was closed. */
  public void blockSourceStopped(long nextBlock) {
    log.info("block source stopped; next block would have been {}", nextBlock);
  }

  /** Replay progress, at most every few seconds: the last applied block and the pace since the last line. */
  public void replayProgress(long block, long applied, long blocksPerSecond) {
    log.info("replay: block {} applied ({} blocks so far, {} blocks/s)", block, applied, blocksPerSecond);
  }

  /** A transaction of the outbox was accepted by an API node. */
  public void outboxSent(String what) {
    log.info("sent {}", what);
  }

  /** A transaction of the outbox was refused by hived (not retried) or could not be delivered. */
  public void outboxRefused(String what, String reason) {
    log.warn("{} was not sent: {}", what, reason);
  }

  /**
   * This node's multisig transaction fails hived's authority check against the multisig account's recorded
   * authority ({@code reason}: the rules and hived's message), so it is not broadcast: a bug in this node
   * or its state, since the core counts only signatures by the authority's keys.
   */
  public void broadcastWithheld(String what, String reason) {
    log.error("{} is not broadcast: its signatures do not satisfy the multisig account's recorded authority ({})", what, reason);
  }

  /** Sending failed for a transport reason; it is retried. */
  public void outboxRetry(String what, int attempt, String reason) {
    log.info("sending {} failed (attempt {}), retrying: {}", what, attempt, reason);
  }

  // ---- resource credits ----

  /** hived refused a transaction for want of RC: the first refusal of its cause (later ones are only counted). */
  public void rcRefused(String role, String account, String what, OptionalLong has, OptionalLong needs) {
    log.warn("{} account {} is out of resource credits: hived refused {} ({} RC, needs {} RC); holding it, and whatever else of {} "
        + "it refuses, to send again when RC has regenerated", role, account, what, has.isPresent() ? "has " + has.getAsLong() : "has ?",
        needs.isPresent() ? Long.toString(needs.getAsLong()) : "?", account);
  }

  /** A transaction of a role that was out of RC was accepted: the held ones follow. */
  public void rcAccepted(String role, String account, String what) {
    log.info("{} account {} has resource credits again: {} was accepted; sending what was held for RC", role, account, what);
  }

  /** A transaction held for RC expired before RC came back: it is dropped (a report whose window has closed counts no more anyway). */
  public void rcHeldExpired(String what, Instant expiration) {
    log.warn("{} held for resource credits expired at {} before RC came back: dropped (the node's duties send what still matters again)",
        what, expiration);
  }

  /** A role holds more transactions for RC than the cap: the oldest are dropped; one line per overflow, not per drop. */
  public void rcHeldOverflow(String role, String account, int cap, String what) {
    log.warn("{} account {} has more than {} transactions held for resource credits: dropped the oldest, {}, and drops the oldest "
        + "while it stays full (hivesafe_broadcasts_total{result=\"dropped\"} counts them)", role, account, cap, what);
  }

  /** Held signatures and multisig broadcasts dropped because the node may no longer sign (it diverged, or stopped on a bug). */
  public void rcHeldSigningDropped(int count) {
    log.warn("dropped {} signature(s) and multisig broadcast(s) held for resource credits: this node may no longer sign", count);
  }

  /** A held transaction sent again reached no API: it stays held (unknown, not refused), for the next reading or acceptance. */
  public void rcHeldKept(String what, int attempts) {
    log.warn("{}, held for resource credits, was not delivered: no API accepted it after {} attempts; still held", what, attempts);
  }

  /** The first reading of an account's RC. */
  public void rcRead(RcReading r) {
    log.info("resource credits: {} account {} has {} RC of {} ({}%)", r.role().tag(), r.account(), r.mana(), r.maxRc(), r.percent());
  }

  /** An account's RC went low (once per crossing, not per reading). */
  public void rcLow(RcReading r, long transactions, int percent) {
    log.warn("resource credits LOW: {} account {} has {} RC of {} ({}%), below {} RC ({} of its transactions) or {}% of its maximum: "
        + "power up HIVE or delegate RC to it before its transactions are refused", r.role().tag(), r.account(), r.mana(), r.maxRc(),
        r.percent(), r.threshold(), transactions, percent);
  }

  /** An account's RC is no longer low. */
  public void rcNoLongerLow(RcReading r) {
    log.info("resource credits: {} account {} is no longer low: {} RC of {} ({}%)", r.role().tag(), r.account(), r.mana(), r.maxRc(),
        r.percent());
  }

  /** An RC reading could not be made. */
  public void rcUnchecked(String accounts, String reason) {
    log.warn("resource credits of {} not read: {}", accounts, reason);
  }

  /** The result of a tally, one line. */
  public void tally(io.hivesafe.ops.TallyRecord t) {
    if (t.consensus()) {
      log.info("block {}: tally of block {} in consensus ({} of {} runners), header from {}", t.block(), t.reportBlock(),
          t.runnersAgreeing(), t.runnerCount(), t.headerSource());
    } else {
      log.warn("block {}: tally of block {} without consensus ({} reports; {} tallies in a row)", t.block(), t.reportBlock(),
          t.reports(), t.noConsensusInRow());
    }
  }

  /** The core raised an alarm in block {@code block} (its feed holds it too): someone must look. */
  public void alarm(long block, io.hivesafe.ops.Alarm alarm) {
    log.error("block {}: ALARM {}{}: {}", block, alarm.kind(), alarm.tx().isEmpty() ? "" : " in transaction " + alarm.tx(),
        ReasonText.render(alarm.reason()));
  }

  /** The custody check: after the node's block the multisig account held what the books say. */
  public void custodyMatches(CustodyReport r) {
    log.info("block {}: custody check: the multisig account held {} milli-HIVE and {} milli-HBD after this block, as the books "
        + "say (read at head {}, {} pending transaction(s) allowed for)", r.block(), r.chainAtBlockHive(), r.chainAtBlockHbd(),
        r.head(), r.pendingTransactions());
  }

  /** The custody check found the chain short of the books, on readings that agree: funds left that the books do not know of. */
  public void custodyShortfall(CustodyReport r) {
    log.error("block {}: ALARM: custody check: the multisig account held {} milli-HIVE and {} milli-HBD less than the books say "
        + "after this block (chain {} and {}, books {} and {}; {} readings up to head {} agree, pending transactions allowed for). "
        + "Nothing is written to state; find what took it out.", r.block(), r.shortfallHive(), r.shortfallHbd(),
        r.chainAtBlockHive(), r.chainAtBlockHbd(), r.booksHive(), r.booksHbd(), r.readings(), r.head());
  }

  /** The custody check found more on chain than the books say (a gift, a reward claim): reported, not an alarm. */
  public void custodySurplus(CustodyReport r) {
    log.warn("block {}: custody check: the multisig account held {} milli-HIVE and {} milli-HBD more than the books say after "
        + "this block (chain {} and {}, books {} and {}): something paid it outside a deposit (a gift, a reward claim); not an "
        + "alarm", r.block(), r.surplusHive(), r.surplusHbd(), r.chainAtBlockHive(), r.chainAtBlockHbd(), r.booksHive(),
        r.booksHbd());
  }

  /** The custody check could not be made this time (API down, chain moving, node far behind): it runs again later. */
  public void custodyUnchecked(long block, String reason) {
    log.warn("block {}: custody not checked: {}", block, reason);
  }

  /** The authority check: the multisig account's authorities on chain are the recorded ones. */
  public void authorityMatches(AuthorityReport r) {
    log.info("block {}: authority check: the multisig account's owner and active authorities on chain are the recorded ones "
        + "(read at head {}; {} change(s) after this block, {} pending transaction(s)); recovery account {}", r.block(), r.head(),
        r.changes(), r.pendingTransactions(), r.recovery() == AuthorityReport.Recovery.NOT_RECORDED
            ? "not recorded (the genesis names none; the chain says '" + r.chainRecovery() + "')"
            : "'" + r.chainRecovery() + "' as recorded");
  }

  /** The authority check found the chain's authority or recovery account different from the record, unexplained. */
  public void authorityMismatch(AuthorityReport r) {
    log.error("block {}: ALARM: authority check: the multisig account's {} on chain differ(s) from the record after this block "
        + "and from every change in its history up to head {} and its pending transactions (on {} readings): owner {} of {} keys "
        + "on chain, active {} of {} keys, recovery account '{}' (recorded '{}'). Nothing is written to state.", r.block(),
        r.differing(), r.head(), r.readings(), r.chainOwner().threshold(), r.chainOwner().keys().size(), r.chainActive().threshold(),
        r.chainActive().keys().size(), r.chainRecovery(), r.recorded().recoveryAccount());
  }

  /** The authority check could not be made this time; it runs again at the next tally. */
  public void authorityUnchecked(long block, String reason) {
    log.warn("block {}: authority not checked: {}", block, reason);
  }

  /** This node's digest differs from the consensus: loud, and it stops signing. */
  public void diverged(long reportBlock, String mine, String consensus) {
    log.error("DIVERGED at block {}: this node's state digest {} differs from the consensus {}. It will not sign. "
        + "Stop it and resync from a snapshot of a node in consensus (docs/node.md).", reportBlock, mine, consensus);
  }

  /**
   * On start: the store records that this node diverged (at tally {@code tallyBlock}); it will not sign
   * until its state is replaced.
   */
  public void stillDiverged(long tallyBlock, long reportBlock, String mine, String consensus) {
    log.error("DIVERGED: this store records that at the tally of block {} its state digest {} for block {} differed from the "
        + "consensus {}. This node will not sign, whatever restarts. Stop it and resync from a snapshot of a node in consensus "
        + "into a new data directory (docs/node.md).", tallyBlock, mine, reportBlock, consensus);
  }

  /**
   * A report or sig_submit this node sent when the chain's head was {@code sentAtHead} has not been
   * counted in the state by block {@code block} (lost on its way, most likely): it is signed again
   * against a fresh block and sent again ({@code send} of at most {@code maxSends}).
   */
  public void sendingAgain(String what, long sentAtHead, long block, int send, int maxSends) {
    log.warn("block {}: the {} sent when the head was block {} has not been counted on chain: sending it again (send {} of at "
        + "most {})", block, what, sentAtHead, send, maxSends);
  }

  /** Applying a block threw: a bug in this node; the block was not committed and the node stops. */
  public void applyFailed(long block, Throwable bug) {
    log.error("block {} could not be applied (a bug in this node): nothing of it was committed; the node stops", block, bug);
  }

  /** A component failed while the node was stopping; the others are still stopped. */
  public void componentCloseFailed(Exception e) {
    log.warn("while stopping: {}", e.toString());
  }

  /** At start an endpoint did not tell its chain id; the node checks it before it uses that endpoint. */
  public void chainIdUnchecked(String endpoint, String reason) {
    log.warn("the chain id of {} is not known yet ({}): the node asks it before it uses an answer of that endpoint", endpoint, reason);
  }

  /**
   * An endpoint now serves another chain than the genesis's: the node stops before it applies or signs
   * anything from it. An alarm of the shell (not in the state or the feed: it is about this node's API).
   */
  public void wrongChain(String endpoint, String served, String expected) {
    log.error("ALARM wrong chain: the Hive API at {} serves chain id {}, but the genesis names chain id {}: the node stops and "
        + "applies or signs nothing from it; remove it from api.endpoints (or fix what it serves), then start the node again",
        endpoint, served, expected);
  }

  /** The node and everything it started are closed: the state store holds every block up to {@code lastBlock}. */
  public void nodeClosed(long lastBlock) {
    log.info("stopped: the state is committed through block {} and closed", lastBlock);
  }

  /** The node stopped, but something failed to close (the lines before say what): not a clean stop. */
  public void nodeClosedWithErrors(long lastBlock, int failures) {
    log.error("stopped with {} component(s) failing to close (see the lines above): the last block applied was {}; "
        + "check the store with hivesafe state info before starting again", failures, lastBlock);
  }

  /** The node's loop ended because of an error. */
  public void nodeStopped(long lastBlock, Throwable cause) {
    log.error("node stopped after block {}: {}", lastBlock, cause.getMessage());
  }

  // ---- HTTP API ----

  /** The API listens; {@code url} is its root (the status page). */
  public void apiStarted(String url) {
    log.info("HTTP API and status page at {} (metrics at {}metrics)", url, url);
  }

  public void apiStopped(String url) {
    log.info("HTTP API at {} stopped", url);
  }

  /** A request failed inside the API (a bug in a read-only handler): answered 500, the node goes on. */
  public void apiRequestFailed(String method, String path, Throwable bug) {
    log.error("HTTP API: {} {} failed (answered 500; the node goes on)", method, path, bug);
  }

  // ---- snapshots ----

  /** The snapshot producer wrote the snapshot of report block {@code block}. */
  public void snapshotWritten(long block, String file, long entries, long bytes, Duration took) {
    log.info("block {}: snapshot written to {} ({} entries, {} bytes, in {})", block, file, entries, bytes, duration(took));
  }

  /** An old snapshot was deleted to keep the newest {@code keep}. */
  public void snapshotDeleted(long block, String file, int keep) {
    log.info("block {}: old snapshot {} deleted (keeping the newest {})", block, file, keep);
  }

  /** A snapshot was due but the previous export is still running: this one is skipped, the node goes on. */
  public void snapshotSkipped(long block, long running) {
    log.warn("block {}: snapshot skipped: the export of block {} is still running", block, running);
  }

  /** A snapshot could not be written (disk full, directory gone, …); the node goes on. */
  public void snapshotFailed(long block, String reason) {
    log.warn("block {}: snapshot not written: {}", block, reason);
  }

  /** A bug in the snapshot producer; the node goes on, without that snapshot. */
  public void snapshotBug(long block, Throwable bug) {
    log.error("block {}: snapshot not written because of a bug in the snapshot producer; the node goes on", block, bug);
  }

  /** A bootstrap from a snapshot begins. */
  public void bootstrapStarted(String source, String dataDir) {
    log.info("bootstrap: loading snapshot {} into {}", source, dataDir);
  }

  /** The snapshot was downloaded. */
  public void bootstrapDownloaded(String url, long bytes, Duration took) {
    log.info("bootstrap: downloaded {} ({} bytes in {})", url, bytes, duration(took));
  }

  /** The snapshot was imported (its own integrity checked: checksum and recomputed digest). */
  public void bootstrapImported(long block, String digest, long entries, Duration took) {
    log.info("block {}: bootstrap: snapshot imported ({} entries, digest {}, in {}); checking it against the reports on chain",
        block, entries, digest, duration(took));
  }

  /** The snapshot's digest is vouched for on chain (the anchor and the tally's rule): the node may start from it. */
  public void bootstrapVerified(long block, String digest, BootstrapResult.Vouched v) {
    StringBuilder signers = new StringBuilder();
    for (BootstrapResult.Signer s : v.signers()) {
      signers.append(signers.length() == 0 ? "" : ", ").append(s.account()).append(" (").append(s.proof()).append(')');
    }
    log.info("block {}: bootstrap: digest {} is vouched for on chain: reported by proven node keys of weight {} of the multisig "
        + "account's active threshold {} ({}), and the consensus under the tally's rule ({} of {} runners, age {} of {}); "
        + "reports read through block {}; the node continues from block {}", block, digest, v.signerWeight(),
        v.activeThreshold(), signers, v.reporters(), v.runners(), v.reportersAge(), v.ageTotal(), v.checkedThrough(), block + 1);
  }

  /** The snapshot's digest is the one the operator gave: the chain's reports were not consulted. */
  public void bootstrapPinned(long block, String digest) {
    log.info("block {}: bootstrap: digest {} is the one given with --expect-digest; it was not checked against the reports on "
        + "chain, only that the snapshot is of this network and chain; the node continues from block {}", block, digest, block + 1);
  }

  /** The bootstrap was refused or failed; the data directory was left empty. */
  public void bootstrapFailed(String source, String reason) {
    log.error("bootstrap from {} failed: {}", source, reason);
  }

  /** {@code 1h02m03s}, {@code 4m05s}, {@code 6s}, {@code 1.5s}, {@code 250ms}. */
  static String duration(Duration value) {
    long millis = value.toMillis();
    if (millis < 1000) {
      return millis + "ms";
    }
    long seconds = value.getSeconds();
    if (seconds < 60) {
      return millis % 1000 == 0 ? seconds + "s" : String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
    }
    long hours = seconds / 3600;
    long minutes = seconds % 3600 / 60;
    long secs = seconds % 60;
    return hours > 0 ? String.format(Locale.ROOT, "%dh%02dm%02ds", hours, minutes, secs)
        : String.format(Locale.ROOT, "%dm%02ds", minutes, secs);
  }
}
