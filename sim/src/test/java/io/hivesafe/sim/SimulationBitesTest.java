package io.hivesafe.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivesafe.devnet.DevnetChain;
import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.protocol.Asset;
import io.hivesafe.hive.protocol.AssetSymbol;
import io.hivesafe.testkit.traffic.TrafficNetwork;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The invariants notice what they must, on the real core: each test changes the world behind the
 * simulator's back in a way no rule of the core can see, and the named invariant fails at the right
 * block. (With a custody rule of the core reverted instead, the CI seeds find it: docs/simulation.md,
 * "Evidence that it bites".)
 */
class SimulationBitesTest {
  @TempDir
  Path work;

  /** A hook that does {@code action} before the devnet produces {@code at}. */
  private static Simulation.Hooks at(long at, java.util.function.BiConsumer<DevnetChain, Simulation> action) {
    return new Simulation.Hooks() {
      @Override
      public void beforeProduce(long block, DevnetChain chain, Simulation sim) {
        if (block == at) {
          action.accept(chain, sim);
        }
      }
    };
  }

  /**
   * A virtual transfer of 1 HIVE out of the multisig account before block 60: an outflow no block's
   * transactions show.
   */
  private static final Simulation.Hooks VIRTUAL_OUTFLOW_AT_60 = at(60, (chain, sim) ->
      chain.virtualTransfer(TrafficNetwork.MULTISIG, AccountName.of("user0"), Asset.of(1_000, AssetSymbol.HIVE)));

  /** A calm scenario: no fault drawn, so the only thing wrong is what the test does. */
  private static Scenario calm(long seed) {
    Scenario s = Scenario.draw(seed, 200);
    return new Scenario(s.seed(), s.genesisNodes(), s.joiners(), s.users(), java.util.List.of(), false, s.batchSize(), Map.of(),
        s.faultBlocks(), s.tailBlocks());
  }

  @Test
  void aCalmNetworkHoldsEveryInvariant() throws Exception {
    SimResult r = Simulation.run(calm(3), WorkDir.under(work));
    assertTrue(r.passed(), r.failureReport());
    assertTrue(r.schedule().stream().allMatch(f -> f.kind() == FaultKind.QUIET), r.schedule().toString());
    assertTrue(r.checks().get(Invariant.PAYOUT_ONCE) > 0, "payouts were made: " + r.checks());
  }

  @Test
  void anOutflowTheBlockStreamDoesNotShowBreaksTheBooksAtItsBlock() throws Exception {
    // A virtual operation (an interest payment, a filled recurrent transfer) is not in the blocks'
    // transactions: the core cannot book it, the books and the chain part, and the shell's custody check
    // is what tells the operator (docs/multisig.md). The simulator must see it at once.
    SimResult r = Simulation.run(calm(3), WorkDir.under(work), VIRTUAL_OUTFLOW_AT_60);
    assertFalse(r.passed());
    Violation v = r.violations().get(0);
    assertEquals(Invariant.BOOKS_MATCH_CHAIN, v.invariant(), r.failureReport());
    assertEquals(60, v.block(), r.failureReport());
  }

  @Test
  void theShrinkerDropsEveryFaultKindAFailureDoesNotNeed() throws Exception {
    // The virtual outflow breaks the books whatever the faults: every kind the stormy run injected before
    // it must be dropped, and the shrunk run must fail the same invariant at the same block.
    Scenario stormy = Scenario.draw(7, 200);
    Simulation.Hooks outflow = VIRTUAL_OUTFLOW_AT_60;
    SimResult full = Simulation.run(stormy, WorkDir.under(work), outflow);
    assertTrue(full.schedule().stream().anyMatch(f -> f.block() < 60 && f.kind() != FaultKind.QUIET), "faults before block 60");
    java.util.List<String> progress = new java.util.ArrayList<>();
    String report = Shrinker.shrink(stormy, WorkDir.under(work), progress::add, outflow);
    assertTrue(report.startsWith("shrunk: seed 7 fails books-match-chain at block 60 with 0 faults (from "), report);
    assertTrue(report.contains("replay the shrunk run: scripts/sim --seed 7 --blocks 200 --without "), report);
    // The shrunk failure's own replay line names the kinds it had switched off, so it replays that run.
    String shrunkCommand = report.lines().filter(l -> l.startsWith("  replay the shrunk run: ")).findFirst().orElseThrow()
        .substring("  replay the shrunk run: ".length());
    assertTrue(report.contains("  replay: " + shrunkCommand + "\n"), report);
    assertTrue(progress.stream().skip(1).allMatch(l -> l.endsWith(": dropped")), String.join("\n", progress));
  }

  @Test
  void aStoreChangedWithoutTheSimulatorKnowingBreaksDigestsAgree() throws Exception {
    SimResult r = Simulation.run(calm(3), WorkDir.under(work), at(45, (chain, sim) -> sim.tamperUnannounced(1)));
    assertFalse(r.passed());
    Violation v = r.violations().get(0);
    assertEquals(Invariant.DIGESTS_AGREE, v.invariant(), r.failureReport());
    assertTrue(v.detail().startsWith("node1 "), v.detail());
  }
}
