package io.hivesafe.testkit.demo;

import io.hivesafe.engine.NodeEvents;
import io.hivesafe.engine.api.ApiConfig;
import io.hivesafe.engine.api.ApiServer;
import io.hivesafe.engine.api.NodeView;
import io.hivesafe.engine.metrics.NodeMetrics;
import io.hivesafe.engine.node.SidechainNode;
import io.hivesafe.hive.protocol.Asset;
import io.hivesafe.hive.protocol.AssetSymbol;
import io.hivesafe.hive.protocol.Authority;
import io.hivesafe.hive.protocol.CustomJsonOperation;
import io.hivesafe.hive.protocol.TransferOperation;
import io.hivesafe.ops.WithdrawOp;
import io.hivesafe.ops.SidechainOps;
import io.hivesafe.ops.SidechainOp;
import io.hivesafe.ops.ProposeOp;
import io.hivesafe.ops.PeggedAsset;
import io.hivesafe.ops.ApproveOp;
import io.hivesafe.ops.MultisigAuthority;
import io.hivesafe.ops.SidechainState;
import io.hivesafe.testkit.cluster.DevnetCluster;
import io.hivesafe.testkit.traffic.TrafficNetwork;
import io.hivesafe.testkit.traffic.TrafficNode;
import io.hivesafe.testkit.traffic.TrafficUser;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * {@code hivesafe demo}'s story, on the embedded devnet with 5 real nodes following it over JSON-RPC:
 * <ol>
 *   <li>users deposit into the multisig account and one withdraws; the runners pass a treasury payout;
 *       at the tally the nodes build one batch, sign it through sig_submit, broadcast it and see it
 *       confirmed — both paid once;</li>
 *   <li>another withdrawal, but the first signer (the broadcaster) is stopped: nobody broadcasts until the
 *       recast 30 blocks later, when the next signer does;</li>
 *   <li>a second node leaves: once both have missed two reports in a row, the tally elects the three that
 *       report, and the nodes rotate the shared
 *       account's keys to them with an {@code account_update} the devnet accepts.</li>
 * </ol>
 * Blocks are made in lockstep with the nodes (as 3-second blocks would leave them time), so the story
 * takes a few hundred blocks and well under a minute of this machine.
 */
public final class DemoScenario implements AutoCloseable {
  private final DevnetCluster cluster;
  private final TrafficNetwork net;
  private final Timeline timeline;
  private volatile boolean cancelled;
  private ApiServer api;

  public DemoScenario(Path root, Consumer<String> out) {
    this.net = TrafficNetwork.create(6, 5);
    this.cluster = new DevnetCluster(net, root, 1L, b -> b);
    this.timeline = new Timeline(out);
  }

  /** The devnet's JSON-RPC URL. */
  public String devnetUrl() {
    return cluster.devnet().url(0).toString();
  }

  /** The cluster, for the status page and the test. */
  public DevnetCluster cluster() {
    return cluster;
  }

  /**
   * Starts the devnet's nodes and node1's API and status page on {@code port} (any free port if that
   * one is taken); returns the status page's URL.
   */
  public URI start(int port) {
    cluster.startAll();
    SidechainNode node = cluster.running(net.nodes().get(1));
    NodeView view = NodeView.of(node, net.network(), "demo", Optional.empty());
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new NodeMetrics(registry, node, view);
    for (int p : new int[] {port, 0}) {
      try {
        api = new ApiServer(ApiConfig.defaults().withBind("127.0.0.1", p), view, registry, new NodeEvents()).start();
        return api.url();
      } catch (IOException taken) {
        // the port is in use: any free one will do for a demo
      }
    }
    throw new IllegalStateException("no port for the status page on 127.0.0.1");
  }

