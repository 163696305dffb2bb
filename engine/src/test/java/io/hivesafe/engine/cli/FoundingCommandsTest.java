package io.hivesafe.engine.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import io.hivesafe.hive.crypto.PublicKey;
import io.hivesafe.hive.crypto.Secp256k1Signatures;
import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.protocol.Asset;
import io.hivesafe.hive.protocol.AssetSymbol;
import io.hivesafe.hive.protocol.Authority;
import io.hivesafe.hive.protocol.ChainId;
import io.hivesafe.ops.BlockApplier;
import io.hivesafe.ops.NetworkGenesis;
import io.hivesafe.ops.NetworkGenesisFile;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The founders' commands without a running network, against a devnet standing for Hive with the founders'
 * accounts: {@code keys generate} without a genesis (a card whose proof the core accepts and whose account
 * signature is the account's active key's), {@code genesis assemble} (every card checked, offline and on an
 * API of the network's chain; each bad card — one whose account's active key did not sign it, the attack
 * of a founder naming another's account — and a treasury over the safety limit, one line and nothing
 * written), {@code genesis verify} (each difference from what the cards give named), {@code genesis handover} (the genesis's
 * authority, and what the API says), {@code init --devnet} (a devnet genesis on the same chain id with
 * every account funded), {@code tx prepare} and {@code tx broadcast} against the devnet.
 * FoundingNetworkTest (test kit) runs the whole founding on the devnet.
 */
class FoundingCommandsTest {
  private static final String TESTNET = ChainId.TESTNET.toHex();
  /** The devnet account whose active authority is two keys, threshold 2: no one key signs for it. */
  private static final String MULTIKEY = "founder-multi";
  private static Devnet devnet;
  private static String api;
  @TempDir Path dir;

  /** A devnet standing for Hive: the founders' accounts exist on it with the password keys of "password". */
  @BeforeAll
  static void startDevnet() throws Exception {
    List<GenesisAccount> accounts = new ArrayList<>(Genesis.testnet().accounts());
    for (String name : List.of("founder-a", "founder-b", "founder-c", "founder-d")) {
      accounts.add(GenesisAccount.singleKeys(AccountName.of(name), DevnetKeys.passwordKey(name, KeyRole.OWNER).publicKey(),
          DevnetKeys.passwordKey(name, KeyRole.ACTIVE).publicKey(), DevnetKeys.passwordKey(name, KeyRole.POSTING).publicKey(),
          DevnetKeys.passwordKey(name, KeyRole.MEMO).publicKey(), Asset.of(1_000, AssetSymbol.HIVE), Asset.of(0, AssetSymbol.HBD)));
    }
    Authority twoKeys = new Authority(2, List.of(), List.of(new Authority.KeyWeight(DevnetKeys.passwordKey(MULTIKEY, KeyRole.ACTIVE)
        .publicKey(), 1), new Authority.KeyWeight(DevnetKeys.passwordKey(MULTIKEY, KeyRole.POSTING).publicKey(), 1)));
    Authority owner = new Authority(1, List.of(), List.of(new Authority.KeyWeight(DevnetKeys.passwordKey(MULTIKEY, KeyRole.OWNER)
        .publicKey(), 1)));
    accounts.add(new GenesisAccount(AccountName.of(MULTIKEY), owner, twoKeys, owner, DevnetKeys.passwordKey(MULTIKEY, KeyRole.MEMO)
        .publicKey(), Asset.of(1_000, AssetSymbol.HIVE), Asset.of(0, AssetSymbol.HBD)));
    devnet = Devnet.start(DevnetConfig.of(new Genesis(ChainId.TESTNET, Genesis.testnet().genesisTime(), accounts)), Duration.ZERO, 0);
    api = devnet.url(0).toString();
  }

  @AfterAll
  static void stopDevnet() {
    devnet.close();
  }

  /** The card of {@code account}, signed with its own active key (the devnet's password key). */
  private Path card(String account, String prefix, String chainId) {
    return card(account, account, prefix, chainId);
  }

  /** The card of {@code account}, its account signature made with {@code activeOf}'s active key. */
  private Path card(String account, String activeOf, String prefix, String chainId) {
    return card(account, activeOf, prefix, chainId, "founded", "founded-ms");
  }

