package io.hivesafe.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivesafe.engine.SharedFiles;
import io.hivesafe.ops.Balances;
import io.hivesafe.ops.SidechainState;
import io.hivesafe.state.StateConfig;
import io.hivesafe.state.StateStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hivesafe replay} over the hc-chain benchmark: resumes exactly, and broken input changes nothing it should not. */
class ReplayCommandTest {
  static final Path GENESIS = Path.of("../scripts/bench/hc-chain-genesis.json");
  static final Pattern DIGEST = Pattern.compile("digest ([0-9a-f]{64})");
  static List<String> lines;
  @TempDir Path tmp;

  @BeforeAll
  static void readChain() throws IOException {
    lines = new ArrayList<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
        new GZIPInputStream(Files.newInputStream(SharedFiles.benchChain())), StandardCharsets.UTF_8))) {
      for (int i = 0; i < 600; i++) {
        lines.add(in.readLine());
      }
    }
  }

  private Path file(String name, List<String> content) throws IOException {
    Path f = tmp.resolve(name);
    Files.write(f, content, StandardCharsets.UTF_8);
    return f;
  }

  private static String digest(CliRun run) {
    Matcher m = DIGEST.matcher(run.out());
    assertTrue(m.find(), run.out());
    return m.group(1);
  }

  @Test
  void aResumedReplayEndsWithTheDigestOfAReplayInOneGo() throws IOException {
    Path all = file("all.jsonl", lines);
    Path half = file("half.jsonl", lines.subList(0, 250));
    CliRun once = CliRun.of("replay", "--blocks", all.toString(), "--genesis", GENESIS.toString(), "--data",
        tmp.resolve("once").toString());
    assertEquals(0, once.exit(), once.err());
    assertTrue(once.out().startsWith("replayed 600 blocks (90000001..90000600)"), once.out());
    CliRun first = CliRun.of("replay", "--blocks", half.toString(), "--genesis", GENESIS.toString(), "--data",
        tmp.resolve("twice").toString());
    assertEquals(0, first.exit(), first.err());
    CliRun rest = CliRun.of("replay", "--blocks", all.toString(), "--genesis", GENESIS.toString(), "--data",
        tmp.resolve("twice").toString());
    assertEquals(0, rest.exit(), rest.err());
    assertTrue(rest.out().startsWith("replayed 350 blocks (90000251..90000600)"), rest.out());
    assertEquals(digest(once), digest(rest));
    try (StateStore store = StateStore.open(StateConfig.of(tmp.resolve("once")))) {
      long tokens = store.read(r -> {
        long sum = 0;
        for (String account : SidechainState.accountNames(r)) {
          Balances b = SidechainState.balances(r, account);
          sum += b.token() + b.gov() + b.unlocking();
        }
        return sum;
      });
      assertEquals(20_100_000_001L, tokens, "HoneyComb's tokenSupply, unchanged by 600 blocks of sends");
    }
  }

  @Test
  void aBrokenLineStopsTheReplayWithItsLineNumberAndKeepsWhatCameBefore() throws IOException {
    List<String> broken = new ArrayList<>(lines.subList(0, 10));
    broken.set(6, broken.get(6).substring(0, 100));
    Path f = file("broken.jsonl", broken);
    Path data = tmp.resolve("data");
    CliRun run = CliRun.of("replay", "--blocks", f.toString(), "--genesis", GENESIS.toString(), "--data", data.toString());
    assertEquals(2, run.exit());
    assertEquals(1, run.err().strip().lines().count(), run.err());
    assertTrue(run.err().contains("line 7"), run.err());
    try (StateStore store = StateStore.open(StateConfig.of(data))) {
      assertEquals(90_000_006L, store.lastBlock().getAsLong());
    }
  }

  @Test
  void aBrokenGenesisIsNamedAndNothingIsWritten() throws IOException {
    Path g = tmp.resolve("genesis.json");
    Files.writeString(g, Files.readString(GENESIS).replace("\"prefix\": \"duat_\"", "\"prefix\": \"DUAT\""));
    Path data = tmp.resolve("data");
    CliRun run = CliRun.of("replay", "--blocks", file("b.jsonl", lines.subList(0, 5)).toString(), "--genesis",
        g.toString(), "--data", data.toString());
    assertEquals(2, run.exit());
    assertTrue(run.err().contains("prefix must be"), run.err());
    assertTrue(!Files.exists(data), "no state directory was created");
  }
}
