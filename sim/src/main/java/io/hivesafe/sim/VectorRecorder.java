package io.hivesafe.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hivesafe.devnet.BlockJsonWriter;
import io.hivesafe.devnet.DevnetChain;
import io.hivesafe.devnet.ProducedBlock;
import io.hivesafe.testkit.traffic.TrafficNetwork;
import io.hivesafe.hive.json.JsonForm;
import io.hivesafe.hive.json.TransactionJson;
import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.protocol.OtherOperation;
import io.hivesafe.hive.protocol.Transaction;
import io.hivesafe.ops.AlarmKind;
import io.hivesafe.ops.NetworkGenesis;
import io.hivesafe.ops.NetworkGenesisFile;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Records the devnet consensus vector (docs/state.md, "Consensus vectors"): one fixed simulated network
 * ({@link #scenario}: five genesis nodes of which four collude, two joiners, six users, seeded traffic
 * and faults) run for a few hundred blocks (342) with the hostile transactions of {@link VectorHooks}, written
 * as {@code blocks.jsonl.gz} (one block per line, block_api.get_block_range's shape, HF26 JSON) and
 * {@code genesis.json} (the network genesis), then replayed as {@code hivesafe replay} does to print the
 * digests to pin in {@code ConsensusVectorsTest} and what the chain holds, by kind.
 *
 * <p>The devnet carries only the four operations Hivesafe serializes, so it cannot include a recovery
 * operation: the recorder appends one {@code change_recovery_account} of the multisig account to the
 * last block, as a Hive API would show it, unsigned and with a stand-in id (the SHA-256 of its JSON, cut
 * to 20 bytes). It comes after the last report, so every digest the recorded nodes reported is still
 * the replay's. Deterministic: the same scenario gives the same bytes. Run by {@code scripts/vectors}.
 *
 * <p>It then replays the first {@value #HC_CHAIN_BLOCKS} blocks of the shared hc-chain benchmark and
 * prints that vector's digests too, so that one run prints everything a deliberate change re-pins.
 *
 * <p>Usage: {@code VectorRecorder [--out DIR] [--work DIR] [--seed S] [--hc-chain FILE] [--hc-genesis FILE]}
 * (defaults: the test resources, /dev/shm, {@link #SEED}, {@code ../shared/bench/hc-chain/blocks.jsonl.gz},
 * {@code scripts/bench/hc-chain-genesis.json}, from the repository's root); exits 1 when the run broke an
 * invariant, the chain lacks a kind the vector must hold ({@link #REQUIRED}), or the hc-chain is missing.
 */
public final class VectorRecorder {
  /** The scenario's seed (its traffic, faults and node order): one whose run holds every required kind. */
  static final long SEED = 1;
  static final long FAULT_BLOCKS = 220;
  /**
   * The block of the lock-out (the active threshold above its weights): 10 blocks before the scenario's
   * blocks end (the run goes on a little longer when the liveness bound set as the faults stop asks for it).
   */
  static final long LOCK_OUT = FAULT_BLOCKS + Scenario.TAIL_BLOCKS - 10;
  /** Digests printed for these blocks (the test pins them) and for the last. */
  static final List<Long> DIGESTS_AT = List.of(100L, 200L, 300L);
  /** The hc-chain vector: its first 2,000 blocks (digests printed after each 500th). */
  static final int HC_CHAIN_BLOCKS = 2_000;
  /** The shared hc-chain and its network genesis, from the repository's root. */
  static final Path HC_CHAIN_FILE = Path.of("../shared/bench/hc-chain/blocks.jsonl.gz");
  static final Path HC_GENESIS_FILE = Path.of("scripts/bench/hc-chain-genesis.json");

  /**
   * What the chain must hold, as {@link VectorReplay#kind} names it: every sidechain operation accepted
   * (propose with each action), deposits, payouts, our own rotation, the three chrono tasks (an executed
   * proposal of each action), and every alarm kind. ConsensusVectorsTest checks the committed chain against this list.
   */
  static final List<String> REQUIRED = required();

  private VectorRecorder() {}

  private static List<String> required() {
    List<String> kinds = new ArrayList<>(List.of("send", "gov_lock", "gov_unlock", "node_add", "report", "withdraw",
        "propose payout", "propose param", "propose remove_node", "approve", "sig_submit", "ms_signed", "deposit", "payout",
        "authority", "block gov_unlock", "block ms_recast", "block proposal_execute PROPOSAL_PAYOUT_QUEUED",
        "block proposal_execute PROPOSAL_PARAM_SET", "block proposal_execute PROPOSAL_NODE_REMOVED"));
    for (AlarmKind k : AlarmKind.values()) {
      kinds.add("alarm " + k);
    }
    return List.copyOf(kinds);
  }

  public static void main(String[] args) throws Exception {
    Path out = Path.of("sim/src/test/resources/vectors/devnet");
    long seed = SEED;
    Path work = Files.isWritable(Path.of("/dev/shm")) ? Path.of("/dev/shm") : Path.of(System.getProperty("java.io.tmpdir"));
    Path hcChain = HC_CHAIN_FILE;
    Path hcGenesis = HC_GENESIS_FILE;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--out" -> out = Path.of(value(args, ++i));
        case "--work" -> work = Path.of(value(args, ++i));
        case "--seed" -> seed = Long.parseLong(value(args, ++i));
        case "--hc-chain" -> hcChain = Path.of(value(args, ++i));
        case "--hc-genesis" -> hcGenesis = Path.of(value(args, ++i));
        default -> throw new IllegalArgumentException("unknown argument " + args[i] + "; usage: VectorRecorder [--out DIR]"
            + " [--work DIR] [--seed S] [--hc-chain FILE] [--hc-genesis FILE]");
      }
    }
    SimCommand.quietNodes();
    int status = record(seed, out, work);
    if (Files.isRegularFile(hcChain)) {
      hcChain(hcChain, NetworkGenesisFile.parse(Files.readAllBytes(hcGenesis)), work);
    } else {
      System.out.println("no " + hcChain + ": the hc-chain vector's digests are not printed");
      status = 1;
    }
    System.exit(status);
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      throw new IllegalArgumentException(args[i - 1] + " needs a value");
    }
    return args[i];
  }

  /** The vector's network: five genesis nodes (threshold 3), nodes 0..3 colluding (a majority even of the seven keys a rotation may bring), two joiners, six users. */
  static Scenario scenario(long seed) {
    Map<FaultKind, Integer> p = new EnumMap<>(FaultKind.class);
    p.put(FaultKind.CRASH, 8);
    p.put(FaultKind.LOST_SENDS, 8);
    p.put(FaultKind.STARVED_ROUND, 4);
    p.put(FaultKind.API_STALL, 5);
    p.put(FaultKind.API_LAG, 5);
    p.put(FaultKind.JOIN, 30);
    p.put(FaultKind.STAKE_UNLOCK, 10);
    p.put(FaultKind.FORGED_SIGNATURE, 30);
    p.put(FaultKind.REPLAYED_SIGNATURE, 30);
    p.put(FaultKind.WRONG_REPORT, 30);
    p.put(FaultKind.REFUSED_PAYOUT, 25);
    return new Scenario(seed, 5, 2, 6, List.of(0, 1, 2, 3), true, 5, p, FAULT_BLOCKS, Scenario.TAIL_BLOCKS);
  }

  static int record(long seed, Path out, Path work) throws Exception {
    long started = System.nanoTime();
    Scenario scenario = scenario(seed);
    TrafficNetwork net = Simulation.network(scenario);
    VectorHooks hooks = new VectorHooks(scenario, net, LOCK_OUT);
    SimResult result = Simulation.run(scenario, work, hooks);
    System.out.println("simulated " + scenario + ": " + result.lastBlock() + " blocks, faults " + result.faults());
    hooks.log().forEach(l -> System.out.println("  " + l));
    if (!result.passed()) {
      System.out.println(result.failureReport());
      return 1;
    }
    NetworkGenesis genesis = net.network();
    Files.createDirectories(out);
    Files.write(out.resolve("genesis.json"), NetworkGenesisFile.write(genesis));
    Path blocks = out.resolve("blocks.jsonl.gz");
    write(hooks.chain(), genesis, net.nodes().get(scenario.byzantine().get(0)).name(), blocks);
    Path state = Files.createTempDirectory(work, "vector-replay-");
    VectorReplay.Replayed replayed;
    try {
      replayed = VectorReplay.replay(blocks, genesis, state, DIGESTS_AT);
    } finally {
      Simulation.delete(state);
    }
    System.out.printf("recorded %s (%,d bytes) and %s in %.1f s%n", blocks, Files.size(blocks), out.resolve("genesis.json"),
        (System.nanoTime() - started) / 1e9);
    System.out.println("replayed " + replayed.lastBlock() + " blocks" + (replayed.diverged() ? ", DIVERGED from the recorded reports" : ""));
    replayed.kinds().forEach((k, n) -> System.out.printf("  %-48s %,6d%n", k, n));
    System.out.println("devnet digests to pin (ConsensusVectorsTest.DEVNET):");
    replayed.digests().forEach((b, d) -> System.out.println("  after block " + b + ": " + d));
    System.out.println("  after block " + replayed.lastBlock() + " (the last): " + replayed.digest());
    List<String> missing = VectorReplay.missing(REQUIRED, replayed.kinds());
    if (!missing.isEmpty() || replayed.diverged()) {
      System.out.println("NOT a vector: missing " + missing + (replayed.diverged() ? ", and the replay diverged" : ""));
      return 1;
    }
    return 0;
  }

  /**
   * The hc-chain vector: the first {@link #HC_CHAIN_BLOCKS} blocks of {@code file} replayed, the digests
   * after each 500th printed.
   */
  static void hcChain(Path file, NetworkGenesis genesis, Path work) throws Exception {
    Path dir = Files.createTempDirectory(work, "vector-hc-chain-");
    try {
      Path blocks = dir.resolve("blocks.jsonl");
      try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file), 1 << 16),
              StandardCharsets.UTF_8));
          BufferedWriter lines = Files.newBufferedWriter(blocks, StandardCharsets.UTF_8)) {
        for (int i = 0; i < HC_CHAIN_BLOCKS; i++) {
          lines.write(in.readLine());
          lines.write('\n');
        }
      }
      List<Long> at = new ArrayList<>();
      for (long n = 500; n <= HC_CHAIN_BLOCKS; n += 500) {
        at.add(genesis.startBlock() + n - 1);
      }
      VectorReplay.Replayed replayed = VectorReplay.replay(blocks, genesis, dir.resolve("state"), at);
      System.out.println("hc-chain digests to pin (ConsensusVectorsTest.HC_CHAIN), the first " + HC_CHAIN_BLOCKS + " blocks of " + file + ":");
      replayed.digests().forEach((b, d) -> System.out.println("  after block " + b + ": " + d));
    } finally {
      Simulation.delete(dir);
    }
  }

  /** Blocks 1..head as JSON lines, gzipped, the recovery transaction appended to the last. */
  private static void write(DevnetChain chain, NetworkGenesis genesis, AccountName recovery, Path file) throws Exception {
    BlockJsonWriter json = new BlockJsonWriter(chain.config().symbols());
    ObjectMapper mapper = new ObjectMapper();
    long head = chain.headBlockNumber();
    try (OutputStream os = new GZIPOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
      for (long n = 1; n <= head; n++) {
        ProducedBlock block = chain.block(n).orElseThrow();
        ObjectNode line = json.write(block, JsonForm.HF26);
        if (n == head) {
          appendRecovery(line, block, genesis, recovery, chain);
        }
        os.write(mapper.writeValueAsBytes(line));
        os.write('\n');
      }
    }
  }

  /** Appends an unsigned change_recovery_account of the multisig account (to {@code recovery}) to {@code line}. */
  private static void appendRecovery(ObjectNode line, ProducedBlock block, NetworkGenesis genesis, AccountName recovery,
      DevnetChain chain) throws Exception {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("account_to_recover", genesis.multisigAccount().value());
    body.put("new_recovery_account", recovery.value());
    body.putArray("extensions");
    Transaction tx = Transaction.builder().referenceBlock(block.previous()).expiration(block.timestamp().plusSeconds(60))
        .operation(new OtherOperation("change_recovery_account", body)).build();
    ObjectNode txJson = TransactionJson.write(tx, JsonForm.HF26, chain.config().symbols());
    byte[] sha = MessageDigest.getInstance("SHA-256").digest(new ObjectMapper().writeValueAsBytes(txJson));
    ((ArrayNode) line.get("transactions")).add(txJson);
    ((ArrayNode) line.get("transaction_ids")).add(HexFormat.of().formatHex(Arrays.copyOf(sha, 20)));
  }
}
