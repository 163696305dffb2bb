package io.hivesafe.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivesafe.hive.crypto.CompactSignature;
import io.hivesafe.hive.crypto.PrivateKey;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The typed operations and their codecs: exact JSON, round trips, one table, values valid by construction. */
class SidechainOpsTest {
  private static final CompactSignature SIG = TestNetwork.CRYPTO.sign(PrivateKey.fromSeed("ops"), new byte[32]);

  @Test
  void theNodesOwnOperationsHaveTheirExactJson() {
    assertEquals("{\"seq\":7}", SidechainOps.json(new MsSignedOp(7)), "the round marker inside the multisig transaction");
    assertEquals("{\"seq\":7,\"sig\":\"" + SIG.toHex() + "\"}", SidechainOps.json(new SigSubmitOp(7, SIG)));
    assertEquals("{\"block\":100,\"hash\":\"" + "ab".repeat(32) + "\",\"ms\":{\"ref_block_num\":100,\"ref_block_prefix\":5,"
        + "\"expiration\":\"2026-01-01T01:00:00\"},\"version\":\"hivesafe/0.1\"}",
        SidechainOps.json(new ReportOp(100, "ab".repeat(32), 100, 5, "2026-01-01T01:00:00", "hivesafe/0.1")));
    assertEquals("{\"to\":\"bob\",\"amount\":5}", SidechainOps.json(new SendOp("bob", 5, "")), "an empty memo is left out");
    assertEquals("{\"to\":\"bob\",\"amount\":5,\"asset\":\"HBD\"}",
        SidechainOps.json(new SendOp("bob", 5, "", java.util.Optional.of(PeggedAsset.HBD))), "a pegged send names its asset");
    assertEquals("{\"action\":\"param\",\"name\":\"payout_threshold\",\"value\":\"3/4\",\"deadline\":10,\"activation\":0}",
        SidechainOps.json(new ProposeOp(new ProposeOp.ParamAction("payout_threshold", "3/4"), 10, 0)));
    assertEquals("{\"action\":\"param\",\"name\":\"max_missed\",\"value\":3,\"deadline\":10,\"activation\":0}",
        SidechainOps.json(new ProposeOp(new ProposeOp.ParamAction("max_missed", "3"), 10, 0)), "an integer parameter is a number");
  }

  @Test
  void everyOperationReadsBackFromItsOwnJson() throws OpRejected {
    List<SidechainOp> ops = List.of(
        new SendOp("bob", 1_500, "hi \u00e9 \ud83d\udc1d \"quoted\""),
        new SendOp("carol", 7, "", java.util.Optional.of(PeggedAsset.HIVE)),
        new GovLockOp(40_000),
        new GovUnlockOp(1),
        new NodeAddOp(PrivateKey.fromSeed("n").publicKey(), SIG),
        new ReportOp(50, "cd".repeat(32), 50, 123_456, "2026-02-28T23:59:59", "t"),
        new WithdrawOp(NetworkGenesis.MAX_AMOUNT, PeggedAsset.HBD, "out"),
        new ProposeOp(new ProposeOp.PayoutAction("carol", 2_500, PeggedAsset.HIVE, "grant"), 500, 0),
        new ProposeOp(new ProposeOp.RemoveNodeAction("node3"), 1, 10),
        new ApproveOp(0),
        new SigSubmitOp(1, SIG),
        new MsSignedOp(Long.MAX_VALUE));
    assertEquals(SidechainOps.names().size(), ops.stream().map(SidechainOp::name).distinct().count(), "one of each (and a pegged send)");
    for (SidechainOp op : ops) {
      String json = SidechainOps.json(op);
      assertEquals(op, SidechainOps.read(op.name(), json), json);
    }
  }

  @Test
  void valuesAreValidByConstruction() {
    assertThrows(IllegalArgumentException.class, () -> new SendOp("Bob", 1, ""), "not an account name");
    assertThrows(IllegalArgumentException.class, () -> new SendOp("bob", 0, ""), "no zero amount");
    assertThrows(IllegalArgumentException.class, () -> new GovLockOp(NetworkGenesis.MAX_AMOUNT + 1));
    assertThrows(IllegalArgumentException.class, () -> new WithdrawOp(1, null, ""));
    assertThrows(IllegalArgumentException.class, () -> new WithdrawOp(1, PeggedAsset.HIVE, "m".repeat(OpArgs.MAX_MEMO + 1)));
    assertThrows(IllegalArgumentException.class, () -> new ReportOp(50, "AB".repeat(32), 50, 1, "2026-01-01T01:00:00", "t"));
    assertThrows(IllegalArgumentException.class, () -> new ReportOp(50, "ab".repeat(32), 65_536, 1, "2026-01-01T01:00:00", "t"));
    assertThrows(IllegalArgumentException.class, () -> new MsSignedOp(0));
    assertThrows(IllegalArgumentException.class, () -> new ProposeOp(new ProposeOp.ParamAction("no_such", "1"), 1, 0));
    assertThrows(IllegalArgumentException.class, () -> new ProposeOp(new ProposeOp.RemoveNodeAction("node3"), 0, 0));
  }

  @Test
  void anUnknownNameIsAReasonNotAnException() {
    OpRejected e = assertThrows(OpRejected.class, () -> SidechainOps.read("mint", "{}"));
    assertEquals(Reason.of(ReasonCode.UNKNOWN_OPERATION, "mint"), e.reason());
  }

  @Test
  void seededRandomJsonNeverEscapesAsAnException() {
    // Whatever the bytes, reading gives an operation or a reason: an exception would stop every node.
    SplittableRandom r = new SplittableRandom(16);
    String[] pieces = {"{", "}", "[", "]", "\"", ":", ",", "1", "-1", "1e3", "0.5", "\"seq\"", "\"sig\"", "\"amount\"", "\"to\"",
        "\"bob\"", "\"ms\"", "\"block\"", "\"hash\"", "\"action\"", "\"payout\"", "\"param\"", "null", "true", "\"\\ud800\"",
        "18446744073709551616", " "};
    int reasons = 0;
    for (int i = 0; i < 20_000; i++) {
      StringBuilder json = new StringBuilder();
      for (int n = r.nextInt(12); n > 0; n--) {
        json.append(pieces[r.nextInt(pieces.length)]);
      }
      String name = SidechainOps.names().get(r.nextInt(SidechainOps.names().size()));
      try {
        SidechainOps.read(name, json.toString());
      } catch (OpRejected e) {
        reasons++;
      }
    }
    assertTrue(reasons > 19_000, "nearly all random bodies are refused with a reason: " + reasons);
  }
}
