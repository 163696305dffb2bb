package io.hivesafe.testkit.traffic;

import io.hivesafe.ops.LedgerTotals;

import io.hivesafe.devnet.DevnetChain;
import io.hivesafe.devnet.ProducedBlock;
import io.hivesafe.hive.crypto.Secp256k1Signatures;
import io.hivesafe.ops.BlockApplier;
import io.hivesafe.ops.FeedEntry;
import io.hivesafe.ops.SidechainState;
import io.hivesafe.state.StateConfig;
import io.hivesafe.state.StateReader;
import io.hivesafe.state.StateStore;
import io.hivesafe.state.StateTransaction;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A traffic run on the devnet whose blocks are applied, one by one, to a state store through the
 * {@link BlockApplier}; the genesis nodes report the digests the store computed. Records each feed
 * entry against the kind of the operation that caused it, and checks the two invariants after every
 * block.
 */
final class SidechainRun implements AutoCloseable {
  /** Accepted and rejected counts. */
  static final class Verdicts {
    long accepted;
    long rejected;
    final List<String> acceptedSamples = new ArrayList<>();
    final List<String> rejectedSamples = new ArrayList<>();

    void add(boolean ok, String sample) {
      if (ok) {
        accepted++;
        if (acceptedSamples.size() < 5) {
          acceptedSamples.add(sample);
        }
      } else {
        rejected++;
        if (rejectedSamples.size() < 5) {
          rejectedSamples.add(sample);
        }
      }
    }

    @Override
    public String toString() {
      return accepted + " accepted, " + rejected + " rejected";
    }
  }

  final TrafficNetwork net;
  final DevnetChain chain;
  final DevnetTraffic traffic;
  final StateStore store;
  final BlockApplier applier;
  final Map<Long, String> digests = new HashMap<>();
  final EnumMap<TrafficKind, Verdicts> byKind = new EnumMap<>(TrafficKind.class);
  final TreeMap<String, Verdicts> byOperation = new TreeMap<>();
  /** Feed entries of block-level events (chrono tasks, tallies, proposals) by kind. */
  final TreeMap<String, Verdicts> events = new TreeMap<>();
  final List<String> invariantFailures = new ArrayList<>();
  final List<String> unexplained = new ArrayList<>();
  private final Map<String, TrafficTransaction> byId = new HashMap<>();

  SidechainRun(TrafficNetwork net, TrafficMix mix, long seed, Path dir) {
    this.net = net;
    this.chain = new DevnetChain(net.devnetConfig());
    this.traffic = new DevnetTraffic(chain, net.generator(seed).mix(mix)
        .reports((node, block) -> Optional.ofNullable(digests.get(block))).build());
    this.store = StateStore.open(StateConfig.of(dir));
    this.applier = new BlockApplier(net.network(), new Secp256k1Signatures());
    apply(chain.head());
  }

  /** Runs {@code blocks} more blocks. */
  void run(int blocks) {
    for (int i = 0; i < blocks; i++) {
      ProducedBlock block = traffic.step();
      for (TrafficTransaction tx : traffic.lastTransactions()) {
        byId.put(tx.id().toHex(), tx);
      }
      apply(block);
    }
  }

  private void apply(ProducedBlock block) {
    long n = block.number();
    try (StateTransaction tx = store.begin(n)) {
      applier.apply(tx, block.block());
      tx.commit();
    }
    digests.put(n, store.digest().hex());
    store.read(r -> {
      record(r, n);
      check(r, n);
      return null;
    });
  }

  private void record(StateReader r, long block) {
    for (FeedEntry e : SidechainState.feed(r, block, Integer.MAX_VALUE)) {
      if (e.block() != block) {
        continue;
      }
      String sample = e.account() + " " + e.kind() + ": " + e.reason();
      if (e.tx().isEmpty()) {
        events.computeIfAbsent(e.kind(), k -> new Verdicts()).add(e.ok(), sample);
        continue;
      }
      TrafficTransaction tx = byId.get(e.tx());
      if (tx == null || e.op() >= tx.kinds().size()) {
        unexplained.add("block " + block + ": " + sample);
        continue;
      }
      TrafficKind kind = tx.kinds().get((int) e.op());
      byKind.computeIfAbsent(kind, k -> new Verdicts()).add(e.ok(), "block " + block + " " + sample + " <- "
          + tx.transaction().operations().get((int) e.op()));
      byOperation.computeIfAbsent(e.kind(), k -> new Verdicts()).add(e.ok(), sample);
    }
  }

  /** Σ token + gov + unlocking = supply; Σ pegged + queued payouts + treasury = deposits + genesis treasury. */
  private void check(StateReader r, long block) {
    LedgerTotals totals = LedgerTotals.of(r, net.network());
    if (!totals.balanced() || totals.tokenSupply() != net.network().tokenSupply()) {
      invariantFailures.add("block " + block + ": " + totals);
    }
  }

  Verdicts kind(TrafficKind k) {
    return byKind.getOrDefault(k, new Verdicts());
  }

  Verdicts operation(String name) {
    return byOperation.getOrDefault(name, new Verdicts());
  }

  @Override
  public void close() {
    store.close();
  }
}
