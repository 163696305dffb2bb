package io.hivesafe.engine.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hivesafe.hive.json.OperationJson;
import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.protocol.AccountUpdateOperation;
import io.hivesafe.hive.protocol.Authority;
import io.hivesafe.hive.protocol.Operation;
import io.hivesafe.state.StateStore;
import io.hivesafe.testkit.traffic.TrafficNetwork;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The authority check's rules against a scripted API (the devnet scenarios are in
 * {@link AuthorityCheckTest}): the node has committed block 1, so the record is the genesis's authority;
 * the script changes what the chain shows. Each test would fail without the rule it names.
 */
class AuthorityRulesTest {
  private static final TrafficNetwork NET = TrafficNetwork.create(2, 3);
  private static final AccountName INITMINER = AccountName.of("initminer");

  @TempDir Path dir;
  private final LoggedEvents log = new LoggedEvents();

  private Optional<AuthorityReport> check(TrafficNetwork net, ScriptedChain chain) {
    try (StateStore store = ScriptedChain.nodeStore(net, dir.resolve("n" + System.nanoTime()));
        AuthorityCheck check = new AuthorityCheck(net.network(), store, chain, chain.pause(), log.events)) {
      return check.check();
    }
  }

  /** The genesis's active authority with a threshold of 1 (of its 3 keys). */
  private static Authority lowered() {
    Authority a = NET.network().active();
    return new Authority(1, a.accountAuths(), a.keyAuths());
  }

  private static AccountUpdateOperation setActive(Authority active) {
    return new AccountUpdateOperation(ScriptedChain.MS, Optional.empty(), Optional.of(active), Optional.empty(), Optional.empty(),
        "");
  }

  private static void blocks(ScriptedChain chain, int count) {
    for (int i = 0; i < count; i++) {
      chain.steps.add(() -> chain.head++);
    }
  }

  @Test
  void theChainAsRecordedMatchesAndAnUnnamedRecoveryAccountIsNotRecorded() {
    ScriptedChain chain = new ScriptedChain(NET, 3);
    chain.recovery = Optional.of(INITMINER);
    AuthorityReport r = check(NET, chain).orElseThrow();
    assertTrue(r.matches());
    assertEquals(AuthorityReport.Recovery.NOT_RECORDED, r.recovery(), "the genesis names none: nothing to compare");
    assertEquals("initminer", r.chainRecovery());
    assertEquals(0, chain.pauses);
    assertEquals(1, log.with("recovery account not recorded (the genesis names none; the chain says 'initminer')").size(),
        log.lines().toString());
  }

  @Test
  void aNodeThatCommittedNothingIsNotChecked() throws Exception {
    try (StateStore empty = StateStore.open(io.hivesafe.state.StateConfig.of(dir.resolve("empty")));
        AuthorityCheck check = new AuthorityCheck(NET.network(), empty, new ScriptedChain(NET, 3), d -> { }, log.events)) {
      assertEquals(Optional.empty(), check.check());
    }
    assertEquals(1, log.with("authority not checked: nothing committed yet").size(), log.lines().toString());
  }

  @Test
  void anUpdateInTheHistoryAfterTheNodesBlockExplainsTheChain() {
    ScriptedChain chain = new ScriptedChain(NET, 3).tx(2, 0, setActive(lowered()));
    chain.active = lowered();
    AuthorityReport r = check(NET, chain).orElseThrow();
    assertTrue(r.matches(), r.toString());
    assertEquals(1, r.changes());
    assertEquals(0, chain.pauses);
    assertEquals(NET.network().active().weightThreshold(), r.recorded().active().threshold(),
        "the record is still the genesis's: the node is at block 1");
  }

  @Test
  void aPendingUpdateIsExplainedByAPrefixOfTheNextBlock() {
    ScriptedChain chain = new ScriptedChain(NET, 3);
    chain.active = lowered(); // our rotation, accepted by the API, in no block yet
    chain.steps.add(() -> {
      chain.head = 4;
      chain.tx(4, 0, ScriptedChain.deposit(1_000)).tx(4, 1, setActive(lowered()));
    });
    AuthorityReport r = check(NET, chain).orElseThrow();
    assertTrue(r.matches(), r.toString());
    assertEquals(2, r.pendingTransactions());
    assertEquals(1, r.changes());
  }

