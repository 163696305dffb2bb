package io.hivesafe.engine.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.protocol.AccountUpdateOperation;
import io.hivesafe.hive.protocol.Authority;
import io.hivesafe.hive.rpc.HiveRpcClient;
import io.hivesafe.hive.rpc.RpcConfig;
import io.hivesafe.hive.rpc.Sleeper;
import io.hivesafe.ops.Alarm;
import io.hivesafe.ops.AlarmKind;
import io.hivesafe.ops.MultisigAuthority;
import io.hivesafe.ops.SidechainState;
import io.hivesafe.testkit.traffic.TrafficNetwork;
import io.hivesafe.testkit.traffic.TrafficUser;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shell's authority check on the devnet, with real nodes (the rules one by one are
 * {@link AuthorityRulesTest}): our own rotation is never a mismatch, pending, landing or applied; an
 * account_update signed behind the nodes' backs is the core's alarm and, once applied, no mismatch (the
 * record follows the chain); a recovery account on chain other than the genesis's is a mismatch.
 */
class AuthorityCheckTest {
  @TempDir Path dir;

  private static HiveRpcClient api(NodeCluster c) {
    return new HiveRpcClient(RpcConfig.withEndpoints(List.of(c.devnet.url(0))));
  }

  private static AuthorityCheck check(NodeCluster c, SidechainNode node, HiveRpcClient api, Sleeper pause, LoggedEvents log) {
    return new AuthorityCheck(c.net.network(), node.store(), new RpcAccountChain(api, TrafficNetwork.MULTISIG), pause, log.events);
  }

