package io.hivesafe.engine.node;

import static io.hivesafe.engine.node.ScriptedChain.deposit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivesafe.state.StateStore;
import io.hivesafe.testkit.traffic.TrafficNetwork;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The custody check's rules against a scripted API (the devnet scenarios are in {@link CustodyCheckTest}):
 * the node has committed block 1, so the books hold the genesis treasury; the script says what the API
 * answers and what each pause (a block landing) changes. Each test would fail without the rule it names.
 */
class CustodyRulesTest {
  private static final long T = TrafficNetwork.TREASURY;
  private static final TrafficNetwork NET = TrafficNetwork.create(2, 3);

  @TempDir Path dir;
  private StateStore store;
  private final LoggedEvents log = new LoggedEvents();

  @BeforeEach
  void open() {
    store = ScriptedChain.nodeStore(NET, dir);
  }

  @AfterEach
  void close() {
    store.close();
  }

  private Optional<CustodyReport> check(ScriptedChain chain) {
    try (CustodyCheck check = new CustodyCheck(NET.network(), store, chain, chain.pause(), log.events)) {
      return check.check();
    }
  }

  private static void blocks(ScriptedChain chain, int count) {
    for (int i = 0; i < count; i++) {
      chain.steps.add(() -> chain.head++);
    }
  }

  @Test
  void theHistoryAfterTheNodesBlockIsTakenOutAndNothingPendingMeansNoWait() {
    ScriptedChain chain = new ScriptedChain(NET, 3).tx(2, 0, deposit(2_000)).tx(3, 0, ScriptedChain.payout(500));
    chain.hive = T + 1_500;
    CustodyReport r = check(chain).orElseThrow();
    assertTrue(r.matches(), r.toString());
    assertEquals(1_500, r.afterHive(), "the deposit and the payout after block 1");
    assertEquals(0, chain.pauses, "no difference: no wait for pending transactions");
    assertEquals(List.of(), log.with("ALARM"));
  }

  @Test
  void aDifferenceThatTheFirstTransactionsAfterTheHeadExplainIsPending() {
    ScriptedChain chain = new ScriptedChain(NET, 3).tx(2, 0, deposit(2_000));
    chain.hive = T + 2_000 + 5_000; // a deposit of 5,000 pending at the API
    chain.steps.add(() -> {
      chain.head = 4;
      chain.tx(4, 0, deposit(5_000)).tx(4, 1, deposit(7_000)); // the 7,000 arrived after the reading
      chain.hive += 7_000;
    });
    CustodyReport r = check(chain).orElseThrow();
    assertTrue(r.matches(), r.toString());
    assertEquals(1, r.pendingTransactions());
    assertEquals(5_000, r.pendingHive());
    assertEquals(1, r.readings());
    assertEquals(1, chain.pauses, "explained as soon as the block came");
  }

  @Test
  void onlyAPrefixOfTheTransactionsAfterTheHeadCanBePending() {
    // The API holds 7,000 more than its history explains; the next block holds a 5,000 deposit, then a 7,000 one.
    // Pending transactions land in arrival order, so the 7,000 cannot have been pending without the 5,000: a surplus.
    ScriptedChain chain = new ScriptedChain(NET, 3);
    chain.hive = T + 7_000;
    chain.steps.add(() -> {
      chain.head = 4;
      chain.tx(4, 0, deposit(5_000)).tx(4, 1, deposit(7_000));
      chain.hive += 12_000;
    });
    blocks(chain, 5);
    CustodyReport r = check(chain).orElseThrow();
    assertEquals(7_000, r.differenceHive(), r.toString());
    assertEquals(7_000, r.surplusHive());
    assertEquals(0, r.shortfallHbd() + r.shortfallHive());
    assertEquals(2, r.readings(), "reported when a second reading agrees");
    assertEquals(0, r.pendingTransactions());
    assertEquals(1, log.with("WARN").stream().filter(l -> l.contains("7000 milli-HIVE and 0 milli-HBD more than the books")).count(),
        log.lines().toString());
    assertEquals(List.of(), log.with("ALARM"), "a surplus is not an alarm");
  }

  @Test
  void oneReadingThatNothingExplainsIsNotReported() {
    ScriptedChain chain = new ScriptedChain(NET, 3);
    chain.hive = T - 300; // the API answers wrong once (a fork, a node that lost a block)
    blocks(chain, 2);
    chain.steps.add(() -> {
      chain.head++;
      chain.hive = T;
    });
    CustodyReport r = check(chain).orElseThrow();
    assertTrue(r.matches(), r.toString());
    assertEquals(2, r.readings());
    assertEquals(List.of(), log.with("ALARM"));
  }

  @Test
  void readingsThatDisagreeAreReadAgainAndAShortfallIsAnAlarmApartFromASurplus() {
    ScriptedChain chain = new ScriptedChain(NET, 3);
    chain.hive = T - 300;
    chain.hbd = T + 100; // a gift of 0.100 HBD, all along
    blocks(chain, 2);
    chain.steps.add(() -> {
      chain.head++;
      chain.hive = T - 500; // something else took 200 more meanwhile
    });
    blocks(chain, 6);
    CustodyReport r = check(chain).orElseThrow();
    assertEquals(3, r.readings(), "-300 and -500 share nothing: a third reading settles on -500");
    assertEquals(-500, r.differenceHive());
    assertEquals(500, r.shortfallHive());
    assertEquals(100, r.surplusHbd());
    assertTrue(r.shortfall() && r.surplus() && !r.matches());
    List<String> alarms = log.with("ALARM");
    assertEquals(1, alarms.size(), log.lines().toString());
    assertTrue(alarms.get(0).startsWith("ERROR block 1: ALARM: custody check: the multisig account held 500 milli-HIVE and 0 "
        + "milli-HBD less than the books say"), alarms.get(0));
    assertEquals(1, log.with("WARN block 1: custody check: the multisig account held 0 milli-HIVE and 100 milli-HBD more").size());
  }

