package io.hivesafe.engine.node;

import io.hivesafe.engine.CapturedEvents;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.rpc.RcAccount;
import io.hivesafe.hive.rpc.RpcErrorException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The RC reading: mana regenerated to the head block's time, the low rule (transactions and percent),
 * one line per crossing (not per reading), held transactions sent again once the mana covers hived's
 * figure, and the status the API shows.
 */
class RcCheckTest {
  private static final AccountName NODE = AccountName.of("node0");
  private static final AccountName MULTISIG = AccountName.of("hivesafe-ms");
  private static final Instant T0 = Instant.parse("2026-01-01T01:00:00Z");
  private static final long BIG = 1_000_000_000_000_000L;

  /** The chain as a test sets it: the head time and the accounts' RC. */
  private static final class FakeRc implements RcCheck.RcChain {
    Instant head = T0;
    final List<RcAccount> accounts = new ArrayList<>();
    boolean fail;

    void set(AccountName account, long max, long mana, Instant at) {
      accounts.removeIf(a -> a.account().equals(account));
      accounts.add(new RcAccount(account, max, mana, at));
    }

    @Override
    public RcCheck.Snapshot read(List<AccountName> names) throws RpcErrorException {
      if (fail) {
        throw new RpcErrorException("rc_api.find_rc_accounts", -32603, "internal error", null);
      }
      return new RcCheck.Snapshot(head, accounts.stream().filter(a -> names.contains(a.account())).toList());
    }
  }

  @Test
  void theLowRuleIsTenTransactionsOrTenPercent() {
    long node = RcLowRule.threshold(RcRole.NODE, 0);
    assertEquals(10 * RcLowRule.NODE_TRANSACTION, node);
    assertTrue(RcLowRule.isLow(RcRole.NODE, node - 1, 2 * node, 0), "below ten transactions although at 50%");
    assertFalse(RcLowRule.isLow(RcRole.NODE, node, 2 * node, 0));
    assertEquals(10 * 7_000_000_000L, RcLowRule.threshold(RcRole.NODE, 7_000_000_000L), "a larger cost hived named replaces the estimate");
    assertEquals(10 * RcLowRule.MULTISIG_TRANSACTION, RcLowRule.threshold(RcRole.MULTISIG, 0));
    long max = 100 * node;
    assertTrue(RcLowRule.isLow(RcRole.NODE, max / 10 - 1, max, 0), "below 10% although above ten transactions");
    assertFalse(RcLowRule.isLow(RcRole.NODE, max / 10, max, 0));
    assertTrue(RcLowRule.isLow(RcRole.NODE, 0, 0, 0), "no max_rc at all");
  }

  @Test
  void aReadingRegeneratesToTheHeadTimeAndWarnsOncePerCrossing() {
    FakeRc chain = new FakeRc();
    CapturedEvents log = new CapturedEvents();
    RcCheck check = new RcCheck(Optional.of(NODE), MULTISIG, chain, Optional.empty(), log.events);
    long max = 432_000_000_000_000L; // regenerates 10^9 RC a second
    chain.set(NODE, max, 0, T0);
    chain.set(MULTISIG, BIG, BIG, T0);
    chain.head = T0.plusSeconds(5);
    List<RcReading> first = check.check();
    assertEquals(2, first.size());
    RcReading node = check.last(RcRole.NODE).orElseThrow();
    assertEquals(5_000_000_000L, node.mana(), "regenerated to the head block's time, not the wall clock");
    assertTrue(node.low());
    assertEquals(0, node.percent());
    assertFalse(check.last(RcRole.MULTISIG).orElseThrow().low());
    assertEquals(1, log.count("resource credits LOW: node account node0"), log.lines().toString());

    chain.head = T0.plusSeconds(6);
    check.check();
    assertEquals(1, log.count("resource credits LOW"), "not once per reading");

    chain.head = T0.plusSeconds(max / 10 / 1_000_000_000L); // 10% of max: no longer low
    check.check();
    assertFalse(check.last(RcRole.NODE).orElseThrow().low());
    assertEquals(1, log.count("node account node0 is no longer low"), log.lines().toString());
    chain.set(NODE, max, 0, chain.head);
    check.check();
    assertEquals(2, log.count("resource credits LOW: node account node0"), "a second crossing, a second line");
  }

