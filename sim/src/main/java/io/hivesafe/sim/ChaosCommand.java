package io.hivesafe.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hivesafe.devnet.Devnet;
import io.hivesafe.devnet.DevnetChain;
import io.hivesafe.devnet.ProducedBlock;
import io.hivesafe.hive.crypto.PrivateKey;
import io.hivesafe.hive.protocol.AssetSymbol;
import io.hivesafe.hive.protocol.BlockTransaction;
import io.hivesafe.hive.protocol.CustomJsonOperation;
import io.hivesafe.hive.protocol.Operation;
import io.hivesafe.hive.protocol.TransferOperation;
import io.hivesafe.hive.rpc.HiveRpcClient;
import io.hivesafe.hive.rpc.RpcConfig;
import io.hivesafe.hive.rpc.RpcException;
import io.hivesafe.ops.NetworkGenesisFile;
import io.hivesafe.ops.NetworkParams;
import io.hivesafe.testkit.traffic.ChainHead;
import io.hivesafe.testkit.traffic.TrafficGenerator;
import io.hivesafe.testkit.traffic.TrafficKind;
import io.hivesafe.testkit.traffic.TrafficMix;
import io.hivesafe.testkit.traffic.TrafficNetwork;
import io.hivesafe.testkit.traffic.TrafficNode;
import io.hivesafe.testkit.traffic.TrafficTransaction;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code scripts/chaos} (docs/simulation.md, "Process-level chaos"): a devnet in this process and five
 * {@code hivesafe run} processes following it over JSON-RPC, each on its own data directory. The devnet
 * makes a block every {@code --block-ms}; seeded traffic (deposits, withdrawals, sends, governance and
 * the 13 hostile kinds) goes in through the devnet's JSON-RPC; node processes are SIGKILLed at seeded
 * moments (at most two down at once: the multisig threshold is 3 of 5) and started again later. Then
 * the faults stop, the network runs quietly, the devnet stops, and the invariants are read through each
 * node's HTTP API and the chain. Ends with one line: {@code N passed, M failed}.
 *
 * <p>Not deterministic like the simulator — the processes run on the operating system's time — but
 * seeded: the kills, their moments and the traffic are the seed's.
 */
@Command(name = "chaos", mixinStandardHelpOptions = true,
    description = "Five hivesafe run processes, a devnet, SIGKILLs at seeded moments, then the invariants through the HTTP API.")