  @Test
  void ourOwnRotationIsNoMismatchWhilePendingLandingOrApplied() throws Exception {
    TrafficNetwork net = TrafficNetwork.create(3, 5);
    LoggedEvents log = new LoggedEvents();
    try (NodeCluster c = new NodeCluster(net, dir, 5L, b -> b); HiveRpcClient api = api(c)) {
      c.startAll();
      c.stepQuiet(3);
      c.stop(c.node(3));
      c.stop(c.node(4)); // two of five leave: at the tally at 200 the keys rotate to the other three
      while (c.devnet.chain().properties().lastIrreversibleBlockNum() < 196) {
        c.stepQuiet(1);
      }
      SidechainNode node = c.running(c.node(0));
      AuthorityCheck check = check(c, node, api, duration -> c.stepInLockstep(1), log);
      List<AuthorityReport> reports = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        c.stepInLockstep(1); // the nodes' signatures and the round's broadcast reach the API before the next check
        reports.add(check.check().orElseThrow(() -> new AssertionError("not checked: " + log.lines())));
        MultisigAuthority recorded = node.store().read(SidechainState::authority);
        if (recorded.active().keys().size() == 3 && reports.get(reports.size() - 1).block() > recorded.seenBlock() + 3) {
          break;
        }
      }
      MultisigAuthority recorded = node.store().read(SidechainState::authority);
      assertEquals(3, recorded.active().keys().size(), "the rotation was confirmed and applied: " + recorded);
      long explainedByHistory = reports.stream().filter(r -> r.changes() > 0 && r.pendingTransactions() == 0).count();
      long explainedByPending = reports.stream().filter(r -> r.pendingTransactions() > 0).count();
      System.out.printf("authority checks around our rotation (confirmed in block %d): %d, %d with it between the node's block and "
          + "the head, %d with it pending at the API%n", recorded.seenBlock(), reports.size(), explainedByHistory, explainedByPending);
      for (AuthorityReport r : reports) {
        assertTrue(r.matches(), r.toString());
      }
      assertTrue(explainedByHistory >= 1, "a check ran with the rotation after the node's block: " + reports);
      assertTrue(explainedByPending >= 1, "and one with it pending at the API (lockstep: delivered before the check): " + reports);
      assertTrue(reports.get(0).chainActive().keys().size() == 5 && reports.get(reports.size() - 1).chainActive().keys().size() == 3,
          "checked from before it to after it");
      assertEquals(List.of(), log.with("ALARM"));
      assertTrue(node.store().read(r -> SidechainState.alarms(r, 0, 100)).isEmpty(), "our rotation is no alarm of the core either");
    }
  }

  @Test
  void anUpdateSignedBehindTheNodesBacksIsTheCoresAlarmAndOnceAppliedNoMismatch() throws Exception {
    TrafficNetwork net = TrafficNetwork.create(3, 3);
    LoggedEvents log = new LoggedEvents();
    try (NodeCluster c = new NodeCluster(net, dir, 6L, b -> b); HiveRpcClient api = api(c)) {
      c.startAll();
      SidechainNode node = c.running(c.node(0));
      AuthorityCheck background = new AuthorityCheck(net.network(), node.store(), api, log.events);
      node.onCommit(background.atStartAndTallies());
      c.stepQuiet(6);
      c.settle();
      waitFor(() -> background.lastReport().isPresent(), "the check at the node's start");
      assertTrue(background.lastReport().get().matches());
      assertEquals(AuthorityReport.Recovery.NOT_RECORDED, background.lastReport().get().recovery(), "the genesis names none");
      background.close();

      AuthorityCheck check = check(c, node, api, duration -> c.stepQuiet(1), log);
      Authority a = net.network().active();
      Authority lowered = new Authority(1, a.accountAuths(), a.keyAuths());
      c.broadcastSignedBy(List.of(c.node(0).multisigKey(), c.node(1).multisigKey()), new AccountUpdateOperation(TrafficNetwork.MULTISIG,
          Optional.empty(), Optional.of(lowered), Optional.empty(), Optional.empty(), ""));
      AuthorityReport pending = check.check().orElseThrow();
      assertTrue(pending.matches(), pending.toString());
      assertEquals(1, pending.pendingTransactions(), "accepted by the API, in no block yet: " + pending);
      assertEquals(1, pending.chainActive().threshold());
      long landed = c.devnet.chain().headBlockNumber(); // the pause produced the block holding it
      AuthorityReport between = check.check().orElseThrow();
      assertTrue(between.block() < landed && between.head() >= landed, "in the blocks after the node's: " + between);
      assertTrue(between.matches() && between.changes() == 1, between.toString());
      c.stepQuiet(3);
      NodeCluster.awaitBlock(node, c.settle());
      AuthorityReport applied = check.check().orElseThrow();
      assertTrue(applied.matches() && applied.changes() == 0, "the record follows the chain: " + applied);
      assertEquals(1, applied.recorded().active().threshold());
      assertEquals(List.of(), log.with("ALARM"), "no mismatch at any time");
      List<Alarm> alarms = node.store().read(r -> SidechainState.alarms(r, 0, 100));
      assertEquals(List.of(AlarmKind.AUTHORITY_CHANGE), alarms.stream().map(Alarm::kind).toList(), "the core's alarm");
      assertEquals(landed, alarms.get(0).block());
    }
  }

  @Test
  void aRecoveryAccountOnChainOtherThanTheGenesisIsAMismatch() throws Exception {
    TrafficNetwork net = ScriptedChain.withRecovery(TrafficNetwork.create(3, 3), AccountName.of("initminer"));
    LoggedEvents log = new LoggedEvents();
    try (NodeCluster c = new NodeCluster(net, dir, 7L, b -> b); HiveRpcClient api = api(c)) {
      c.startAll();
      c.stepQuiet(5);
      SidechainNode node = c.running(c.node(0));
      NodeCluster.awaitBlock(node, c.settle());
      AuthorityCheck check = check(c, node, api, duration -> c.stepQuiet(1), log);
      AuthorityReport same = check.check().orElseThrow();
      assertEquals(AuthorityReport.Recovery.MATCHES, same.recovery(), same.toString());
      assertTrue(same.matches());

      TrafficUser user = net.users().get(0);
      c.devnet.chain().setRecoveryAccount(TrafficNetwork.MULTISIG, user.name());
      AuthorityReport other = check.check().orElseThrow();
      assertFalse(other.matches());
      assertEquals(AuthorityReport.Recovery.DIFFERS, other.recovery());
      assertTrue(other.ownerMatches() && other.activeMatches());
      assertEquals(user.name().value(), other.chainRecovery());
      assertEquals("initminer", other.recorded().recoveryAccount());
      List<String> alarms = log.with("ALARM");
      assertEquals(1, alarms.size(), log.lines().toString());
      assertTrue(alarms.get(0).contains("ALARM: authority check: the multisig account's recovery account on chain differ(s)")
          && alarms.get(0).contains("recovery account '" + user.name() + "' (recorded 'initminer')"), alarms.get(0));
      assertEquals(Optional.of(other), check.lastReport());
    }
  }

  private static void waitFor(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(10);
    }
  }
}
