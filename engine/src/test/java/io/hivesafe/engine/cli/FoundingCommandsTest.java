package io.hivesafe.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hivesafe.devnet.Devnet;
import io.hivesafe.devnet.DevnetConfig;
import io.hivesafe.devnet.DevnetKeys;
import io.hivesafe.devnet.Genesis;
import io.hivesafe.devnet.GenesisAccount;
import io.hivesafe.devnet.GenesisFile;
import io.hivesafe.hive.crypto.CompactSignature;
import io.hivesafe.hive.crypto.KeyRole;
import io.hivesafe.hive.crypto.PrivateKey;
import io.hivesafe.hive.crypto.Secp256k1Signatures;
import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.protocol.ChainId;
import io.hivesafe.ops.BlockApplier;
import io.hivesafe.ops.NetworkGenesis;
import io.hivesafe.ops.NetworkGenesisFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The founders' commands without a running network: {@code keys generate} without a genesis (a card
 * whose proof the core accepts), {@code genesis assemble} (every card checked; each bad card, and a
 * treasury over the safety limit, one line and nothing written), {@code genesis handover} (the genesis's
 * authority, and what the API says), {@code init --devnet} (a devnet genesis on the same chain id with
 * every account funded), {@code tx prepare} and {@code tx broadcast} against the devnet.
 * FoundingNetworkTest (test kit) runs the whole founding on the devnet.
 */
class FoundingCommandsTest {
  private static final String TESTNET = ChainId.TESTNET.toHex();
  @TempDir Path dir;

  private Path card(String account, String prefix, String chainId) {
    Path card = dir.resolve(account + "-" + prefix + chainId.substring(0, 4) + ".card.json");
    CliRun r = CliRun.of("keys", "generate", "--chain-id", chainId, "--prefix", prefix, "--account", account,
        "--out", dir.resolve(card.getFileName() + ".wif").toString(), "--card", card.toString());
    assertEquals(0, r.exit(), r.err());
    return card;
  }

  private static List<String> assemble(Path out, long treasury, Path... cards) {
    List<String> args = new ArrayList<>(List.of("genesis", "assemble", "--network", "founded", "--chain-id", TESTNET, "--prefix", "f_",
        "--multisig-account", "founded-ms", "--start-block", "50", "--founder-stake", "10000", "--token", "FOUND",
        "--treasury-hive", "" + treasury, "--daily-cap-hive", "1000000", "--daily-cap-hbd", "1000000", "--value-hbd", "1/1",
        "--value-token", "1/1", "--out", out.toString()));
    for (Path card : cards) {
      args.add("--founder");
      args.add(card.toString());
    }
    return args;
  }

  private CliRun assembleRun(long treasury, Path... cards) {
    return CliRun.of(assemble(dir.resolve("genesis.json"), treasury, cards).toArray(String[]::new));
  }

  private void assertRefused(CliRun r, String message) {
    assertEquals(HivesafeCommand.EXIT_FAILURE, r.exit(), r.out());
    assertEquals("error: " + message + "\n", r.err());
    assertEquals("", r.out());
    assertFalse(Files.exists(dir.resolve("genesis.json")), "nothing written");
  }

