package io.hivesafe.engine.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.hivesafe.devnet.Devnet;
import io.hivesafe.devnet.DevnetConfig;
import io.hivesafe.devnet.GenesisFile;
import io.hivesafe.devnet.ProducedBlock;
import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.protocol.AssetSymbol;
import io.hivesafe.hive.protocol.Authority;
import io.hivesafe.hive.protocol.BlockTransaction;
import io.hivesafe.hive.protocol.ChainId;
import io.hivesafe.hive.protocol.CustomJsonOperation;
import io.hivesafe.hive.protocol.Operation;
import io.hivesafe.hive.protocol.TransferOperation;
import io.hivesafe.ops.FeedEntry;
import io.hivesafe.ops.NetworkGenesis;
import io.hivesafe.ops.NetworkGenesisFile;
import io.hivesafe.ops.ReasonCode;
import io.hivesafe.ops.SidechainState;
import io.hivesafe.ops.TallyRecord;
import io.hivesafe.state.StateConfig;
import io.hivesafe.state.StateStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Founding a 3-node network with the command line alone, as docs/operator.md walks through it ("Founding
 * a network"), rehearsed on the devnet of {@code init --devnet}'s example accounts: three founders make
 * their keys and cards (signed with their accounts' active keys), one assembles the genesis checking each
 * card on the devnet, each verifies it ({@code genesis verify}) and writes its node's files with
 * {@code init --devnet}, the multisig account's owner hands it over ({@code genesis handover},
 * {@code tx sign}, {@code tx broadcast}) and a founder funds the treasury, three nodes run from
 * their configs ({@code run}), reach a tally in consensus and pay a withdrawal out of the multisig
 * account. Every hivesafe step goes through {@link HivesafeCommand#run}; the test only starts the devnet
 * from the devnet genesis {@code init --devnet} wrote, paces its blocks, and reads the chain to know when to go on.
 */
class FoundingNetworkTest {
  private static final ChainId CHAIN = ChainId.TESTNET;
  private static final String PREFIX = "found_";
  /** The accounts of the example genesis that {@code init --devnet} puts on the devnet, standing for Hive's. */
  private static final String MULTISIG = "example-multisig";
  private static final List<String> FOUNDERS = List.of("node-a", "node-b", "node-c");
  private static final long START_BLOCK = 12;
  private static final long TREASURY = 5_000;
  private static final long WITHDRAWAL = 1_000;
  private static final Duration DEADLINE = Duration.ofMinutes(4);

  @TempDir Path dir;

  /** What a command printed and its exit code. */
  private record CliRun(int exit, String out, String err) {
    JsonNode json() {
      return JsonStdio.parse(out);
    }
  }

  private static CliRun cli(String stdin, Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Console console = new Console(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), env);
    int exit = HivesafeCommand.run(console, onStop -> onStop.run(), args);
    CliRun run = new CliRun(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    assertEquals(0, run.exit(), String.join(" ", args) + ": " + run.err());
    return run;
  }

  private static CliRun cli(String... args) {
    return cli("", Map.of(), args);
  }

  /** A node run by {@code hivesafe run} on a thread of its own, until {@code stop} opens. */
  private record NodeRun(Thread thread, ByteArrayOutputStream out, ByteArrayOutputStream err, int[] exit) {
    Optional<String> statusUrl() {
      Matcher m = Pattern.compile("status page (\\S+) ").matcher(out.toString(StandardCharsets.UTF_8));
      return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }
  }

  private static NodeRun startNode(Path config, CountDownLatch stop) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Console console = new Console(new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());
    int[] exit = {-1};
    Thread thread = new Thread(() -> exit[0] = HivesafeCommand.run(console, onStop -> {
      try {
        stop.await();
      } finally {
        onStop.run();
      }
    }, "run", "--config", config.toString()), "founding-" + config.getParent().getFileName());
    thread.start();
    return new NodeRun(thread, out, err, exit);
  }

  private static Optional<JsonNode> get(String url) {
    try {
      HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
          HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 ? Optional.of(JsonStdio.parse(r.body())) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  private static void writeSecret(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, text + "\n");
  }

  private static List<Operation> operations(Devnet devnet) {
    List<Operation> ops = new ArrayList<>();
    for (ProducedBlock b : devnet.chain().blocks(1, (int) devnet.chain().headBlockNumber())) {
      for (BlockTransaction tx : b.block().transactions()) {
        ops.addAll(tx.transaction().operations());
      }
    }
    return ops;
  }

  /** The block holding a transfer from the multisig account to {@code to}, if one is on the chain. */
  private static Optional<Long> payoutBlock(Devnet devnet, String to) {
    for (ProducedBlock b : devnet.chain().blocks(1, (int) devnet.chain().headBlockNumber())) {
      for (BlockTransaction tx : b.block().transactions()) {
        for (Operation op : tx.transaction().operations()) {
          if (op instanceof TransferOperation t && t.from().value().equals(MULTISIG) && t.to().value().equals(to)) {
            return Optional.of(b.block().number());
          }
        }
      }
    }
    return Optional.empty();
  }

  private static boolean allReported(Devnet devnet, long block) {
    long reports = operations(devnet).stream()
        .filter(op -> op instanceof CustomJsonOperation c && c.id().equals(PREFIX + "report") && c.json().startsWith("{\"block\":" + block + ","))
        .count();
    return reports >= FOUNDERS.size();
  }

  @Test
  void threeFoundersFoundANetworkOnTheDevnetWithTheCommandLineAlone() throws Exception {
    // 0. A devnet standing for Hive, on which the founders' accounts and the multisig account exist: the one
    // init --devnet writes for its example genesis (node-a, node-b, node-c and example-multisig, password keys).
    cli("init", "--devnet", "--dir", dir.resolve("devnet").toString());
    try (Devnet devnet = Devnet.start(DevnetConfig.of(GenesisFile.read(dir.resolve("devnet/devnet-genesis.json"))), Duration.ZERO, 0)) {
      String api = devnet.url(0).toString();
      Map<String, String> env = new HashMap<>();
      env.put("HS_PW", "password");

      // 1. Each founder, offline: its account's active key (the devnet's password key), a multisig key and a
      // card the active key signs, for the chain id, prefix, network name and multisig account agreed on.
      List<String> cardArgs = new ArrayList<>();
      for (String founder : FOUNDERS) {
        Files.createDirectories(dir.resolve(founder + "/keys"));
        String active = cli("", env, "keys", "derive", "--account", founder, "--role", "active", "--password-env", "HS_PW",
            "--show-private").json().get("private_key").asText();
        writeSecret(dir.resolve(founder + "/keys/active.wif"), active);
        cli("keys", "generate", "--chain-id", CHAIN.toHex(), "--prefix", PREFIX, "--account", founder,
            "--out", dir.resolve(founder + "/keys/multisig.wif").toString(), "--card", dir.resolve(founder + ".card.json").toString(),
            "--network", "founded", "--multisig-account", MULTISIG, "--active-wif-file", dir.resolve(founder + "/keys/active.wif").toString());
        cardArgs.add("--founder");
        cardArgs.add(dir.resolve(founder + ".card.json").toString());
      }

      // 2. One of them assembles the genesis from the three cards, each checked on the chain; every founder
      // verifies it against the cards, compares its SHA-256 with the others' and reads what verify did not check.
      List<String> assemble = new ArrayList<>(List.of("genesis", "assemble", "--network", "founded", "--chain-id", CHAIN.toHex(),
          "--prefix", PREFIX, "--multisig-account", MULTISIG, "--start-block", "" + START_BLOCK, "--founder-stake", "10000",
          "--token", "FOUND", "--tally", "10", "--report-offset", "5", "--treasury-hive", "" + TREASURY,
          "--daily-cap-hive", "1000000", "--daily-cap-hbd", "1000000", "--value-hbd", "1/1", "--value-token", "1/1",
          "--api", api, "--out", dir.resolve("genesis.json").toString()));
      assemble.addAll(cardArgs);
      cli(assemble.toArray(String[]::new));
      NetworkGenesis genesis = NetworkGenesisFile.parse(Files.readAllBytes(dir.resolve("genesis.json")));
      assertEquals(2, genesis.active().weightThreshold(), "⌊3/2⌋+1 of the founders' keys");
      List<String> verify = new ArrayList<>(List.of("genesis", "verify", "--genesis", dir.resolve("genesis.json").toString(), "--api", api));
      verify.addAll(cardArgs);
      CliRun verified = cli(verify.toArray(String[]::new));
      assertEquals(64, verified.json().get("sha256").asText().length());
      assertTrue(verified.err().startsWith("verify checked the founders and the authority only: read not_checked"), verified.err());
      JsonNode notChecked = verified.json().get("not_checked");
      assertEquals(START_BLOCK, notChecked.get("start_block").asLong(), "what the founders read and agree: " + notChecked);
      assertEquals(TREASURY, notChecked.get("treasury").get("hive").asLong());
      assertEquals(FOUNDERS.size(), notChecked.get("allocations").size());
      notChecked.get("allocations").forEach(a -> assertEquals(10_000, a.get("gov").asLong(), a.toString()));

      // 3. Each founder writes its node's files for the same genesis (init --devnet: a config for the devnet).
      for (String founder : FOUNDERS) {
        cli("init", "--devnet", "--dir", dir.resolve(founder).toString(), "--genesis", dir.resolve("genesis.json").toString());
        assertArrayEquals(Files.readAllBytes(dir.resolve("genesis.json")), Files.readAllBytes(dir.resolve(founder + "/genesis.json")));
      }

      // 4. The multisig account's owner hands it over, and a founder funds the treasury, before the start block.
      String handover = cli("genesis", "handover", "--genesis", dir.resolve("genesis.json").toString(), "--api", api).out();
      env.put("MS_OWNER", cli("", env, "keys", "derive", "--account", MULTISIG, "--role", "owner", "--password-env", "HS_PW",
          "--show-private").json().get("private_key").asText());
      String signed = cli(handover, env, "tx", "sign", "--chain-id", CHAIN.toHex(), "--wif-env", "MS_OWNER").out();
      cli(signed, Map.of(), "tx", "broadcast", "--api", api, "--chain-id", CHAIN.toHex());
      env.put("FOUNDER_A", Files.readString(dir.resolve(FOUNDERS.get(0) + "/keys/active.wif")).trim());
      String funding = "{\"ref_block_num\":0,\"ref_block_prefix\":0,\"expiration\":\"1970-01-01T00:00:00\",\"operations\":["
          + "[\"transfer\",{\"from\":\"" + FOUNDERS.get(0) + "\",\"to\":\"" + MULTISIG + "\",\"amount\":\"5.000 TESTS\","
          + "\"memo\":\"treasury\"}]],\"extensions\":[]}";
      String preparedFunding = cli(funding, env, "tx", "prepare", "--api", api, "--symbols", "testnet").out();
      cli(cli(preparedFunding, env, "tx", "sign", "--chain-id", CHAIN.toHex(), "--symbols", "testnet", "--wif-env", "FOUNDER_A").out(),
          Map.of(), "tx", "broadcast", "--api", api, "--chain-id", CHAIN.toHex(), "--symbols", "testnet");
      devnet.chain().produceBlock();
      Authority onChain = devnet.chain().account(AccountName.of(MULTISIG)).orElseThrow().authorities().owner();
      assertTrue(GenesisHandover.sameMembers(onChain, genesis.owner()), "the founders hold the owner authority: " + onChain);
      assertEquals(TREASURY, devnet.chain().account(AccountName.of(MULTISIG)).orElseThrow().balance(AssetSymbol.HIVE).amount(), "the treasury, funded");
      assertTrue(devnet.chain().headBlockNumber() < START_BLOCK);

      // 5. Each founder's node: its config (the active key is in keys/active.wif since step 1), hivesafe run.
      CountDownLatch stop = new CountDownLatch(1);
      List<NodeRun> nodes = new ArrayList<>();
      for (String founder : FOUNDERS) {
        Path config = dir.resolve(founder + "/hivesafe.json");
        String text = Files.readString(config);
        for (String[] edit : new String[][] {{"\"my-node\"", "\"" + founder + "\""}, {"http://127.0.0.1:8090", api},
            {"\"port\": 8091", "\"port\": 0"}, {"\"data\": \"data\",", "\"data\": \"data\", \"source\": {\"poll_ms\": 20},"}}) {
          assertTrue(text.contains(edit[0]), edit[0] + " in the config init wrote");
          text = text.replace(edit[0], edit[1]);
        }
        Files.writeString(config, text);
        nodes.add(startNode(config, stop));
      }

      // 6. The chain moves when every node has applied its irreversible blocks, and waits at a report
      // block for the three reports (as 3-second blocks would let them land). After the start, a founder
      // deposits and asks for the deposit back; the next tally's round pays it out of the multisig account.
      boolean withdrawn = false;
      Optional<Long> paid = Optional.empty();
      Map<String, JsonNode> authority = new ConcurrentHashMap<>();
      Map<String, JsonNode> custody = new ConcurrentHashMap<>();
      long deadline = System.nanoTime() + DEADLINE.toNanos();
      while (System.nanoTime() < deadline) {
        long lib = devnet.chain().lastIrreversibleBlockNumber();
        boolean caughtUp = true;
        for (NodeRun node : nodes) {
          assertTrue(node.thread().isAlive(), "a node stopped: " + node.err());
          Optional<JsonNode> status = node.statusUrl().flatMap(url -> get(url + "api/status"));
          long applied = status.map(s -> s.get("applied_block").asLong(0)).orElse(-1L);
          caughtUp &= status.isPresent() && (lib < START_BLOCK || applied >= lib);
        }
        if (!withdrawn && lib >= START_BLOCK) {
          String tx = "{\"ref_block_num\":0,\"ref_block_prefix\":0,\"expiration\":\"1970-01-01T00:00:00\",\"operations\":["
              + "[\"transfer\",{\"from\":\"" + FOUNDERS.get(0) + "\",\"to\":\"" + MULTISIG + "\",\"amount\":\"1.000 TESTS\",\"memo\":\"\"}],"
              + "[\"custom_json\",{\"required_auths\":[\"" + FOUNDERS.get(0) + "\"],\"required_posting_auths\":[],\"id\":\"" + PREFIX + "withdraw\","
              + "\"json\":\"{\\\"amount\\\":" + WITHDRAWAL + ",\\\"asset\\\":\\\"HIVE\\\"}\"}]],\"extensions\":[]}";
          String prepared = cli(tx, env, "tx", "prepare", "--api", api, "--symbols", "testnet").out();
          String signedWithdrawal = cli(prepared, env, "tx", "sign", "--chain-id", CHAIN.toHex(), "--symbols", "testnet",
              "--packing", "hf26", "--wif-env", "FOUNDER_A").out();
          cli(signedWithdrawal, Map.of(), "tx", "broadcast", "--api", api, "--chain-id", CHAIN.toHex(), "--symbols", "testnet");
          withdrawn = true;
        }
        if (paid.isEmpty()) {
          paid = payoutBlock(devnet, FOUNDERS.get(0));
        }
        if (paid.isPresent() && caughtUp && lib >= paid.get()) {
          for (int i = 0; i < nodes.size(); i++) {
            String url = nodes.get(i).statusUrl().orElseThrow();
            String founder = FOUNDERS.get(i);
            get(url + "api/authority").ifPresent(a -> authority.put(founder, a));
            get(url + "api/custody").ifPresent(c -> custody.put(founder, c));
          }
          long paidBlock = paid.get();
          boolean checked = FOUNDERS.stream().allMatch(f -> custody.containsKey(f) && custody.get(f).path("block").asLong() >= paidBlock
              && authority.containsKey(f) && authority.get(f).path("checked").asBoolean());
          if (checked) {
            break;
          }
        }
        boolean waitForReports = lib >= START_BLOCK && genesis.isReportBlock(lib) && !allReported(devnet, lib);
        if (caughtUp && (!waitForReports || devnet.chain().pendingCount() > 0)) {
          devnet.chain().produceBlock();
        }
        Thread.sleep(10);
      }
      stop.countDown();
      for (NodeRun node : nodes) {
        node.thread().join(Duration.ofSeconds(30).toMillis());
        assertEquals(0, node.exit()[0], "the node stopped cleanly: " + node.err());
      }
      assertTrue(paid.isPresent(), "the multisig account paid " + FOUNDERS.get(0) + "'s withdrawal on chain; head " + devnet.chain().headBlockNumber());
      for (String founder : FOUNDERS) {
        JsonNode a = authority.get(founder);
        assertTrue(a != null && a.get("matches").asBoolean() && a.get("owner_matches").asBoolean() && a.get("active_matches").asBoolean(),
            founder + ": the authority on chain is the genesis's: " + a);
        JsonNode c = custody.get(founder);
        assertTrue(c != null && c.get("matches").asBoolean(), founder + ": the chain holds what the books say: " + c);
        assertEquals(TREASURY, c.get("books").get("hive").asLong(), "the treasury, plus the deposit, minus its payout");
      }
    }

    // 7. Every node's books: consensus at the last tally, the payout paid, no alarm.
    for (String founder : FOUNDERS) {
      try (StateStore store = StateStore.open(StateConfig.of(dir.resolve(founder + "/data/state")))) {
        TallyRecord tally = store.read(SidechainState::lastTally).orElseThrow();
        assertTrue(tally.consensus(), founder + ": " + tally);
        assertEquals(0, store.read(SidechainState::alarmCount), founder + ": no alarm: the handover landed before the start block");
        List<FeedEntry> feed = store.read(r -> SidechainState.feed(r, START_BLOCK, 10_000));
        assertTrue(feed.stream().anyMatch(e -> e.reason().code() == ReasonCode.PAID), founder + ": the withdrawal was paid");
        assertTrue(store.read(SidechainState::payouts).isEmpty(), founder + ": nothing left in the queue");
      }
    }
    assertFalse(Files.readString(dir.resolve("genesis.json")).contains("private"), "the genesis holds no secret");
  }
}
