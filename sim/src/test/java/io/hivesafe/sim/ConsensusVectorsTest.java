package io.hivesafe.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivesafe.ops.NetworkGenesis;
import io.hivesafe.ops.NetworkGenesisFile;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Consensus vectors (docs/state.md, "Consensus vectors"): two recorded chains replayed as
 * {@code hivesafe replay} replays them, to state digests pinned here.
 *
 * <p>The pinned digests are deliberate consensus vectors, not output the code merely echoes: each was
 * computed once, by replaying the recorded chain on the code of the commit that pinned it
 * ({@code scripts/vectors} prints them), and the state digest covers every consensus byte — every codec's
 * fields and their order, every reason code and its arguments, every rule that decides what is written.
 * Any change to those bytes changes a digest here. A changed digest is a fork of every network running
 * the old code, unless the change is deliberate: then re-pin with {@code scripts/vectors} and say why in
 * the commit. The intermediate digests say where a difference starts.
 *
 * <ul>
 *   <li>the first 2,000 blocks of the shared hc-chain benchmark ({@code ../shared/bench/hc-chain}, with
 *       the network genesis {@code scripts/bench/hc-chain-genesis.json}): HoneyComb's traffic — sends,
 *       node registrations, reports, deposits, payouts, foreign operations;
 *   <li>the recorded devnet chain ({@code src/test/resources/vectors/devnet}, recorded by sim's
 *       {@code VectorRecorder}): a simulated network with faults and a colluding majority whose chain
 *       holds every sidechain operation, our own rounds and rotation, every chrono task and every kind of
 *       alarm. That it still holds all of them is checked too, so a re-recording that loses one fails.
 * </ul>
 */
class ConsensusVectorsTest {
  /** The hc-chain vector: digests after its 500th, 1,000th, 1,500th and 2,000th block. */
  static final Map<Long, String> HC_CHAIN = Map.of(
      90_000_500L, "d3752e1b3b49cbf4e2d2f2cf011f36e4f86fabb1e4b21e56e3bd423cb02fa1eb",
      90_001_000L, "9274cc61ce28239c53d156cee977acdb984ec4b7f294c74a6b00e04864697c51",
      90_001_500L, "feb42959e06cdb5fa3f00f3d9bb79e07d7aa8bf2250ee1f1c021780c41569c58",
      90_002_000L, "b45e90c0f47e6288228f03284aa5182ed9784a0222933be165b4b01d049c855b");
  static final int HC_CHAIN_BLOCKS = 2_000;

  /** The devnet vector: digests after blocks 100, 200, 300 and its last, 342. */
  static final Map<Long, String> DEVNET = Map.of(
      100L, "ead990028380f2f758c37cbf4af60771aab62e9e8ef6ef6eb2fbb4bc29ee5e52",
      200L, "f5f50396b56bb98f57974c7c746d86812a0ea1617573747cdd4e49d762478d7e",
      300L, "e448c0dafc7397696a3ba2466ec32b35cde765e10dd639edfcc863a97a05adee",
      342L, "eb0c010c50cca68d00d3962fd0357c4f2a05e1f48cb4d10838d5ac451421eaee");

  private static final String REPIN = "a consensus byte changed: if deliberate, re-pin with scripts/vectors and say why in the commit;"
      + " if not, this is a fork";

  /** The fallback work directory: /dev/shm is used when it is there (a store commits each block with two fsyncs). */
  @TempDir static Path fallback;
  static Path tmp;
  static VectorReplay.Replayed devnet;

  @BeforeAll
  static void replayTheDevnetVector() throws Exception {
    Path shm = Path.of("/dev/shm");
    tmp = Files.isDirectory(shm) && Files.isWritable(shm) ? Files.createTempDirectory(shm, "hivesafe-vectors-") : fallback;
    Path dir = resource("vectors/devnet");
    devnet = VectorReplay.replay(dir.resolve("blocks.jsonl.gz"), genesis(dir.resolve("genesis.json")),
        tmp.resolve("devnet"), DEVNET.keySet());
  }

  @AfterAll
  static void deleteTheStores() throws IOException {
    if (!tmp.equals(fallback)) {
      try (Stream<Path> all = Files.walk(tmp)) {
        for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  @Test
  void theFirst2000BlocksOfTheHcChainReplayToTheirPinnedDigests() throws Exception {
    Path blocks = tmp.resolve("hc-chain-2000.jsonl");
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
            new GZIPInputStream(Files.newInputStream(Path.of("..").resolve(VectorRecorder.HC_CHAIN_FILE)), 1 << 16), StandardCharsets.UTF_8));
        BufferedWriter out = Files.newBufferedWriter(blocks, StandardCharsets.UTF_8)) {
      for (int i = 0; i < HC_CHAIN_BLOCKS; i++) {
        out.write(in.readLine());
        out.write('\n');
      }
    }
    VectorReplay.Replayed hc = VectorReplay.replay(blocks, genesis(Path.of("..").resolve(VectorRecorder.HC_GENESIS_FILE)),
        tmp.resolve("hc-chain"), HC_CHAIN.keySet());
    assertEquals(HC_CHAIN_BLOCKS, hc.blocks());
    assertTrue(hc.accepted() > 0 && hc.rejected() > 0, "the vector holds accepted and rejected operations: " + hc);
    assertEquals(new TreeMap<>(HC_CHAIN), withLast(hc), REPIN);
  }

  @Test
  void theRecordedDevnetChainReplaysToItsPinnedDigests() {
    assertEquals(new TreeMap<>(DEVNET), withLast(devnet), REPIN);
  }

  @Test
  void theReplayAgreesWithEveryDigestTheRecordedNodesReported() {
    // The recording's own nodes reported their digests on chain and reached consensus at every tally; a
    // replay that computes another digest for a report block is outvoted and marks itself diverged.
    // Independent of the pinned constants: it needs no re-pinning to notice a change in consensus bytes.
    assertTrue(devnet.kinds().getOrDefault("block tally CONSENSUS", 0L) > 10, devnet.kinds().toString());
    assertFalse(devnet.diverged(), "the replay's digest differs from the consensus of the recorded nodes' reports: " + REPIN);
  }

  @Test
  void theRecordedDevnetChainHoldsEveryOperationAndAlarmKind() {
    List<String> missing = VectorReplay.missing(VectorRecorder.REQUIRED, devnet.kinds());
    assertEquals(List.of(), missing, "the devnet vector lacks these kinds; it holds " + devnet.kinds());
  }

  /** The digests after the chosen blocks and after the last one. */
  private static TreeMap<Long, String> withLast(VectorReplay.Replayed r) {
    TreeMap<Long, String> all = new TreeMap<>(r.digests());
    all.put(r.lastBlock(), r.digest());
    return all;
  }

  private static NetworkGenesis genesis(Path file) throws Exception {
    return NetworkGenesisFile.parse(Files.readAllBytes(file));
  }

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(ConsensusVectorsTest.class.getClassLoader().getResource(name).toURI());
  }
}
