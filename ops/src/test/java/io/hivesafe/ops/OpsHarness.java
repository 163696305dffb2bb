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
  private long reportExpirationSeconds = 3_000;

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
        NetworkParams.defaults(), allocations, 0, 0, nodes, TestNetwork.simple(2, nodes), TestNetwork.simple(2, nodes), java.util.Optional.empty(),
        TestNetwork.LOOSE);
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

  /** The lifetime of the multisig header the reports of {@link #tallyWithReports} propose, from the tally's time. */
  void reportExpirationSeconds(long seconds) {
    reportExpirationSeconds = seconds;
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
          + timeOf(reportBlock + 50).plusSeconds(reportExpirationSeconds).toString().substring(0, 19) + "\"},\"version\":\"t\"}"));
    }
    apply(reports);
    skipTo(reportBlock + 51);
  }

  /** Like {@link #tallyWithReports}, but {@code wrong} report another hash than the real digest. */
  void tallyWithWrongHash(List<String> right, List<String> wrong) {
    long reportBlock = (next / 100) * 100 + 50;
    if (reportBlock < next) {
      reportBlock += 100;
    }
    skipTo(reportBlock + 1);
    String digest = store.digest().hex();
    String other = "ab".repeat(32);
    List<Operation> reports = new ArrayList<>();
    for (String n : right) {
      reports.add(report(n, reportBlock, digest));
    }
    for (String n : wrong) {
      reports.add(report(n, reportBlock, other));
    }
    apply(reports);
    skipTo(reportBlock + 51);
  }

  private Operation report(String node, long reportBlock, String digest) {
    BlockId ref = TestBlocks.id(reportBlock);
    return TestBlocks.active(node, "hs_report", "{\"block\":" + reportBlock + ",\"hash\":\"" + digest + "\",\"ms\":"
        + "{\"ref_block_num\":" + ref.refBlockNum() + ",\"ref_block_prefix\":" + ref.refBlockPrefix() + ",\"expiration\":\""
        + timeOf(reportBlock + 50).plusSeconds(reportExpirationSeconds).toString().substring(0, 19) + "\"},\"version\":\"t\"}");
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
      throw new AssertionError("withdrawal refused: " + w.reason());
    }
  }

  /** Applies a block holding round {@code tx}'s own transaction (its id is the round's id); returns the feed. */
  List<FeedEntry> land(MultisigTx tx) {
    return applySigned(List.of(decode(tx)));
  }

  /** Round {@code tx}'s transaction, decoded from its stored bytes. */
  static Transaction decode(MultisigTx tx) {
    return TransactionCodec.readUnsigned(HexFormat.of().parseHex(tx.unsignedHex()), WireFormat.HF26);
  }

  /** Applies the next block holding these whole transactions (their ids are their own); returns its feed. */
  List<FeedEntry> applySigned(List<Transaction> transactions) {
    long number = next;
    applySignedOutcome(transactions);
    return store.read(r -> SidechainState.feed(r, number, Integer.MAX_VALUE)).stream().filter(f -> f.block() == number).toList();
  }

  /** The same, returning the block's outcome. */
  BlockOutcome applySignedOutcome(List<Transaction> transactions) {
    long number = next++;
    return TestNetwork.apply(store, applier, TestBlocks.blockOf(number, timeOf(number), transactions));
  }

  /** Applies the next block and returns its outcome (for its typed alarms). */
  BlockOutcome applyForOutcome(List<Operation> ops) {
    long number = next++;
    List<List<Operation>> each = new ArrayList<>();
    for (Operation op : ops) {
      each.add(List.of(op));
    }
    return TestNetwork.apply(store, applier, TestBlocks.blockOfTransactions(number, timeOf(number), each));
  }

  /** Has every listed node sign round in flight, lands it, and returns the block's feed. */
  List<FeedEntry> signAndLand(String... nodes) {
    MultisigTx tx = inFlight();
    signRound(nodes);
    return land(tx);
  }

  /** Has every listed node sign the round in flight with its multisig key; each signature must count. */
  void signRound(String... nodes) {
    MultisigTx tx = inFlight();
    for (String n : nodes) {
      FeedEntry f = submit(n, tx.seq(), sign(keyOf(n), tx));
      if (!f.ok()) {
        throw new AssertionError(n + "'s signature refused: " + f.reason());
      }
    }
  }

  private final java.util.TreeMap<String, PrivateKey> registered = new java.util.TreeMap<>();

  /** The multisig key of {@code account}: one it registered here, or a genesis node's (nodeN: TestNetwork.nodeKey(N)). */
  PrivateKey keyOf(String account) {
    PrivateKey k = registered.get(account);
    return k != null ? k : TestNetwork.nodeKey(Integer.parseInt(account.substring(4)));
  }

  /** {@code node_add} for {@code account} with {@code key} and a valid proof; returns its feed entry. */
  FeedEntry register(String account, PrivateKey key) {
    String proof = TestNetwork.CRYPTO.sign(key, BlockApplier.nodeAddProofDigest(genesis, account)).toHex();
    FeedEntry f = applyOp(account, "node_add", "{\"key\":\"" + key.publicKey() + "\",\"proof\":\"" + proof + "\"}");
    if (f.ok()) {
      registered.put(account, key);
    }
    return f;
  }

  /** Every alarm in state, oldest first. */
  List<Alarm> alarms() {
    return store.read(r -> SidechainState.alarms(r, 0, Integer.MAX_VALUE));
  }

  MultisigBooks books() {
    return store.read(SidechainState::multisigBooks);
  }

  MultisigAuthority authority() {
    return store.read(SidechainState::authority);
  }

  Balances balances(String account) {
    return store.read(r -> SidechainState.balances(r, account));
  }

  List<Payout> queue() {
    return store.read(SidechainState::payouts);
  }

  NodeRecord node(String account) {
    return store.read(r -> SidechainState.node(r, account)).orElseThrow();
  }

  /** Checks that nothing was created or lost in the books. */
  void assertBalanced() {
    LedgerTotals t = store.read(r -> LedgerTotals.of(r, genesis));
    if (!t.balanced()) {
      throw new AssertionError("the ledger does not balance: " + t);
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