  @Test
  void aFoundersKeyNeedsNoGenesisAndItsCardsProofIsTheOneTheCoreChecks() throws Exception {
    Path card = card("founder-a", "f_", TESTNET);
    JsonNode json = JsonStdio.parse(Files.readString(card));
    PrivateKey key = PrivateKey.fromWif(Files.readString(dir.resolve(card.getFileName() + ".wif")).trim());
    assertEquals(key.publicKey().toString(), json.get("public_key").asText());
    assertEquals("f_", json.get("prefix").asText());
    assertFalse(Files.readString(card).contains(key.toWif()), "a card holds nothing secret");
    CompactSignature proof = CompactSignature.fromHex(json.get("proof").asText());
    assertEquals(0, assembleRun(0, card).exit());
    NetworkGenesis genesis = NetworkGenesisFile.parse(Files.readAllBytes(dir.resolve("genesis.json")));
    assertTrue(new Secp256k1Signatures().verify(proof, BlockApplier.nodeAddProofDigest(genesis, "founder-a"), key.publicKey()),
        "the proof made before the genesis is the node_add proof of the genesis made after it");
    assertFalse(new Secp256k1Signatures().verify(proof, BlockApplier.nodeAddProofDigest(genesis, "founder-b"), key.publicKey()));

    CliRun both = CliRun.of("keys", "generate", "--genesis", card.toString(), "--chain-id", TESTNET, "--prefix", "f_", "--account", "a",
        "--out", dir.resolve("x.wif").toString());
    assertEquals("error: give either --genesis (to join a network) or --chain-id and --prefix (to found one), not both\n", both.err());
    CliRun neither = CliRun.of("keys", "generate", "--chain-id", TESTNET, "--account", "a", "--out", dir.resolve("x.wif").toString());
    assertEquals("error: give --genesis FILE (to join a network) or --chain-id HEX and --prefix P (to found one)\n", neither.err());
    CliRun badPrefix = CliRun.of("keys", "generate", "--chain-id", TESTNET, "--prefix", "F!", "--account", "a", "--out",
        dir.resolve("x.wif").toString());
    assertEquals("error: --prefix: prefix must be 1-16 of [a-z0-9_.-], got 'F!'\n", badPrefix.err());
    CliRun cardExists = CliRun.of("keys", "generate", "--chain-id", TESTNET, "--prefix", "f_", "--account", "a", "--out",
        dir.resolve("x.wif").toString(), "--card", card.toString());
    assertEquals("error: --card " + card + " exists: a card is never overwritten\n", cardExists.err());
    assertFalse(Files.exists(dir.resolve("x.wif")), "no key made for a card that cannot be written");
  }

  @Test
  void assembleWritesTheGenesisWithTheFoundersAsNodesAndTheirKeysAsTheAuthority() throws Exception {
    Path a = card("founder-a", "f_", TESTNET);
    Path b = card("founder-b", "f_", TESTNET);
    Path c = card("founder-c", "f_", TESTNET);
    CliRun r = assembleRun(5_000, a, b, c);
    assertEquals(0, r.exit(), r.err());
    NetworkGenesis g = NetworkGenesisFile.parse(Files.readAllBytes(dir.resolve("genesis.json")));
    assertEquals(List.of("founder-a", "founder-b", "founder-c"), g.nodes().stream().map(n -> n.account().value()).toList());
    assertEquals(2, g.owner().weightThreshold());
    assertEquals(g.owner(), g.active());
    assertEquals(3, g.active().keyAuths().size());
    for (NetworkGenesis.GenesisNode n : g.nodes()) {
      assertTrue(g.active().keyAuths().stream().anyMatch(k -> k.key().equals(n.key()) && k.weight() == 1), n.toString());
      assertEquals(10_000, g.allocations().stream().filter(x -> x.account().equals(n.account())).findFirst().orElseThrow().gov());
    }
    assertEquals(5_000, g.treasuryHive());
    assertEquals(50, g.startBlock());
    assertEquals(2, r.json().get("authority").get("threshold").asInt());
    CliRun again = assembleRun(5_000, a, b, c);
    assertEquals("error: --out " + dir.resolve("genesis.json") + " exists: a genesis is never overwritten\n", again.err());
  }

