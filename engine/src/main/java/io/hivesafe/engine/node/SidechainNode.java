package io.hivesafe.engine.node;

import io.hivesafe.engine.NodeEvents;
import io.hivesafe.engine.NodeLogContext;
import io.hivesafe.engine.source.BlockInputException;
import io.hivesafe.engine.source.BlockSource;
import io.hivesafe.hive.crypto.SignatureScheme;
import io.hivesafe.hive.protocol.Block;
import io.hivesafe.ops.BlockApplier;
import io.hivesafe.ops.BlockOutcome;
import io.hivesafe.ops.BlockRef;
import io.hivesafe.ops.NetworkGenesis;
import io.hivesafe.ops.SidechainState;
import io.hivesafe.state.StateStore;
import io.hivesafe.state.StateTransaction;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One node: takes blocks from its {@link BlockSource}, applies each in one state transaction and
 * commits it, then does what the committed block asks of the shell, only when live and only with an
 * identity: its report after a report block, the same report again while it is missing from the chain
 * and its window is open, and its part in the multisig round in flight ({@link SigningPolicy}).
 *
 * <p>An exception while applying is a bug: the block's transaction is dropped (nothing of it is
 * committed), the node stops and {@link #failure()} holds the cause.
 *
 * <p>This class is the apply loop: block in, the core's apply, the commit, the events and the
 * listeners. When the node reports, signs and broadcasts — and the rule that a <em>diverged</em> node,
 * whose own digest after a report block differs from the consensus of that block's tally, never signs
 * again until its state is replaced — is {@link SigningPolicy}'s, which the loop asks at fixed points of
 * each block. A bootstrap or a replay into a new directory starts without the node-local values that
 * policy keeps.
 *
 * <p>Lifecycle: {@link #start()} runs the loop on a thread of its own; {@link #runToEnd()} runs it on the
 * caller's thread until the source ends (replays); {@link #close()} stops it and closes the store, the
 * source and the outbox it was given.
 */
public final class SidechainNode implements AutoCloseable {
  private final StateStore store;
  private final BlockSource source;
  private final BlockApplier applier;
  private final Optional<NodeIdentity> identity;
  private final Optional<Outbox> outbox;
  private final NodeEvents events;
  private final SigningPolicy signing;
  private final List<CommitListener> listeners = new CopyOnWriteArrayList<>();
  private final Object progress = new Object();
  private volatile boolean stopping;
  private volatile Throwable failure;
  private volatile long lastBlock;
  private volatile long lastApplyNanos;
  private volatile long opsAccepted;
  private volatile long opsRejected;
  private Thread loop;

  public SidechainNode(NetworkGenesis genesis, StateStore store, BlockSource source, SignatureScheme crypto,
      Optional<NodeIdentity> identity, Optional<Outbox> outbox, NodeEvents events, String version) {
    this.store = store;
    this.source = source;
    this.applier = new BlockApplier(genesis, crypto);
    this.identity = identity;
    this.outbox = outbox;
    this.events = events;
    this.lastBlock = store.lastBlock().orElse(0);
    this.signing = new SigningPolicy(genesis, store, source, crypto, identity, outbox, events, version, () -> failure == null);
    outbox.ifPresent(o -> o.releaseHeldOnlyWhile(signing::mayRelease));
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
    loop = new Thread(NodeLogContext.current().carry(this::runLoop), "hivesafe-node-" + identity.map(i -> i.account().value()).orElse("replay"));
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

  /** One block: the core's apply and the commit in one transaction, then the events, the signing policy's turn and the listeners. */
  private void apply(Block block) {
    long n = block.number();
    BlockOutcome outcome;
    SigningPolicy.Turn turn = signing.beforeBlock(n);
    long began = System.nanoTime();
    try (StateTransaction tx = store.begin(n)) {
      signing.beforeApply(tx, n);
      outcome = applier.apply(tx, block);
      turn = signing.beforeCommit(tx, block, outcome, turn);
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
    signing.afterCommit(block, turn);
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
   * Stops the node from outside its loop because it must not go on (its API serves another chain):
   * {@code cause} becomes its {@link #failure()}, it signs nothing from now on and applies no further
   * block. The shell then closes it and exits with an error.
   */
  public void halt(Throwable cause) {
    synchronized (progress) {
      if (failure == null) {
        failure = cause;
        events.nodeStopped(lastBlock, cause);
      }
      stopping = true;
      progress.notifyAll();
    }
  }

  /** Multisig transactions this node did not broadcast because they failed hived's authority check. */
  public long withheldBroadcasts() {
    return signing.withheldBroadcasts();
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
    return signing.diverged();
  }

  /** A node signs only with an identity, while healthy, and never once its store records a divergence. */
  public boolean canSign() {
    return signing.maySign();
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
    return signing.reportsQueued();
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
