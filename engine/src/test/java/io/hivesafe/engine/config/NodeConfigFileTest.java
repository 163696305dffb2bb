package io.hivesafe.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivesafe.engine.api.ApiConfig;
import io.hivesafe.hive.crypto.PrivateKey;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The node's config file: the example `hivesafe init` writes reads; every broken field is named; keys load safely. */
class NodeConfigFileTest {
  @TempDir Path dir;

  static String example() throws IOException {
    try (InputStream in = NodeConfigFileTest.class.getResourceAsStream("/init/hivesafe.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private NodeConfig parse(String json) {
    return NodeConfigFile.parse(json.getBytes(StandardCharsets.UTF_8), dir);
  }

  @Test
  void theInitExampleReadsWithPathsBesideTheFile() throws IOException {
    NodeConfig c = parse(example());
    assertEquals(dir.resolve("genesis.json"), c.genesis());
    assertEquals(List.of(URI.create("https://api.hive.blog"), URI.create("https://api.openhive.network")), c.rpc().endpoints());
    assertEquals(Duration.ofSeconds(10), c.rpc().callTimeout());
    assertEquals("my-node", c.account().orElseThrow().value());
    assertEquals(dir.resolve("keys/active.wif"), c.activeKey().orElseThrow().file());
    assertEquals(dir.resolve("data"), c.dataDir());
    assertEquals(dir.resolve("data/state"), c.stateDir());
    assertEquals(ApiConfig.defaults().withBind("127.0.0.1", 8091).withSnapshotsDir(dir.resolve("data/snapshots")), c.http());
    assertEquals(new SnapshotConfig(10, 2), c.snapshots());
    assertTrue(c.source().irreversibleOnly(), "irreversible blocks only, always");
  }

  @Test
  void aFollowerNeedsNoAccountAndNoKeys() {
    NodeConfig c = parse("{\"genesis\":\"g.json\",\"api\":{\"endpoints\":[\"http://127.0.0.1:8090\"]},\"data\":\"d\"}");
    assertTrue(c.account().isEmpty());
    assertEquals(ApiConfig.defaults().withSnapshotsDir(dir.resolve("d/snapshots")), c.http());
    assertEquals(SnapshotConfig.defaults(), c.snapshots());
  }

  @Test
  void everyBrokenFieldIsNamed() throws IOException {
    String ok = example();
    String[][] cases = {
        {"\"genesis\": \"genesis.json\",", "", "genesis is required"},
        {"\"genesis\": \"genesis.json\"", "\"genesis\": 7", "genesis must be a string"},
        {"\"https://api.hive.blog\", ", "\"ftp://api.hive.blog\", ", "api.endpoints[0] must be an http(s) URL"},
        {"\"https://api.hive.blog\", \"https://api.openhive.network\"", "\"https://a.example\", \"https://a.example\"",
            "api.endpoints[1] repeats https://a.example"},
        {"\"endpoints\": [\"https://api.hive.blog\", \"https://api.openhive.network\"]", "\"endpoints\": []",
            "api.endpoints must be a non-empty list"},
        {"\"timeout_ms\": 10000", "\"timeout_ms\": -5", "api.timeout_ms must be an integer"},
        {"\"timeout_ms\": 10000", "\"timeout_ms\": 10000, \"retries\": 3", "api.retries is not a known field"},
        {"\"account\": \"my-node\"", "\"account\": \"My_Node\"", "account is not a valid Hive account name"},
        {"\"active\": { \"file\": \"keys/active.wif\" }", "\"active\": { \"file\": \"a\", \"env\": \"B\" }",
            "keys.active must name exactly one of \"file\" or \"env\""},
        {"\"active\": { \"file\": \"keys/active.wif\" }", "\"active\": { \"env\": \"NOT-A-NAME\" }",
            "keys.active.env is not an environment variable name"},
        {"\"multisig\": { \"file\": \"keys/multisig.wif\" }", "\"multisig\": { \"path\": \"k\" }", "keys.multisig.path is not a known field"},
        {"\"account\": \"my-node\",", "", "keys are given but account is not"},
        {"\"port\": 8091", "\"port\": 70000", "http.port must be an integer in [0, 65535]"},
        {"\"bind\": \"127.0.0.1\"", "\"bind\": \"\"", "http.bind must be a host name or an IP address"},
        {"\"every\": 10", "\"every\": 0", "snapshots.every must be in [1, 100000]"},
        {"\"data\": \"data\",", "\"data\": \"data\", \"datadir\": \"x\",", "datadir is not a known field"},
        {"\"snapshots\": { \"every\": 10, \"keep\": 2 }", "\"snapshots\": { \"every\": 10, \"keep\": 2 },", "config is not valid JSON"},
    };
    for (String[] c : cases) {
      assertTrue(ok.contains(c[0]), "the example holds " + c[0]);
      String broken = ok.replace(c[0], c[1]);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse(broken), c[1]);
      assertTrue(e.getMessage().startsWith(c[2]), c[1] + " -> " + e.getMessage());
    }
    String noKeys = ok.substring(0, ok.indexOf("  \"keys\"")) + ok.substring(ok.indexOf("  // The node's state"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse(noKeys));
    assertEquals("keys.active and keys.multisig are required when account is set", e.getMessage());
  }

  @Test
  void aKeyComesFromAnOwnerOnlyFileOrAnEnvironmentVariableAndNeverShowsInAnError() throws IOException {
    PrivateKey key = PrivateKey.fromSeed("config test");
    Path file = dir.resolve("k.wif");
    Files.writeString(file, key.toWif() + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    assertEquals(key.publicKey(), KeyRef.ofFile("keys.active", file).load(Map.of()).publicKey());
    assertEquals(key.publicKey(), KeyRef.ofEnv("keys.active", "HS_KEY").load(Map.of("HS_KEY", key.toWif())).publicKey());

    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    IllegalArgumentException open = assertThrows(IllegalArgumentException.class, () -> KeyRef.ofFile("keys.active", file).load(Map.of()));
    assertEquals("keys.active.file " + file + " is readable by others (rw-r--r--): make it 0600 (chmod 600 " + file + ")",
        open.getMessage());
    IllegalArgumentException unset = assertThrows(IllegalArgumentException.class, () -> KeyRef.ofEnv("keys.multisig", "HS_NONE").load(Map.of()));
    assertEquals("keys.multisig.env HS_NONE is not set", unset.getMessage());
    String almost = key.toWif().substring(0, 50) + "x";
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
        () -> KeyRef.ofEnv("keys.multisig", "HS_KEY").load(Map.of("HS_KEY", almost)));
    assertEquals("keys.multisig.env HS_KEY does not hold a valid WIF private key", bad.getMessage());
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> KeyRef.ofFile("keys.active", dir.resolve("none.wif")).load(Map.of()));
    assertTrue(missing.getMessage().startsWith("keys.active.file " + dir.resolve("none.wif")), missing.getMessage());
    assertTrue(!KeyRef.ofFile("keys.active", file).toString().contains(key.toWif()));
  }
}