  @Test
  void aBadCardIsOneLineAndNothingIsWritten() throws Exception {
    Path a = card("founder-a", "f_", TESTNET);
    Path b = card("founder-b", "f_", TESTNET);
    Path otherChain = card("founder-c", "f_", ChainId.MAINNET.toHex());
    Path otherPrefix = card("founder-c", "g_", TESTNET);
    assertRefused(assembleRun(0, a, b, otherChain), "founder card " + otherChain + " was made for chain id " + ChainId.MAINNET.toHex()
        + ", not --chain-id " + TESTNET + ": its proof does not hold on this chain");
    assertRefused(assembleRun(0, a, b, otherPrefix), "founder card " + otherPrefix
        + " was made for prefix 'g_', not --prefix 'f_': its proof does not hold for this network");
    assertRefused(assembleRun(0, a, b, a), "founder cards " + a + " and " + a + " both name account founder-a");

    ObjectNode stolen = (ObjectNode) JsonStdio.parse(Files.readString(a));
    stolen.put("account", "founder-c");
    Path forged = dir.resolve("forged.card.json");
    Files.writeString(forged, JsonStdio.MAPPER.writeValueAsString(stolen));
    assertRefused(assembleRun(0, a, b, forged), "founder card " + forged + ": the proof is not " + stolen.get("public_key").asText()
        + "'s canonical signature over founder-c's node_add message: make the card again with hivesafe keys generate");

    ObjectNode sameKey = (ObjectNode) JsonStdio.parse(Files.readString(a));
    PrivateKey aKey = PrivateKey.fromWif(Files.readString(dir.resolve(a.getFileName() + ".wif")).trim());
    sameKey.put("account", "founder-d");
    sameKey.put("proof", new Secp256k1Signatures().sign(aKey, BlockApplier.nodeAddProofDigest(ChainId.TESTNET, "f_", "founder-d")).toHex());
    Path twice = dir.resolve("twice.card.json");
    Files.writeString(twice, JsonStdio.MAPPER.writeValueAsString(sameKey));
    assertRefused(assembleRun(0, a, b, twice), "founder cards " + a + " and " + twice + " hold the same key " + aKey.publicKey());

    Path c = card("founder-c", "f_", TESTNET);
    assertRefused(assembleRun(20_001, a, b, c), "the treasury is worth 20001 milli-HIVE, over the safety limit of 20000 (the stake of the"
        + " weakest 2 founders, 20000 units at --value-token 1/1): raise --founder-stake or lower the treasury");
    List<String> lowStake = assemble(dir.resolve("genesis.json"), 0, a, b, c);
    lowStake.set(lowStake.indexOf("--founder-stake") + 1, "999");
    assertRefused(CliRun.of(lowStake.toArray(String[]::new)),
        "--founder-stake 999 is below params.min_stake 1000: the founders would not be eligible at the first tally");
    List<String> msFounder = assemble(dir.resolve("genesis.json"), 0, a, b, c);
    msFounder.set(msFounder.indexOf("--multisig-account") + 1, "founder-a");
    assertRefused(CliRun.of(msFounder.toArray(String[]::new)),
        "founder card " + a + " names the multisig account founder-a: a node runs from its own account");
    Files.writeString(dir.resolve("broken.card.json"), "{\"account\": \"founder-e\"}");
    assertRefused(assembleRun(0, a, b, dir.resolve("broken.card.json")),
        "founder card " + dir.resolve("broken.card.json") + ": public_key is required");
    assertEquals(0, assembleRun(20_000, a, b, c).exit(), "custody exactly at the limit is allowed");
  }

