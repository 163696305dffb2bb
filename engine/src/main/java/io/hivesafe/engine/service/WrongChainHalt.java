package io.hivesafe.engine.service;

import io.hivesafe.hive.rpc.EndpointText;
import io.hivesafe.engine.NodeEvents;
import io.hivesafe.engine.node.SidechainNode;
import io.hivesafe.hive.rpc.WrongChainException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * What a running node does when one of its clients meets an endpoint of another chain (the clients'
 * {@link io.hivesafe.hive.rpc.ChainGuard} calls it): the alarm line once, and the node halts — it applies
 * and signs nothing more, and {@code run} exits 2. A mismatch met while the node is still being built
 * halts it as soon as it is {@link #watch watched}.
 */
final class WrongChainHalt implements Consumer<WrongChainException> {
  private final NodeEvents events;
  private final AtomicReference<WrongChainException> met = new AtomicReference<>();
  private volatile SidechainNode node;

  WrongChainHalt(NodeEvents events) {
    this.events = events;
  }

  /** The node to halt. */
  void watch(SidechainNode running) {
    node = running;
    haltIfMet();
  }

  @Override
  public void accept(WrongChainException e) {
    if (met.compareAndSet(null, e)) {
      events.wrongChain(EndpointText.of(e.endpoint()), e.served().toHex(), e.expected().toHex());
    }
    haltIfMet();
  }

  private void haltIfMet() {
    WrongChainException e = met.get();
    SidechainNode halting = node;
    if (e != null && halting != null) {
      halting.halt(new IllegalStateException("the Hive API at " + EndpointText.of(e.endpoint()) + " serves chain id " + e.served().toHex()
          + ", but the genesis names chain id " + e.expected().toHex() + ": remove it from api.endpoints (or fix what it serves), "
          + "then start the node again", e));
    }
  }
}
