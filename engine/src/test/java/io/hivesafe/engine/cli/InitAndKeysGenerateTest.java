package io.hivesafe.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.hivesafe.engine.config.NodeConfig;
import io.hivesafe.engine.config.NodeConfigFile;
import io.hivesafe.hive.crypto.CompactSignature;
import io.hivesafe.hive.crypto.PrivateKey;
import io.hivesafe.hive.crypto.PublicKey;
import io.hivesafe.hive.crypto.Secp256k1Signatures;
import io.hivesafe.ops.BlockApplier;
import io.hivesafe.ops.NetworkGenesis;
import io.hivesafe.ops.NetworkGenesisFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hivesafe init} and {@code hivesafe keys generate}: files that read back, keys that prove themselves, nothing overwritten. */
class InitAndKeysGenerateTest {
  @TempDir Path dir;

  @Test
  void initWritesAConfigAndAGenesisThatReadAndNeverOverwrites() throws Exception {
    CliRun r = CliRun.of("init", "--dir", dir.toString());
    assertEquals(0, r.exit(), r.err());
    NodeConfig config = NodeConfigFile.parse(Files.readAllBytes(dir.resolve("hivesafe.json")), dir);
    assertEquals(dir.resolve("genesis.json"), config.genesis());
    NetworkGenesis genesis = NetworkGenesisFile.parse(Files.readAllBytes(config.genesis()));
    assertEquals("example_", genesis.prefix());
    assertEquals(dir.resolve("keys"), config.activeKey().orElseThrow().file().getParent());
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("keys"))),
        "the config's key directory exists, readable by its owner only");
    Files.writeString(dir.resolve("genesis.json"), "mine");
    CliRun again = CliRun.of("init", "--dir", dir.toString());
    assertEquals(HivesafeCommand.EXIT_FAILURE, again.exit());
    assertEquals("error: " + dir.resolve("hivesafe.json") + " exists: init never overwrites a file\n", again.err());
    assertEquals("mine", Files.readString(dir.resolve("genesis.json")));
  }

  @Test
  void keysGenerateWritesAnOwnerOnlyKeyAndANodeAddWhoseProofTheCoreAccepts() throws Exception {
    assertEquals(0, CliRun.of("init", "--dir", dir.toString()).exit());
    Path key = dir.resolve("multisig.wif");
    CliRun r = CliRun.of("keys", "generate", "--genesis", dir.resolve("genesis.json").toString(), "--account", "node-a",
        "--out", key.toString());
    assertEquals(0, r.exit(), r.err());
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
    PrivateKey written = PrivateKey.fromWif(Files.readString(key).trim());
    JsonNode out = r.json();
    assertEquals(written.publicKey().toString(), out.get("public_key").asText());
    assertFalse(r.out().contains(written.toWif()), "the private key is never printed");
    assertEquals("example_node_add", out.get("node_add").get("id").asText());
    assertEquals("node-a", out.get("node_add").get("required_auths").get(0).asText());
    JsonNode json = JsonStdio.parse(out.get("node_add").get("json").asText());
    assertEquals(written.publicKey(), PublicKey.fromString(json.get("key").asText()));
    NetworkGenesis genesis = NetworkGenesisFile.parse(Files.readAllBytes(dir.resolve("genesis.json")));
    CompactSignature proof = CompactSignature.fromHex(json.get("proof").asText());
    assertTrue(new Secp256k1Signatures().verify(proof, BlockApplier.nodeAddProofDigest(genesis, "node-a"), written.publicKey()),
        "the proof signs this network's node_add message for node-a");
    assertFalse(new Secp256k1Signatures().verify(proof, BlockApplier.nodeAddProofDigest(genesis, "node-b"), written.publicKey()));

    CliRun again = CliRun.of("keys", "generate", "--genesis", dir.resolve("genesis.json").toString(), "--account", "node-a",
        "--out", key.toString());
    assertEquals("error: --out " + key + " exists: a key file is never overwritten\n", again.err());
    assertEquals(written, PrivateKey.fromWif(Files.readString(key).trim()));
    CliRun other = CliRun.of("keys", "generate", "--genesis", dir.resolve("genesis.json").toString(), "--account", "node-b",
        "--out", dir.resolve("b.wif").toString());
    assertFalse(other.json().get("public_key").asText().equals(out.get("public_key").asText()), "a new key each time");
  }
}
