package io.hivesafe.engine.node;

import io.hivesafe.engine.ReasonText;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivesafe.engine.NodeEvents;
import io.hivesafe.hive.protocol.Asset;
import io.hivesafe.hive.protocol.AssetSymbol;
import io.hivesafe.hive.protocol.CustomJsonOperation;
import io.hivesafe.hive.protocol.TransferOperation;
import io.hivesafe.hive.rpc.HiveRpcClient;
import io.hivesafe.hive.rpc.RpcConfig;
import io.hivesafe.hive.rpc.Sleeper;
import io.hivesafe.ops.FeedEntry;
import io.hivesafe.ops.MultisigBooks;
import io.hivesafe.ops.SidechainState;
import io.hivesafe.testkit.traffic.TrafficNetwork;
import io.hivesafe.testkit.traffic.TrafficUser;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shell's custody check on the devnet, with real nodes following it (the rules one by one, against a
 * scripted API, are {@link CustodyRulesTest}). The devnet, like hived, includes transactions accepted but
 * not yet in a block in find_accounts' balances, and puts them into the next block in arrival order.
 *
 * <p>The checks here run on the test's thread; while one waits for blocks after its head (to see what
 * was pending), its pause produces the next block with traffic, as a live chain would meanwhile.
 */
class CustodyCheckTest {
  @TempDir Path dir;

  private static long onChain(NodeCluster c, AssetSymbol symbol) {
    return c.devnet.chain().account(TrafficNetwork.MULTISIG).orElseThrow().balance(symbol).amount();
  }

  private static HiveRpcClient api(NodeCluster c) {
    return new HiveRpcClient(RpcConfig.withEndpoints(List.of(c.devnet.url(0))));
  }

  /**
   * Deposits of 1 to 41 HIVE or HBD, to the milli-unit (at least 1.000, so no sum of them is ever a 0.777 HIVE
   * outflow), and now and then a withdrawal.
   */
  private static final class Deposits {
    private final NodeCluster c;
    private final SplittableRandom random;
    private final List<TrafficUser> users;
    int broadcast;
    int withdrawals;

    Deposits(NodeCluster c, long seed) {
      this.c = c;
      this.random = new SplittableRandom(seed);
      this.users = c.net.users();
    }

    /** One or two deposits into the multisig account; every eighth time also a withdrawal. */
    void next() {
      for (int i = 1 + random.nextInt(2); i > 0; i--) {
        TrafficUser user = users.get(random.nextInt(users.size()));
        AssetSymbol asset = random.nextInt(3) == 0 ? AssetSymbol.HBD : AssetSymbol.HIVE;
        c.broadcast(user, new TransferOperation(user.name(), TrafficNetwork.MULTISIG, Asset.of(1_000L * (1 + random.nextInt(40)) + random.nextInt(1_000), asset),
            "deposit " + broadcast)); // the count keeps two equal deposits in one block apart (ids differ)
        broadcast++;
      }
      if (random.nextInt(8) == 0) {
        TrafficUser user = users.get(random.nextInt(users.size()));
        c.broadcast(user, new CustomJsonOperation(List.of(user.name()), List.of(), TrafficNetwork.PREFIX + "withdraw",
            "{\"amount\":" + 1_000 * (1 + random.nextInt(3)) + ",\"asset\":\"HIVE\",\"memo\":\"out " + withdrawals + "\"}"));
        withdrawals++;
      }
    }

    /** The checks' pause: the next block comes, with more deposits broadcast after it (pending again). */
    Sleeper nextBlock() {
      return duration -> {
        c.stepQuiet(1);
        next();
      };
    }
  }

