package io.hivesafe.engine.node;

import io.hivesafe.engine.NodeEvents;
import io.hivesafe.engine.node.NodeLocals.Divergence;
import io.hivesafe.engine.node.NodeLocals.OwnDigest;
import io.hivesafe.engine.node.NodeLocals.SentReport;
import io.hivesafe.engine.source.BlockInputException;
import io.hivesafe.engine.source.BlockSource;
import io.hivesafe.engine.source.ChainTip;
import io.hivesafe.hive.crypto.SignatureScheme;
import io.hivesafe.hive.protocol.Block;
import io.hivesafe.hive.protocol.Transaction;
import io.hivesafe.ops.BlockApplier;
import io.hivesafe.ops.BlockOutcome;
import io.hivesafe.ops.BlockRef;
import io.hivesafe.ops.NetworkGenesis;
import io.hivesafe.ops.SidechainState;
import io.hivesafe.ops.TallyRecord;
import io.hivesafe.state.StateStore;
import io.hivesafe.state.StateTransaction;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One node: takes blocks from its {@link BlockSource}, applies each in one state transaction and
 * commits it, then does what the committed block asks of the shell, only when live and only with an
 * identity: its report after a report block, the same report again while it is missing from the chain
 * and its window is open ({@link ReportDuties}), and its part in the multisig round in flight
 * ({@link MultisigDuties}).
 *
 * <p>An exception while applying is a bug: the block's transaction is dropped (nothing of it is
 * committed), the node stops and {@link #failure()} holds the cause.
 *
 * <p>A node whose own digest after a report block differs from the consensus of that block's tally is
 * <em>diverged</em>: it says so loudly, keeps following the chain and reporting (so its operator can
 * compare), and never signs again until its state is replaced. Both facts are node-local values of the
 * store ({@link NodeLocals}), committed with the blocks they belong to: its digest after report block R
 * with block R+1 (taken from the committed state, so a kill between the two commits loses nothing), and
 * the divergence with the tally block that found it, decided before that block's commit — so no kill,
 * at any point, lets a restarted diverged node sign. A bootstrap or a replay into a new directory starts
 * without them.
 *
 * <p>Lifecycle: {@link #start()} runs the loop on a thread of its own; {@link #runToEnd()} runs it on the
 * caller's thread until the source ends (replays); {@link #close()} stops it and closes the store, the
 * source and the outbox it was given.
 */
public final class SidechainNode implements AutoCloseable {
  private final NetworkGenesis genesis;
  private final StateStore store;
  private final BlockSource source;
  private final BlockApplier applier;
  private final Optional<NodeIdentity> identity;
  private final Optional<Outbox> outbox;
  private final NodeEvents events;
  private final Optional<MultisigDuties> duties;
  private final Optional<ReportDuties> reports;
  /** This store's digest after the latest report block it committed (also in the store: {@link NodeLocals#OWN_DIGEST}). */
  private Optional<OwnDigest> ownDigest;
  private final List<CommitListener> listeners = new CopyOnWriteArrayList<>();
  private final Object progress = new Object();
  private volatile boolean stopping;
  /** Set once, from the store or at a tally, and never cleared: only a new state clears it. */
  private volatile Optional<Divergence> divergence;
  private volatile Throwable failure;
  private volatile long lastBlock;
  private volatile long lastApplyNanos;
  private volatile long reportsQueued;
  private volatile long opsAccepted;
  private volatile long opsRejected;
  private Thread loop;

  public SidechainNode(NetworkGenesis genesis, StateStore store, BlockSource source, SignatureScheme crypto,
      Optional<NodeIdentity> identity, Optional<Outbox> outbox, NodeEvents events, String version) {
    this.genesis = genesis;
    this.store = store;
    this.source = source;
    this.applier = new BlockApplier(genesis, crypto);
    this.identity = identity;
    this.outbox = outbox;
    this.events = events;
    this.lastBlock = store.lastBlock().orElse(0);
    this.duties = identity.map(i -> new MultisigDuties(genesis, i, crypto, events));
    this.reports = identity.map(i -> new ReportDuties(genesis, i, crypto, version, events, SentReport.read(store)));
    this.ownDigest = OwnDigest.read(store);
    this.divergence = Divergence.read(store);
    divergence.ifPresent(d -> events.stillDiverged(d.tallyBlock(), d.reportBlock(), d.mine(), d.consensus()));
  }

  /** Told about each committed block, on the node's thread, after the shell's own duties for it. */
  @FunctionalInterface
  public interface CommitListener {
    void committed(long block, BlockOutcome outcome);
  }

  /** Adds a listener (tests, metrics, the API's live view). */
  public SidechainNode onCommit(CommitListener listener) {
    listeners.add(listener);
    return this;
  }

  /** The block a node on this store must apply next: the one after its last commit, or the start block. */
  public static long nextBlock(StateStore store, NetworkGenesis genesis) {
    OptionalLong last = store.lastBlock();
    return last.isPresent() ? last.getAsLong() + 1 : genesis.startBlock();
  }

  /** The id of the last committed block, from the state's TaPoS window (empty on a new store). */
  public static Optional<String> lastBlockId(StateStore store) {
    OptionalLong last = store.lastBlock();
    if (last.isEmpty()) {
      return Optional.empty();
    }
    long n = last.getAsLong();
    return store.read(r -> SidechainState.blockRef(r, n & 0xffff)).filter(ref -> ref.block() == n).map(BlockRef::id);
  }

  /** Starts the loop on its own thread. */
  public synchronized SidechainNode start() {
    if (loop != null) {
      throw new IllegalStateException("node already started");
    }
    loop = new Thread(this::runLoop, "hivesafe-node-" + identity.map(i -> i.account().value()).orElse("replay"));
    loop.setDaemon(true);
    loop.start();
    return this;
  }

  /** Runs on the caller's thread until the source ends, the node is closed, or a block fails. */
  public void runToEnd() throws InterruptedException, BlockInputException {
    while (!stopping) {
      Optional<Block> block = source.poll(Duration.ofMillis(200));
      if (block.isPresent()) {
        apply(block.get());
      } else if (source.isFinished()) {
        return;
      }
    }
  }

  private void runLoop() {
    try {
      runToEnd();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (BlockInputException | RuntimeException e) {
      if (failure == null) {
        failure = e;
        events.nodeStopped(lastBlock, e);
      }
    } finally {
      synchronized (progress) {
        progress.notifyAll();
      }
    }
  }

  private void apply(Block block) {
    long n = block.number();
    BlockOutcome outcome;
    Optional<Divergence> found;
    boolean live = source.mode() == BlockSource.Mode.LIVE;
    // The chain's head as the source last saw it: what the node sends now lands after it at best.
    long head = Math.max(n, source.chainTip().map(ChainTip::head).orElse(n));
    boolean reporting = live && reports.isPresent() && outbox.isPresent() && genesis.isReportBlock(n)
        && reports.get().canLand(n, head);
    long began = System.nanoTime();
    try (StateTransaction tx = store.begin(n)) {
      recordOwnDigest(tx, n);
      outcome = applier.apply(tx, block);
      if (reporting) {
        reports.get().willReport(tx, block);
      }
      // Decided before the commit and committed with it: from this block on the store says "diverged".
      found = outcome.tally().flatMap(this::divergenceAt).filter(d -> divergence.isEmpty());
      found.ifPresent(d -> d.write(tx));
      tx.commit();
      lastApplyNanos = System.nanoTime() - began;
    } catch (RuntimeException e) {
      failure = e;
      events.applyFailed(n, e);
      stopping = true;
      throw e;
    }
    opsAccepted += outcome.accepted();
    opsRejected += outcome.rejected();
    for (io.hivesafe.ops.Alarm alarm : outcome.alarms()) {
      events.alarm(n, alarm);
    }
    outcome.tally().ifPresent(events::tally);
    if (found.isPresent()) {
      divergence = found;
      events.diverged(found.get().reportBlock(), found.get().mine(), found.get().consensus());
    }
    if (reporting) {
      String digest = store.digest().hex();
      send("report for block " + n, store.read(r -> reports.get().report(r, block, digest, head)));
      reportsQueued++;
    } else if (live && reports.isPresent() && outbox.isPresent()) {
      store.read(r -> reports.get().again(r, block, ownDigest, head)).ifPresent(tx -> {
        send("report for block " + ownDigest.orElseThrow().block() + " (again)", tx);
        reportsQueued++;
      });
    }
    multisig(block, head);
    for (CommitListener l : listeners) {
      l.committed(n, outcome);
    }
    // Only now: whoever waits for block n also sees what the node queued because of it.
    lastBlock = n;
    synchronized (progress) {
      progress.notifyAll();
    }
  }

  /**
   * In block n's transaction, when n follows a report block R committed in this store: the committed
   * digest is R's, recorded with n. Read from the store rather than remembered, so a node killed between
   * R's commit and n's records it after its restart all the same; and a store bootstrapped at R (a
   * snapshot is always of a report block) knows its digest for R too.
   */
  private void recordOwnDigest(StateTransaction tx, long n) {
    long previous = n - 1;
    if (genesis.isReportBlock(previous) && store.lastBlock().equals(OptionalLong.of(previous))) {
      OwnDigest own = new OwnDigest(previous, store.digest().hex());
      own.write(tx);
      ownDigest = Optional.of(own);
    }
  }

  private void send(String what, Transaction tx) {
    outbox.get().send(what, tx);
  }

  /** Multisig transactions this node did not broadcast because they failed hived's authority check. */
  public long withheldBroadcasts() {
    return duties.map(MultisigDuties::withheld).orElse(0L);
  }

  /** Signs and broadcasts for the round in flight: only live, with an outbox, and never once diverged. */
  private void multisig(Block block, long head) {
    if (duties.isEmpty() || outbox.isEmpty() || !canSign() || source.mode() != BlockSource.Mode.LIVE) {
      return;
    }
    for (Map.Entry<String, Transaction> send : store.read(r -> duties.get().after(r, block, head))) {
      outbox.get().send(send.getKey(), send.getValue());
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

  /** Waits until block {@code n} is committed; false on timeout or when the node stopped first. */
  public boolean awaitBlock(long n, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (progress) {
      while (lastBlock < n) {
        if (failure != null || (loop != null && !loop.isAlive() && lastBlock < n)) {
          return false;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        progress.wait(Math.max(1, left / 1_000_000));
      }
      return true;
    }
  }

  public long lastBlock() {
    return lastBlock;
  }

  /**
   * How long the last committed block took from {@code begin} through its durable commit, in
   * nanoseconds (the shell's duties after it not included). A commit listener reads the value of the
   * block it is told about: listeners run on the node's thread before the next block is applied.
   */
  public long lastApplyNanos() {
    return lastApplyNanos;
  }

  public StateStore store() {
    return store;
  }

  public BlockSource source() {
    return source;
  }

  /** Whether this store records a divergence: the node's digest differed from a tally's consensus. */
  public boolean diverged() {
    return divergence.isPresent();
  }

  /** A node signs only with an identity, while healthy, and never once its store records a divergence. */
  public boolean canSign() {
    return identity.isPresent() && divergence.isEmpty() && failure == null;
  }

  public Optional<Throwable> failure() {
    return Optional.ofNullable(failure);
  }

  /** Sidechain operations (and deposits) accepted since this node object started. */
  public long opsAccepted() {
    return opsAccepted;
  }

  public long opsRejected() {
    return opsRejected;
  }

  public long reportsQueued() {
    return reportsQueued;
  }

  public Optional<NodeIdentity> identity() {
    return identity;
  }

  @Override
  public void close() {
    stopping = true;
    Thread t;
    synchronized (this) {
      t = loop;
    }
    source.close();
    if (t != null) {
      try {
        t.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    outbox.ifPresent(Outbox::close);
    store.close();
  }
}
