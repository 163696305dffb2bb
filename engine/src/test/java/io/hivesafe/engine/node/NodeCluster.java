package io.hivesafe.engine.node;

import io.hivesafe.devnet.Devnet;
import io.hivesafe.devnet.DevnetConfig;
import io.hivesafe.engine.cluster.DevnetCluster;
import io.hivesafe.engine.traffic.DevnetTraffic;
import io.hivesafe.engine.traffic.TrafficGenerator;
import io.hivesafe.engine.traffic.TrafficNetwork;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;

/**
 * The node tests' {@link DevnetCluster}, with its parts as fields ({@code c.devnet}, {@code c.net}, …)
 * so that the scenarios read short. Everything else — starting, stopping, pacing, waiting — is the
 * cluster's.
 */
final class NodeCluster extends DevnetCluster {
  final TrafficNetwork net;
  final Devnet devnet;
  final DevnetTraffic traffic;
  /** node → block → digest after that block. */
  final Map<String, Map<Long, String>> digests;

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
}