  /**
   * (a) As an operator runs it, but harder: deposits are broadcast in every block for 330 blocks (with
   * withdrawals paid by the nodes' rounds at the tallies), and the check runs every third block, each
   * time with the block's deposits still pending at the API (in its balance, in no block yet). No check
   * may find a difference, and none may be skipped. On seed 31: 108 checks, all 108 with pending
   * transactions in the API's balance, allowed for (pending_transactions ≥ 1), all 108 with deposits in
   * the blocks between the node's block and the head; 490 deposits and 45 withdrawals broadcast, 3 rounds
   * confirmed (85.000 HIVE paid) during the run; 0 differences. The old check (the balance at the head
   * against the books plus the transfers in the blocks between) would have found a difference at each
   * of the 108: its difference is exactly what was pending.
   */
  @Test
  void depositsInEveryBlockGiveNoDifferenceAtAnyCheck_seed31() throws Exception {
    TrafficNetwork net = TrafficNetwork.create(6, 3);
    LoggedEvents log = new LoggedEvents();
    try (NodeCluster c = new NodeCluster(net, dir, 31L, b -> b); HiveRpcClient api = api(c)) {
      c.startAll();
      c.stepQuiet(3);
      c.settle();
      SidechainNode node = c.running(c.node(0));
      Deposits deposits = new Deposits(c, 31L);
      CustodyCheck check = new CustodyCheck(net.network(), node.store(), new RpcAccountChain(api, TrafficNetwork.MULTISIG),
          deposits.nextBlock(), log.events);
      List<CustodyReport> reports = new ArrayList<>();
      int checks = 0;
      while (c.devnet.chain().headBlockNumber() < 330) {
        deposits.next(); // pending at the API until the next block
        if (c.devnet.chain().headBlockNumber() % 3 == 0) {
          checks++;
          check.check().ifPresent(reports::add);
        }
        c.stepQuiet(1);
      }
      c.settle();
      long withPending = reports.stream().filter(r -> r.pendingTransactions() > 0).count();
      long withHistoryAfter = reports.stream().filter(r -> r.afterHive() != 0 || r.afterHbd() != 0).count();
      MultisigBooks books = node.store().read(SidechainState::multisigBooks);
      System.out.printf("custody checks: %d made, %d reports, %d with pending transactions allowed for, %d with deposits between "
          + "the node's block and the head; %d deposits, %d withdrawals broadcast, %d rounds confirmed, %d milli-HIVE paid%n", checks,
          reports.size(), withPending, withHistoryAfter, deposits.broadcast, deposits.withdrawals, books.confirmed(), books.paidHive());

      assertTrue(checks >= 100, "checked every third block: " + checks);
      assertEquals(checks, reports.size(), "no check was skipped: " + log.with("not checked"));
      for (CustodyReport r : reports) {
        assertTrue(r.matches(), r.toString());
        assertTrue(r.head() > r.block(), "checked with blocks between the node's block and the head: " + r);
      }
      assertEquals(List.of(), log.with("ALARM"));
      assertEquals(List.of(), log.with("more than the books"));
      assertEquals(checks, withPending, "each check saw our deposits pending at the API and allowed for them");
      assertEquals(checks, reports.stream().filter(r -> r.chainHive() - r.booksHive() - r.afterHive() != 0
          || r.chainHbd() - r.booksHbd() - r.afterHbd() != 0).count(), "what the old check would have called a difference");
      assertTrue(withHistoryAfter >= checks * 9 / 10, "and deposits in the blocks after the node's: " + withHistoryAfter);
      assertTrue(books.confirmed() >= 2 && books.paidHive() > 0, "the nodes paid withdrawals during the checks: " + books);
      assertEquals(List.of(), node.store().read(r -> SidechainState.feed(r, 1, 1_000_000)).stream()
          .filter(f -> f.kind().equals("alarm")).toList());
    }
  }