  @Test
  void aBlocksOwnVirtualOperationIsNeverPending() throws Exception {
    // 0.300 HIVE short, and the next block executes a recurrent transfer of 0.300 out: that happens when the block
    // is applied, so it cannot have been in the balance read before it. The shortfall stands (and the outflow after
    // the head is another one, which later checks take in).
    ScriptedChain chain = new ScriptedChain(NET, 3);
    chain.hive = T - 300;
    io.hivesafe.hive.protocol.Operation fill = io.hivesafe.hive.json.OperationJson.read(new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree("{\"type\":\"fill_recurrent_transfer_operation\",\"value\":{\"from\":\"hivesafe-ms\",\"to\":\"user0\","
            + "\"amount\":{\"amount\":\"300\",\"precision\":3,\"nai\":\"@@000000021\"},\"memo\":\"\","
            + "\"remaining_executions\":0,\"extensions\":[]}}"));
    chain.steps.add(() -> {
      chain.head = 4;
      chain.history.add(new io.hivesafe.hive.rpc.AccountHistoryEntry(chain.history.size(), 4,
          io.hivesafe.hive.rpc.AccountHistoryEntry.NULL_TRX_ID, -1, 1, true, java.time.Instant.parse("2026-01-01T00:00:12Z"), fill));
      chain.hive -= 300;
    });
    blocks(chain, 5);
    CustodyReport r = check(chain).orElseThrow();
    assertEquals(-300, r.differenceHive(), r.toString());
    assertEquals(2, r.readings());
  }

  @Test
  void theScheduleChecksAtItsBlocksOnlyWhileTheConditionHolds() throws Exception {
    ScriptedChain chain = new ScriptedChain(NET, 3);
    java.util.concurrent.atomic.AtomicBoolean live = new java.util.concurrent.atomic.AtomicBoolean(false);
    try (CustodyCheck check = new CustodyCheck(NET.network(), store, chain, chain.pause(), log.events).onlyWhen(live::get)) {
      assertTrue(!check.dueAfter(5, 5) && !check.dueAfter(10, 5), "not while the node catches up");
      live.set(true);
      assertTrue(check.dueAfter(5, 5) && check.dueAfter(10, 5) && !check.dueAfter(7, 5) && !check.dueAfter(11, 5));
      check.every(5).committed(10, outcome(10));
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (check.lastReport().isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertTrue(check.lastReport().isPresent(), "checked in the background after block 10");
    }
  }

  static io.hivesafe.ops.BlockOutcome outcome(long block) {
    return new io.hivesafe.ops.BlockOutcome(block, 0, 0, 0, Optional.empty(), List.of());
  }

  @Test
  void aHeadThatMovesDuringAReadingIsReadAgain() {
    ScriptedChain chain = new ScriptedChain(NET, 3);
    chain.headOnce = 2L; // block 3 lands between the two asks for the head
    CustodyReport r = check(chain).orElseThrow();
    assertTrue(r.matches());
    assertEquals(3, r.head());
    assertEquals(4, chain.headCalls, "two asks for the first reading, two for the second");
  }

  @Test
  void aChainThatStopsWhileADifferenceWaitsIsNotChecked() {
    ScriptedChain chain = new ScriptedChain(NET, 3);
    chain.hive = T + 5_000;
    assertEquals(Optional.empty(), check(chain));
    assertEquals(ChainReadings.MAX_POLLS, chain.pauses);
    assertEquals(1, log.with("custody not checked: the chain did not move 3 blocks past 3 while a difference of 5000 milli-HIVE")
        .size(), log.lines().toString());
  }

  @Test
  void aNodeThatCommittedNothingIsNotChecked() throws Exception {
    try (StateStore empty = StateStore.open(io.hivesafe.state.StateConfig.of(dir.resolve("empty")));
        CustodyCheck check = new CustodyCheck(NET.network(), empty, new ScriptedChain(NET, 3), d -> { }, log.events)) {
      assertEquals(Optional.empty(), check.check());
    }
    assertEquals(1, log.with("custody not checked: nothing committed yet").size(), log.lines().toString());
  }

  @Test
  void anApiBehindTheNodeOrANodeFarBehindIsNotChecked() {
    assertEquals(Optional.empty(), check(new ScriptedChain(NET, 0)));
    assertEquals(Optional.empty(), check(new ScriptedChain(NET, 1 + ChainReadings.MAX_BLOCKS_BEHIND + 1)));
    assertEquals(1, log.with("custody not checked: the API's head 0 is behind this node").size(), log.lines().toString());
    assertEquals(1, log.with("custody not checked: this node is 301 blocks behind the head").size(), log.lines().toString());
  }
}
