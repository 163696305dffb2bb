package io.hivesafe.sim;

import io.hivesafe.devnet.DevnetChain;
import io.hivesafe.engine.NodeEvents;
import io.hivesafe.engine.node.NodeIdentity;
import io.hivesafe.engine.node.Outbox;
import io.hivesafe.engine.node.SidechainNode;
import io.hivesafe.hive.crypto.SignatureScheme;
import io.hivesafe.hive.protocol.Transaction;
import io.hivesafe.ops.NetworkGenesis;
import io.hivesafe.state.StateConfig;
import io.hivesafe.state.StateStore;
import io.hivesafe.testkit.traffic.TrafficNode;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One real node of the simulated network — the real {@link SidechainNode} (block applier, report and
 * multisig duties, outbox) on its own store on disk — with the faults the schedule puts on it: down
 * (crashed, until it restarts) or dead for good, its API stalled or lagging, its sends lost, its store
 * tampered with. The simulation runs it one step at a time on the simulation's thread: it applies what
 * its API shows, and each transaction it sends goes through {@link Wire} before {@code send} returns.
 */
final class SimNode {
  /** Where a node's sends go: the simulation decides whether the chain gets them. */
  interface Wire {
    void deliver(SimNode from, Transaction tx);
  }

  final TrafficNode who;
  final String name;
  private final NetworkGenesis genesis;
  private final DevnetChain chain;
  private final SignatureScheme crypto;
  private final Path dir;
  private final int batch;
  private final Wire wire;
  private SidechainNode node;
  private SimBlockSource source;

  // The faults on this node, as the schedule set them.
  boolean dead;
  /** While down after a crash: the block of its restart. */
  long restartAt = -1;
  long stallUntil;
  long lagUntil;
  int lag;
  long loseUntil;
  /** What it loses until {@link #loseUntil}: "report", "sig_submit", "broadcast" or "all". */
  String loses = "";
  /** The send of this step at which it crashes (0 = the first); -1 when no crash is armed. */
  int crashAtSend = -1;
  int sendsThisStep;
  /** The block after which its store was changed behind its back, or -1. */
  long tamperedAfter = -1;
  /** The last block this node committed in the current step (for the crash's message). */
  long lastCommitted;

  SimNode(TrafficNode who, NetworkGenesis genesis, DevnetChain chain, SignatureScheme crypto, Path dir, int batch, Wire wire) {
    this.who = who;
    this.name = who.name().value();
    this.genesis = genesis;
    this.chain = chain;
    this.crypto = crypto;
    this.dir = dir;
    this.batch = batch;
    this.wire = wire;
  }

  /** Opens its store and starts following the chain after its last commit. */
  void start(SidechainNode.CommitListener listener) {
    StateStore store = StateStore.open(StateConfig.of(dir));
    NodeEvents events = new NodeEvents();
    source = new SimBlockSource(chain, SidechainNode.nextBlock(store, genesis), batch);
    Outbox outbox = Outbox.inline(tx -> wire.deliver(this, tx), events);
    NodeIdentity identity = new NodeIdentity(who.name(), who.user().activeKey(), who.multisigKey());
    node = new SidechainNode(genesis, store, source, crypto, Optional.of(identity), Optional.of(outbox), events, "sim");
    node.onCommit((block, outcome) -> {
      lastCommitted = block;
      listener.committed(block, outcome);
    });
    lastCommitted = store.lastBlock().orElse(0);
    restartAt = -1;
  }

  boolean running() {
    return node != null;
  }

  SidechainNode node() {
    return node;
  }

  /** Shows the node what its API shows at {@code block} (stalled or lagging as the faults say), then lets it apply all of it. */
  void step(long block, long head, long irreversible) throws Exception {
    if (block >= stallUntil) {
      int behind = block < lagUntil ? lag : 0;
      source.show(Math.max(0, head - behind), Math.max(0, irreversible - behind));
    }
    sendsThisStep = 0;
    node.runToEnd();
  }

  /** Stops the node as a kill would: what it committed stays, nothing else. */
  void stop() {
    if (node != null) {
      node.close();
      node = null;
      source = null;
    }
    crashAtSend = -1;
  }

  /** Opens its (stopped) store and runs {@code change} in a transaction of the block after its last commit. */
  StateStore openStoreForTampering() {
    if (node != null) {
      throw new IllegalStateException(name + " is running");
    }
    return StateStore.open(StateConfig.of(dir));
  }

  @Override
  public String toString() {
    return name;
  }
}