  /**
   * (b) An outflow that no block's transactions show (a recurrent transfer's execution, a virtual
   * operation: the core cannot see it) is reported by the first check whose block is at or past the block
   * it happened in, with the exact amount, as an ALARM; every check before matches (the outflow is then
   * still in the history after the check's block). A virtual payment into the account is a surplus,
   * reported apart, never an ALARM. Deposits are pending at every check.
   */
  @Test
  void anOutflowNoBlockShowsIsReportedAtTheFirstCheckPastItWithTheExactAmount() throws Exception {
    TrafficNetwork net = TrafficNetwork.create(4, 3);
    LoggedEvents log = new LoggedEvents();
    try (NodeCluster c = new NodeCluster(net, dir, 32L, b -> b); HiveRpcClient api = api(c)) {
      c.startAll();
      c.stepQuiet(3);
      SidechainNode node = c.running(c.node(0));
      Deposits deposits = new Deposits(c, 32L);
      CustodyCheck check = new CustodyCheck(net.network(), node.store(), new RpcAccountChain(api, TrafficNetwork.MULTISIG),
          deposits.nextBlock(), log.events);
      TrafficUser user = net.users().get(3);
      long outflowBlock = 0;
      long paymentBlock = 0;
      List<CustodyReport> reports = new ArrayList<>();
      List<Long> started = new ArrayList<>(); // the node's block when each check started
      while (c.devnet.chain().headBlockNumber() < 60) {
        long head = c.devnet.chain().headBlockNumber();
        if (head >= 20 && outflowBlock == 0) {
          c.devnet.chain().virtualTransfer(TrafficNetwork.MULTISIG, user.name(), Asset.of(777, AssetSymbol.HIVE));
          outflowBlock = head + 1;
        }
        if (head >= 40 && paymentBlock == 0) {
          c.devnet.chain().virtualTransfer(user.name(), TrafficNetwork.MULTISIG, Asset.of(555, AssetSymbol.HBD));
          paymentBlock = head + 1;
        }
        deposits.next();
        if (head % 2 == 0) {
          started.add(c.settle()); // the node's block is the irreversible one, two behind the head
          reports.add(check.check().orElseThrow(() -> new AssertionError("not checked: " + log.with("not checked"))));
        }
        c.stepQuiet(1);
      }
      long before = outflowBlock;
      System.out.printf("outflow in block %d; checks started at %s; readings per report: %s%n", before, started,
          reports.stream().map(r -> r.block() + ":" + r.readings()).toList());
      assertTrue(reports.stream().filter(r -> r.block() < before).allMatch(CustodyReport::matches), reports.toString());
      assertTrue(reports.stream().filter(r -> r.block() >= before).allMatch(r -> r.differenceHive() == -777), reports.toString());
      assertTrue(reports.stream().anyMatch(r -> r.block() < before && r.head() >= before),
          "a check ran while the outflow was between its block and the head (and matched)");
      // A check reads afresh until its readings agree, so its report's block may be later than the one it started at.
      int firstPast = 0;
      while (started.get(firstPast) < before) {
        firstPast++;
      }
      assertTrue(started.get(firstPast) < before + 4, "checks every other block: " + started);
      assertTrue(reports.subList(0, firstPast).stream().allMatch(r -> r.block() < before || r.differenceHive() == -777),
          "a check started before it either matched before it or found it exactly: " + reports);
      CustodyReport first = reports.get(firstPast);
      assertEquals(-777, first.differenceHive(), first.toString());
      assertEquals(777, first.shortfallHive());
      assertEquals(0, first.differenceHbd());
      List<String> alarms = log.with("ALARM");
      CustodyReport firstReported = reports.stream().filter(r -> r.block() >= before).findFirst().orElseThrow();
      assertEquals("ERROR block " + firstReported.block() + ": ALARM: custody check: the multisig account held 777 milli-HIVE and 0 "
          + "milli-HBD less than the books say", alarms.get(0).substring(0, alarms.get(0).indexOf(" after this block")));
      long pay = paymentBlock;
      CustodyReport paid = reports.stream().filter(r -> r.block() >= pay).findFirst().orElseThrow();
      assertEquals(-777, paid.differenceHive(), "the shortfall stays: " + paid);
      assertEquals(555, paid.surplusHbd(), paid.toString());
      assertEquals(reports.stream().filter(r -> r.block() >= before).count(), alarms.size(), "one ALARM line per check past it");
      assertTrue(alarms.stream().noneMatch(l -> l.contains("more than")), "the surplus is not an alarm");
      assertEquals(reports.stream().filter(r -> r.block() >= pay).count(),
          log.with("WARN").stream().filter(l -> l.contains("0 milli-HIVE and 555 milli-HBD more than the books say")).count());
      assertEquals(List.of(), node.store().read(r -> SidechainState.feed(r, 1, 1_000_000)).stream()
          .filter(f -> f.kind().equals("alarm")).toList(), "no block shows it: the core raised nothing");
    }
  }