  @Test
  void aMismatchIsReportedWhenTwoReadingsLeaveItUnexplained() {
    ScriptedChain chain = new ScriptedChain(NET, 3);
    chain.active = lowered(); // changed, and no block ever shows how
    blocks(chain, 6);
    AuthorityReport r = check(NET, chain).orElseThrow();
    assertFalse(r.matches());
    assertTrue(r.ownerMatches());
    assertFalse(r.activeMatches());
    assertEquals("active", r.differing());
    assertEquals(2, r.readings());
    List<String> alarms = log.with("ALARM");
    assertEquals(1, alarms.size(), log.lines().toString());
    assertTrue(alarms.get(0).startsWith("ERROR block 1: ALARM: authority check: the multisig account's active on chain differ(s)"),
        alarms.get(0));
  }

  @Test
  void oneUnexplainedReadingIsNotReported() {
    ScriptedChain chain = new ScriptedChain(NET, 3);
    chain.active = lowered(); // an API node that answered wrong once
    blocks(chain, 2);
    chain.steps.add(() -> {
      chain.head++;
      chain.active = NET.network().active();
    });
    AuthorityReport r = check(NET, chain).orElseThrow();
    assertTrue(r.matches(), r.toString());
    assertEquals(2, r.readings());
    assertEquals(List.of(), log.with("ALARM"));
  }

  @Test
  void theScheduleChecksAtTheFirstLiveBlockThenAfterTalliesOnly() throws Exception {
    ScriptedChain chain = new ScriptedChain(NET, 150);
    java.util.concurrent.atomic.AtomicBoolean live = new java.util.concurrent.atomic.AtomicBoolean(false);
    try (StateStore store = ScriptedChain.nodeStore(NET, dir.resolve("schedule"));
        AuthorityCheck check = new AuthorityCheck(NET.network(), store, chain, chain.pause(), log.events).onlyWhen(live::get)) {
      assertFalse(check.dueAfter(100), "not while the node catches up, not even at a tally");
      live.set(true);
      assertTrue(check.dueAfter(101), "the first block while live: the node's start");
      check.atStartAndTallies().committed(101, CustodyRulesTest.outcome(101));
      assertFalse(check.dueAfter(102));
      assertFalse(check.dueAfter(199));
      assertTrue(check.dueAfter(200));
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (check.lastReport().isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertTrue(check.lastReport().isPresent(), "checked in the background at the start");
    }
  }

  @Test
  void aRecordedRecoveryAccountMustBeTheChainsUnlessItsChangeIsInTheHistory() throws Exception {
    TrafficNetwork named = ScriptedChain.withRecovery(NET, INITMINER);
    ScriptedChain same = new ScriptedChain(named, 3);
    same.recovery = Optional.of(INITMINER);
    assertEquals(AuthorityReport.Recovery.MATCHES, check(named, same).orElseThrow().recovery());

    ScriptedChain other = new ScriptedChain(named, 3);
    other.recovery = Optional.of(ScriptedChain.USER);
    blocks(other, 6);
    AuthorityReport r = check(named, other).orElseThrow();
    assertEquals(AuthorityReport.Recovery.DIFFERS, r.recovery());
    assertFalse(r.matches());
    assertEquals("recovery account", r.differing());
    assertEquals(1, log.with("recovery account 'user0' (recorded 'initminer')").size(), log.lines().toString());

    // hived's change_recovery_account takes effect 30 days later, as this virtual operation
    Operation changed = OperationJson.read(new ObjectMapper().readTree("{\"type\":\"changed_recovery_account_operation\","
        + "\"value\":{\"account\":\"hivesafe-ms\",\"old_recovery_account\":\"initminer\",\"new_recovery_account\":\"user0\"}}"));
    ScriptedChain changing = new ScriptedChain(named, 3).tx(2, 0, changed);
    changing.recovery = Optional.of(ScriptedChain.USER);
    AuthorityReport explained = check(named, changing).orElseThrow();
    assertTrue(explained.matches(), "the change is after the node's block: " + explained);
    assertEquals(1, explained.changes());
  }
}
