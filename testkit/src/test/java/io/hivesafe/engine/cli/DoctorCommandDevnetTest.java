package io.hivesafe.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hivesafe.devnet.Devnet;
import io.hivesafe.devnet.Genesis;
import io.hivesafe.devnet.GenesisAccount;
import io.hivesafe.engine.NodeEvents;
import io.hivesafe.engine.config.NodeConfigFile;
import io.hivesafe.engine.service.NodeController;
import io.hivesafe.hive.crypto.PrivateKey;
import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.protocol.Asset;
import io.hivesafe.hive.protocol.AssetSymbol;
import io.hivesafe.hive.protocol.Authority;
import io.hivesafe.hive.protocol.ChainId;
import io.hivesafe.ops.NetworkGenesis;
import io.hivesafe.ops.NetworkGenesisFile;
import io.hivesafe.testkit.traffic.TrafficNetwork;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hivesafe doctor --config FILE} through the CLI entry point against devnets, each fault made on
 * purpose: a node set up right is all OK (exit 0); every other case names the fault in a WARN or FAIL
 * line (exit 1 or 2), with no stack trace, no private key printed and the data directory unchanged.
 */
class DoctorCommandDevnetTest {
  /** Blocks every devnet here is stepped by, after its block 1; its genesis time is set so that its head's time is the test's "now". */
  private static final int BLOCKS = 20;
  /** The head of a devnet stepped by {@link #BLOCKS}: block 1 is there from the start. */
  private static final int HEAD = BLOCKS + 1;
  private static final AccountName NODE0 = AccountName.of("node0");

  @TempDir Path dir;

  /** What a run printed and its exit code. */
  private record CliRun(int exit, String out, String err) {}