  /**
   * (c) A transfer out that two signer keys sign behind the nodes' backs is in a block: the core raises
   * its alarm and books it as an unexplained outflow, so the books and the chain agree and the custody
   * check finds no difference. The node runs the check itself after the tally (in the background), which
   * then reports a virtual outflow of 0.300 HIVE from before it.
   */
  @Test
  void visibleTheftIsBookedByTheCoreSoTheBooksAndTheChainAgree() throws Exception {
    TrafficNetwork net = TrafficNetwork.create(3, 3);
    try (NodeCluster c = new NodeCluster(net, dir, 3L, b -> b); HiveRpcClient api = api(c)) {
      c.startAll();
      TrafficUser user = net.users().get(0);
      c.broadcast(user, new TransferOperation(user.name(), TrafficNetwork.MULTISIG, Asset.of(12_000, AssetSymbol.HIVE), ""));
      c.broadcast(user, new TransferOperation(user.name(), TrafficNetwork.MULTISIG, Asset.of(3_000, AssetSymbol.HBD), ""));
      c.stepQuiet(30);
      SidechainNode node = c.running(c.node(0));
      NodeCluster.awaitBlock(node, c.settle());
      c.broadcast(user, new TransferOperation(user.name(), TrafficNetwork.MULTISIG, Asset.of(5_000, AssetSymbol.HIVE), ""));
      c.devnet.chain().produceBlock(); // a deposit in a block the node has not committed yet
      c.settle();
      CustodyCheck check = new CustodyCheck(net.network(), node.store(), api, new NodeEvents());
      CustodyReport r = check.check().orElseThrow();
      assertTrue(r.head() > r.block(), "uncommitted blocks between: " + r);
      assertEquals(5_000, r.afterHive(), "the uncommitted deposit is in the history after the node's block");
      assertEquals(TrafficNetwork.TREASURY + 12_000, r.booksHive());
      assertEquals(TrafficNetwork.TREASURY + 3_000, r.booksHbd());
      assertEquals(onChain(c, AssetSymbol.HIVE), r.chainHive());
      assertTrue(r.matches(), r.toString());
      assertEquals(Optional.of(r), check.lastReport());

      c.broadcastSignedBy(List.of(c.node(0).multisigKey(), c.node(1).multisigKey()),
          new TransferOperation(TrafficNetwork.MULTISIG, user.name(), Asset.of(700, AssetSymbol.HIVE), "not ours"));
      // In the background, as the node runs it; while it waits for blocks after its head, the chain moves on.
      CustodyCheck background = new CustodyCheck(net.network(), node.store(), new RpcAccountChain(api, TrafficNetwork.MULTISIG),
          duration -> c.devnet.chain().produceBlock(), new NodeEvents());
      node.onCommit(background.afterTallies());
      c.stepQuiet(2);
      c.devnet.chain().virtualTransfer(TrafficNetwork.MULTISIG, user.name(), Asset.of(300, AssetSymbol.HIVE));
      c.stepQuiet(78);
      NodeCluster.awaitBlock(node, c.settle());
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (background.lastReport().isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      CustodyReport tallied = background.lastReport().orElseThrow(() -> new AssertionError("no check after the tally"));
      assertEquals(100, tallied.block() - tallied.block() % 100, "checked after the tally block: " + tallied);
      assertEquals(-300, tallied.differenceHive(), tallied.toString());
      background.close();
      CustodyCheck stepping = new CustodyCheck(net.network(), node.store(), new RpcAccountChain(api, TrafficNetwork.MULTISIG),
          duration -> c.stepQuiet(1), new NodeEvents());
      CustodyReport after = stepping.check().orElseThrow();
      assertFalse(after.matches());
      assertEquals(-300, after.differenceHive(), "only what no operation in the stream explains: " + after);
      assertEquals(TrafficNetwork.TREASURY + 12_000 + 5_000 - 700, after.booksHive(), "the books hold the unexplained outflow");
      assertEquals(0, after.differenceHbd());
      List<FeedEntry> alarms = node.store().read(r2 -> SidechainState.feed(r2, 1, 100_000)).stream()
          .filter(f -> f.kind().equals("alarm")).toList();
      assertEquals(1, alarms.size(), "the core saw the same transfer: " + alarms);
      assertTrue(ReasonText.render(alarms.get(0).reason()).contains("a transfer of 700 HIVE to " + user.name()), String.valueOf(alarms.get(0).reason()));
      assertEquals(700, node.store().read(SidechainState::multisigBooks).unexplainedHive());
      check.close();
    }
  }

  @Test
  void aDeadApiIsReportedAndChangesNothing() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    TrafficNetwork net = TrafficNetwork.create(2, 1);
    LoggedEvents log = new LoggedEvents();
    try (NodeCluster c = new NodeCluster(net, dir, 4L, b -> b);
        HiveRpcClient dead = new HiveRpcClient(new RpcConfig(List.of(URI.create("http://127.0.0.1:" + port)),
            Duration.ofMillis(500), 1, Duration.ZERO, Duration.ZERO))) {
      c.startAll();
      c.stepQuiet(5);
      SidechainNode node = c.running(c.node(0));
      NodeCluster.awaitBlock(node, c.settle());
      String before = node.store().digest().hex();
      CustodyCheck check = new CustodyCheck(net.network(), node.store(), dead, log.events);
      assertEquals(Optional.empty(), check.check());
      assertEquals(Optional.empty(), check.lastReport());
      assertEquals(before, node.store().digest().hex());
      assertEquals(1, log.with("WARN block " + node.lastBlock() + ": custody not checked: the API failed: ").size(), log.lines().toString());
      check.close();
    }
  }
}