  @Test
  void initDevnetWritesADevnetGenesisOnTheNetworksChainWithEveryAccountFunded() throws Exception {
    Path a = card("founder-a", "f_", TESTNET);
    Path b = card("founder-b", "f_", TESTNET);
    Path c = card("founder-c", "f_", TESTNET);
    assertEquals(0, assembleRun(5_000, a, b, c).exit());
    Path rehearsal = dir.resolve("rehearsal");
    CliRun r = CliRun.of("init", "--devnet", "--dir", rehearsal.toString(), "--genesis", dir.resolve("genesis.json").toString());
    assertEquals(0, r.exit(), r.err());
    NetworkGenesis network = NetworkGenesisFile.parse(Files.readAllBytes(rehearsal.resolve("genesis.json")));
    assertEquals(NetworkGenesisFile.parse(Files.readAllBytes(dir.resolve("genesis.json"))), network);
    Genesis devnet = GenesisFile.read(rehearsal.resolve("devnet-genesis.json"));
    assertEquals(network.chainId(), devnet.chainId());
    GenesisAccount ms = account(devnet, "founded-ms");
    assertEquals(5_000, ms.hive().amount(), "the multisig account holds exactly the treasury");
    assertEquals(0, ms.hbd().amount());
    assertEquals(DevnetKeys.passwordKey("founded-ms", KeyRole.OWNER).publicKey(), ms.owner().keyAuths().get(0).key(),
        "the multisig account starts with its own keys: the handover is part of the rehearsal");
    for (String founder : List.of("founder-a", "founder-b", "founder-c")) {
      GenesisAccount f = account(devnet, founder);
      assertEquals(1_000_000, f.hive().amount());
      assertEquals(DevnetKeys.passwordKey(founder, KeyRole.ACTIVE).publicKey(), f.active().keyAuths().get(0).key());
    }
    assertTrue(r.out().contains("next: hivesafe devnet --port 8090 --genesis " + rehearsal.resolve("devnet-genesis.json")), r.out());
    assertTrue(Files.readString(rehearsal.resolve("hivesafe.json")).contains("\"endpoints\": [\"http://127.0.0.1:8090\"]"));

    CliRun example = CliRun.of("init", "--devnet", "--dir", dir.resolve("example").toString());
    assertEquals(0, example.exit(), example.err());
    NetworkGenesis onDevnet = NetworkGenesisFile.parse(Files.readAllBytes(dir.resolve("example/genesis.json")));
    assertEquals(ChainId.TESTNET, onDevnet.chainId(), "the example moves onto the devnet's chain");
    assertEquals(onDevnet.chainId(), GenesisFile.read(dir.resolve("example/devnet-genesis.json")).chainId());

    List<String> mainnet = assemble(dir.resolve("mainnet.json"), 0, card("founder-a", "f_", ChainId.MAINNET.toHex()),
        card("founder-b", "f_", ChainId.MAINNET.toHex()), card("founder-c", "f_", ChainId.MAINNET.toHex()));
    mainnet.set(mainnet.indexOf("--chain-id") + 1, ChainId.MAINNET.toHex());
    assertEquals(0, CliRun.of(mainnet.toArray(String[]::new)).exit());
    CliRun refused = CliRun.of("init", "--devnet", "--dir", dir.resolve("mainnet").toString(), "--genesis", dir.resolve("mainnet.json").toString());
    assertEquals(HivesafeCommand.EXIT_FAILURE, refused.exit());
    assertTrue(refused.err().startsWith("error: the network genesis is on chain " + ChainId.MAINNET.toHex()
        + ": a rehearsal runs on the devnet's chain id " + TESTNET), refused.err());
    assertFalse(Files.exists(dir.resolve("mainnet")), "nothing written");
  }

  private static GenesisAccount account(Genesis g, String name) {
    return g.accounts().stream().filter(x -> x.name().equals(AccountName.of(name))).findFirst().orElseThrow(() -> new AssertionError(name));
  }