public final class ChaosCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int NODES = 5;
  private static final int MAX_DOWN = 2;

  @Option(names = "--jar", required = true, description = "The node's jar (engine/target/hivesafe.jar).")
  Path jar;

  @Option(names = "--dir", required = true, description = "A new directory for the genesis, keys, configs, data and logs.")
  Path dir;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the traffic and the kills (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--kills", defaultValue = "24", description = "SIGKILLs to make, at least (default ${DEFAULT-VALUE}).")
  int kills;

  @Option(names = "--blocks", defaultValue = "600", description = "Blocks with faults (default ${DEFAULT-VALUE}).")
  long blocks;

  @Option(names = "--quiet-blocks", defaultValue = "200", description = "Blocks without faults after them (default ${DEFAULT-VALUE}).")
  long quietBlocks;

  @Option(names = "--block-ms", defaultValue = "200", description = "Milliseconds between blocks (default ${DEFAULT-VALUE}).")
  long blockMs;

  private final List<String> passed = new ArrayList<>();
  private final List<String> failed = new ArrayList<>();

  public static void main(String[] args) {
    System.exit(new CommandLine(new ChaosCommand()).execute(args));
  }

  /** One node process: its account, its config, its API port, the process when running. */
  private static final class NodeProcess {
    final TrafficNode who;
    final Path config;
    final Path log;
    final int port;
    Process process;
    long restartAt = -1;
    int kills;

    NodeProcess(TrafficNode who, Path config, Path log, int port) {
      this.who = who;
      this.config = config;
      this.log = log;
      this.port = port;
    }
  }

  @Override
  public Integer call() throws Exception {
    SimCommand.quietNodes();
    if (Files.exists(dir) && Files.list(dir).findAny().isPresent()) {
      throw new CommandLine.ParameterException(new CommandLine(this), "--dir " + dir + " must be new or empty");
    }
    Files.createDirectories(dir);
    NetworkParams params = TrafficNetwork.defaultParams().with("expiration_seconds", 90).with("recast_interval", 5);
    TrafficNetwork net = TrafficNetwork.create(8, NODES, NODES, params, TrafficNetwork.Shape.DEFAULT.withIntervals(20, 10));
    Files.write(dir.resolve("genesis.json"), NetworkGenesisFile.write(net.network()));
    SplittableRandom rnd = new SplittableRandom(seed);
    TrafficMix mix = TrafficMix.busy().withShape(0.5, 3, 0.02, 5, 12).withBackground(0.2, 2)
        .withWeight(TrafficKind.WITHDRAW, 150).withWeight(TrafficKind.DEPOSIT, 150).withWeight(TrafficKind.NODE_ADD, 0);
    TrafficGenerator traffic = net.generator(rnd.nextLong()).mix(mix).build();
    try (Devnet devnet = Devnet.start(net.devnetConfig(), Duration.ZERO, 0);
        HiveRpcClient rpc = new HiveRpcClient(RpcConfig.withEndpoints(List.of(devnet.url(0))))) {
      DevnetChain chain = devnet.chain();
      List<NodeProcess> nodes = new ArrayList<>();
      for (TrafficNode n : net.nodes()) {
        nodes.add(configure(n, devnet.url(0)));
      }
      System.out.println("chaos: seed " + seed + ", devnet " + devnet.url(0) + ", " + NODES + " nodes, data in " + dir);
      for (NodeProcess n : nodes) {
        start(n);
      }
      awaitApis(nodes);
      int made = 0;
      long refused = 0;
      long sent = 0;
      long faulty = blocks;
      // A kill every (faulty / kills) blocks on average, so that at least --kills are made.
      int chance = (int) Math.min(1000, Math.max(1, 1000L * (kills + kills / 4 + 1) / Math.max(1, faulty)));
      for (long b = 2; b <= faulty + quietBlocks; b++) {
        boolean faults = b <= faulty;
        if (faults) {
          for (TrafficTransaction tx : traffic.nextBlock(ChainHead.of(chain.head()))) {
            sent++;
            try {
              rpc.broadcastTransaction(tx.transaction());
            } catch (RpcException e) {
              refused++;
            }
          }
        }
        chain.produceBlock();
        for (NodeProcess n : nodes) {
          if (n.process == null && n.restartAt >= 0 && (n.restartAt <= b || !faults)) {
            start(n);
          }
        }
        long down = nodes.stream().filter(n -> n.process == null).count();
        if (faults && down < MAX_DOWN && (rnd.nextInt(1000) < chance || made < kills && b > faulty - 2L * (kills - made))) {
          List<NodeProcess> up = nodes.stream().filter(n -> n.process != null).toList();
          NodeProcess victim = up.get(rnd.nextInt(up.size()));
          victim.process.destroyForcibly().waitFor(); // SIGKILL
          victim.process = null;
          victim.kills++;
          victim.restartAt = b + 3 + rnd.nextInt(30);
          made++;
          System.out.println("block " + b + ": SIGKILL " + victim.who.name() + " (kill " + made + "), restart at block " + victim.restartAt);
        }
        Thread.sleep(blockMs);
      }
      System.out.println("chaos: " + made + " SIGKILLs, " + sent + " transactions sent through JSON-RPC (" + refused
          + " refused by the devnet), faults stopped at block " + faulty + ", head " + chain.headBlockNumber());
      long irreversible = chain.lastIrreversibleBlockNumber();
      List<JsonNode> status = awaitBlock(nodes, irreversible);
      check(nodes, net, chain, status, irreversible, made);
      for (NodeProcess n : nodes) {
        if (n.process != null) {
          n.process.destroy();
          n.process.waitFor();
        }
      }
    }
    System.out.println(passed.size() + " passed, " + failed.size() + " failed");
    return failed.isEmpty() ? 0 : 1;
  }

  private NodeProcess configure(TrafficNode n, URI devnet) throws IOException {
    Path home = Files.createDirectories(dir.resolve(n.name().value()));
    writeKey(home.resolve("keys/active.wif"), n.user().activeKey());
    writeKey(home.resolve("keys/multisig.wif"), n.multisigKey());
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path config = home.resolve("hivesafe.json");
    com.fasterxml.jackson.databind.node.ObjectNode c = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    c.put("genesis", "../genesis.json");
    c.putObject("api").putArray("endpoints").add(devnet.toString());
    c.putObject("source").put("poll_ms", 20);
    c.put("account", n.name().value());
    com.fasterxml.jackson.databind.node.ObjectNode keys = c.putObject("keys");
    keys.putObject("active").put("file", "keys/active.wif");
    keys.putObject("multisig").put("file", "keys/multisig.wif");
    c.put("data", "data");
    c.putObject("http").put("port", port);
    Files.writeString(config, c.toString());
    return new NodeProcess(n, config, home.resolve("node.log"), port);
  }

  private static void writeKey(Path file, PrivateKey key) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, key.toWif() + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
  }

  private void start(NodeProcess n) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    n.process = new ProcessBuilder(java, "-Xmx256m", "-XX:+UseSerialGC", "-jar", jar.toAbsolutePath().toString(), "run", "--config",
        n.config.toString()).directory(n.config.getParent().toFile()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(n.log.toFile())).start();
    n.restartAt = -1;
  }

  private static JsonNode get(NodeProcess n, String path) {
    try {
      HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + n.port + path))
          .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private static void awaitApis(List<NodeProcess> nodes) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    for (NodeProcess n : nodes) {
      while (get(n, "/api") == null) {
        if (System.nanoTime() > deadline || !n.process.isAlive()) {
          throw new IllegalStateException(n.who.name() + " did not open its API; see " + n.log);
        }
        Thread.sleep(100);
      }
    }
  }

  /** Waits until every node has applied {@code block}; returns their statuses (null for one that never did). */
  private static List<JsonNode> awaitBlock(List<NodeProcess> nodes, long block) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    List<JsonNode> out = new ArrayList<>();
    for (NodeProcess n : nodes) {
      JsonNode s = get(n, "/api/status");
      while ((s == null || s.path("applied_block").asLong(-1) < block) && System.nanoTime() < deadline) {
        Thread.sleep(100);
        s = get(n, "/api/status");
      }
      out.add(s);
    }
    return out;
  }

  private void check(List<NodeProcess> nodes, TrafficNetwork net, DevnetChain chain, List<JsonNode> status, long block, int made) {
    expect("kills", made >= kills, made + " SIGKILLs made, " + kills + " asked for");
    List<String> dead = nodes.stream().filter(n -> n.process == null || !n.process.isAlive()).map(n -> n.who.name().value()).toList();
    expect("processes-alive", dead.isEmpty(), dead.isEmpty() ? "every node process runs at the end" : "stopped: " + dead);
    TreeSet<String> digests = new TreeSet<>();
    List<String> behind = new ArrayList<>();
    boolean sick = false;
    for (int i = 0; i < nodes.size(); i++) {
      JsonNode s = status.get(i);
      if (s == null || s.path("applied_block").asLong(-1) != block) {
        behind.add(nodes.get(i).who.name() + " at " + (s == null ? "no answer" : s.path("applied_block").asText()));
        continue;
      }
      digests.add(s.path("digest").asText());
      sick |= s.path("diverged").asBoolean() || !s.path("failure").isNull();
    }
    expect("digests-agree", behind.isEmpty() && digests.size() == 1, "after block " + block + ": " + digests
        + (behind.isEmpty() ? "" : ", behind: " + behind));
    expect("no-node-failure", !sick, "no node diverged or stopped on a bug");
    long alarms = 0;
    long queued = 0;
    long paidHive = -1;
    long paidHbd = -1;
    boolean custodyMatches = true;
    StringBuilder custody = new StringBuilder();
    for (NodeProcess n : nodes) {
      JsonNode a = get(n, "/api/alarms?limit=200");
      alarms += a == null ? 1 : a.path("alarms").size();
      JsonNode p = get(n, "/api/payouts");
      queued += p == null ? 1 : p.path("count").asLong();
      JsonNode m = get(n, "/api/multisig");
      if (m != null) {
        paidHive = m.path("books").path("paid_hive").asLong();
        paidHbd = m.path("books").path("paid_hbd").asLong();
      }
      JsonNode c = get(n, "/api/custody");
      if (c != null && c.path("checked").asBoolean()) {
        boolean ok = c.path("matches").asBoolean();
        custodyMatches &= ok;
        custody.append(n.who.name()).append(ok ? " matches" : " differs " + c.path("difference")).append(" at block ")
            .append(c.path("block").asText()).append("; ");
      }
    }
    expect("no-alarms", alarms == 0, alarms + " alarms on the nodes (an honest network raises none)");
    expect("payouts-all-paid", queued == 0, queued + " payouts still queued " + quietBlocks + " quiet blocks after the faults");
    expect("custody-check-matches", custodyMatches && custody.length() > 0, custody.toString());
    // Paid once: every transaction out of the multisig account on chain is one round's (its marker), no
    // round twice, and what left adds up to what the books say was paid.
    long outHive = 0;
    long outHbd = 0;
    TreeSet<Long> rounds = new TreeSet<>();
    List<String> strays = new ArrayList<>();
    for (long b = 1; b <= chain.headBlockNumber(); b++) {
      ProducedBlock pb = chain.block(b).orElseThrow();
      for (BlockTransaction t : pb.transactions()) {
        long marker = -1;
        long hive = 0;
        long hbd = 0;
        for (Operation op : t.transaction().operations()) {
          if (op instanceof TransferOperation tr && tr.from().equals(net.network().multisigAccount())) {
            if (tr.amount().symbol() == AssetSymbol.HIVE) {
              hive += tr.amount().amount();
            } else {
              hbd += tr.amount().amount();
            }
          }
          if (op instanceof CustomJsonOperation cj && cj.id().equals(net.network().opId("ms_signed"))) {
            marker = readSeq(cj.json());
          }
        }
        if (hive + hbd > 0) {
          if (marker < 0 || !rounds.add(marker)) {
            strays.add(t.id().toHex());
          }
          outHive += hive;
          outHbd += hbd;
        }
      }
    }
    expect("payout-once", strays.isEmpty() && outHive == paidHive && outHbd == paidHbd, rounds.size() + " rounds paid "
        + outHive + " milli-HIVE and " + outHbd + " milli-HBD on chain; the books say " + paidHive + " and " + paidHbd
        + (strays.isEmpty() ? "" : "; transfers outside a round or a round twice: " + strays));
  }

  private static long readSeq(String json) {
    try {
      return JSON.readTree(json).path("seq").asLong(-1);
    } catch (IOException e) {
      return -1;
    }
  }

  private void expect(String name, boolean ok, String detail) {
    String line = (ok ? "PASS " : "FAIL ") + name + ": " + detail;
    System.out.println(line);
    (ok ? passed : failed).add(name);
  }
}