  @Test
  void heldTransactionsAreSentAgainOnceAReadingShowsWhatHivedAskedFor() {
    FakeRc chain = new FakeRc();
    List<String> sent = new ArrayList<>();
    boolean[] out = {true};
    Outbox outbox = Outbox.inline(tx -> {
      if (out[0]) {
        throw OutboxRcTest.rcRefusal("hivesafe-ms", 0, 3_000);
      }
      sent.add(tx.id(io.hivesafe.hive.protocol.WireFormat.HF26).toHex());
    }, new CapturedEvents().events, MULTISIG);
    RcCheck check = new RcCheck(Optional.of(NODE), MULTISIG, chain, Optional.of(outbox), new CapturedEvents().events);
    outbox.send(Duty.broadcast(1), "round 1 (attempt 1)", payout(), T0);
    assertEquals(1, outbox.rcHeld(RcRole.MULTISIG));
    chain.set(NODE, BIG, BIG, T0);
    chain.set(MULTISIG, 432_000_000L, 0, T0); // 1,000 RC a second
    out[0] = false;
    chain.head = T0.plusSeconds(2);
    check.check();
    assertEquals(1, outbox.rcHeld(RcRole.MULTISIG), "2,000 RC: not yet what hived asked for");
    assertEquals(List.of(), sent);
    chain.head = T0.plusSeconds(3);
    check.check();
    assertEquals(0, outbox.rcHeld(RcRole.MULTISIG));
    assertEquals(1, sent.size());
    RcStatus status = check.status().stream().filter(s -> s.role() == RcRole.MULTISIG).findFirst().orElseThrow();
    assertEquals(1, status.refusals());
    assertEquals(0, status.held());
    assertEquals(3_000, status.reading().orElseThrow().mana());
    assertEquals(10 * RcLowRule.MULTISIG_TRANSACTION, status.reading().orElseThrow().threshold());
  }

  @Test
  void aReadingDropsWhatExpiredByItsHeadTimeWhateverTheMana() {
    FakeRc chain = new FakeRc();
    CapturedEvents log = new CapturedEvents();
    Outbox outbox = Outbox.inline(tx -> {
      throw OutboxRcTest.rcRefusal("hivesafe-ms", 0, 3_000);
    }, log.events, MULTISIG);
    RcCheck check = new RcCheck(Optional.of(NODE), MULTISIG, chain, Optional.of(outbox), log.events);
    outbox.send(Duty.broadcast(1), "round 1 (attempt 1)", payout(), T0); // expires T0 + 600
    chain.set(NODE, BIG, BIG, T0);
    chain.set(MULTISIG, 432_000_000_000L, 0, T0);
    chain.head = T0.plusSeconds(599);
    check.check();
    assertEquals(1, outbox.rcHeld(RcRole.MULTISIG), "not expired yet, and too little mana to send it");
    chain.set(MULTISIG, 432_000_000_000L, 0, T0.plusSeconds(600)); // still no mana at the next reading
    chain.head = T0.plusSeconds(600);
    check.check();
    assertEquals(0, outbox.rcHeld(RcRole.MULTISIG), "expired: dropped although the mana is short");
    assertEquals(1, outbox.dropped());
    assertEquals(0, outbox.pending());
    assertEquals(1, log.count("expired at"), log.lines().toString());
  }

  @Test
  void aFollowerReadsOnlyTheMultisigAccountAndAFailedReadingIsOneLine() {
    FakeRc chain = new FakeRc();
    CapturedEvents log = new CapturedEvents();
    RcCheck check = new RcCheck(Optional.empty(), MULTISIG, chain, Optional.empty(), log.events);
    assertEquals(List.of(RcRole.MULTISIG), new ArrayList<>(check.accounts().keySet()));
    chain.fail = true;
    assertEquals(List.of(), check.check());
    assertEquals(1, log.count("resource credits of hivesafe-ms not read: the API failed"), log.lines().toString());
    chain.fail = false;
    assertEquals(List.of(), check.check(), "an account hived does not know is not read");
    assertEquals(1, log.count("does not know the account"));
  }

  private static io.hivesafe.hive.protocol.Transaction payout() {
    io.hivesafe.hive.protocol.Transaction t = io.hivesafe.hive.protocol.Transaction.builder()
        .referenceBlock(io.hivesafe.hive.protocol.BlockId.fromHex("00000064" + "ab".repeat(16))).expiration(T0.plusSeconds(600))
        .operation(new io.hivesafe.hive.protocol.TransferOperation(MULTISIG, AccountName.of("user0"),
            io.hivesafe.hive.protocol.Asset.of(1, io.hivesafe.hive.protocol.AssetSymbol.HIVE), ""))
        .build();
    return t;
  }
}
