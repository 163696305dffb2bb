package io.hivesafe.bench;

import io.hivesafe.ops.SigSubmitOp;
import io.hivesafe.ops.PeggedAsset;
import io.hivesafe.ops.WithdrawOp;
import io.hivesafe.ops.SidechainOps;
import io.hivesafe.devnet.Admission;
import io.hivesafe.devnet.DevnetChain;
import io.hivesafe.devnet.ProducedBlock;
import io.hivesafe.engine.node.NodeIdentity;
import io.hivesafe.engine.node.NodeReport;
import io.hivesafe.engine.node.NodeTransaction;
import io.hivesafe.hive.crypto.PrivateKey;
import io.hivesafe.hive.crypto.Secp256k1Signatures;
import io.hivesafe.hive.protocol.Asset;
import io.hivesafe.hive.protocol.AssetSymbol;
import io.hivesafe.hive.protocol.Block;
import io.hivesafe.hive.protocol.CustomJsonOperation;
import io.hivesafe.hive.protocol.Operation;
import io.hivesafe.hive.protocol.Transaction;
import io.hivesafe.hive.protocol.TransferOperation;
import io.hivesafe.hive.protocol.WireFormat;
import io.hivesafe.ops.BlockApplier;
import io.hivesafe.ops.BlockOutcome;
import io.hivesafe.ops.MultisigTx;
import io.hivesafe.ops.NetworkGenesis;
import io.hivesafe.ops.SidechainState;
import io.hivesafe.state.StateConfig;
import io.hivesafe.state.StateStore;
import io.hivesafe.state.StateTransaction;
import io.hivesafe.testkit.traffic.TrafficNetwork;
import io.hivesafe.testkit.traffic.TrafficNode;
import io.hivesafe.testkit.traffic.TrafficUser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code sig_submit} handling through the {@link BlockApplier}: blocks of signature submissions for a
 * round in flight, applied the way a node applies a block (one state transaction, a child buffer per
 * operation, feed entries), each costing one public-key recovery. Compare with
 * {@code SignatureBenchmark.recover}, the bare recovery.
 *
 * <p>Setup, once per trial: an in-process {@link DevnetChain} of a {@link TrafficNetwork} with
 * {@code signers} nodes, a user's deposit and withdrawal, the nodes' reports after block 50 with the
 * real state digest, and the tally at block 100, which builds round 1 (a transfer). Then block 101 is
 * produced holding the submissions: with {@code submitters=signers}, one valid signature by every
 * signer, each posted by its node (all counted; the threshold-th makes the round ready and schedules
 * its recast); with {@code submitters=outsiders}, {@value #OUTSIDERS} signatures over the right digest by
 * keys that are not signers, posted by users (each recovered, then rejected: what a flood costs).
 *
 * <p>Each invocation applies block 101 to the state after block 100 and drops the transaction (no
 * commit: the commit's cost is the state store's, measured by {@code StateBench}), so every invocation
 * does the same work. The auxiliary counter {@code sigSubmits} is the submissions handled per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 3)
public class SigSubmitBenchmark {
  static final int OUTSIDERS = 100;
  /** hived takes at most 5 custom_json per account per block (HIVE_CUSTOM_OP_BLOCK_LIMIT): 4 submissions a user. */
  static final int USERS = 25;
  static final long AMOUNT = 5_000;

  @Param({"7", "25"})
  public int signers;

  @Param({"signers", "outsiders"})
  public String submitters;

  private final Secp256k1Signatures crypto = new Secp256k1Signatures();
  private Path dir;
  private StateStore store;
  private BlockApplier applier;
  private Block measured;
  private int submissions;

