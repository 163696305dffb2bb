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
import io.hivesafe.hive.protocol.ResourcePayer;
import io.hivesafe.hive.protocol.Transaction;
import io.hivesafe.hive.protocol.TransferOperation;
import io.hivesafe.hive.protocol.WireFormat;
import io.hivesafe.hive.rpc.HiveRpcClient;
import io.hivesafe.hive.rpc.RpcConfig;
import io.hivesafe.hive.rpc.RpcErrorException;
import io.hivesafe.hive.rpc.RpcException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * What the outbox holds for resource credits, and when it lets it go: a held signature or multisig
 * broadcast never leaves a node that may no longer sign; the queue holds the newest send of each duty
 * only, at most {@link RcHold#CAP} per role, and nothing that expired by a chain time the outbox knows
 * (a reading's or a send's), whatever the mana; the cost named in a refusal is the latest one, and
 * forgotten once the role is accepted again; a held send that reaches no API stays held; hived's
 * "duplicate" ends the role's outage like an acceptance; a closed outbox sends nothing.
 */
class OutboxHeldTest {
  private static final AccountName NODE = AccountName.of("node0");
  private static final AccountName MULTISIG = AccountName.of("hivesafe-ms");
  private static final Instant T0 = Instant.parse("2026-01-01T01:00:00Z");
  private static final PrivateKey KEY = PrivateKey.fromSeed("outbox-held-test");

  /** A sender that refuses for RC (naming {@link #needs}) while {@link #rcOut}, or answers as told; records what it accepted. */
  private static final class Chain implements Outbox.Sender {
    boolean rcOut;
    long needs = 500;
    RpcException answer;
    final List<Transaction> accepted = new ArrayList<>();

    @Override
    public void broadcast(Transaction tx) throws RpcException {
      if (rcOut) {
        throw OutboxRcTest.rcRefusal(ResourcePayer.of(tx).orElseThrow().value(), 10, needs);
      }
      if (answer != null) {
        throw answer;
      }
      accepted.add(tx);
    }
  }

  private static Transaction tx(Operation op, Instant expiration) {
    Transaction t = Transaction.builder().referenceBlock(BlockId.fromHex("00000064" + "ab".repeat(16))).expiration(expiration)
        .operation(op).build();
    return t.withSignatures(List.of(new Secp256k1Signatures().sign(KEY, t.digest(ChainId.TESTNET, WireFormat.HF26))));
  }

  /** The node's report for {@code block}, send {@code send} (each send a transaction of its own). */
  private static Transaction report(long block, int send) {
    return tx(new CustomJsonOperation(List.of(NODE), List.of(), "hivesafe_report", "{\"block\":" + block + ",\"send\":" + send + "}"),
        T0.plusSeconds(600 + send));
  }

  private static Transaction sigSubmit(long seq) {
    return tx(new CustomJsonOperation(List.of(NODE), List.of(), "hivesafe_sig_submit", "{\"seq\":" + seq + "}"), T0.plusSeconds(600));
  }

  private static Transaction payout() {
    return tx(new TransferOperation(MULTISIG, AccountName.of("user0"), Asset.of(1_000, AssetSymbol.HIVE), ""), T0.plusSeconds(600));
  }

  private static List<String> ids(List<Transaction> txs) {
    return txs.stream().map(t -> t.id(WireFormat.HF26).toHex()).toList();
  }

  @Test
  void aHeldSignatureIsNotSentOnceTheNodeHasDiverged() {
    Chain chain = new Chain();
    CapturedEvents log = new CapturedEvents();
    boolean[] maySign = {true};
    Outbox outbox = Outbox.inline(chain, log.events, MULTISIG).releaseHeldOnlyWhile(kind -> !kind.signs() || maySign[0]);
    chain.rcOut = true;
    outbox.send(Duty.signature(7), "signature for round 7", sigSubmit(7), T0);
    outbox.send(Duty.broadcast(7), "round 7 (attempt 0)", payout(), T0);
    assertEquals(1, outbox.rcHeld(RcRole.NODE));
    assertEquals(1, outbox.rcHeld(RcRole.MULTISIG));

    maySign[0] = false; // diverged
    chain.rcOut = false;
    outbox.send(Duty.report(150), "report for block 150", report(150, 1), T0);
    outbox.retryHeld(RcRole.MULTISIG, T0);
    assertEquals(ids(List.of(report(150, 1))), ids(chain.accepted), "the report only: no sig_submit, no broadcast");
    assertEquals(0, outbox.rcHeld(RcRole.NODE) + outbox.rcHeld(RcRole.MULTISIG));
    assertEquals(2, outbox.dropped());
    assertEquals(0, outbox.pending());
    assertEquals(1, log.count("may no longer sign"), "one line: " + log.lines());
  }

  @Test
  void onDivergenceHeldSignaturesAreDroppedAndHeldReportsKept() {
    Chain chain = new Chain();
    CapturedEvents log = new CapturedEvents();
    Outbox outbox = Outbox.inline(chain, log.events, MULTISIG);
    chain.rcOut = true;
    outbox.send(Duty.report(150), "report for block 150", report(150, 1), T0);
    outbox.send(Duty.signature(7), "signature for round 7", sigSubmit(7), T0);
    outbox.send(Duty.broadcast(7), "round 7 (attempt 0)", payout(), T0);
    outbox.dropHeldSignatures();
    assertEquals(1, outbox.rcHeld(RcRole.NODE), "the report stays: a diverged node keeps reporting");
    assertEquals(0, outbox.rcHeld(RcRole.MULTISIG));
    assertEquals(2, outbox.dropped());
    assertEquals(1, log.count("dropped 2 signature(s) and multisig broadcast(s)"), log.lines().toString());
    chain.rcOut = false;
    outbox.retryHeld(RcRole.NODE, T0);
    assertEquals(ids(List.of(report(150, 1))), ids(chain.accepted));
  }

  @Test
  void onlyTheNewestSendOfADutyIsHeldAndSent() {
    Chain chain = new Chain();
    Outbox outbox = Outbox.inline(chain, new CapturedEvents().events, MULTISIG);
    chain.rcOut = true;
    for (int send = 1; send <= NodeTransaction.MAX_SENDS; send++) {
      outbox.send(Duty.report(150), "report for block 150", report(150, send), T0);
    }
    outbox.send(Duty.report(250), "report for block 250", report(250, 1), T0);
    assertEquals(2, outbox.rcHeld(RcRole.NODE), "one per duty");
    assertEquals(NodeTransaction.MAX_SENDS - 1, outbox.dropped());
    chain.rcOut = false;
    outbox.retryHeld(RcRole.NODE, T0);
    assertEquals(ids(List.of(report(150, NodeTransaction.MAX_SENDS), report(250, 1))), ids(chain.accepted), "one copy each: the newest");
    assertEquals(0, outbox.pending());
  }

  @Test
  void aSendOfADutyThatGetsThroughDropsTheHeldOne() {
    Chain chain = new Chain();
    Outbox outbox = Outbox.inline(chain, new CapturedEvents().events, MULTISIG);
    chain.rcOut = true;
    outbox.send(Duty.report(150), "report for block 150", report(150, 1), T0);
    chain.rcOut = false;
    outbox.send(Duty.report(150), "report for block 150 (again)", report(150, 2), T0);
    assertEquals(ids(List.of(report(150, 2))), ids(chain.accepted), "the first send is not sent too");
    assertEquals(0, outbox.rcHeld(RcRole.NODE));
    assertEquals(0, outbox.pending());
  }

  @Test
  void everySendDropsWhatExpiredByItsChainTimeWhateverTheMana() {
    Chain chain = new Chain();
    CapturedEvents log = new CapturedEvents();
    Outbox outbox = Outbox.inline(chain, log.events, MULTISIG);
    chain.rcOut = true;
    outbox.send(Duty.report(150), "report for block 150", report(150, 1), T0); // expires T0 + 601
    outbox.send(Duty.report(250), "report for block 250", report(250, 10), T0.plusSeconds(601)); // still out
    assertEquals(1, outbox.rcHeld(RcRole.NODE), "150 expired by the send's chain time");
    assertEquals(1, outbox.dropped());
    assertEquals(1, outbox.pending());
    assertEquals(1, log.count("report for block 150 held for resource credits expired"), log.lines().toString());
  }

  @Test
  void aResendAfterAnAcceptanceSendsNothingExpired() {
    Chain chain = new Chain();
    CapturedEvents log = new CapturedEvents();
    Outbox outbox = Outbox.inline(chain, log.events, MULTISIG);
    chain.rcOut = true;
    outbox.send(Duty.report(150), "report for block 150", report(150, 1), T0);
    chain.rcOut = false;
    outbox.send(Duty.report(250), "report for block 250", report(250, 10), T0.plusSeconds(700));
    assertEquals(ids(List.of(report(250, 10))), ids(chain.accepted), "the expired report is not sent");
    assertEquals(0, outbox.failed(), "and not counted failed");
    assertEquals(0, log.count("was not sent"), log.lines().toString());
    assertEquals(0, outbox.pending());
  }

  @Test
  void eachRolesQueueIsCappedAndAnOverflowIsOneLine() {
    Chain chain = new Chain();
    CapturedEvents log = new CapturedEvents();
    Outbox outbox = Outbox.inline(chain, log.events, MULTISIG);
    chain.rcOut = true;
    for (int r = 1; r <= RcHold.CAP + 3; r++) {
      outbox.send(Duty.report(r), "report for block " + r, report(r, 1), T0);
    }
    assertEquals(RcHold.CAP, outbox.rcHeld(RcRole.NODE));
    assertEquals(3, outbox.dropped());
    assertEquals(RcHold.CAP, outbox.pending(), "the dropped are not pending");
    assertEquals(1, log.count("transactions held for resource credits: dropped the oldest, report for block 1,"), log.lines().toString());
    chain.rcOut = false;
    outbox.retryHeld(RcRole.NODE, T0);
    assertEquals(report(4, 1).id(WireFormat.HF26).toHex(), chain.accepted.get(0).id(WireFormat.HF26).toHex(), "the oldest were dropped");
    assertEquals(RcHold.CAP, chain.accepted.size());
  }

  @Test
  void theNamedCostIsTheLatestRefusalsAndForgottenOnceAccepted() {
    Chain chain = new Chain();
    Outbox outbox = Outbox.inline(chain, new CapturedEvents().events, MULTISIG);
    chain.rcOut = true;
    chain.needs = 50_000_000_000L; // a spike
    outbox.send(Duty.report(150), "report for block 150", report(150, 1), T0);
    assertEquals(50_000_000_000L, outbox.rcLastNeeded(RcRole.NODE));
    chain.needs = 700_000_000L;
    outbox.retryHeld(RcRole.NODE, T0);
    assertEquals(700_000_000L, outbox.rcLastNeeded(RcRole.NODE), "the latest figure, not the largest");
    chain.rcOut = false;
    outbox.retryHeld(RcRole.NODE, T0);
    assertEquals(0, outbox.rcLastNeeded(RcRole.NODE), "accepted: the estimate again");
    assertEquals(RcLowRule.threshold(RcRole.NODE, 0), RcLowRule.threshold(RcRole.NODE, outbox.rcLastNeeded(RcRole.NODE)));
  }

  @Test
  void aHeldSendThatReachesNoApiStaysHeld() throws Exception {
    CapturedEvents log = new CapturedEvents();
    Chain chain = new Chain();
    boolean[] down = {false};
    HiveRpcClient nowhere = new HiveRpcClient(new RpcConfig(List.of(URI.create("http://127.0.0.1:9")), Duration.ofSeconds(5), 1, Duration.ZERO, Duration.ZERO));
    Outbox outbox = Outbox.inline(tx -> {
      if (down[0]) {
        try {
          nowhere.broadcastTransaction(tx); // no API there
        } finally {
          Thread.currentThread().interrupt(); // and the back-off is cut short, as by close: no API accepted it
        }
      }
      chain.broadcast(tx);
    }, log.events, MULTISIG);
    chain.rcOut = true;
    outbox.send(Duty.report(150), "report for block 150", report(150, 1), T0);
    chain.rcOut = false;
    down[0] = true;
    outbox.retryHeld(RcRole.NODE, T0);
    assertTrue(Thread.interrupted());
    assertEquals(1, outbox.rcHeld(RcRole.NODE), "unknown, not refused: kept");
    assertEquals(0, outbox.failed());
    assertEquals(1, log.count("was not delivered"), log.lines().toString());
    down[0] = false;
    outbox.retryHeld(RcRole.NODE, T0);
    assertEquals(ids(List.of(report(150, 1))), ids(chain.accepted));
    nowhere.close();
  }

  @Test
  void aDuplicateAnswerToAHeldSendEndsTheOutage() {
    Chain chain = new Chain();
    CapturedEvents log = new CapturedEvents();
    Outbox outbox = Outbox.inline(chain, log.events, MULTISIG);
    chain.rcOut = true;
    outbox.send(Duty.broadcast(7), "round 7 (attempt 0)", payout(), T0);
    assertTrue(outbox.rcOut(RcRole.MULTISIG));
    chain.rcOut = false;
    chain.answer = new RpcErrorException("network_broadcast_api.broadcast_transaction", -32000,
        RpcErrorException.DUPLICATE_TRANSACTION + ": another node's recast landed", null);
    outbox.retryHeld(RcRole.MULTISIG, T0);
    assertEquals(1, outbox.sent());
    assertFalse(outbox.rcOut(RcRole.MULTISIG), "on chain: the role is not out");
    assertEquals(1, log.count("has resource credits again"), log.lines().toString());
  }

  @Test
  void aClosedInlineOutboxSendsNothing() {
    Chain chain = new Chain();
    Outbox outbox = Outbox.inline(chain, new CapturedEvents().events, MULTISIG);
    chain.rcOut = true;
    outbox.send(Duty.report(150), "report for block 150", report(150, 1), T0);
    chain.rcOut = false;
    outbox.close();
    outbox.retryHeld(RcRole.NODE, T0);
    outbox.send(Duty.report(250), "report for block 250", report(250, 1), T0);
    assertEquals(List.of(), chain.accepted);
  }

  @Test
  void afterCloseTheOutboxThreadSendsNothingItHadQueued() throws Exception {
    CountDownLatch onTheWire = new CountDownLatch(1);
    CountDownLatch answer = new CountDownLatch(1);
    List<Transaction> accepted = new ArrayList<>();
    Outbox outbox = new Outbox(tx -> {
      if (accepted.isEmpty()) {
        onTheWire.countDown();
        boolean waiting = true;
        while (waiting) { // an HTTP call does not end on an interrupt
          try {
            answer.await();
            waiting = false;
          } catch (InterruptedException e) {
            // still on the wire
          }
        }
      }
      synchronized (accepted) {
        accepted.add(tx);
      }
    }, new CapturedEvents().events, MULTISIG);
    outbox.send(Duty.report(150), "report for block 150", report(150, 1), T0);
    onTheWire.await();
    outbox.send(Duty.report(250), "report for block 250", report(250, 1), T0); // queued behind it
    Thread closing = new Thread(outbox::close);
    closing.start();
    while (!outbox.closed()) {
      Thread.onSpinWait();
    }
    answer.countDown();
    closing.join();
    synchronized (accepted) {
      assertEquals(ids(List.of(report(150, 1))), ids(accepted), "the broadcast on the wire completes; the queued one is not sent");
    }
  }
}
