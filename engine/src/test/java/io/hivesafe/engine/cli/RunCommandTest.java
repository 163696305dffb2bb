package io.hivesafe.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.hivesafe.devnet.DevnetKeys;
import io.hivesafe.hive.crypto.KeyRole;
import io.hivesafe.hive.crypto.PrivateKey;
import io.hivesafe.hive.protocol.ChainId;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hivesafe run}'s checks before anything starts, among them the devnet's well-known keys refused
 * off the devnet's chain. Running a node against a devnet, with the test kit's network and keys, is the
 * test kit's RunCommandDevnetTest.
 */
class RunCommandTest {
  @TempDir Path dir;

  /** Runs the command line; a node that starts is stopped at once. */
  private static CliRun run(Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Console console = new Console(new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), env);
    int exit = HivesafeCommand.run(console, Runnable::run, args);
    return new CliRun(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void anExpectedDigestNeedsABootstrapAndSixtyFourHexDigits() {
    String none = dir.resolve("none.json").toString();
    CliRun alone = run(Map.of(), "run", "--config", none, "--expect-digest", "00".repeat(32));
    assertEquals(HivesafeCommand.EXIT_FAILURE, alone.exit());
    assertEquals("error: --expect-digest needs --bootstrap: it is the digest the snapshot must have\n", alone.err());
    CliRun bad = run(Map.of(), "run", "--config", none, "--bootstrap", "s.snapshot", "--expect-digest", "abc");
    assertEquals(HivesafeCommand.EXIT_FAILURE, bad.exit());
    assertEquals("error: --expect-digest: state digest must be 64 hex digits\n", bad.err());
  }

  private static void writeKey(Path file, PrivateKey key) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, key.toWif() + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
  }

  /**
   * Off the devnet's chain, {@code run} refuses the devnet's well-known keys before it opens anything:
   * in {@code hivesafe init}'s genesis as left unedited (node-a holds hived's testnet init key), then as
   * the node's multisig key, then as its active key; each refusal names the field and the key.
   */
  @Test
  void theDevnetsWellKnownKeysStopANodeOffTheDevnetsChainBeforeAnythingOpens() throws Exception {
    assertEquals(0, CliRun.of("init", "--dir", dir.toString()).exit());
    Path config = dir.resolve("hivesafe.json");
    Files.writeString(config, Files.readString(config).replace("[\"https://api.hive.blog\", \"https://api.openhive.network\"]",
        "[\"http://127.0.0.1:9\"]").replace("\"port\": 8091", "\"port\": 0"));
    PrivateKey active = PrivateKey.fromSeed("RunCommandTest: my-node's active key");
    PrivateKey multisig = PrivateKey.fromSeed("RunCommandTest: my-node's multisig key");
    writeKey(dir.resolve("keys/active.wif"), active);
    writeKey(dir.resolve("keys/multisig.wif"), multisig);
    String refused = " is one of the devnet's well-known keys (%s): anyone can sign with it. A node takes those only on the devnet's"
        + " chain (" + DevnetKeys.CHAIN_ID.toHex() + ", hived's testnet), not on chain " + ChainId.MAINNET.toHex() + " (Hive mainnet);"
        + " use keys of your own (hivesafe keys generate makes a multisig key)\n";

    CliRun unedited = run(Map.of(), "run", "--config", config.toString());
    assertEquals(HivesafeCommand.EXIT_FAILURE, unedited.exit());
    assertEquals("error: config " + config + ": genesis " + dir.resolve("genesis.json") + ": nodes: node-a's key "
        + DevnetKeys.INIT_KEY.publicKey() + String.format(refused, "hived's testnet init key, initminer's"), unedited.err());

    Path genesis = dir.resolve("genesis.json");
    Files.writeString(genesis, Files.readString(genesis).replace(DevnetKeys.INIT_KEY.publicKey().toString(), multisig.publicKey().toString()));
    writeKey(dir.resolve("keys/multisig.wif"), DevnetKeys.testKitKey("node0", "multisig"));
    CliRun testKit = run(Map.of(), "run", "--config", config.toString());
    assertEquals(HivesafeCommand.EXIT_FAILURE, testKit.exit());
    assertEquals("error: config " + config + ": keys.multisig" + String.format(refused, "the test kit's multisig key of node0"), testKit.err());

    writeKey(dir.resolve("keys/multisig.wif"), multisig);
    writeKey(dir.resolve("keys/active.wif"), DevnetKeys.passwordKey("my-node", KeyRole.ACTIVE));
    CliRun password = run(Map.of(), "run", "--config", config.toString());
    assertEquals(HivesafeCommand.EXIT_FAILURE, password.exit());
    assertEquals("error: config " + config + ": keys.active" + String.format(refused, "my-node's active key from the password \"password\""),
        password.err());
    assertEquals("", unedited.out() + testKit.out() + password.out());
    assertFalse(Files.exists(dir.resolve("data")), "nothing was opened or created");
  }
}
