package io.hivesafe.engine.node;

import io.hivesafe.engine.NodeEvents;
import io.hivesafe.engine.node.NodeLocals.Divergence;
import io.hivesafe.engine.node.NodeLocals.OwnDigest;
import io.hivesafe.engine.node.NodeLocals.SentReport;
import io.hivesafe.engine.source.BlockSource;
import io.hivesafe.engine.source.ChainTip;
import io.hivesafe.hive.crypto.SignatureScheme;
import io.hivesafe.hive.protocol.Block;
import io.hivesafe.hive.protocol.Transaction;
import io.hivesafe.ops.BlockOutcome;
import io.hivesafe.ops.NetworkGenesis;
import io.hivesafe.ops.TallyRecord;
import io.hivesafe.state.StateStore;
import io.hivesafe.state.StateTransaction;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;

/**
 * When this node speaks on chain, block by block: only live, only with an identity and an outbox, its
 * report after a report block and the same report again while it is missing from the chain and its
 * window is open ({@link ReportDuties}), and its part in the multisig round in flight
 * ({@link MultisigDuties}) — and the divergence rule: a node whose own digest after a report block
 * differs from the consensus of that block's tally is <em>diverged</em>, says so loudly, keeps
 * reporting (so its operator can compare), and never signs again until its state is replaced.
 *
 * <p>Both facts are node-local values of the store ({@link NodeLocals}), committed with the blocks they
 * belong to: its digest after report block R with block R+1 (taken from the committed state, so a kill
 * between the two commits loses nothing), and the divergence with the tally block that found it,
 * decided before that block's commit — so no kill, at any point, lets a restarted diverged node sign.
 *
 * <p>The apply loop ({@link SidechainNode}) calls it at four points of each block, on the node's
 * thread: {@link #beforeBlock}, {@link #beforeApply} and {@link #beforeCommit} inside the block's
 * transaction, {@link #afterCommit} once it is committed.
 */
final class SigningPolicy {
  /** What the policy decided for one block before its transaction, and what it found before the commit. */
  record Turn(long block, boolean live, long head, boolean reporting, Optional<Divergence> found) {
    Turn withFound(Optional<Divergence> divergence) {
      return new Turn(block, live, head, reporting, divergence);
    }
  }

  private final NetworkGenesis genesis;
  private final StateStore store;
  private final BlockSource source;
  private final Optional<NodeIdentity> identity;
  private final Optional<Outbox> outbox;
  private final NodeEvents events;
  private final BooleanSupplier healthy;
  private final Optional<MultisigDuties> duties;
  private final Optional<ReportDuties> reports;
  /** This store's digest after the latest report block it committed (also in the store: {@link NodeLocals#OWN_DIGEST}). */
  private Optional<OwnDigest> ownDigest;
  /** Set once, from the store or at a tally, and never cleared: only a new state clears it. */
  private volatile Optional<Divergence> divergence;
  private volatile long reportsQueued;

  /** @param healthy whether the node is still running (a node that stopped on a bug never signs) */
  SigningPolicy(NetworkGenesis genesis, StateStore store, BlockSource source, SignatureScheme crypto, Optional<NodeIdentity> identity,
      Optional<Outbox> outbox, NodeEvents events, String version, BooleanSupplier healthy) {
    this.genesis = genesis;
    this.store = store;
    this.source = source;
    this.identity = identity;
    this.outbox = outbox;
    this.events = events;
    this.healthy = healthy;
    this.duties = identity.map(i -> new MultisigDuties(genesis, i, crypto, events));
    this.reports = identity.map(i -> new ReportDuties(genesis, i, crypto, version, events, SentReport.read(store)));
    this.ownDigest = OwnDigest.read(store);
    this.divergence = Divergence.read(store);
    divergence.ifPresent(d -> events.stillDiverged(d.tallyBlock(), d.reportBlock(), d.mine(), d.consensus()));
  }

  /** Before block {@code n}'s transaction: whether the source is live, the chain's head, whether the node reports {@code n}. */
  Turn beforeBlock(long n) {
    boolean live = source.mode() == BlockSource.Mode.LIVE;
    // The chain's head as the source last saw it: what the node sends now lands after it at best.
    long head = Math.max(n, source.chainTip().map(ChainTip::head).orElse(n));
    boolean reporting = live && reports.isPresent() && outbox.isPresent() && genesis.isReportBlock(n)
        && reports.get().canLand(n, head);
    return new Turn(n, live, head, reporting, Optional.empty());
  }

