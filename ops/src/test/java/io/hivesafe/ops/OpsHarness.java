package io.hivesafe.ops;

import io.hivesafe.hive.crypto.PrivateKey;
import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.protocol.BlockId;
import io.hivesafe.hive.protocol.ChainId;
import io.hivesafe.hive.protocol.CustomJsonOperation;
import io.hivesafe.hive.protocol.Operation;
import io.hivesafe.state.StateConfig;
import io.hivesafe.state.StateStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A network of three nodes on a store in a temporary directory, and blocks made of the operations a
 * test gives. The applier does not check signatures (hived did), so the transactions are unsigned.
 */
final class OpsHarness implements AutoCloseable {
  static final List<String> NODES = List.of("node0", "node1", "node2");

  final NetworkGenesis genesis;
  final StateStore store;
  final BlockApplier applier;
  private long next = 1;

  /** Three nodes with 100,000 stake each and alice with 1,000,000 tokens. */
  OpsHarness(Path dir) {
    this(dir, defaultGenesis());
  }

  OpsHarness(Path dir, NetworkGenesis genesis) {
    this.genesis = genesis;
    this.store = StateStore.open(StateConfig.of(dir));
    this.applier = new BlockApplier(genesis, TestNetwork.CRYPTO);
  }

  private static NetworkGenesis defaultGenesis() {
    List<NetworkGenesis.GenesisNode> nodes = new ArrayList<>();
    List<NetworkGenesis.Allocation> allocations = new ArrayList<>();
    for (String n : NODES) {
      nodes.add(new NetworkGenesis.GenesisNode(AccountName.of(n), key(n).publicKey(), 0));
      allocations.add(new NetworkGenesis.Allocation(AccountName.of(n), 1_000, 100_000));
    }
    allocations.add(new NetworkGenesis.Allocation(AccountName.of("alice"), 1_000_000, 0));
    return new NetworkGenesis("harness", ChainId.TESTNET, "hs_", AccountName.of("hs-ms"), 1, "SAFE", 3, 100, 50,
        NetworkParams.defaults(), allocations, 0, 0, nodes, 2, NetworkGenesis.keysOf(nodes));
  }

  static PrivateKey key(String node) {
    return PrivateKey.fromSeed("harness:" + node);
  }

  static BlockId id(long number) {
    return TestBlocks.id(number);
  }

  static CustomJsonOperation op(String sender, String id, String json) {
    return TestBlocks.active(sender, id, json);
  }

  /** Applies the next block with one transaction per operation; returns that block's feed. */
  List<FeedEntry> apply(Operation... ops) {
    return apply(List.of(ops));
  }

  List<FeedEntry> apply(List<Operation> ops) {
    List<List<Operation>> each = new java.util.ArrayList<>();
    for (Operation op : ops) {
      each.add(List.of(op));
    }
    return applyTransactions(each);
  }

  /** Applies the next block with these transactions; returns that block's feed. */
  List<FeedEntry> applyTransactions(List<List<Operation>> transactions) {
    long number = next++;
    TestNetwork.apply(store, applier, TestBlocks.blockOfTransactions(number, transactions));
    return store.read(r -> SidechainState.feed(r, number, Integer.MAX_VALUE)).stream().filter(f -> f.block() == number).toList();
  }

  /** Applies empty blocks until the next block to apply is {@code number}. */
  void skipTo(long number) {
    while (next < number) {
      apply();
    }
  }

  /** The number of the block {@link #apply} applies next. */
  long nextBlock() {
    return next;
  }

  @Override
  public void close() {
    store.close();
  }
}
