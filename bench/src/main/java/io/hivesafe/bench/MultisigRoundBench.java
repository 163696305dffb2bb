package io.hivesafe.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.hivesafe.ops.PeggedAsset;
import io.hivesafe.ops.WithdrawOp;
import io.hivesafe.ops.SidechainOps;
import io.hivesafe.devnet.DevnetConfig;
import io.hivesafe.engine.NodeEvents;
import io.hivesafe.engine.node.SidechainNode;
import io.hivesafe.hive.protocol.Asset;
import io.hivesafe.hive.protocol.AssetSymbol;
import io.hivesafe.hive.protocol.CustomJsonOperation;
import io.hivesafe.hive.protocol.TransferOperation;
import io.hivesafe.ops.FeedEntry;
import io.hivesafe.ops.MultisigAuthority;
import io.hivesafe.ops.MultisigTx;
import io.hivesafe.ops.Reason;
import io.hivesafe.ops.ReasonCode;
import io.hivesafe.ops.SidechainState;
import io.hivesafe.testkit.cluster.DevnetCluster;
import io.hivesafe.testkit.traffic.TrafficNetwork;
import io.hivesafe.testkit.traffic.TrafficNode;
import io.hivesafe.testkit.traffic.TrafficUser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.LoggerFactory;

/**
 * Multisig rounds end to end (issue 6): blocks from the tally that builds a round to the block where its
 * signatures reach the threshold (READY) and to the block holding the broadcast transaction, whose
 * {@code ms_signed} marker confirms it; the wall time of each round and its {@code sig_submit} count.
 * Run by {@code scripts/bench/multisig}.
 *
 * <p>For each signer count N: a {@link TrafficNetwork} of N genesis nodes (every node a runner and a
 * key of the multisig authority, threshold ⌊N/2⌋+1), N real {@link SidechainNode}s following the
 * devnet over JSON-RPC ({@link DevnetCluster}), each on its own store under {@code --dir}. Before each
 * tally a few users deposit HIVE into the multisig account and withdraw it; from a few blocks before
 * the tally until the round is confirmed the devnet produces a block only after every node has
 * committed the last irreversible one and handed what it queued to the devnet (lockstep), so the block
 * counts are the protocol's, not this machine's. A plain main class: a round is a sequence of blocks
 * across many threads, not a method JMH can repeat.
 *
 * <p>Usage: {@code MultisigRoundBench [--signers 7,25] [--rounds 5] [--users-per-round 3] [--dir DIR]
 * [--out FILE] [--quick]}.
 */
public final class MultisigRoundBench {
  /** Lockstep starts this many blocks before each tally. */
  static final int LEAD = 8;
  /** A round not confirmed this many blocks after its tally fails the run. */
  static final int PATIENCE = 90;
  static final long DEPOSIT = 10_000;

  private final int rounds;
  private final int usersPerRound;
  private final Path dir;

  private MultisigRoundBench(int rounds, int usersPerRound, Path dir) {
    this.rounds = rounds;
    this.usersPerRound = usersPerRound;
    this.dir = dir;
  }

