package io.hivesafe.engine.node;

import io.hivesafe.devnet.Devnet;
import io.hivesafe.devnet.DevnetConfig;
import io.hivesafe.devnet.ProducedBlock;
import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.protocol.AssetSymbol;
import io.hivesafe.hive.protocol.BlockTransaction;
import io.hivesafe.hive.protocol.Operation;
import io.hivesafe.hive.protocol.TransferOperation;
import io.hivesafe.ops.BlockOutcome;
import io.hivesafe.testkit.cluster.DevnetCluster;
import io.hivesafe.testkit.traffic.DevnetTraffic;
import io.hivesafe.testkit.traffic.TrafficGenerator;
import io.hivesafe.testkit.traffic.TrafficNetwork;
import io.hivesafe.testkit.traffic.TrafficNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The node tests' {@link DevnetCluster}, with its parts as fields ({@code c.devnet}, {@code c.net}, …)
 * so that the scenarios read short. Everything else — starting, stopping, pacing, waiting — is the
 * cluster's; the few helpers here only read the devnet or step it until a block is irreversible.
 */
final class NodeCluster extends DevnetCluster {
  final TrafficNetwork net;
  final Devnet devnet;
  final DevnetTraffic traffic;
  /** node → block → digest after that block. */
  final Map<String, Map<Long, String>> digests;
  /** node → block → what applying it did, for the nodes started through {@link #startRecording}. */
  final Map<String, Map<Long, BlockOutcome>> outcomes = new ConcurrentHashMap<>();

  NodeCluster(TrafficNetwork net, Path root, long seed, Function<TrafficGenerator.Builder, TrafficGenerator.Builder> tune) {
    this(net, net.devnetConfig(), root, seed, tune);
  }

  NodeCluster(TrafficNetwork net, DevnetConfig config, Path root, long seed,
      Function<TrafficGenerator.Builder, TrafficGenerator.Builder> tune) {
    super(net, config, root, seed, tune);
    this.net = network();
    this.devnet = devnet();
    this.traffic = traffic();
    this.digests = digests();
  }

  /** Starts {@code n} and keeps in {@link #outcomes} the outcome of each block it applies once started. */
  SidechainNode startRecording(TrafficNode n) {
    Map<Long, BlockOutcome> mine = outcomes.computeIfAbsent(n.name().value(), k -> new ConcurrentHashMap<>());
    return start(n).onCommit((block, outcome) -> mine.put(block, outcome));
  }

  /** {@code account}'s liquid balance of {@code asset} on the devnet, in milli-units. */
  long balance(AccountName account, AssetSymbol asset) {
    return devnet.chain().account(account).orElseThrow().balance(asset).amount();
  }

  /** Steps quiet blocks until {@code block} is irreversible, then waits for every running node to apply it. */
  void quietToIrreversible(long block) throws InterruptedException {
    while (devnet.chain().properties().lastIrreversibleBlockNum() < block) {
      stepQuiet(1);
    }
    settle();
  }

  /** Steps in lockstep until {@code block} is irreversible and applied by every running node. */
  void lockstepToIrreversible(long block) throws InterruptedException {
    while (devnet.chain().properties().lastIrreversibleBlockNum() < block) {
      stepInLockstep(1);
    }
    settle();
  }

  /** Every transfer out of the multisig account on the devnet, as "to amount asset", sorted. */
  List<String> transfersOutOfMultisig() {
    List<String> out = new ArrayList<>();
    long head = devnet.chain().headBlockNumber();
    for (long n = 1; n <= head; n++) {
      ProducedBlock b = devnet.chain().block(n).orElseThrow();
      for (BlockTransaction t : b.block().transactions()) {
        for (Operation op : t.transaction().operations()) {
          if (op instanceof TransferOperation tr && tr.from().equals(TrafficNetwork.MULTISIG)) {
            out.add(tr.to().value() + " " + tr.amount().amount() + " " + tr.amount().symbol());
          }
        }
      }
    }
    out.sort(null);
    return out;
  }
}