  /** The card of {@code account} for the network {@code network} holding {@code multisig}. */
  private Path card(String account, String activeOf, String prefix, String chainId, String network, String multisig) {
    String name = account + "-" + prefix + chainId.substring(0, 4) + (activeOf.equals(account) ? "" : "-by-" + activeOf)
        + (network.equals("founded") ? "" : "-" + network) + (multisig.equals("founded-ms") ? "" : "-" + multisig);
    for (int i = 2; Files.exists(dir.resolve(name + ".card.json")); i++) {
      name = name.replaceAll("~\\d+$", "") + "~" + i;
    }
    Path card = dir.resolve(name + ".card.json");
    CliRun r = CliRun.of("", Map.of("ACTIVE", DevnetKeys.passwordKey(activeOf, KeyRole.ACTIVE).toWif()), "keys", "generate",
        "--chain-id", chainId, "--prefix", prefix, "--account", account, "--out", dir.resolve(card.getFileName() + ".wif").toString(),
        "--card", card.toString(), "--network", network, "--multisig-account", multisig, "--active-wif-env", "ACTIVE");
    assertEquals(0, r.exit(), r.err());
    return card;
  }

  private static List<String> assemble(Path out, long treasury, Path... cards) {
    List<String> args = new ArrayList<>(List.of("genesis", "assemble", "--network", "founded", "--chain-id", TESTNET, "--prefix", "f_",
        "--multisig-account", "founded-ms", "--start-block", "50", "--founder-stake", "10000", "--token", "FOUND",
        "--treasury-hive", "" + treasury, "--daily-cap-hive", "1000000", "--daily-cap-hbd", "1000000", "--value-hbd", "1/1",
        "--value-token", "1/1", "--api", api, "--out", out.toString()));
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
    CompactSignature accountSignature = CompactSignature.fromHex(json.get("account_signature").asText());
    byte[] documented = MessageDigest.getInstance("SHA-256").digest(("hivesafe:founder:" + TESTNET + ":f_:founded:founded-ms:founder-a:"
        + key.publicKey()).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    assertArrayEquals(documented, BlockApplier.founderAccountDigest(ChainId.TESTNET, "f_", "founded", "founded-ms", "founder-a",
        key.publicKey()), "the founder message of docs/protocol.md: chain id, prefix, network, multisig account, account, key");
    assertTrue(new Secp256k1Signatures().verify(accountSignature, documented, DevnetKeys.passwordKey("founder-a", KeyRole.ACTIVE).publicKey()),
        "the account's active key signed the card's key for this network");
    assertEquals("founded", json.get("network").asText());
    assertEquals("founded-ms", json.get("multisig_account").asText());

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
  void aCardNeedsTheAccountsActiveKeyFromAFileReadableByItsOwnerOnlyOrTheEnvironment() throws Exception {
    Path x = dir.resolve("x.wif");
    Path newCard = dir.resolve("new.card.json");
    String[] base = {"keys", "generate", "--chain-id", TESTNET, "--prefix", "f_", "--account", "founder-a", "--out", x.toString()};
    String[] network = {"--network", "founded", "--multisig-account", "founded-ms"};
    base = concat(base, network);
    CliRun noActive = CliRun.of(concat(base, "--card", newCard.toString()));
    assertEquals("error: --card needs the active key of founder-a (--active-wif-file FILE or --active-wif-env VAR):"
        + " its signature binds the new key to the account\n", noActive.err());
    Path open = dir.resolve("active.wif");
    Files.writeString(open, DevnetKeys.passwordKey("founder-a", KeyRole.ACTIVE).toWif() + "\n");
    Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-r--r--"));
    CliRun readable = CliRun.of(concat(base, "--card", newCard.toString(), "--active-wif-file", open.toString()));
    assertEquals("error: --active-wif-file " + open + " is readable by others (rw-r--r--): make it 0600 (chmod 600 " + open + ")\n",
        readable.err());
    CliRun unset = CliRun.of(concat(base, "--card", newCard.toString(), "--active-wif-env", "NOPE"));
    assertEquals("error: --active-wif-env NOPE is not set\n", unset.err());
    CliRun withoutCard = CliRun.of(concat(Arrays.copyOf(base, base.length - network.length), "--active-wif-file", open.toString()));
    assertEquals("error: --active-wif-file and --active-wif-env go with --card: the active key signs the founder's card only\n",
        withoutCard.err());
    for (CliRun r : List.of(noActive, readable, unset, withoutCard)) {
      assertEquals(HivesafeCommand.EXIT_FAILURE, r.exit());
    }
    assertFalse(Files.exists(x) || Files.exists(newCard), "nothing written");
    Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-------"));
    CliRun fromFile = CliRun.of(concat(base, "--card", newCard.toString(), "--active-wif-file", open.toString()));
    assertEquals(0, fromFile.exit(), fromFile.err());
    assertFalse(fromFile.out().contains(DevnetKeys.passwordKey("founder-a", KeyRole.ACTIVE).toWif()), "the active key is never printed");
    assertFalse(Files.readString(newCard).contains(DevnetKeys.passwordKey("founder-a", KeyRole.ACTIVE).toWif()));
  }

  private static String[] concat(String[] base, String... more) {
    List<String> all = new ArrayList<>(List.of(base));
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }

  @Test
  void assembleRefusesACardWhoseAccountsActiveKeyDidNotSignIt() throws Exception {
    Path a = card("founder-a", "f_", TESTNET);
    Path b = card("founder-b", "f_", TESTNET);
    // The attack: founder-a makes a second key and a card naming founder-c, signed with founder-a's own active key.
    Path fake = card("founder-c", "founder-a", "f_", TESTNET);
    assertRefused(assembleRun(0, a, fake, b), "founder card " + fake + ": the account signature is by "
        + DevnetKeys.passwordKey("founder-a", KeyRole.ACTIVE).publicKey() + ", not by a key of founder-c's active authority:"
        + " only the account's active key binds a multisig key to it");

    // founder-c's own account signature, but over another of its keys: it does not bind this card's key.
    Path c = card("founder-c", "f_", TESTNET);
    Path c2 = card("founder-c", "f_", TESTNET);
    ObjectNode swapped = (ObjectNode) JsonStdio.parse(Files.readString(c));
    swapped.put("account_signature", JsonStdio.parse(Files.readString(c2)).get("account_signature").asText());
    Path otherKey = dir.resolve("other-key.card.json");
    Files.writeString(otherKey, JsonStdio.MAPPER.writeValueAsString(swapped));
    CliRun r = assembleRun(0, a, b, otherKey);
    assertEquals(HivesafeCommand.EXIT_FAILURE, r.exit());
    assertTrue(r.err().startsWith("error: founder card " + otherKey + ": the account signature is by STM")
        && r.err().endsWith(", not by a key of founder-c's active authority: only the account's active key binds a multisig key to it\n"),
        r.err());
    assertFalse(Files.exists(dir.resolve("genesis.json")), "nothing written");

    // founder-c's own signature in its high-S twin: the same key recovers, but the form is not canonical.
    ObjectNode highS = (ObjectNode) JsonStdio.parse(Files.readString(c));
    highS.put("account_signature", highSTwin(CompactSignature.fromHex(highS.get("account_signature").asText())).toHex());
    Path malleated = dir.resolve("high-s.card.json");
    Files.writeString(malleated, JsonStdio.MAPPER.writeValueAsString(highS));
    assertRefused(assembleRun(0, a, b, malleated), "founder card " + malleated + ": the account signature is not a canonical signature"
        + " over founder-c's founder message for " + highS.get("public_key").asText() + ": make the card again with hivesafe keys generate"
        + " and founder-c's active key");

    Path nobody = card("founder-z", "f_", TESTNET);
    assertRefused(assembleRun(0, a, b, nobody), "founder card " + nobody + ": account founder-z does not exist on the API's chain");
    Path multi = card(MULTIKEY, "f_", TESTNET);
    assertRefused(assembleRun(0, a, b, multi), "founder card " + multi + ": " + MULTIKEY + "'s active authority needs weight 2 and "
        + DevnetKeys.passwordKey(MULTIKEY, KeyRole.ACTIVE).publicKey() + " has 1: a founder's account signs its card with one key that"
        + " alone reaches the active threshold (a single-key active authority)");
    assertEquals(0, assembleRun(0, a, b, c).exit(), "the same cards with founder-c's own card are assembled");
  }

  /** The other signature of the same key over the same digest: s replaced by n − s, the recovery id flipped. */
  private static CompactSignature highSTwin(CompactSignature sig) {
    BigInteger n = new BigInteger("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", 16);
    byte[] bytes = sig.toBytes();
    byte[] s = n.subtract(sig.s()).toByteArray();
    byte[] padded = new byte[32];
    System.arraycopy(s, Math.max(0, s.length - 32), padded, Math.max(0, 32 - s.length), Math.min(32, s.length));
    System.arraycopy(padded, 0, bytes, 33, 32);
    bytes[0] = (byte) (bytes[0] - sig.recoveryId() + (sig.recoveryId() ^ 1));
    CompactSignature twin = CompactSignature.fromBytes(bytes);
    assertEquals(sig.recoveryId() ^ 1, twin.recoveryId());
    return twin;
  }

  @Test
  void assembleReadsTheAccountsOnAnApiOfTheNetworksChainOnly() throws Exception {
    Path a = card("founder-a", "f_", TESTNET);
    Path b = card("founder-b", "f_", TESTNET);
    Path c = card("founder-c", "f_", TESTNET);
    List<String> noApi = assemble(dir.resolve("genesis.json"), 0, a, b, c);
    noApi.remove(noApi.indexOf("--api") + 1);
    noApi.remove("--api");
    assertRefused(CliRun.of(noApi.toArray(String[]::new)),
        "--api URL is required: each founder card's account and account signature are checked on the chain");
    String mainnet = ChainId.MAINNET.toHex();
    List<String> otherChain = assemble(dir.resolve("genesis.json"), 0, card("founder-a", "f_", mainnet), card("founder-b", "f_", mainnet),
        card("founder-c", "f_", mainnet));
    otherChain.set(otherChain.indexOf("--chain-id") + 1, mainnet);
    assertRefused(CliRun.of(otherChain.toArray(String[]::new)), "--api " + api + " serves chain id " + TESTNET + ", not " + mainnet
        + ": the founders' accounts must be read on the network's chain");
    List<String> silent = assemble(dir.resolve("genesis.json"), 0, a, b, c);
    silent.add("--api");
    silent.add("http://127.0.0.1:1");
    CliRun r = CliRun.of(silent.toArray(String[]::new));
    assertEquals(HivesafeCommand.EXIT_FAILURE, r.exit());
    assertTrue(r.err().startsWith("error: --api http://127.0.0.1:1 did not answer (") && r.err().endsWith(
        "): its chain id is unknown, so its accounts cannot be trusted\n"), r.err());
    assertFalse(Files.exists(dir.resolve("genesis.json")), "nothing written");
  }

  @Test
  void aCardIsForOneNetworkAndOneMultisigAccountOnly() throws Exception {
    Path a = card("founder-a", "f_", TESTNET);
    Path b = card("founder-b", "f_", TESTNET);
    Path c = card("founder-c", "f_", TESTNET);
    Path otherNetwork = card("founder-c", "founder-c", "f_", TESTNET, "elsewhere", "founded-ms");
    Path otherMultisig = card("founder-c", "founder-c", "f_", TESTNET, "founded", "other-ms");
    assertRefused(assembleRun(0, a, b, otherNetwork), "founder card " + otherNetwork + " was made for network 'elsewhere', not --network"
        + " 'founded': founder-c agreed to found that network only");
    assertRefused(assembleRun(0, a, b, otherMultisig), "founder card " + otherMultisig + " was made for multisig account other-ms, not"
        + " --multisig-account founded-ms: founder-c agreed to hold that account only");
    assertEquals(0, assembleRun(0, a, b, c).exit());
    Path genesis = dir.resolve("genesis.json");
    assertDiffers(genesis, List.of("founder card " + otherNetwork + " was made for network 'elsewhere', not the genesis's network"
        + " 'founded': founder-c agreed to found that network only"), a, b, otherNetwork);
    assertDiffers(genesis, List.of("founder card " + otherMultisig + " was made for multisig account other-ms, not the genesis's"
        + " multisig account founded-ms: founder-c agreed to hold that account only"), a, b, otherMultisig);

    // The replay: founder-c's card for another network (or multisig account), its fields edited to this one's.
    // Its account signature names the other network, so it recovers to no key of founder-c's.
    for (String[] edit : new String[][] {{"network", "founded", otherNetwork.toString()}, {"multisig_account", "founded-ms",
        otherMultisig.toString()}}) {
      ObjectNode replayed = (ObjectNode) JsonStdio.parse(Files.readString(Path.of(edit[2])));
      replayed.put(edit[0], edit[1]);
      Path replay = write("replayed-" + edit[0] + ".card.json", replayed);
      CliRun r = verify(genesis, a, b, replay);
      assertEquals(HivesafeCommand.EXIT_FAILURE, r.exit(), edit[0]);
      assertTrue(r.err().contains("error: founder card " + replay + ": the account signature is by STM") && r.err().contains(
          ", not by a key of founder-c's active authority"), edit[0] + ": " + r.err());
    }

    String[] base = {"keys", "generate", "--chain-id", TESTNET, "--prefix", "f_", "--account", "founder-d", "--out",
        dir.resolve("d.wif").toString(), "--active-wif-env", "ACTIVE"};
    Map<String, String> env = Map.of("ACTIVE", DevnetKeys.passwordKey("founder-d", KeyRole.ACTIVE).toWif());
    Path dCard = dir.resolve("d.card.json");
    CliRun noNetwork = CliRun.of("", env, concat(base, "--card", dCard.toString(), "--multisig-account", "founded-ms"));
    assertEquals("error: --card needs --network NAME and --multisig-account NAME, as the founders agreed them: the account signature"
        + " agrees to found that network only\n", noNetwork.err());
    CliRun noMultisig = CliRun.of("", env, concat(base, "--card", dCard.toString(), "--network", "founded"));
    assertEquals(noNetwork.err(), noMultisig.err());
    CliRun badNetwork = CliRun.of("", env, concat(base, "--card", dCard.toString(), "--network", "Founded!", "--multisig-account",
        "founded-ms"));
    assertEquals("error: --network: network must be 1-32 of [a-z0-9-], starting with a letter or digit, got 'Founded!'\n",
        badNetwork.err());
    CliRun itself = CliRun.of("", env, concat(base, "--card", dCard.toString(), "--network", "founded", "--multisig-account",
        "founder-d"));
    assertEquals("error: --account founder-d is the --multisig-account: a node runs from its own account\n", itself.err());
    CliRun withoutCard = CliRun.of("keys", "generate", "--chain-id", TESTNET, "--prefix", "f_", "--account", "founder-d", "--out",
        dir.resolve("d.wif").toString(), "--network", "founded");
    assertEquals("error: --network and --multisig-account go with --card: they name the network the founder's card is for\n",
        withoutCard.err());
    for (CliRun r : List.of(noNetwork, noMultisig, badNetwork, itself, withoutCard)) {
      assertEquals(HivesafeCommand.EXIT_FAILURE, r.exit());
      assertEquals("", r.out());
    }
    assertFalse(Files.exists(dir.resolve("d.wif")) || Files.exists(dCard), "nothing written");
  }

  @Test
  void aFailedWriteIsOneLineAndLeavesNoKeyAndNoCardBehind() throws Exception {
    // A card in a place that cannot hold it (a regular file as its directory, which refuses a write even
    // to root, unlike a read-only directory): the key is not made either.
    Path notADirectory = Files.writeString(dir.resolve("plain"), "not a directory");
    Path card = notADirectory.resolve("a.card.json");
    Path key = dir.resolve("a.wif");
    Map<String, String> env = Map.of("ACTIVE", DevnetKeys.passwordKey("founder-a", KeyRole.ACTIVE).toWif());
    String[] base = {"keys", "generate", "--chain-id", TESTNET, "--prefix", "f_", "--account", "founder-a", "--network", "founded",
        "--multisig-account", "founded-ms", "--active-wif-env", "ACTIVE"};
    List<Path> before = listing();
    CliRun badCard = CliRun.of("", env, concat(base, "--out", key.toString(), "--card", card.toString()));
    assertEquals(HivesafeCommand.EXIT_FAILURE, badCard.exit());
    assertTrue(badCard.err().matches("error: cannot write --card " + java.util.regex.Pattern.quote(card.toString()) + ": \\w+\n"),
        badCard.err());
    assertEquals("", badCard.out());
    assertEquals(before, listing(), "no key file, no card");

    // The card can be written, the key cannot: the card's draft goes too.
    Path keyNowhere = dir.resolve("missing/a.wif");
    CliRun badKey = CliRun.of("", env, concat(base, "--out", keyNowhere.toString(), "--card", dir.resolve("a.card.json").toString()));
    assertEquals("error: cannot write --out " + keyNowhere + ": NoSuchFileException\n", badKey.err());
    assertEquals(HivesafeCommand.EXIT_FAILURE, badKey.exit());
    assertEquals(before, listing(), "no card and no draft of it");

    Path a = card("founder-a", "f_", TESTNET);
    Path b = card("founder-b", "f_", TESTNET);
    Path genesisNowhere = dir.resolve("missing/genesis.json");
    CliRun assemble = CliRun.of(assemble(genesisNowhere, 0, a, b).toArray(String[]::new));
    assertEquals("error: cannot write --out " + genesisNowhere + ": NoSuchFileException\n", assemble.err());
    assertEquals(HivesafeCommand.EXIT_FAILURE, assemble.exit());
    CliRun verifyDirectory = verify(dir, a, b);
    assertEquals("error: cannot read --genesis " + dir + ": IOException\n", verifyDirectory.err());
    assertEquals(HivesafeCommand.EXIT_FAILURE, verifyDirectory.exit());
  }

  /** Every file under the test's directory. */
  private List<Path> listing() throws java.io.IOException {
    try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
      return files.sorted().toList();
    }
  }

  @Test
  void verifyPassesOnTheAssembledGenesisAndNamesEachDifference() throws Exception {
    Path a = card("founder-a", "f_", TESTNET);
    Path b = card("founder-b", "f_", TESTNET);
    Path c = card("founder-c", "f_", TESTNET);
    assertEquals(0, assembleRun(0, a, b, c).exit());
    Path genesis = dir.resolve("genesis.json");
    CliRun ok = verify(genesis, a, b, c);
    assertEquals(0, ok.exit(), ok.err());
    assertEquals("verify checked the founders and the authority only: read not_checked (allocations, treasury, custody, params, start"
        + " block) and agree them with the other founders before signing the handover\n", ok.err());
    JsonNode notChecked = ok.json().get("not_checked");
    assertEquals(50, notChecked.get("start_block").asLong());
    assertEquals("FOUND", notChecked.get("token").get("symbol").asText());
    assertEquals(100, notChecked.get("intervals").get("tally").asLong());
    assertEquals(1_000, notChecked.get("params").get("min_stake").asLong());
    assertEquals(1_000_000, notChecked.get("custody").get("daily_cap").get("hive").asLong());
    assertEquals("1/1", notChecked.get("custody").get("value").get("token").asText());
    assertEquals(0, notChecked.get("treasury").get("hive").asLong());
    assertTrue(notChecked.get("recovery_account").isNull(), notChecked.toString());
    assertEquals(List.of("founder-a:0:10000", "founder-b:0:10000", "founder-c:0:10000"), allocations(notChecked));

    // The assembler's sock puppet: a governance stake that outweighs the founders', and a recovery account.
    // Nodes and authority are the cards': verify passes, and says what the founders must read.
    ObjectNode puppet = (ObjectNode) JsonStdio.parse(Files.readString(genesis));
    puppet.withArray("allocations").addObject().put("account", "sock-puppet").put("token", 7).put("gov", 1_000_000);
    ((ObjectNode) puppet.get("treasury")).put("hbd", 3);
    ((ObjectNode) puppet.get("authority")).put("recovery_account", "founder-d");
    CliRun read = verify(write("puppet.json", puppet), a, b, c);
    assertEquals(0, read.exit(), read.err());
    assertEquals(ok.err(), read.err());
    assertEquals(List.of("founder-a:0:10000", "founder-b:0:10000", "founder-c:0:10000", "sock-puppet:7:1000000"),
        allocations(read.json().get("not_checked")));
    assertEquals(3, read.json().get("not_checked").get("treasury").get("hbd").asLong());
    assertEquals("founder-d", read.json().get("not_checked").get("recovery_account").asText());
    assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(genesis))),
        ok.json().get("sha256").asText());
    assertEquals(2, ok.json().get("threshold").asInt());
    assertEquals(0, verify(genesis, c, a, b).exit(), "the cards' order does not matter");

    NetworkGenesis g = NetworkGenesisFile.parse(Files.readAllBytes(genesis));
    PublicKey d = PrivateKey.fromSecret(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23,
        24, 25, 26, 27, 28, 29, 30, 31, 32}).publicKey();
    ObjectNode added = (ObjectNode) JsonStdio.parse(Files.readString(genesis));
    added.withArray("nodes").addObject().put("account", "founder-d").put("key", d.toString()).put("age", 0);
    assertDiffers(write("added.json", added), List.of("genesis node founder-d (key " + d + ") has no founder card"), a, b, c);

    ObjectNode changed = (ObjectNode) JsonStdio.parse(Files.readString(genesis));
    ((ObjectNode) changed.withArray("nodes").get(1)).put("key", d.toString());
    assertDiffers(write("changed.json", changed), List.of("genesis node founder-b holds key " + d + ", but its card holds "
        + g.nodes().get(1).key()), a, b, c);

    ObjectNode aged = (ObjectNode) JsonStdio.parse(Files.readString(genesis));
    ((ObjectNode) aged.withArray("nodes").get(0)).put("age", 5);
    assertDiffers(write("aged.json", aged), List.of("genesis node founder-a starts at age 5, assemble gives a founder age 0"), a, b, c);

    ObjectNode threshold = (ObjectNode) JsonStdio.parse(Files.readString(genesis));
    ((ObjectNode) threshold.get("authority").get("active")).put("weight_threshold", 1);
    List<String> keys = g.nodes().stream().map(n -> n.key() + ":1").sorted().toList();
    assertDiffers(write("threshold.json", threshold), List.of("authority.active is threshold 1 of [" + String.join(", ", keys)
        + "], the cards give threshold 2 of [" + String.join(", ", keys) + "]"), a, b, c);

    Path fake = card("founder-d", "founder-a", "f_", TESTNET);
    assertDiffers(genesis, List.of("founder founder-d (key " + fake(fake) + ") has a card but is not a genesis node",
        "authority.owner is threshold 2 of [" + String.join(", ", keys) + "], the cards give threshold 3 of ["
            + String.join(", ", withKey(keys, fake(fake))) + "]",
        "authority.active is threshold 2 of [" + String.join(", ", keys) + "], the cards give threshold 3 of ["
            + String.join(", ", withKey(keys, fake(fake))) + "]",
        "founder card " + fake + ": the account signature is by " + DevnetKeys.passwordKey("founder-a", KeyRole.ACTIVE).publicKey()
            + ", not by a key of founder-d's active authority: only the account's active key binds a multisig key to it"), a, b, c, fake);
  }

  private static List<String> allocations(JsonNode notChecked) {
    List<String> all = new ArrayList<>();
    notChecked.get("allocations").forEach(x -> all.add(x.get("account").asText() + ":" + x.get("token").asLong() + ":"
        + x.get("gov").asLong()));
    return all;
  }

  private static String fake(Path card) {
    return JsonStdio.parse(readString(card)).get("public_key").asText();
  }

  private static String readString(Path file) {
    try {
      return Files.readString(file);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static List<String> withKey(List<String> keys, String key) {
    List<String> all = new ArrayList<>(keys);
    all.add(key + ":1");
    return all.stream().sorted().toList();
  }

  private Path write(String name, ObjectNode json) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, JsonStdio.MAPPER.writeValueAsString(json));
    return file;
  }

  private static CliRun verify(Path genesis, Path... cards) {
    List<String> args = new ArrayList<>(List.of("genesis", "verify", "--genesis", genesis.toString(), "--api", api));
    for (Path card : cards) {
      args.add("--founder");
      args.add(card.toString());
    }
    return CliRun.of(args.toArray(String[]::new));
  }

  private static void assertDiffers(Path genesis, List<String> lines, Path... cards) {
    CliRun r = verify(genesis, cards);
    assertEquals(HivesafeCommand.EXIT_FAILURE, r.exit(), r.out());
    assertEquals("", r.out(), "no hash for a genesis that differs");
    assertEquals(lines.stream().map(l -> "error: " + l + "\n").collect(java.util.stream.Collectors.joining()), r.err());
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

    NetworkGenesis g = NetworkGenesisFile.parse(Files.readAllBytes(dir.resolve("genesis.json")));
    Files.write(dir.resolve("mainnet.json"), NetworkGenesisFile.write(new NetworkGenesis(g.network(), ChainId.MAINNET, g.prefix(),
        g.multisigAccount(), g.startBlock(), g.tokenSymbol(), g.tokenPrecision(), g.tallyInterval(), g.reportOffset(), g.params(),
        g.allocations(), g.treasuryHive(), g.treasuryHbd(), g.nodes(), g.owner(), g.active(), g.recoveryAccount(), g.custody())));
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