  public static void main(String[] args) throws Exception {
    List<Integer> signers = List.of(7, 25);
    int rounds = 5;
    int usersPerRound = 3;
    Path dir = Path.of("bench/target/multisig-bench");
    Path out = Path.of("bench/target/bench-multisig-rounds.json");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--signers" -> signers = Stream.of(value(args, ++i).split(",")).map(Integer::parseInt).toList();
        case "--rounds" -> rounds = Integer.parseInt(value(args, ++i));
        case "--users-per-round" -> usersPerRound = Integer.parseInt(value(args, ++i));
        case "--dir" -> dir = Path.of(value(args, ++i));
        case "--out" -> out = Path.of(value(args, ++i));
        case "--quick" -> rounds = 2;
        default -> throw new IllegalArgumentException("unknown argument " + args[i] + "; usage: MultisigRoundBench [--signers 7,25]"
            + " [--rounds 5] [--users-per-round 3] [--dir DIR] [--out FILE] [--quick]");
      }
    }
    if (rounds < 1 || usersPerRound < 1) {
      throw new IllegalArgumentException("--rounds and --users-per-round must be at least 1");
    }
    // 25 nodes in one process: only their warnings and errors, not every node's progress lines.
    ((Logger) LoggerFactory.getLogger(NodeEvents.class)).setLevel(Level.WARN);
    MultisigRoundBench bench = new MultisigRoundBench(rounds, usersPerRound, dir);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("setup", BenchFiles.ordered("rounds", rounds, "usersPerRound", usersPerRound, "dir", dir.toString(),
        "cores", Runtime.getRuntime().availableProcessors(), "java", System.getProperty("java.vm.name") + " "
            + System.getProperty("java.version")));
    List<Object> runs = new ArrayList<>();
    for (int n : signers) {
      runs.add(bench.run(n));
    }
    json.put("runs", runs);
    Files.createDirectories(out.toAbsolutePath().getParent());
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), json);
    System.out.println("results: " + out);
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      throw new IllegalArgumentException(args[i - 1] + " needs a value");
    }
    return args[i];
  }

  /** One round as measured: blocks counted from its tally, wall time from the tally's production. */
  record Round(long seq, long tallyBlock, long readyBlocks, long confirmedBlocks, long sigSubmits, long sigSubmitsCounted,
      long recasts, double wallMs) {}

  private Map<String, Object> run(int n) throws Exception {
    TrafficNetwork net = TrafficNetwork.create(Math.max(2, rounds * usersPerRound), n);
    checkSetup(net, n);
    Path root = dir.resolve("signers-" + n);
    BenchFiles.deleteTree(root);
    Files.createDirectories(root);
    System.out.printf("%n%d signers (threshold %d), %d rounds of %d withdrawals; stores in %s%n", n, n / 2 + 1, rounds,
        usersPerRound, root);
    Timings timings = new Timings();
    long started = System.nanoTime();
    try (DevnetCluster cluster = new DevnetCluster(net, root, n, b -> b)) {
      cluster.startAll();
      cluster.stepQuiet(3);
      SidechainNode observer = cluster.running(cluster.node(0));
      MultisigTx firstRound = null;
      for (int r = 1; r <= rounds; r++) {
        depositAndWithdraw(cluster, net.users().subList((r - 1) * usersPerRound, r * usersPerRound), r);
        MultisigTx seen = runRound(cluster, observer, r, timings);
        firstRound = firstRound == null ? seen : firstRound;
      }
      checkAgreement(cluster, net, cluster.settle());
      long paid = observer.store().read(SidechainState::multisigBooks).paidHive();
      if (paid != rounds * usersPerRound * DEPOSIT) {
        throw new IllegalStateException("paid " + paid + ", not " + rounds * usersPerRound * DEPOSIT);
      }
      if (firstRound == null || firstRound.signers().size() != n || firstRound.requirements().get(0).authority().threshold() != n / 2 + 1) {
        throw new IllegalStateException("round 1 was not seen in flight with " + n + " signers and threshold " + (n / 2 + 1)
            + ": " + firstRound);
      }
      List<Round> measured = rounds(observer.store().read(s -> SidechainState.feed(s, 1, Integer.MAX_VALUE)), timings.wallMs);
      return report(n, measured, timings, (System.nanoTime() - started) / 1e9);
    } finally {
      BenchFiles.deleteTree(root);
    }
  }

  /** Wall times per round, and per lockstep block within rounds and just before them (idle). */
  private static final class Timings {
    final List<Double> wallMs = new ArrayList<>();
    final List<Double> msPerBlock = new ArrayList<>();
    final List<Double> idleMsPerBlock = new ArrayList<>();

    static double tenths(double v) {
      return Math.round(v * 10) / 10.0;
    }
  }

  /** Each user deposits into the multisig account, then withdraws it all (a payout for the next tally). */
  private static void depositAndWithdraw(DevnetCluster cluster, List<TrafficUser> users, int round) throws InterruptedException {
    String withdraw = cluster.network().network().opId("withdraw");
    for (TrafficUser u : users) {
      cluster.broadcast(u, new TransferOperation(u.name(), TrafficNetwork.MULTISIG, Asset.of(DEPOSIT, AssetSymbol.HIVE), "deposit"));
    }
    cluster.stepInLockstep(1);
    for (TrafficUser u : users) {
      cluster.broadcast(u, new CustomJsonOperation(List.of(u.name()), List.of(), withdraw,
          SidechainOps.json(new WithdrawOp(DEPOSIT, PeggedAsset.HIVE, "round " + round))));
    }
  }

  /**
   * Runs to round {@code r}'s tally (lockstep for the last {@value #LEAD} blocks), then in lockstep until
   * the observer has confirmed it; returns the round as first seen in flight (null if never seen).
   */
  private static MultisigTx runRound(DevnetCluster cluster, SidechainNode observer, int r, Timings timings)
      throws InterruptedException {
    long tally = r * cluster.network().network().tallyInterval();
    while (head(cluster) < tally - LEAD) {
      cluster.stepQuiet(1);
    }
    cluster.awaitReports(cluster.devnet().chain().properties().lastIrreversibleBlockNum()); // caught up: idle blocks from here
    long idle = System.nanoTime();
    long idleBlocks = 0;
    while (head(cluster) < tally - 1) {
      cluster.stepInLockstep(1);
      idleBlocks++;
    }
    long t0 = System.nanoTime();
    timings.idleMsPerBlock.add(Timings.tenths((t0 - idle) / 1e6 / idleBlocks));
    long blocks = 0;
    MultisigTx seen = null;
    while (observer.store().read(SidechainState::multisigBooks).confirmed() < r) {
      if (head(cluster) > tally + PATIENCE) {
        throw new IllegalStateException("round " + r + " not confirmed " + PATIENCE + " blocks after its tally " + tally
            + "; feed: " + observer.store().read(s -> SidechainState.feed(s, tally, 1_000)));
      }
      cluster.stepInLockstep(1);
      blocks++;
      seen = seen != null ? seen : observer.store().read(SidechainState::multisigInFlight).orElse(null);
    }
    double ms = (System.nanoTime() - t0) / 1e6;
    timings.wallMs.add(Timings.tenths(ms));
    timings.msPerBlock.add(Timings.tenths(ms / blocks));
    System.out.printf("  round %d: tally %d, confirmed by every node %.0f ms after the tally was produced (%d blocks stepped)%n",
        r, tally, ms, blocks);
    return seen;
  }

  private static long head(DevnetCluster cluster) {
    return cluster.devnet().chain().headBlockNumber();
  }

  /** N nodes must mean N runners and N keys in the authority, all of them signers (params, genesis). */
  private static void checkSetup(TrafficNetwork net, int n) {
    if (net.network().params().maxSigners() < n) {
      throw new IllegalStateException("max_signers is " + net.network().params().maxSigners() + ": " + n + " nodes cannot all run");
    }
    if (net.network().active().keyAuths().size() != n || net.network().active().weightThreshold() != n / 2 + 1) {
      throw new IllegalStateException("the genesis authority has " + net.network().active().keyAuths().size() + " keys, threshold "
          + net.network().active().weightThreshold());
    }
  }

  /** Every node committed the same digest at {@code block}; every node is a runner; the recorded authority has N keys. */
  private static void checkAgreement(DevnetCluster cluster, TrafficNetwork net, long block) {
    Map<String, Map<Long, String>> digests = cluster.digests();
    String reference = digests.get(cluster.node(0).name().value()).get(block);
    for (TrafficNode node : net.nodes()) {
      String mine = digests.get(node.name().value()).get(block);
      if (reference == null || !reference.equals(mine)) {
        throw new IllegalStateException(node.name() + " disagrees at block " + block + ": " + mine + " vs " + reference);
      }
    }
    SidechainNode any = cluster.running(cluster.node(0));
    List<String> runners = any.store().read(SidechainState::roster).runners();
    MultisigAuthority authority = any.store().read(SidechainState::authority);
    if (runners.size() != net.nodes().size() || authority.active().keys().size() != net.nodes().size()) {
      throw new IllegalStateException(runners.size() + " runners and " + authority.active().keys().size() + " authority keys for "
          + net.nodes().size() + " nodes");
    }
  }

  /** Each round's blocks and sig_submits, read from a node's feed; the wall times measured live. */
  static List<Round> rounds(List<FeedEntry> feed, List<Double> wallMs) {
    List<Round> out = new ArrayList<>();
    for (int r = 1; r <= wallMs.size(); r++) {
      long seq = r;
      long built = first(feed, e -> e.kind().equals("multisig") && e.ok() && isBuilt(e.reason(), seq));
      long ready = first(feed, e -> e.kind().equals("sig_submit") && e.ok()
          && e.reason().code() == ReasonCode.SIG_COUNTED_READY && e.reason().integer(0) == seq);
      long confirmed = first(feed, e -> e.kind().equals("ms_signed") && e.ok()
          && e.reason().code() == ReasonCode.ROUND_CONFIRMED && e.reason().integer(0) == seq);
      long nextBuilt = first(feed, e -> e.kind().equals("multisig") && isBuilt(e.reason(), seq + 1));
      long next = nextBuilt > 0 ? nextBuilt : Long.MAX_VALUE;
      long submits = 0;
      long counted = 0;
      long recasts = 0;
      for (FeedEntry e : feed) {
        if (e.block() < built || e.block() >= next) {
          continue;
        }
        if (e.kind().equals("sig_submit")) {
          submits++;
          counted += e.ok() ? 1 : 0;
        } else if (e.kind().equals("ms_recast")) {
          recasts++;
        }
      }
      if (built <= 0 || ready <= 0 || confirmed <= 0) {
        throw new IllegalStateException("round " + seq + ": built " + built + ", ready " + ready + ", confirmed " + confirmed);
      }
      out.add(new Round(r, built, ready - built, confirmed - built, submits, counted, recasts, wallMs.get(r - 1)));
    }
    return out;
  }

  private static boolean isBuilt(Reason r, long seq) {
    return (r.code() == ReasonCode.BATCH_BUILT || r.code() == ReasonCode.ROTATION_BUILT
        || r.code() == ReasonCode.ISOLATED_BATCH_BUILT) && r.integer(0) == seq;
  }

  private static long first(List<FeedEntry> feed, java.util.function.Predicate<FeedEntry> match) {
    return feed.stream().filter(match).mapToLong(FeedEntry::block).findFirst().orElse(-1);
  }

  private static Map<String, Object> report(int n, List<Round> measured, Timings timings, double seconds) {
    List<Double> msPerBlock = timings.msPerBlock;
    List<Double> idleMsPerBlock = timings.idleMsPerBlock;
    for (Round r : measured) {
      System.out.printf("  round %d: tally %d -> ready +%d blocks, confirmed +%d blocks; %d sig_submits (%d counted), %d recasts,"
          + " %.0f ms%n", r.seq(), r.tallyBlock(), r.readyBlocks(), r.confirmedBlocks(), r.sigSubmits(), r.sigSubmitsCounted(),
          r.recasts(), r.wallMs());
    }
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("signers", n);
    row.put("threshold", n / 2 + 1);
    row.put("irreversibleLag", DevnetConfig.DEFAULT_IRREVERSIBLE_LAG);
    row.put("readyBlocks", Spread.of(measured.stream().mapToDouble(Round::readyBlocks).toArray()).json());
    row.put("confirmedBlocks", Spread.of(measured.stream().mapToDouble(Round::confirmedBlocks).toArray()).json());
    row.put("sigSubmits", Spread.of(measured.stream().mapToDouble(Round::sigSubmits).toArray()).json());
    row.put("wallMs", Spread.of(measured.stream().mapToDouble(Round::wallMs).toArray()).json());
    row.put("msPerLockstepBlock", Spread.of(msPerBlock.stream().mapToDouble(Double::doubleValue).toArray()).json());
    row.put("msPerIdleLockstepBlock", Spread.of(idleMsPerBlock.stream().mapToDouble(Double::doubleValue).toArray()).json());
    row.put("runSeconds", Math.round(seconds * 10) / 10.0);
    row.put("rounds", measured);
    System.out.printf("  %d signers: ready %s blocks, confirmed %s blocks, %s sig_submits, %s ms per round; ms per lockstep block"
        + " %s in rounds, %s idle (%.0f s in all)%n", n,
        Spread.of(measured.stream().mapToDouble(Round::readyBlocks).toArray()).text("%.0f"),
        Spread.of(measured.stream().mapToDouble(Round::confirmedBlocks).toArray()).text("%.0f"),
        Spread.of(measured.stream().mapToDouble(Round::sigSubmits).toArray()).text("%.0f"),
        Spread.of(measured.stream().mapToDouble(Round::wallMs).toArray()).text("%,.0f"),
        Spread.of(msPerBlock.stream().mapToDouble(Double::doubleValue).toArray()).text("%.0f"),
        Spread.of(idleMsPerBlock.stream().mapToDouble(Double::doubleValue).toArray()).text("%.0f"), seconds);
    return row;
  }
}