  /** Submissions handled; JMH reports them per second next to blocks (ops) per second. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Handled {
    public long sigSubmits;

    @Setup(Level.Iteration)
    public void reset() {
      sigSubmits = 0;
    }
  }

  @Setup(Level.Trial)
  public void prepare() throws IOException {
    boolean bySigners = submitters.equals("signers");
    if (!bySigners && !submitters.equals("outsiders")) {
      throw new IllegalArgumentException("submitters must be signers or outsiders");
    }
    TrafficNetwork net = TrafficNetwork.create(USERS, signers);
    Path shm = Path.of("/dev/shm");
    dir = Files.createTempDirectory(Files.isWritable(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir")), "sig-submit-bench");
    store = StateStore.open(StateConfig.of(dir));
    applier = new BlockApplier(net.network(), crypto);
    DevnetChain chain = new DevnetChain(net.devnetConfig());
    MultisigTx round = roundInFlight(chain, net);
    submissions = bySigners ? signers : OUTSIDERS;
    measured = submissionsBlock(chain, net, round, bySigners);
    BlockOutcome outcome = applyBlock();
    int expected = bySigners ? signers : 0;
    if (measured.transactions().size() != submissions || outcome.accepted() != expected || outcome.rejected() != submissions - expected) {
      throw new IllegalStateException("block " + measured.number() + ": " + measured.transactions().size() + " transactions, "
          + outcome + "; expected " + submissions + " submissions, " + expected + " counted");
    }
  }

  /** Blocks 1 to 100 applied and committed: a deposit, its withdrawal, every node's report, the tally that builds round 1. */
  private MultisigTx roundInFlight(DevnetChain chain, TrafficNetwork net) {
    NetworkGenesis genesis = net.network();
    commit(chain.head().block());
    TrafficUser user = net.users().get(0);
    broadcast(chain, user.activeKey(), new TransferOperation(user.name(), TrafficNetwork.MULTISIG, Asset.of(AMOUNT, AssetSymbol.HIVE), ""));
    commit(chain.produceBlock().block());
    broadcast(chain, user.activeKey(), SidechainOps.operation(genesis, user.name(), new WithdrawOp(AMOUNT, PeggedAsset.HIVE, "")));
    while (chain.headBlockNumber() < genesis.tallyInterval()) {
      ProducedBlock block = chain.produceBlock();
      commit(block.block());
      if (genesis.isReportBlock(block.number())) {
        report(chain, net, block);
      }
    }
    MultisigTx round = store.read(SidechainState::multisigInFlight)
        .orElseThrow(() -> new IllegalStateException("the tally at block " + genesis.tallyInterval() + " built no round"));
    if (round.signers().size() != signers) {
      throw new IllegalStateException("round 1 has " + round.signers().size() + " signers, not " + signers);
    }
    return round;
  }

  /** Block 101: the signers' submissions, each posted by its node, or the outsiders', posted by users. */
  private Block submissionsBlock(DevnetChain chain, TrafficNetwork net, MultisigTx round, boolean bySigners) {
    byte[] digest = HexFormat.of().parseHex(round.digest());
    for (int i = 0; i < submissions; i++) {
      TrafficNode node = net.nodes().get(i % signers);
      TrafficUser sender = bySigners ? node.user() : net.users().get(i % USERS);
      PrivateKey signer = bySigners ? node.multisigKey() : PrivateKey.fromSeed("sig-submit-bench outsider " + i);
      broadcast(chain, sender.activeKey(), SidechainOps.operation(net.network(), sender.name(),
          new SigSubmitOp(round.seq(), crypto.sign(signer, digest))));
    }
    return chain.produceBlock().block();
  }

  private void commit(Block block) {
    try (StateTransaction tx = store.begin(block.number())) {
      applier.apply(tx, block);
      tx.commit();
    }
  }

  /** Every node reports the real digest after report block {@code block}, proposing the tally's header. */
  private void report(DevnetChain chain, TrafficNetwork net, ProducedBlock block) {
    NetworkGenesis genesis = net.network();
    long expirationSeconds = store.read(SidechainState::params).expirationSeconds();
    String digest = store.digest().hex();
    for (TrafficNode node : net.nodes()) {
      CustomJsonOperation op = NodeReport.proposal(genesis, expirationSeconds, block.id(), block.timestamp(), digest)
          .operation(genesis, node.name());
      NodeIdentity identity = new NodeIdentity(node.name(), node.user().activeKey(), node.multisigKey());
      accepted(chain.broadcast(NodeTransaction.signed(op, block.block(), identity, genesis.chainId(), crypto)));
    }
  }

  /** Signs {@code op} with {@code active} against the head and broadcasts it. */
  private void broadcast(DevnetChain chain, PrivateKey active, Operation op) {
    ProducedBlock head = chain.head();
    Transaction tx = Transaction.builder().referenceBlock(head.id()).expiration(head.timestamp().plusSeconds(600)).operation(op).build();
    accepted(chain.broadcast(tx.withSignatures(List.of(crypto.sign(active, tx.digest(chain.config().genesis().chainId(), WireFormat.HF26))))));
  }

  private static void accepted(Admission admission) {
    if (!admission.isAccepted()) {
      throw new IllegalStateException("the devnet refused a setup transaction: " + admission.message());
    }
  }

  /** Applies the block of submissions to the state after block 100 and drops the writes. */
  private BlockOutcome applyBlock() {
    try (StateTransaction tx = store.begin(measured.number())) {
      return applier.apply(tx, measured);
    }
  }

  @Benchmark
  public BlockOutcome applySigSubmits(Handled handled) {
    BlockOutcome outcome = applyBlock();
    handled.sigSubmits += submissions;
    return outcome;
  }

  @TearDown(Level.Trial)
  public void close() throws IOException {
    store.close();
    BenchFiles.deleteTree(dir);
  }
}
