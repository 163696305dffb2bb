package io.hivesafe.sim;

import io.hivesafe.devnet.DevnetChain;
import io.hivesafe.engine.source.BlockSource;
import io.hivesafe.engine.source.ChainTip;
import io.hivesafe.hive.protocol.Block;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A node's view of the chain in the simulator: the devnet's blocks handed on in order, up to the last
 * irreversible block the node's API shows — which the simulation sets each step, so an API that lags,
 * stalls or is cut off is a number, not a thread. Never waits: a poll with nothing to hand on returns
 * empty at once and the source reads as finished, which ends {@code SidechainNode.runToEnd} for this
 * step.
 *
 * <p>Modes as {@code RpcBlockSource} has them: it starts catching up, goes live once what is left fits in
 * one batch, and falls back to catching up when the node is more than a batch behind (a node catching
 * up sends nothing: DESIGN §1).
 */
final class SimBlockSource implements BlockSource {
  private final DevnetChain chain;
  private final int batch;
  private long next;
  private long visibleIrreversible;
  private long visibleHead;
  private Mode mode = Mode.CATCH_UP;
  private long handedOn;
  private boolean closed;

  SimBlockSource(DevnetChain chain, long next, int batch) {
    this.chain = chain;
    this.next = next;
    this.batch = batch;
  }

  /** What the node's API shows now: the head and the last irreversible block (never going back). */
  void show(long head, long irreversible) {
    visibleHead = Math.max(visibleHead, head);
    visibleIrreversible = Math.max(visibleIrreversible, Math.min(irreversible, visibleHead));
    long behind = visibleIrreversible - next + 1;
    if (mode == Mode.LIVE && behind > batch) {
      mode = Mode.CATCH_UP;
    }
  }

  @Override
  public Optional<Block> take() {
    return poll(Duration.ZERO);
  }

  @Override
  public Optional<Block> poll(Duration timeout) {
    if (closed || next > visibleIrreversible) {
      return Optional.empty();
    }
    if (mode == Mode.CATCH_UP && visibleIrreversible - next + 1 <= batch) {
      mode = Mode.LIVE;
    }
    Block block = chain.block(next).orElseThrow(() -> new IllegalStateException("the devnet lost block " + next)).block();
    next++;
    handedOn++;
    return Optional.of(block);
  }

  @Override
  public boolean isFinished() {
    return closed || next > visibleIrreversible;
  }

  @Override
  public long nextBlockNumber() {
    return next;
  }

  @Override
  public Mode mode() {
    return mode;
  }

  @Override
  public long blocksHandedOn() {
    return handedOn;
  }

  @Override
  public long fetchErrors() {
    return 0;
  }

  @Override
  public Optional<ChainTip> chainTip() {
    // The instant is the block time of what the node sees: the simulation has no wall clock.
    return visibleHead == 0 ? Optional.empty()
        : Optional.of(new ChainTip(visibleHead, visibleIrreversible, Instant.EPOCH.plusSeconds(3 * visibleHead)));
  }

  @Override
  public void close() {
    closed = true;
  }
}
