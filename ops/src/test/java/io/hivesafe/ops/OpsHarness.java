package io.hivesafe.ops;

import io.hivesafe.hive.crypto.PrivateKey;
import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.protocol.BlockId;
import io.hivesafe.hive.protocol.ChainId;
import io.hivesafe.hive.protocol.CustomJsonOperation;
import io.hivesafe.hive.protocol.Operation;
import io.hivesafe.state.StateConfig;
import io.hivesafe.state.StateStore;
import io.hivesafe.hive.codec.TransactionCodec;
import io.hivesafe.hive.protocol.Asset;
import io.hivesafe.hive.protocol.Transaction;
import io.hivesafe.hive.protocol.WireFormat;
import io.hivesafe.hive.protocol.TransferOperation;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
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
  private long shiftSeconds;

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
        NetworkParams.defaults(), allocations, 0, 0, nodes, 2, NetworkGenesis.keysOf(nodes), TestNetwork.LOOSE);
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
    TestNetwork.apply(store, applier, TestBlocks.blockOfTransactions(number, timeOf(number), transactions));
    return store.read(r -> SidechainState.feed(r, number, Integer.MAX_VALUE)).stream().filter(f -> f.block() == number).toList();
  }

  /** Applies empty blocks until the next block to apply is {@code number}. */
  void skipTo(long number) {
    while (next < number) {
      apply();
    }
  }

  /**
   * Moves the block time of every later block {@code seconds} on, as a stretch of missed block slots
   * does on Hive: block numbers stay consecutive, time jumps.
   */
  void shiftTime(long seconds) {
    shiftSeconds += seconds;
  }

  /** The timestamp block {@code number} gets. */
  Instant timeOf(long number) {
    return TestBlocks.time(number).plusSeconds(shiftSeconds);
  }

  MultisigTx inFlight() {
    return store.read(SidechainState::multisigInFlight).orElseThrow();
  }

  boolean nothingInFlight() {
    return store.read(SidechainState::multisigInFlight).isEmpty();
  }

  /**
   * Runs to the next tally, with every listed node reporting the real digest after the report block
   * and a multisig header expiring 3,000 s after the tally.
   */
  void tallyWithReports(String... nodes) {
    long reportBlock = (next / 100) * 100 + 50;
    if (reportBlock < next) {
      reportBlock += 100;
    }
    skipTo(reportBlock + 1);
    String digest = store.digest().hex();
    BlockId ref = TestBlocks.id(reportBlock);
    List<Operation> reports = new ArrayList<>();
    for (String n : nodes) {
      reports.add(TestBlocks.active(n, "hs_report", "{\"block\":" + reportBlock + ",\"hash\":\"" + digest + "\",\"ms\":"
          + "{\"ref_block_num\":" + ref.refBlockNum() + ",\"ref_block_prefix\":" + ref.refBlockPrefix() + ",\"expiration\":\""
          + timeOf(reportBlock + 50).plusSeconds(3_000).toString().substring(0, 19) + "\"},\"version\":\"t\"}"));
    }
    apply(reports);
    skipTo(reportBlock + 51);
  }

  /** Applies a block holding one sidechain operation {@code hs_<name>} from {@code account}; returns its feed entry. */
  FeedEntry applyOp(String account, String name, String json) {
    return apply(TestBlocks.active(account, "hs_" + name, json)).get(0);
  }

  FeedEntry submit(String account, long seq, String sigHex) {
    return applyOp(account, "sig_submit", "{\"seq\":" + seq + ",\"sig\":\"" + sigHex + "\"}");
  }

  static String sign(PrivateKey key, MultisigTx tx) {
    return TestNetwork.CRYPTO.sign(key, HexFormat.of().parseHex(tx.digest())).toHex();
  }

  /** A deposit of {@code amount} into the multisig account, then its withdrawal, which must be accepted. */
  void depositAndWithdraw(String user, long amount, PeggedAsset asset) {
    apply(new TransferOperation(AccountName.of(user), AccountName.of(genesis.multisigAccount().value()),
        Asset.of(amount, asset.symbol()), ""));
    FeedEntry w = apply(TestBlocks.active(user, "hs_withdraw", "{\"amount\":" + amount + ",\"asset\":\"" + asset
        + "\",\"memo\":\"w\"}")).get(0);
    if (!w.ok()) {
      throw new AssertionError("withdrawal refused: " + w.detail());
    }
  }

  /** Applies a block holding round {@code tx}'s transaction as the chain would include it; returns the feed. */
  List<FeedEntry> land(MultisigTx tx) {
    Transaction decoded = TransactionCodec.readUnsigned(HexFormat.of().parseHex(tx.unsignedHex()), WireFormat.HF26);
    return applyTransactions(List.of(decoded.operations()));
  }

  /** Has every listed node sign round in flight, lands it, and returns the block's feed. */
  List<FeedEntry> signAndLand(String... nodes) {
    MultisigTx tx = inFlight();
    for (String n : nodes) {
      FeedEntry f = submit(n, tx.seq(), sign(TestNetwork.nodeKey(Integer.parseInt(n.substring(4))), tx));
      if (!f.ok()) {
        throw new AssertionError(n + "'s signature refused: " + f.detail());
      }
    }
    return land(tx);
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
