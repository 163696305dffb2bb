package io.hivesafe.ops;

import io.hivesafe.hive.crypto.PrivateKey;
import io.hivesafe.hive.crypto.Secp256k1Signatures;
import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.protocol.Block;
import io.hivesafe.hive.protocol.BlockId;
import io.hivesafe.hive.protocol.BlockTransaction;
import io.hivesafe.hive.protocol.ChainId;
import io.hivesafe.hive.protocol.CustomJsonOperation;
import io.hivesafe.hive.protocol.Operation;
import io.hivesafe.hive.protocol.Transaction;
import io.hivesafe.hive.protocol.TransactionId;
import io.hivesafe.hive.protocol.WireFormat;
import io.hivesafe.state.StateConfig;
import io.hivesafe.state.StateStore;
import io.hivesafe.state.StateTransaction;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A network of three nodes on a store in a temporary directory, and blocks made of the operations a
 * test gives. The applier does not check signatures (hived did), so the transactions are unsigned.
 */
final class OpsHarness implements AutoCloseable {
  static final Instant GENESIS_TIME = Instant.parse("2026-01-01T00:00:00Z");
  static final List<String> NODES = List.of("node0", "node1", "node2");

  final NetworkGenesis genesis;
  final StateStore store;
  final BlockApplier applier;
  private long next = 1;

  OpsHarness(Path dir) {
    List<NetworkGenesis.GenesisNode> nodes = new ArrayList<>();
    for (String n : NODES) {
      nodes.add(new NetworkGenesis.GenesisNode(AccountName.of(n), key(n).publicKey(), 0));
    }
    List<NetworkGenesis.Allocation> allocations = new ArrayList<>();
    for (String n : NODES) {
      allocations.add(new NetworkGenesis.Allocation(AccountName.of(n), 1_000, 100_000));
    }
    allocations.add(new NetworkGenesis.Allocation(AccountName.of("alice"), 1_000_000, 0));
    this.genesis = new NetworkGenesis("harness", ChainId.TESTNET, "hs_", AccountName.of("hs-ms"), 1, "SAFE", 3, 100, 50,
        NetworkParams.defaults(), allocations, 0, 0, nodes, 2, NetworkGenesis.keysOf(nodes));
    this.store = StateStore.open(StateConfig.of(dir));
    this.applier = new BlockApplier(genesis, new Secp256k1Signatures());
  }

  static PrivateKey key(String node) {
    return PrivateKey.fromSeed("harness:" + node);
  }

  static BlockId id(long number) {
    byte[] b = new byte[20];
    ByteBuffer.wrap(b).putInt((int) number).putLong(number * 0x9E3779B97F4A7C15L);
    return BlockId.fromBytes(b);
  }

  static CustomJsonOperation op(String sender, String id, String json) {
    return new CustomJsonOperation(List.of(AccountName.of(sender)), List.of(), id, json);
  }

  /** Applies the next block with one transaction per operation; returns its feed. */
  List<FeedEntry> apply(Operation... ops) {
    long number = next++;
    List<BlockTransaction> txs = new ArrayList<>();
    for (Operation op : ops) {
      Transaction tx = Transaction.builder().referenceBlock(id(Math.max(1, number - 1))).expiration(GENESIS_TIME.plusSeconds(3 * number + 60))
          .operation(op).build();
      TransactionId txId = tx.id(WireFormat.TESTNET);
      txs.add(new BlockTransaction(txId, tx));
    }
    Block block = new Block(id(number), id(number - 1), GENESIS_TIME.plusSeconds(3 * number), "initminer", txs);
    try (StateTransaction tx = store.begin(number)) {
      applier.apply(tx, block);
      tx.commit();
    }
    return store.read(r -> SidechainState.feed(r, number, Integer.MAX_VALUE));
  }

  /** Applies empty blocks until the next block to apply is {@code number}. */
  void skipTo(long number) {
    while (next < number) {
      apply();
    }
  }

  long nextBlock() {
    return next;
  }

  @Override
  public void close() {
    store.close();
  }
}