  /** Runs the story to its end (or until {@link #cancel}); returns whether it ran to the end. */
  public boolean run() throws InterruptedException {
    if (api == null) {
      start(0);
    }
    TrafficNode watcher = net.nodes().get(1);
    TrafficUser alice = net.users().get(0);
    TrafficUser bob = net.users().get(1);
    TrafficUser carol = net.users().get(2);
    step(3, watcher);

    timeline.say("user0 and user1 deposit into the multisig account " + TrafficNetwork.MULTISIG + "; user0 withdraws; node0 proposes a treasury grant to user2");
    cluster.broadcast(alice, new TransferOperation(alice.name(), TrafficNetwork.MULTISIG, Asset.of(50_000, AssetSymbol.HIVE), "deposit"));
    cluster.broadcast(bob, new TransferOperation(bob.name(), TrafficNetwork.MULTISIG, Asset.of(20_000, AssetSymbol.HBD), "deposit"));
    step(2, watcher);
    cluster.broadcast(alice, custom(alice, new WithdrawOp(12_345, PeggedAsset.HIVE, "to my wallet")));
    cluster.broadcast(net.nodes().get(0).user(), custom(net.nodes().get(0).user(),
        new ProposeOp(new ProposeOp.PayoutAction(carol.name().value(), 2_500, PeggedAsset.HIVE, "grant"), 500, 0)));
    step(1, watcher);
    for (int i = 1; i <= 3; i++) {
      cluster.broadcast(net.nodes().get(i).user(), custom(net.nodes().get(i).user(), new ApproveOp(1)));
    }
    timeline.say("runners approve; at the tally (block 100) the nodes build, sign and broadcast one multisig batch");
    lockstepUntil(watcher, 130);
    if (cancelled) {
      return false;
    }

    timeline.say("user1 withdraws HBD; node0, first in line to broadcast, is stopped before the tally at block 200");
    cluster.broadcast(bob, custom(bob, new WithdrawOp(5_000, PeggedAsset.HBD, "")));
    lockstepUntil(watcher, 199);
    cluster.stop(net.nodes().get(0));
    timeline.say("node0 is down: the round is signed by the others, nobody broadcasts it until the recast");
    lockstepUntil(watcher, 240);
    if (cancelled) {
      return false;
    }

    timeline.say("node4 leaves too, before the report at block 250: a missed report costs age, not the seat; at the tally at 400"
        + " node0 and node4 have missed two in a row, the three that report are elected, and the keys rotate");
    cluster.stop(net.nodes().get(4));
    lockstepUntil(watcher, 430);
    Authority onChain = cluster.devnet().chain().account(TrafficNetwork.MULTISIG).orElseThrow().active();
    TreeSet<String> keys = new TreeSet<>();
    for (Authority.KeyWeight k : onChain.keyAuths()) {
      keys.add(k.key().toString());
    }
    MultisigAuthority books = cluster.running(watcher).store().read(SidechainState::authority);
    timeline.say("the devnet's active authority of " + TrafficNetwork.MULTISIG + ": " + onChain.weightThreshold() + " of " + keys
        + (books.active().equals(io.hivesafe.ops.SignerAuthority.of(onChain)) ? ", as the books record it"
            : ", NOT what the books record: " + books));
    return !cancelled;
  }

  /** Everything the timeline printed. */
  public List<Timeline.Event> events() {
    return timeline.events();
  }

  /** Makes one quiet block every {@code millis} until cancelled: the network idles for the status page. */
  public void idle(long millis) throws InterruptedException {
    TrafficNode watcher = net.nodes().get(1);
    while (!cancelled) {
      step(1, watcher);
      Thread.sleep(millis);
    }
  }

  /** Stops {@link #run} and {@link #idle} at their next block. */
  public void cancel() {
    cancelled = true;
  }

  private static CustomJsonOperation custom(TrafficUser from, SidechainOp op) {
    return new CustomJsonOperation(List.of(from.name()), List.of(), TrafficNetwork.PREFIX + op.name(), SidechainOps.json(op));
  }

  private void step(int blocks, TrafficNode watcher) throws InterruptedException {
    for (int i = 0; i < blocks && !cancelled; i++) {
      cluster.stepQuiet(1);
      catchUp(watcher);
    }
  }

  private void lockstepUntil(TrafficNode watcher, long block) throws InterruptedException {
    while (!cancelled && cluster.devnet().chain().lastIrreversibleBlockNumber() < block) {
      cluster.stepInLockstep(1);
      catchUp(watcher);
    }
  }

  private void catchUp(TrafficNode watcher) throws InterruptedException {
    SidechainNode node = cluster.running(watcher);
    DevnetCluster.awaitBlock(node, cluster.devnet().chain().lastIrreversibleBlockNumber());
    timeline.catchUp(node.store());
  }

  @Override
  public void close() {
    cancel();
    if (api != null) {
      api.close();
    }
    cluster.close();
  }
}
