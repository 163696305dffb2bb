package io.hivesafe.engine.node;

import io.hivesafe.engine.CapturedEvents;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivesafe.hive.crypto.PrivateKey;
import io.hivesafe.hive.crypto.Secp256k1Signatures;
import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.protocol.Asset;
import io.hivesafe.hive.protocol.AssetSymbol;
import io.hivesafe.hive.protocol.BlockId;
import io.hivesafe.hive.protocol.ChainId;
import io.hivesafe.hive.protocol.CustomJsonOperation;
import io.hivesafe.hive.protocol.Operation;
import io.hivesafe.hive.protocol.Transaction;
import io.hivesafe.hive.protocol.TransferOperation;
import io.hivesafe.hive.protocol.WireFormat;
import io.hivesafe.hive.rpc.RpcErrorException;
import io.hivesafe.hive.rpc.RpcException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * The outbox and resource credits: an RC refusal is told apart from other refusals, logged once per
 * cause, counted per role, held (not dropped) and sent again when RC has regenerated; a held transaction
 * that expires first is dropped as moot; the multisig account's transactions are its role, by hived's
 * payer rule. An inline outbox, so every send is done when {@link Outbox#send} returns.
 */
class OutboxRcTest {
  private static final AccountName NODE = AccountName.of("node0");
  private static final AccountName MULTISIG = AccountName.of("hivesafe-ms");
  private static final Instant T0 = Instant.parse("2026-01-01T01:00:00Z");
  private static final PrivateKey KEY = PrivateKey.fromSeed("outbox-rc-test");

  /** hived's refusal for want of RC, as a JSON-RPC error (rc_utility.cpp use_account_rcs). */
  static RpcErrorException rcRefusal(String account, long has, long needs) {
    return new RpcErrorException("network_broadcast_api.broadcast_transaction", -32000,
        "payer has not enough RC mana for transaction:has_mana: Account: " + account + " has " + has + " RC, needs " + needs
            + " RC. Please wait to transact or power up HIVE.", null);
  }

  /** A sender that refuses for RC while {@link #rcOut} is set, records what it accepted. */
  private static final class Chain implements Outbox.Sender {
    boolean rcOut;
    RpcErrorException other;
    final List<Transaction> accepted = new ArrayList<>();
    int calls;

    @Override
    public void broadcast(Transaction tx) throws RpcException {
      calls++;
      if (other != null) {
        throw other;
      }
      if (rcOut) {
        throw rcRefusal(io.hivesafe.hive.protocol.ResourcePayer.of(tx).orElseThrow().value(), 10, 500);
      }
      accepted.add(tx);
    }
  }

  private static Transaction tx(Operation op, Instant expiration) {
    Transaction t = Transaction.builder().referenceBlock(BlockId.fromHex("00000064" + "ab".repeat(16))).expiration(expiration)
        .operation(op).build();
    return t.withSignatures(List.of(new Secp256k1Signatures().sign(KEY, t.digest(ChainId.TESTNET, WireFormat.HF26))));
  }

  private static Transaction report(int n) {
    return tx(new CustomJsonOperation(List.of(NODE), List.of(), "hivesafe_report", "{\"n\":" + n + "}"), T0.plusSeconds(600));
  }

  private static Transaction payout() {
    return tx(new TransferOperation(MULTISIG, AccountName.of("user0"), Asset.of(1_000, AssetSymbol.HIVE), ""), T0.plusSeconds(600));
  }

  private static List<String> ids(Transaction... txs) {
    return ids(List.of(txs));
  }

  private static List<String> ids(List<Transaction> txs) {
    return txs.stream().map(t -> t.id(WireFormat.HF26).toHex()).toList();
  }

  @Test
  void anRcRefusalIsHeldCountedAndLoggedOnceThenSentWhenRcIsBack() {
    Chain chain = new Chain();
    CapturedEvents log = new CapturedEvents();
    Outbox outbox = Outbox.inline(chain, log.events, MULTISIG);
    chain.rcOut = true;
    outbox.send(Duty.report(50), "report for block 50", report(50), T0);
    outbox.send(Duty.report(100), "report for block 100", report(100), T0);
    assertEquals(2, outbox.rcRefusals(RcRole.NODE));
    assertEquals(0, outbox.rcRefusals(RcRole.MULTISIG));
    assertEquals(2, outbox.rcHeld(RcRole.NODE));
    assertEquals(0, outbox.failed(), "an RC refusal drops nothing");
    assertEquals(2, outbox.pending());
    assertTrue(outbox.rcOut(RcRole.NODE));
    assertEquals(OptionalLong.of(500), outbox.rcNextNeeded(RcRole.NODE));
    assertEquals(1, log.count("is out of resource credits"), "one line per cause: " + log.lines());
    assertTrue(log.lines().stream().anyMatch(l -> l.startsWith("WARN node account node0 is out of resource credits: hived refused report "
        + "for block 50 (has 10 RC, needs 500 RC)")), log.lines().toString());
    assertEquals(0, log.count("was not sent"), "not logged as a refusal of the transaction");

    outbox.retryHeld(RcRole.NODE, T0); // still out: refused again, counted, not logged again
    assertEquals(3, outbox.rcRefusals(RcRole.NODE));
    assertEquals(2, outbox.rcHeld(RcRole.NODE), "the retry stopped at the first refusal and kept both");
    assertEquals(1, log.count("is out of resource credits"));

    chain.rcOut = false;
    outbox.retryHeld(RcRole.NODE, T0);
    assertEquals(0, outbox.rcHeld(RcRole.NODE));
    assertEquals(ids(report(50), report(100)), ids(chain.accepted), "in the order they were refused");
    assertEquals(2, outbox.sent());
    assertEquals(0, outbox.pending());
    assertFalse(outbox.rcOut(RcRole.NODE));
    assertEquals(1, log.count("has resource credits again"), log.lines().toString());
  }

  @Test
  void aLaterAcceptedTransactionOfTheRoleSendsWhatWasHeld() {
    Chain chain = new Chain();
    Outbox outbox = Outbox.inline(chain, new CapturedEvents().events, MULTISIG);
    chain.rcOut = true;
    outbox.send(Duty.report(50), "report for block 50", report(50), T0);
    chain.rcOut = false;
    outbox.send(Duty.report(100), "report for block 100", report(100), T0);
    assertEquals(ids(report(100), report(50)), ids(chain.accepted));
    assertEquals(0, outbox.rcHeld(RcRole.NODE));
  }

  @Test
  void theMultisigAccountsTransactionsAreItsRole() {
    Chain chain = new Chain();
    CapturedEvents log = new CapturedEvents();
    Outbox outbox = Outbox.inline(chain, log.events, MULTISIG);
    chain.rcOut = true;
    outbox.send(Duty.broadcast(1), "round 1 (attempt 1)", payout(), T0);
    assertEquals(1, outbox.rcRefusals(RcRole.MULTISIG));
    assertEquals(0, outbox.rcRefusals(RcRole.NODE));
    assertEquals(1, outbox.rcHeld(RcRole.MULTISIG));
    assertEquals(1, log.count("multisig account hivesafe-ms is out of resource credits"), log.lines().toString());
    chain.rcOut = false;
    outbox.send(Duty.report(50), "report for block 50", report(50), T0); // the node's role: does not release the multisig account's
    assertEquals(1, outbox.rcHeld(RcRole.MULTISIG));
    outbox.retryHeld(RcRole.MULTISIG, T0);
    assertEquals(ids(report(50), payout()), ids(chain.accepted));
    Outbox unaware = Outbox.inline(chain, log.events);
    assertEquals(RcRole.NODE, unaware.roleOf(payout()), "without the multisig account every transaction is the node's");
  }

  @Test
  void aHeldTransactionThatExpiresIsDroppedAsMoot() {
    Chain chain = new Chain();
    CapturedEvents log = new CapturedEvents();
    Outbox outbox = Outbox.inline(chain, log.events, MULTISIG);
    chain.rcOut = true;
    outbox.send(Duty.report(50), "report for block 50", report(50), T0);
    chain.rcOut = false;
    int calls = chain.calls;
    outbox.retryHeld(RcRole.NODE, T0.plusSeconds(600));
    assertEquals(calls, chain.calls, "not sent: it expired");
    assertEquals(0, outbox.rcHeld(RcRole.NODE));
    assertEquals(0, outbox.failed(), "moot, not failed");
    assertEquals(1, outbox.dropped());
    assertEquals(0, outbox.pending());
    assertEquals(1, log.count("expired at"), log.lines().toString());
  }

  @Test
  void anotherRefusalIsStillDroppedWithItsReason() {
    Chain chain = new Chain();
    CapturedEvents log = new CapturedEvents();
    Outbox outbox = Outbox.inline(chain, log.events, MULTISIG);
    chain.other = new RpcErrorException("network_broadcast_api.broadcast_transaction", -32000,
        "missing required active authority:Missing Active Authority node0", null);
    outbox.send(Duty.report(50), "report for block 50", report(50), T0);
    assertEquals(1, outbox.failed());
    assertEquals(0, outbox.rcRefusals(RcRole.NODE));
    assertEquals(0, outbox.rcHeld(RcRole.NODE));
    assertEquals(1, log.count("was not sent"));
  }
}
