package io.hivesafe.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HivesafeCommandTest {
  private static final String ALICE_ACTIVE = "5KBfvpmH4jCWvd2p5vSs8hrwoC3qY1uZLVbLD6mf6iny9kjLask";
  private static final String ALICE_ACTIVE_PUB = "STM723LH37PwrPx361xFXmfyi2KdQ9MnY9dAheUR4XQMsAAjwVBFU";
  private static final String LEGACY_TX = "{\"ref_block_num\":1959,\"ref_block_prefix\":3625727107,\"expiration\":\"2023-11-09T22:01:24\","
      + "\"operations\":[[\"transfer\",{\"from\":\"oneplus7\",\"to\":\"kryptogames\",\"amount\":\"300.000 HIVE\",\"memo\":\"Roll under 50 4d434bd943616\"}]],\"extensions\":[]}";
  private static final String HF26_TX = "{\"ref_block_num\":1959,\"ref_block_prefix\":3625727107,\"expiration\":\"2023-11-09T22:01:24\","
      + "\"operations\":[{\"type\":\"transfer_operation\",\"value\":{\"from\":\"oneplus7\",\"to\":\"kryptogames\",\"amount\":{\"amount\":\"300000\",\"precision\":3,\"nai\":\"@@000000021\"},\"memo\":\"Roll under 50 4d434bd943616\"}}],\"extensions\":[]}";

  private static CliRun run(String stdin, Map<String, String> env, String... args) {
    return CliRun.of(stdin, env, args);
  }

  /** A command with a bug in it. */
  @picocli.CommandLine.Command(name = "buggy")
  static final class Buggy implements java.util.concurrent.Callable<Integer> {
    @Override
    public Integer call() {
      throw new IllegalStateException("an invariant broke");
    }
  }

  /** A command whose class cannot be initialised, as a broken installation makes it. */
  @picocli.CommandLine.Command(name = "broken")
  static final class Broken implements java.util.concurrent.Callable<Integer> {
    @Override
    public Integer call() {
      throw new ExceptionInInitializerError("a static initialiser failed");
    }
  }

  @Test
  void anErrorInACommandIsExitTwoToo() {
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    Console console = new Console(new java.io.ByteArrayInputStream(new byte[0]), new java.io.PrintStream(new java.io.ByteArrayOutputStream(), true,
        StandardCharsets.UTF_8), new java.io.PrintStream(err, true, StandardCharsets.UTF_8), Map.of());
    picocli.CommandLine root = HivesafeCommand.commands(console, StopSignal.processSignals());
    root.addSubcommand(new picocli.CommandLine(new Broken()));
    assertEquals(HivesafeCommand.EXIT_FAILURE, HivesafeCommand.execute(root, console, "broken"));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("error: internal error: java.lang.ExceptionInInitializerError: a static "
        + "initialiser failed"), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aBugInACommandIsExitTwoWithItsStackTraceNeverPicocliExitOne() {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    Console console = new Console(new java.io.ByteArrayInputStream(new byte[0]), new java.io.PrintStream(out, true, StandardCharsets.UTF_8),
        new java.io.PrintStream(err, true, StandardCharsets.UTF_8), Map.of());
    picocli.CommandLine root = HivesafeCommand.commands(console, StopSignal.processSignals());
    root.addSubcommand(new picocli.CommandLine(new Buggy()));
    int exit = HivesafeCommand.execute(root, console, "buggy");
    String printed = err.toString(StandardCharsets.UTF_8);
    assertEquals(HivesafeCommand.EXIT_FAILURE, exit, "1 is doctor's 'warnings only': a bug must not read as that");
    assertTrue(printed.contains("at io.hivesafe.engine.cli.HivesafeCommandTest$Buggy.call("), "the stack trace: " + printed);
    assertTrue(printed.endsWith("error: internal error in hivesafe buggy: java.lang.IllegalStateException: an invariant broke "
        + "(a bug: please report it with the stack trace above)\n"), printed);
    assertEquals("", out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void serializeReproducesTheMainnetVectorFromBothForms() {
    for (String input : new String[] {LEGACY_TX, HF26_TX}) {
      CliRun r = run(input, Map.of(), "tx", "serialize");
      assertEquals(0, r.exit(), r.err());
      assertEquals("7f34699e9eea49d1bcc10c88f96e38897839ece3", r.json().get("txid").asText());
      assertEquals("7fbd09ff2c3a90acfc59adce5abffdaa3fc95e33160c5ac237f0f4366f90e2fe", r.json().get("digest").asText());
    }
    CliRun hf26 = run(LEGACY_TX, Map.of(), "tx", "serialize", "--packing", "hf26");
    assertTrue(hf26.json().get("hex").asText().contains("2320bcbe"), "HF26 asset number in the bytes");
  }

  @Test
  void validateAnswersWithHivedsRuleAndMessage() {
    CliRun valid = run(LEGACY_TX, Map.of(), "tx", "validate");
    assertEquals(0, valid.exit(), valid.err());
    assertTrue(valid.json().get("valid").asBoolean(), valid.out());
    CliRun zero = run(LEGACY_TX.replace("300.000 HIVE", "0.000 HIVE"), Map.of(), "tx", "validate");
    assertEquals(0, zero.exit(), zero.err());
    assertFalse(zero.json().get("valid").asBoolean(), zero.out());
    assertEquals("AMOUNT_NOT_POSITIVE", zero.json().get("rule").asText());
    assertEquals("Asset amount must be greater than zero. Actual: 0.000 HIVE", zero.json().get("message").asText());
    CliRun lines = run(LEGACY_TX + "\n" + LEGACY_TX.replace("oneplus7", "op") + "\n", Map.of(), "tx", "validate", "--lines");
    assertEquals(2, lines.exit(), "a line hived's parser refuses is an error line");
    assertEquals(2, lines.out().strip().lines().count(), lines.out());
    assertTrue(lines.out().strip().lines().toList().get(1).contains("\"error\":\"line 2: "), lines.out());
  }

  @Test
  void signThenVerifyRecoversTheSigner(@TempDir Path dir) throws Exception {
    Path wif = dir.resolve("active.wif");
    Files.writeString(wif, ALICE_ACTIVE + "\n");
    CliRun signed = run(LEGACY_TX, Map.of(), "tx", "sign", "--wif-file", wif.toString());
    assertEquals(0, signed.exit(), signed.err());
    assertEquals(1, signed.json().get("signatures").size());
    assertFalse(signed.out().contains(ALICE_ACTIVE), "the key never reaches the output");
    CliRun verified = run(signed.out(), Map.of(), "tx", "verify");
    JsonNode sig = verified.json().get("signatures").get(0);
    assertEquals(ALICE_ACTIVE_PUB, sig.get("public_key").asText());
    assertTrue(sig.get("canonical").asBoolean());
    CliRun otherChain = run(signed.out(), Map.of(), "tx", "verify", "--chain-id", "18dcf0a285365fc58b71f18b3d3fec954aa0c141c44e4e5cb4cf777b9eab274e");
    assertFalse(otherChain.json().get("signatures").get(0).get("public_key").asText().equals(ALICE_ACTIVE_PUB), "the chain id is in the digest");
  }

  @Test
  void twoKeysFromEnvironmentGiveTwoSignatures() {
    CliRun signed = run(LEGACY_TX, Map.of("A", ALICE_ACTIVE, "B", "5JNHfZYKGaomSFvd4NUdQ9qMcEAC43kujbfjueTHpVapX1Kzq2n"),
        "tx", "sign", "--wif-env", "A", "--wif-env", "B", "--json-form", "hf26");
    assertEquals(0, signed.exit(), signed.err());
    assertEquals(2, signed.json().get("signatures").size());
    assertEquals("transfer_operation", signed.json().get("operations").get(0).get("type").asText());
  }

  @Test
  void errorsExitTwoWithOneLineAndNoOutput(@TempDir Path dir) throws Exception {
    Path badWif = dir.resolve("bad.wif");
    Files.writeString(badWif, ALICE_ACTIVE.substring(0, 50) + "x");
    CliRun[] failures = {
        run("{\"bad\":", Map.of(), "tx", "serialize"),
        run(LEGACY_TX.replace("300.000", "300.00"), Map.of(), "tx", "serialize"),
        run(LEGACY_TX.replace("oneplus7", "OnePlus7"), Map.of(), "tx", "serialize"),
        run(LEGACY_TX, Map.of(), "tx", "serialize", "--chain-id", "xyz"),
        run(LEGACY_TX, Map.of(), "tx", "serialize", "--packing", "hf25"),
        run(LEGACY_TX, Map.of(), "tx", "sign"),
        run(LEGACY_TX, Map.of(), "tx", "sign", "--wif-env", "MISSING"),
        run(LEGACY_TX, Map.of(), "tx", "sign", "--wif-file", badWif.toString()),
        run(LEGACY_TX, Map.of(), "tx", "sign", "--wif-file", dir.resolve("absent").toString()),
        run("", Map.of(), "keys", "derive", "--account", "alice", "--role", "boss", "--password-env", "PW"),
        run("", Map.of(), "tx", "frobnicate"),
        run("[1,2]", Map.of(), "tx", "verify"),
    };
    for (CliRun r : failures) {
      assertEquals(2, r.exit(), r.err());
      assertEquals("", r.out(), "nothing on stdout");
      assertEquals(1, r.err().strip().lines().count(), "one line on stderr: " + r.err());
      assertTrue(r.err().startsWith("error: "), r.err());
    }
    assertFalse(failures[7].err().contains(ALICE_ACTIVE.substring(0, 50)), "a bad key is not echoed");
  }

  @Test
  void linesModeAnswersEveryLineAndFlagsFailures() {
    String input = LEGACY_TX + "\n" + HF26_TX.replace("@@000000021", "@@000000099") + "\n" + HF26_TX + "\n";
    CliRun r = run(input, Map.of(), "tx", "serialize", "--lines");
    assertEquals(2, r.exit());
    String[] lines = r.out().strip().split("\n");
    assertEquals(3, lines.length);
    assertEquals("7f34699e9eea49d1bcc10c88f96e38897839ece3", JsonStdio.parse(lines[0]).get("txid").asText());
    assertTrue(JsonStdio.parse(lines[1]).get("error").asText().contains("line 2"));
    assertEquals("7f34699e9eea49d1bcc10c88f96e38897839ece3", JsonStdio.parse(lines[2]).get("txid").asText());
  }

  @Test
  void deriveShowsThePrivateKeyOnlyWhenAsked() {
    CliRun plain = run("", Map.of("PW", "password"), "keys", "derive", "--account", "alice", "--role", "active", "--password-env", "PW");
    assertEquals(ALICE_ACTIVE_PUB, plain.json().get("public_key").asText());
    assertFalse(plain.out().contains(ALICE_ACTIVE));
    CliRun shown = run("", Map.of("PW", "password"), "keys", "derive", "--account", "alice", "--role", "active", "--password-env", "PW", "--show-private");
    assertEquals(ALICE_ACTIVE, shown.json().get("private_key").asText());
    CliRun pub = run("", Map.of("K", ALICE_ACTIVE), "keys", "public", "--wif-env", "K");
    assertEquals(ALICE_ACTIVE_PUB, pub.json().get("public_key").asText());
  }

  /**
   * The node's command line holds the node and its tools, not the test kit: its help lists no demo
   * and {@code demo} is no command of it (scripts/hivesafe runs the test kit's demo).
   */
  @Test
  void theNodesCommandLineHasNoDemo() {
    CliRun help = run("", Map.of(), "--help");
    assertEquals(0, help.exit(), help.err());
    for (String command : new String[] {"tx", "keys", "genesis", "snapshot", "state", "devnet", "replay", "run", "init"}) {
      assertTrue(help.out().contains("\n  " + command + " "), command + " in " + help.out());
    }
    assertFalse(help.out().contains("demo"), help.out());
    CliRun demo = run("", Map.of(), "demo");
    assertEquals(HivesafeCommand.EXIT_FAILURE, demo.exit());
    assertEquals("error: 'demo' is not a command of hivesafe: did you mean hivesafe devnet? (hivesafe --help lists the commands)\n",
        demo.err());
    assertEquals("", demo.out());
  }

  /**
   * A word that is no command is an error (exit 2) with the nearest commands, even with {@code --help};
   * {@code hivesafe} alone and {@code hivesafe --help} print the help and exit 0.
   */
  @Test
  void anUnknownCommandIsAnErrorWithASuggestionEvenWithHelp() {
    CliRun typo = run("", Map.of(), "doctr", "--help");
    assertEquals(HivesafeCommand.EXIT_FAILURE, typo.exit(), typo.out());
    assertEquals("error: 'doctr' is not a command of hivesafe: did you mean hivesafe doctor? (hivesafe --help lists the commands)\n",
        typo.err());
    assertEquals("", typo.out());
    CliRun nested = run("", Map.of(), "keys", "genrate", "--help");
    assertEquals(HivesafeCommand.EXIT_FAILURE, nested.exit(), nested.out());
    assertTrue(nested.err().startsWith("error: 'genrate' is not a command of hivesafe keys: did you mean hivesafe keys generate"),
        nested.err());
    CliRun alone = run("", Map.of());
    CliRun help = run("", Map.of(), "--help");
    assertEquals(0, alone.exit(), alone.err());
    assertEquals(0, help.exit(), help.err());
    assertTrue(alone.out().startsWith("Usage: hivesafe "), alone.out());
    assertEquals(help.out(), alone.out());
    assertEquals("", alone.err());
  }
}