  @Test
  void handoverGivesTheGenesisAuthorityAndPrepareAndBroadcastTalkToTheApi() throws Exception {
    Path a = card("founder-a", "f_", TESTNET);
    Path b = card("founder-b", "f_", TESTNET);
    Path c = card("founder-c", "f_", TESTNET);
    assertEquals(0, assembleRun(0, a, b, c).exit());
    NetworkGenesis g = NetworkGenesisFile.parse(Files.readAllBytes(dir.resolve("genesis.json")));
    assertEquals(0, CliRun.of("init", "--devnet", "--dir", dir.resolve("r").toString(), "--genesis", dir.resolve("genesis.json").toString())
        .exit());
    CliRun offline = CliRun.of("genesis", "handover", "--genesis", dir.resolve("genesis.json").toString());
    assertEquals(0, offline.exit(), offline.err());
    JsonNode update = offline.json().get("operations").get(0);
    assertEquals("account_update", update.get(0).asText());
    assertEquals("founded-ms", update.get(1).get("account").asText());
    assertEquals(2, update.get(1).get("owner").get("weight_threshold").asInt());
    assertEquals(update.get(1).get("owner"), update.get(1).get("active"));
    assertEquals(3, update.get(1).get("owner").get("key_auths").size());
    assertFalse(update.get(1).has("posting"), "posting stays as it is");
    assertEquals("1970-01-01T00:00:00", offline.json().get("expiration").asText());
    assertTrue(offline.err().startsWith("sign it with the owner key of founded-ms"), offline.err());

    Genesis devnetGenesis = GenesisFile.read(dir.resolve("r/devnet-genesis.json"));
    try (Devnet devnet = Devnet.start(DevnetConfig.of(devnetGenesis), Duration.ZERO, 0)) {
      devnet.chain().produceBlocks(3);
      String api = devnet.url(0).toString();
      CliRun online = CliRun.of("genesis", "handover", "--genesis", dir.resolve("genesis.json").toString(), "--api", api,
          "--expires-in", "300");
      assertEquals(0, online.exit(), online.err());
      assertEquals(devnet.chain().head().block().id().refBlockNum(), online.json().get("ref_block_num").asInt());
      assertEquals(devnet.chain().headTime().plusSeconds(300).toString().replace("Z", ""), online.json().get("expiration").asText());
      CliRun unsigned = CliRun.of(online.out(), Map.of(), "tx", "broadcast", "--api", api, "--chain-id", TESTNET);
      assertEquals("error: the transaction has no signature: sign it first (hivesafe tx sign)\n", unsigned.err());
      Map<String, String> env = Map.of("ACTIVE", DevnetKeys.passwordKey("founded-ms", KeyRole.ACTIVE).toWif(),
          "OWNER", DevnetKeys.passwordKey("founded-ms", KeyRole.OWNER).toWif());
      CliRun withActive = CliRun.of(online.out(), env, "tx", "sign", "--chain-id", TESTNET, "--wif-env", "ACTIVE");
      CliRun refused = CliRun.of(withActive.out(), Map.of(), "tx", "broadcast", "--api", api, "--chain-id", TESTNET);
      assertEquals(HivesafeCommand.EXIT_FAILURE, refused.exit());
      assertTrue(refused.err().startsWith("error: the API refused the transaction: ") && refused.err().contains("owner"), refused.err());
      CliRun prepareSigned = CliRun.of(withActive.out(), Map.of(), "tx", "prepare", "--api", api);
      assertEquals("error: the transaction is signed: a new header would void its signatures; prepare it before signing\n",
          prepareSigned.err());
      CliRun prepared = CliRun.of(offline.out(), Map.of(), "tx", "prepare", "--api", api);
      assertEquals(devnet.chain().head().block().id().refBlockPrefix(), prepared.json().get("ref_block_prefix").asLong());
      CliRun withOwner = CliRun.of(prepared.out(), env, "tx", "sign", "--chain-id", TESTNET, "--wif-env", "OWNER");
      CliRun sent = CliRun.of(withOwner.out(), Map.of(), "tx", "broadcast", "--api", api, "--chain-id", TESTNET);
      assertEquals(0, sent.exit(), sent.err());
      assertFalse(sent.json().get("duplicate").asBoolean());
      CliRun duplicate = CliRun.of(withOwner.out(), Map.of(), "tx", "broadcast", "--api", api, "--chain-id", TESTNET);
      assertTrue(duplicate.json().get("duplicate").asBoolean(), duplicate.out() + duplicate.err());
      devnet.chain().produceBlock();
      assertTrue(GenesisHandover.sameMembers(devnet.chain().account(g.multisigAccount()).orElseThrow().authorities().active(), g.active()));
      CliRun done = CliRun.of("genesis", "handover", "--genesis", dir.resolve("genesis.json").toString(), "--api", api);
      assertEquals("error: the multisig account founded-ms's owner and active already are the genesis's: nothing to hand over\n", done.err());
    }
  }
}