  /**
   * In block n's transaction, before the core applies it, when n follows a report block R committed in
   * this store: the committed digest is R's, recorded with n. Read from the store rather than
   * remembered, so a node killed between R's commit and n's records it after its restart all the same;
   * and a store bootstrapped at R (a snapshot is always of a report block) knows its digest for R too.
   */
  void beforeApply(StateTransaction tx, long n) {
    long previous = n - 1;
    if (genesis.isReportBlock(previous) && store.lastBlock().equals(OptionalLong.of(previous))) {
      OwnDigest own = new OwnDigest(previous, store.digest().hex());
      own.write(tx);
      ownDigest = Optional.of(own);
    }
  }

  /**
   * In the block's transaction, after the core applied it and before the commit: that the node reports
   * it, and a divergence its tally shows — decided here and committed with the block, so from this block
   * on the store says "diverged".
   */
  Turn beforeCommit(StateTransaction tx, Block block, BlockOutcome outcome, Turn turn) {
    if (turn.reporting()) {
      reports.get().willReport(tx, block);
    }
    Optional<Divergence> found = outcome.tally().flatMap(this::divergenceAt).filter(d -> divergence.isEmpty());
    found.ifPresent(d -> d.write(tx));
    return turn.withFound(found);
  }

  /** Once the block is committed: the divergence said, the report sent (or sent again), the multisig round's part done. */
  void afterCommit(Block block, Turn turn) {
    long n = block.number();
    if (turn.found().isPresent()) {
      Divergence found = turn.found().get();
      divergence = turn.found();
      events.diverged(found.reportBlock(), found.mine(), found.consensus());
      outbox.ifPresent(Outbox::dropHeldSignatures);
    }
    if (turn.reporting()) {
      String digest = store.digest().hex();
      outbox.get().send(Duty.report(n), "report for block " + n, store.read(r -> reports.get().report(r, block, digest, turn.head())),
          block.timestamp());
      reportsQueued++;
    } else if (turn.live() && reports.isPresent() && outbox.isPresent()) {
      store.read(r -> reports.get().again(r, block, ownDigest, turn.head())).ifPresent(tx -> {
        long r = ownDigest.orElseThrow().block();
        outbox.get().send(Duty.report(r), "report for block " + r + " (again)", tx, block.timestamp());
        reportsQueued++;
      });
    }
    multisig(block, turn.head());
  }

  /** Signs and broadcasts for the round in flight: only live, with an outbox, and never once diverged. */
  private void multisig(Block block, long head) {
    if (duties.isEmpty() || outbox.isEmpty() || !maySign() || source.mode() != BlockSource.Mode.LIVE) {
      return;
    }
    for (MultisigDuties.Send send : store.read(r -> duties.get().after(r, block, head))) {
      outbox.get().send(send.duty(), send.what(), send.tx(), block.timestamp());
    }
  }

  /**
   * The divergence a tally shows: it reached consensus on a digest for its report block other than this
   * store's own digest after that block. Exact: the store's digest, not the report on chain (which the
   * node may never have sent, or sent from a state since replaced). Unknown when this store did not
   * commit the report block (it started after it): then nothing is found.
   */
  private Optional<Divergence> divergenceAt(TallyRecord tally) {
    if (!tally.consensus() || ownDigest.isEmpty() || ownDigest.get().block() != tally.reportBlock()
        || ownDigest.get().digest().equals(tally.consensusHash())) {
      return Optional.empty();
    }
    return Optional.of(new Divergence(tally.block(), tally.reportBlock(), ownDigest.get().digest(), tally.consensusHash()));
  }

  /** A node signs only with an identity, while healthy, and never once its store records a divergence. */
  boolean maySign() {
    return identity.isPresent() && divergence.isEmpty() && healthy.getAsBoolean();
  }

  /**
   * Whether the outbox may send a held transaction of {@code kind} again: a report always (a diverged
   * node keeps reporting), a signature or a multisig broadcast only while the node may sign.
   */
  boolean mayRelease(Duty.Kind kind) {
    return !kind.signs() || maySign();
  }

  /** Whether this store records a divergence: the node's digest differed from a tally's consensus. */
  boolean diverged() {
    return divergence.isPresent();
  }

  long reportsQueued() {
    return reportsQueued;
  }

  /** Multisig transactions this node did not broadcast because they failed hived's authority check. */
  long withheldBroadcasts() {
    return duties.map(MultisigDuties::withheld).orElse(0L);
  }
}