  private static CliRun doctor(Map<String, String> env, Path config, String... more) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Console console = new Console(new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), env);
    List<String> args = new ArrayList<>(List.of("doctor", "--config", config.toString()));
    args.addAll(List.of(more));
    int exit = HivesafeCommand.run(console, args.toArray(String[]::new));
    return new CliRun(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /**
   * The traffic network (two genesis nodes) starting at block {@code start}, on a devnet of {@code chain}
   * whose accounts are edited by {@code edit} (null drops one) and whose block {@link #BLOCKS} is stamped
   * {@code headTime}.
   */
  private static TrafficNetwork network(long start, ChainId chain, Instant headTime, UnaryOperator<GenesisAccount> edit) {
    TrafficNetwork base = TrafficNetwork.create(4, 2);
    List<GenesisAccount> accounts = base.devnetGenesis().accounts().stream().map(edit).filter(a -> a != null).toList();
    Genesis devnet = new Genesis(chain, headTime.truncatedTo(ChronoUnit.SECONDS).minusSeconds(3L * HEAD), accounts);
    ObjectNode json = NetworkGenesisFile.toJson(base.network());
    json.put("start_block", start);
    NetworkGenesis network = NetworkGenesisFile.read(json);
    return new TrafficNetwork(devnet, network, base.users(), base.nodes());
  }

  private static TrafficNetwork network(long start, UnaryOperator<GenesisAccount> edit) {
    return network(start, ChainId.TESTNET, Instant.now(), edit);
  }

  private static Devnet devnet(TrafficNetwork net, int blocks) throws IOException {
    Devnet devnet = Devnet.start(net.devnetConfig(), Duration.ZERO, 0);
    devnet.step(blocks);
    return devnet;
  }

  private static void writeKey(Path file, PrivateKey key, String mode) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, key.toWif() + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
  }

  /** Genesis, node0's keys (its multisig key {@code multisig}) and a config naming {@code endpoints}; returns the config. */
  private Path configure(TrafficNetwork net, List<URI> endpoints, String activeMode, PrivateKey multisig) throws IOException {
    Files.write(dir.resolve("genesis.json"), NetworkGenesisFile.write(net.network()));
    writeKey(dir.resolve("keys/active.wif"), net.nodes().get(0).user().activeKey(), activeMode);
    writeKey(dir.resolve("keys/multisig.wif"), multisig, "rw-------");
    StringBuilder urls = new StringBuilder();
    for (URI u : endpoints) {
      urls.append(urls.length() == 0 ? "" : ", ").append('"').append(u).append('"');
    }
    Path config = dir.resolve("hivesafe.json");
    Files.writeString(config, "{\"genesis\": \"genesis.json\", \"api\": {\"endpoints\": [" + urls + "], \"timeout_ms\": 2000},"
        + " \"source\": {\"poll_ms\": 20}, \"account\": \"node0\","
        + " \"keys\": {\"active\": {\"file\": \"keys/active.wif\"}, \"multisig\": {\"file\": \"keys/multisig.wif\"}},"
        + " \"data\": \"data\", \"http\": {\"port\": 0}}");
    return config;
  }

  private Path configure(TrafficNetwork net, List<URI> endpoints) throws IOException {
    return configure(net, endpoints, "rw-------", net.nodes().get(0).multisigKey());
  }

  private static List<String> lines(CliRun r) {
    return r.out().lines().toList();
  }

  private static boolean has(CliRun r, String prefix) {
    return lines(r).stream().anyMatch(l -> l.startsWith(prefix));
  }

  /** No stack trace, no private key of the test network's node0 or node1 anywhere in the output. */
  private static void clean(CliRun r, TrafficNetwork net) {
    assertEquals("", r.err(), "doctor reports on stdout, never a stack trace");
    for (int i = 0; i < 2; i++) {
      assertFalse(r.out().contains(net.nodes().get(i).user().activeKey().toWif()), "no private key is printed");
      assertFalse(r.out().contains(net.nodes().get(i).multisigKey().toWif()), "no private key is printed");
    }
  }

  private static String unusedUrl() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return "http://127.0.0.1:" + s.getLocalPort();
    }
  }

  private static Authority single(PrivateKey key) {
    return new Authority(1, List.of(), List.of(new Authority.KeyWeight(key.publicKey(), 1)));
  }

  @Test
  void aFoundingNodeSetUpRightIsAllOkAndNothingIsWritten() throws Exception {
    TrafficNetwork net = network(1_000, a -> a);
    try (Devnet devnet = devnet(net, BLOCKS); RcProxy api = new RcProxy(devnet)) {
      Path config = configure(net, List.of(api.url()));
      CliRun r = doctor(Map.of(), config);
      assertEquals(0, r.exit(), r.out());
      clean(r, net);
      List<String> lines = lines(r);
      for (String line : lines.subList(0, lines.size() - 1)) {
        assertTrue(line.startsWith("OK    "), line);
      }
      assertTrue(lines.get(lines.size() - 1).matches("doctor: (\\d+) findings: \\1 OK, 0 WARN, 0 FAIL: ready for hivesafe run"),
          lines.toString());
      assertTrue(has(r, "OK    config: " + config + " and the genesis " + dir.resolve("genesis.json") + " pass run's checks: "
          + "network traffic on chain " + ChainId.TESTNET.toHex() + ", node node0"), r.out());
      assertTrue(has(r, "OK    api: " + api.url() + " answers on chain " + ChainId.TESTNET.toHex() + ": head block " + HEAD + " at "), r.out());
      assertTrue(has(r, "OK    key files: keys.active.file " + dir.resolve("keys/active.wif") + " is readable by its owner only (rw-------)"));
      assertTrue(has(r, "OK    account: node0 exists"), r.out());
      assertTrue(has(r, "OK    active key: keys.active's public key " + net.nodes().get(0).user().activeKey().publicKey()
          + " signs for node0 alone (weight 1 of threshold 1)"), r.out());
      assertTrue(has(r, "OK    registered key: node0's registered multisig key in the genesis's nodes is keys.multisig's"), r.out());
      assertTrue(has(r, "OK    rc: node account node0 has 10000000000000 RC mana of 10000000000000 (100%)"), r.out());
      assertTrue(has(r, "OK    multisig authority: hivesafe-ms holds the authority the genesis implies: owner and active "
          + "{threshold 2; keys "), r.out());
      assertTrue(has(r, "OK    treasury: hivesafe-ms holds 100000.000 HIVE and 100000.000 HBD; the genesis treasury is "
          + "100000.000 HIVE and 100000.000 HBD"), r.out());
      assertTrue(has(r, "OK    data: no state in " + dir.resolve("data/state") + ": empty, the node will start from genesis"));
      assertTrue(has(r, "OK    clock: "), r.out());
      assertFalse(Files.exists(dir.resolve("data")), "doctor creates nothing");

      CliRun json = doctor(Map.of(), config, "--json");
      assertEquals(0, json.exit());
      JsonNode o = JsonStdio.parse(json.out());
      assertEquals("OK", o.get("worst").asText());
      assertEquals(0, o.get("exit").asInt());
      assertEquals(lines.size() - 1, o.get("findings").size());
      assertEquals("api", o.get("findings").get(3).get("check").asText(), o.toString());
    }
  }

  @Test
  void endpointsThatAreDeadOrOnAnotherChainAreFailLinesAndTheRestIsCheckedOnTheGoodOne() throws Exception {
    TrafficNetwork net = network(1_000, a -> a);
    TrafficNetwork mainnet = network(1_000, ChainId.MAINNET, Instant.now(), a -> a);
    String dead = unusedUrl();
    try (Devnet devnet = devnet(net, BLOCKS); Devnet other = devnet(mainnet, BLOCKS); RcProxy api = new RcProxy(devnet)) {
      Path config = configure(net, List.of(api.url(), other.url(0), URI.create(dead)));
      CliRun r = doctor(Map.of(), config);
      assertEquals(2, r.exit(), r.out());
      clean(r, net);
      assertTrue(has(r, "FAIL  api: " + other.url(0) + " serves chain id " + ChainId.MAINNET.toHex() + ", but the genesis names chain id "
          + ChainId.TESTNET.toHex() + ": it is another chain's API; remove it from api.endpoints"), r.out());
      assertTrue(has(r, "FAIL  api: " + dead + " does not answer ("), r.out());
      assertTrue(has(r, "OK    api: " + api.url() + " answers"), r.out());
      assertTrue(has(r, "OK    multisig authority: "), "the chain checks ran on the good endpoint: " + r.out());

      Path deadOnly = configure(net, List.of(URI.create(dead)));
      CliRun none = doctor(Map.of(), deadOnly);
      assertEquals(2, none.exit(), none.out());
      clean(none, net);
      assertTrue(has(none, "FAIL  lag: not checked: no endpoint answers on the genesis's chain"), none.out());
      assertTrue(has(none, "FAIL  chain: not checked (account, RC, multisig authority, treasury): no endpoint answers"), none.out());
      assertTrue(none.out().endsWith("FAIL: fix the FAIL lines before hivesafe run\n"), none.out());
    }
  }

  @Test
  void anEndpointFarBehindTheOthersAndAClockOffTheHeadAreFound() throws Exception {
    TrafficNetwork net = network(1_000, a -> a);
    try (Devnet devnet = devnet(net, BLOCKS); Devnet ahead = devnet(net, BLOCKS + 250); Devnet near = devnet(net, BLOCKS + 30);
        RcProxy api = new RcProxy(devnet)) {
      CliRun far = doctor(Map.of(), configure(net, List.of(api.url(), ahead.url(0))));
      assertEquals(2, far.exit());
      assertTrue(has(far, "FAIL  lag: " + api.url() + " is 250 blocks behind the best irreversible block " + (HEAD + 250 - 2)
          + " (more than 200)"), far.out());
      assertTrue(has(far, "FAIL  clock: this machine's clock reads "), "the newest head is 750 s ahead of now: " + far.out());
      CliRun behind = doctor(Map.of(), configure(net, List.of(api.url(), near.url(0))));
      assertTrue(has(behind, "WARN  lag: " + api.url() + " is 30 blocks behind the best irreversible block " + (HEAD + 30 - 2)
          + " (more than 20)"), behind.out());
    }
    TrafficNetwork late = network(1_000, ChainId.TESTNET, Instant.now().minusSeconds(30), a -> a);
    try (Devnet devnet = devnet(late, BLOCKS); RcProxy api = new RcProxy(devnet)) {
      CliRun r = doctor(Map.of(), configure(late, List.of(api.url())));
      assertEquals(1, r.exit(), r.out());
      assertTrue(has(r, "WARN  clock: "), r.out());
      assertTrue(r.out().contains(": ahead by 3"), "about 30 s ahead of the head: " + r.out());
    }
    TrafficNetwork stale = network(1_000, ChainId.TESTNET, Instant.now().minusSeconds(3600), a -> a);
    try (Devnet devnet = devnet(stale, BLOCKS); RcProxy api = new RcProxy(devnet)) {
      CliRun r = doctor(Map.of(), configure(stale, List.of(api.url())));
      assertEquals(2, r.exit(), r.out());
      assertTrue(has(r, "FAIL  clock: "), r.out());
    }
  }

  @Test
  void theNodeAccountItsActiveKeyAndItsRegisteredKeyAreCheckedAgainstTheChainAndTheGenesis() throws Exception {
    TrafficNetwork missing = network(1_000, a -> a.name().equals(NODE0) ? null : a);
    try (Devnet devnet = devnet(missing, BLOCKS); RcProxy api = new RcProxy(devnet)) {
      CliRun r = doctor(Map.of(), configure(missing, List.of(api.url())));
      assertEquals(2, r.exit());
      assertTrue(has(r, "FAIL  account: node0 does not exist on this chain — create the account"), r.out());
    }
    PrivateKey other = TrafficNetwork.key("node0", "spare");
    TrafficNetwork shared = network(1_000, a -> !a.name().equals(NODE0) ? a : new GenesisAccount(a.name(), a.owner(),
        new Authority(2, List.of(), List.of(new Authority.KeyWeight(a.active().keyAuths().get(0).key(), 1),
            new Authority.KeyWeight(other.publicKey(), 1))), a.posting(), a.memoKey(), a.hive(), a.hbd()));
    try (Devnet devnet = devnet(shared, BLOCKS); RcProxy api = new RcProxy(devnet)) {
      CliRun r = doctor(Map.of(), configure(shared, List.of(api.url())));
      assertEquals(2, r.exit());
      assertTrue(has(r, "FAIL  active key: keys.active's public key " + shared.nodes().get(0).user().activeKey().publicKey()
          + " has weight 1 in node0's active authority {threshold 2; "), r.out());
      assertTrue(r.out().contains("alone it cannot sign"), r.out());
    }
    TrafficNetwork replaced = network(1_000, a -> !a.name().equals(NODE0) ? a
        : new GenesisAccount(a.name(), a.owner(), single(other), a.posting(), a.memoKey(), a.hive(), a.hbd()));
    try (Devnet devnet = devnet(replaced, BLOCKS); RcProxy api = new RcProxy(devnet)) {
      Path config = configure(replaced, List.of(api.url()), "rw-------", replaced.nodes().get(1).multisigKey());
      CliRun r = doctor(Map.of(), config);
      assertEquals(2, r.exit());
      clean(r, replaced);
      assertTrue(has(r, "FAIL  active key: keys.active's public key " + replaced.nodes().get(0).user().activeKey().publicKey()
          + " is not in node0's active authority {threshold 1; keys " + other.publicKey() + " 1; accounts none}"), r.out());
      assertTrue(has(r, "FAIL  registered key: node0's registered multisig key in the genesis's nodes is "
          + replaced.nodes().get(0).multisigKey().publicKey() + ", keys.multisig's public key is "
          + replaced.nodes().get(1).multisigKey().publicKey()), r.out());
    }
  }

  @Test
  void keyFilesOthersCanReadAreFailAndKeysFromTheEnvironmentAreOk() throws Exception {
    TrafficNetwork net = network(1_000, a -> a);
    try (Devnet devnet = devnet(net, BLOCKS); RcProxy api = new RcProxy(devnet)) {
      Path config = configure(net, List.of(api.url()), "rw-r--r--", net.nodes().get(0).multisigKey());
      CliRun r = doctor(Map.of(), config);
      assertEquals(2, r.exit());
      clean(r, net);
      String exposed = "keys.active.file " + dir.resolve("keys/active.wif") + " is readable by others (rw-r--r--): make it 0600";
      assertTrue(has(r, "FAIL  config: config " + config + ": " + exposed), r.out());
      assertTrue(has(r, "FAIL  key files: " + exposed), r.out());
      assertTrue(has(r, "FAIL  account: not checked: the keys did not load"), r.out());
      assertTrue(has(r, "OK    api: "), "the genesis loaded, so the rest is checked: " + r.out());

      Files.writeString(config, Files.readString(config).replace("{\"file\": \"keys/active.wif\"}", "{\"env\": \"NODE0_ACTIVE\"}"));
      CliRun env = doctor(Map.of("NODE0_ACTIVE", net.nodes().get(0).user().activeKey().toWif()), config);
      assertEquals(0, env.exit(), env.out());
      clean(env, net);
      assertTrue(has(env, "OK    key files: keys.active comes from the environment variable NODE0_ACTIVE (no file to check"), env.out());
    }
  }

  @Test
  void theDevnetsWellKnownKeysAreRefusedOffTheDevnetsChain() throws Exception {
    TrafficNetwork net = network(1_000, a -> a);
    ObjectNode json = NetworkGenesisFile.toJson(net.network());
    json.put("chain_id", ChainId.MAINNET.toHex());
    TrafficNetwork mainnet = new TrafficNetwork(net.devnetGenesis(), NetworkGenesisFile.read(json), net.users(), net.nodes());
    Path config = configure(mainnet, List.of(URI.create(unusedUrl())));
    CliRun r = doctor(Map.of(), config);
    assertEquals(2, r.exit());
    clean(r, mainnet);
    assertTrue(has(r, "FAIL  config: config " + config + ": keys.active is one of the devnet's well-known keys"), r.out());

    CliRun missing = doctor(Map.of(), dir.resolve("none.json"));
    assertEquals(2, missing.exit());
    assertEquals("FAIL  config: cannot read the config file " + dir.resolve("none.json") + ": NoSuchFileException — fix it: "
        + "the other checks need the config\ndoctor: 1 findings: 0 OK, 0 WARN, 1 FAIL: fix the FAIL lines before hivesafe run\n",
        missing.out());
  }

  @Test
  void resourceCreditsTooLowForOneTransactionAreFailAndLowAreWarn() throws Exception {
    TrafficNetwork net = network(1_000, a -> a);
    try (Devnet devnet = devnet(net, BLOCKS); RcProxy api = new RcProxy(devnet)) {
      api.setMana("node0", 1_000_000);
      api.setMana("hivesafe-ms", RcProxy.MAX_RC / 20);
      CliRun r = doctor(Map.of(), configure(net, List.of(api.url())));
      assertEquals(2, r.exit());
      assertTrue(has(r, "FAIL  rc: node account node0 has 1000000 RC mana of 10000000000000 (0%): less than 1000000000, one "
          + "node transaction's estimated cost, so the API would refuse its next one, enough for one transaction in 1 min"), r.out());
      assertTrue(has(r, "WARN  rc: multisig account hivesafe-ms has 500000000000 RC mana of 10000000000000 (5%): low by the "
          + "node's rule"), r.out());
      api.withoutRcApi();
      CliRun none = doctor(Map.of(), configure(net, List.of(api.url())));
      assertEquals(1, none.exit(), none.out());
      assertTrue(has(none, "WARN  rc: not checked: the API does not serve rc_api.find_rc_accounts ("), none.out());
    }
  }

  @Test
  void aMultisigAccountNotHandedToTheFoundersOrWithoutTheTreasuryFails() throws Exception {
    TrafficNetwork net = network(1_000, a -> !a.name().equals(TrafficNetwork.MULTISIG) ? a
        : new GenesisAccount(a.name(), a.owner(), new Authority(1, List.of(), a.active().keyAuths()), a.posting(), a.memoKey(),
            Asset.of(TrafficNetwork.TREASURY + 1, AssetSymbol.HIVE), a.hbd()));
    try (Devnet devnet = devnet(net, BLOCKS); RcProxy api = new RcProxy(devnet)) {
      CliRun r = doctor(Map.of(), configure(net, List.of(api.url())));
      assertEquals(2, r.exit());
      assertTrue(has(r, "FAIL  multisig authority: hivesafe-ms's authority on chain is not the one the genesis implies: the chain "
          + "has owner {threshold 2; "), r.out());
      assertTrue(r.out().contains("active {threshold 1; keys "), r.out());
      assertTrue(has(r, "FAIL  treasury: hivesafe-ms holds 100000.001 HIVE and 100000.000 HBD; the genesis treasury is "
          + "100000.000 HIVE and 100000.000 HBD — before the start block 1000, make the balances equal the treasury"), r.out());
    }
    TrafficNetwork started = network(1, a -> !a.name().equals(TrafficNetwork.MULTISIG) ? a
        : new GenesisAccount(a.name(), a.owner(), new Authority(1, List.of(), a.active().keyAuths()), a.posting(), a.memoKey(),
            a.hive(), a.hbd()));
    try (Devnet devnet = devnet(started, BLOCKS); RcProxy api = new RcProxy(devnet)) {
      CliRun r = doctor(Map.of(), configure(started, List.of(api.url())));
      assertEquals(1, r.exit(), r.out());
      assertTrue(has(r, "WARN  multisig authority: hivesafe-ms's authority on chain is not the one the genesis implies: "), r.out());
      assertTrue(r.out().contains("(the network started at block 1, " + (HEAD - 1) + " blocks ago: key rotations since then are "
          + "expected) — the node compares"), r.out());
      assertTrue(has(r, "OK    treasury: not compared: the network started at block 1"), r.out());
    }
  }

  /** Every file under {@code root} with its SHA-256. */
  private static Map<String, String> fingerprint(Path root) throws Exception {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        out.put(root.relativize(f).toString(), HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f))));
      }
    }
    return out;
  }

  @Test
  void theDataDirectoryIsVerifiedOnACopyItsRecordIsComparedAndItsBytesNeverChange() throws Exception {
    TrafficNetwork net = network(1, a -> a);
    TrafficNetwork rotated = network(1, a -> !a.name().equals(TrafficNetwork.MULTISIG) ? a
        : new GenesisAccount(a.name(), a.owner(), new Authority(1, List.of(), a.active().keyAuths()), a.posting(), a.memoKey(),
            a.hive(), a.hbd()));
    try (Devnet devnet = devnet(net, 40); RcProxy api = new RcProxy(devnet)) {
      Path config = configure(net, List.of(api.url()));
      NodeController node = NodeController.create(NodeConfigFile.parse(Files.readAllBytes(config), dir), Map.of(),
          new NodeEvents(), "test").start();
      try {
        assertTrue(node.node().awaitBlock(30, Duration.ofSeconds(60)), "the node applied block 30");
        CliRun running = doctor(Map.of(), config);
        assertTrue(has(running, "WARN  data: the state store " + dir.resolve("data/state") + " is in use by a running node"),
            running.out());
      } finally {
        node.close();
      }
      Path data = dir.resolve("data");
      Map<String, String> before = fingerprint(data);
      CliRun r = doctor(Map.of(), config);
      clean(r, net);
      assertEquals(before, fingerprint(data), "doctor changed nothing in the data directory");
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("OK    data: the store in " + java.util.regex.Pattern.quote(
          dir.resolve("data/state").toString()) + " opens and verifies: block (\\d+), digest [0-9a-f]{64}, \\d+ entries").matcher(r.out());
      assertTrue(m.find(), r.out());
      long block = Long.parseLong(m.group(1));
      assertTrue(has(r, "OK    registered key: node0's registered multisig key in the state at block " + block + " is keys.multisig's"),
          r.out());
      assertTrue(has(r, "OK    multisig authority: hivesafe-ms's owner and active authorities and recovery account on chain at "
          + "head 41 are the state's record after block " + block), r.out());
      assertTrue(has(r, "OK    treasury: not compared: the network started at block 1"), r.out());

      // Another network's genesis (one user more: another token supply) over this data directory.
      Files.write(dir.resolve("other-genesis.json"), NetworkGenesisFile.write(TrafficNetwork.create(5, 2).network()));
      Path otherNetwork = dir.resolve("other.json");
      Files.writeString(otherNetwork, Files.readString(config).replace("\"genesis.json\"", "\"other-genesis.json\""));
      CliRun foreign = doctor(Map.of(), otherNetwork);
      assertEquals(2, foreign.exit(), foreign.out());
      assertTrue(has(foreign, "FAIL  data: the store in " + dir.resolve("data/state") + " is not of network traffic: its token "
          + "supply is "), foreign.out());
      assertEquals(before, fingerprint(data));

      try (Devnet other = Devnet.start(rotated.devnetConfig(), Duration.ofMillis(20), 0)) {
        other.step(45);
        Path elsewhere = configure(net, List.of(other.url(0)));
        CliRun changed = doctor(Map.of(), elsewhere);
        assertEquals(2, changed.exit(), changed.out());
        assertTrue(has(changed, "FAIL  multisig authority: hivesafe-ms's active on chain differ(s) from the state's record after "
            + "block " + block + ": the chain has owner {threshold 2; "), changed.out());
        assertEquals(before, fingerprint(data));
      }

      Path store = data.resolve("state/state.db");
      try (java.nio.channels.FileChannel c = java.nio.channels.FileChannel.open(store, java.nio.file.StandardOpenOption.WRITE)) {
        c.truncate(c.size() / 2);
      }
      Map<String, String> damaged = fingerprint(data);
      CliRun broken = doctor(Map.of(), config);
      assertEquals(2, broken.exit(), broken.out());
      clean(broken, net);
      assertTrue(has(broken, "FAIL  data: the store does not open: "), broken.out());
      assertTrue(broken.out().contains("— the node cannot start on it: move " + dir.resolve("data/state") + " away"), broken.out());
      assertEquals(damaged, fingerprint(data), "doctor did not repair or touch the damaged store either");
    }
  }
}
