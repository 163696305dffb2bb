package io.hivesafe.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivesafe.chrono.Chrono;
import io.hivesafe.chrono.ChronoTask;
import io.hivesafe.chrono.ScheduledTask;
import io.hivesafe.state.KeyRange;
import io.hivesafe.state.StateColumn;
import io.hivesafe.state.StateEntry;
import io.hivesafe.state.StateReader;
import io.hivesafe.state.ValueCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The state schema: each column's codec writes the documented bytes (built here by hand from the
 * layout in docs/state.md), reads them back to the same value and the same bytes, and docs/state.md
 * lists every column. {@link #checkEveryEntry} is run over whole stores by the seeded tests: every
 * stored key belongs to exactly one column and every value is in its canonical form.
 */
class StateSchemaTest {
  private static final String KEY = "STM6LLegbAgLAy28EHrffBVuANFWcFgmqRMW13wBmTExqFE9SCkg4";

  private static String i64(long v) {
    return String.format("%016x", v);
  }

  private static String text(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    return String.format("%08x", b.length) + HexFormat.of().formatHex(b);
  }

  private static <T> void pinned(ValueCodec<T> codec, T value, String hex) {
    byte[] bytes = codec.encode(value);
    assertEquals(hex, HexFormat.of().formatHex(bytes), value.toString());
    T back = codec.decode(bytes);
    assertEquals(value, back);
    assertArrayEquals(bytes, codec.encode(back));
  }

  @Test
  void simpleValuesAreTheFormatByteThenTheirFieldsInDeclarationOrder() {
    pinned(Balances.CODEC, new Balances(1, 2, 3, 4, 5), "01" + i64(1) + i64(2) + i64(3) + i64(4) + i64(5));
    String id = "00000005" + "ab".repeat(16);
    pinned(BlockRef.CODEC, new BlockRef(5, id), "01" + i64(5) + text(id));
    pinned(PaidRound.CODEC, new PaidRound(7, 1_700_000_000, 10, 0), "01" + i64(7) + i64(1_700_000_000) + i64(10) + i64(0));
    pinned(Totals.CODEC, new Totals(1, 2, 3, 4, 5, 6, 7), "01" + i64(1) + i64(2) + i64(3) + i64(4) + i64(5) + i64(6) + i64(7));
    pinned(RemovedNode.CODEC, new RemovedNode("node9", KEY, 10, 20, 30), "01" + text("node9") + text(KEY) + i64(10) + i64(20)
        + i64(30));
    pinned(MultisigBooks.CODEC, new MultisigBooks(1, 2, 3, 4, 5, 6, 7, 8, true, false), "01" + i64(1) + i64(2) + i64(3)
        + i64(4) + i64(5) + i64(6) + i64(7) + i64(8) + "01" + "00");
    pinned(Roster.CODEC, new Roster(List.of("node0", "node1"), List.of(), 100), "01" + "00000002" + text("node0") + text("node1")
        + "00000000" + i64(100));
    pinned(NodeRecord.CODEC, new NodeRecord("node0", KEY, 1, 2, 3, 4, 5, 6), "01" + text("node0") + text(KEY) + i64(1) + i64(2)
        + i64(3) + i64(4) + i64(5) + i64(6));
    pinned(Report.CODEC, new Report("node0", 50, "ab", 50, 123_456, "2026-01-01T01:00:00", "v", 51), "01" + text("node0")
        + i64(50) + text("ab") + i64(50) + i64(123_456) + text("2026-01-01T01:00:00") + text("v") + i64(51));
    pinned(Payout.CODEC, new Payout(1, Payout.WITHDRAWAL, "alice", 1000, "HIVE", "memo", 10, "tx:0", 2), "01" + i64(1)
        + text("withdrawal") + text("alice") + i64(1000) + text("HIVE") + text("memo") + i64(10) + text("tx:0") + i64(2));
    pinned(TallyRecord.CODEC, new TallyRecord(100, 50, "ab", 7, 6, 7, 5, 9, 0, 1, 50, 123, "2026-01-01T01:00:00", "reports"),
        "01" + i64(100) + i64(50) + text("ab") + i64(7) + i64(6) + i64(7) + i64(5) + i64(9) + i64(0) + i64(1) + i64(50) + i64(123)
            + text("2026-01-01T01:00:00") + text("reports"));
  }

  @Test
  void aReasonIsItsCodeNameThenEachArgumentAsItsCodeDeclaresIt() {
    pinned(RotationHold.CODEC, new RotationHold(100, Reason.of(ReasonCode.HOLD_BELOW_FLOOR, 2, 3)),
        "01" + i64(100) + text("HOLD_BELOW_FLOOR") + i64(2) + i64(3));
    pinned(FeedEntry.CODEC, new FeedEntry(5, "ab", 0, "alice", "send", true, Reason.of(ReasonCode.SENT, 1, "bob")),
        "01" + i64(5) + text("ab") + i64(0) + text("alice") + text("send") + "01" + text("SENT") + i64(1) + text("bob"));
    pinned(FeedEntry.CODEC, new FeedEntry(5, "", 0, "", "tally", false, Reason.of(ReasonCode.JSON_INVALID)),
        "01" + i64(5) + text("") + i64(0) + text("") + text("tally") + "00" + text("JSON_INVALID"));
  }

  @Test
  void nestedValuesAreTheirPartsInOrder() {
    TreeMap<String, String> args = new TreeMap<>(Map.of("to", "alice", "amount", "1000"));
    pinned(Proposal.CODEC, new Proposal(1, "node0", "payout", args, 10, 20, 0, List.of("node0"), Proposal.OPEN, 0,
        Reason.of(ReasonCode.PROPOSAL_OPEN, 1, 20)), "01" + i64(1) + text("node0") + text("payout") + "00000002" + text("amount")
        + text("1000") + text("to") + text("alice") + i64(10) + i64(20) + i64(0) + "00000001" + text("node0") + text("open")
        + i64(0) + text("PROPOSAL_OPEN") + i64(1) + i64(20));
    SignerAuthority owner = new SignerAuthority(2, List.of(new SignerAuthority.Member(KEY, 2)),
        List.of(new SignerAuthority.Member("alice", 1)));
    pinned(MultisigAuthority.CODEC, new MultisigAuthority(owner, SignerAuthority.ofKeys(1, List.of(KEY)), "alice", 1),
        "01" + i64(2) + "00000001" + text(KEY) + i64(2) + "00000001" + text("alice") + i64(1)
            + i64(1) + "00000001" + text(KEY) + i64(1) + "00000000" + text("alice") + i64(1));
    pinned(Alarm.CODEC, new Alarm(5, 2, "ab", 1, AlarmKind.OUTFLOW, "hs-ms", "transfer", 1, 0, 0,
        Reason.of(ReasonCode.ALARM_TRANSFER_OUT, 1, "HIVE", "bob")), "01" + i64(5) + i64(2) + text("ab") + i64(1) + text("OUTFLOW")
        + text("hs-ms") + text("transfer") + i64(1) + i64(0) + i64(0) + text("ALARM_TRANSFER_OUT") + i64(1) + text("HIVE") + text("bob"));
    NetworkParams p = NetworkParams.defaults();
    pinned(NetworkParams.CODEC, p, "01" + i64(p.maxSigners()) + i64(p.minStake()) + i64(p.unlockDelay())
        + i64(p.expirationSeconds()) + i64(p.feedRetention()) + i64(2) + i64(3) + i64(3) + i64(5) + i64(4) + i64(5)
        + i64(p.maxProposalBlocks()) + i64(p.executionWindow()) + i64(p.maxWithdrawals()) + i64(p.recastInterval())
        + i64(p.maxBatchPayouts()) + i64(p.maxMissed()) + i64(p.removalBanBlocks()) + i64(p.payoutStrikes()));
    String txId = "12".repeat(20);
    String digest = "34".repeat(32);
    MultisigTx tx = new MultisigTx(1, MultisigTx.TRANSFER, txId, digest, "00ff", 100, "2026-01-01T01:00:00", List.of(3L),
        List.of(new MultisigTx.Requirement(MultisigTx.ACTIVE, SignerAuthority.ofKeys(1, List.of(KEY)))),
        new TreeMap<>(Map.of(KEY, "1f00")), 0, 0, 0, false);
    pinned(MultisigTx.CODEC, tx, "01" + i64(1) + text("transfer") + text(txId) + text(digest) + text("00ff") + i64(100)
        + text("2026-01-01T01:00:00") + "00000001" + i64(3) + "00000001" + text("active") + i64(1) + "00000001" + text(KEY) + i64(1)
        + "00000000" + "00000001" + text(KEY) + text("1f00") + i64(0) + i64(0) + i64(0) + "00");
    pinned(Chrono.DUE.codec(), new ScheduledTask(4, 300, ChronoTask.of("ms_recast", Map.of("seq", "1"))),
        "01" + i64(4) + i64(300) + text("ms_recast") + "00000001" + text("seq") + text("1"));
  }

  @Test
  void aValueThatBreaksItsRulesCannotBeBuiltOrDecoded() {
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> new Payout(1, "gift", "alice", 1, "HIVE", "", 1, "s", 0), "an unknown kind");
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> new Payout(1, Payout.WITHDRAWAL, "Alice", 1, "HIVE", "", 1, "s", 0), "not an account");
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> new Payout(1, Payout.WITHDRAWAL, "alice", 0, "HIVE", "", 1, "s", 0), "no zero payout");
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> new Totals(1, 2, 3, -4, 5, 6, 7), "a negative treasury");
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> new BlockRef(5, "XYZ"), "a block id that is not hex");
    byte[] bad = Payout.CODEC.encode(new Payout(1, Payout.WITHDRAWAL, "alice", 1, "HIVE", "", 1, "s", 0));
    int at = new String(bad, StandardCharsets.ISO_8859_1).indexOf("withdrawal");
    bad[at] = 'W';
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> Payout.CODEC.decode(bad),
        "stored bytes that decode to a broken value stop the node");
  }

  @Test
  void everyColumnHasItsOwnKeysAndIsInTheDocs() throws IOException {
    TreeSet<String> patterns = new TreeSet<>();
    for (StateColumn<?> c : SidechainSchema.COLUMNS) {
      assertTrue(patterns.add(c.pattern()), "two columns at " + c.pattern());
    }
    for (StateColumn<?> a : SidechainSchema.COLUMNS) {
      List<StateColumn<?>> owners = SidechainSchema.COLUMNS.stream().filter(b -> b.owns(a.key(sampleParts(a)))).toList();
      assertEquals(List.of(a), owners, "a key of " + a + " belongs to it alone");
    }
    String doc = Files.readString(Path.of("..", "docs", "state.md"));
    for (StateColumn<?> c : SidechainSchema.COLUMNS) {
      assertTrue(doc.contains("`" + c.pattern() + "`") && doc.contains(c.valueName()), "docs/state.md lists " + c);
    }
  }

  private static Object[] sampleParts(StateColumn<?> c) {
    List<Object> parts = new ArrayList<>();
    for (String seg : c.pattern().split("/")) {
      if (seg.equals("<name>")) {
        parts.add("alice");
      } else if (seg.startsWith("<")) {
        parts.add(7L);
      }
    }
    return parts.toArray();
  }

  /**
   * Every entry of {@code r} belongs to exactly one column and holds its canonical bytes: decoding and
   * encoding again gives the same bytes.
   */
  static void checkEveryEntry(StateReader r) {
    r.iterate(KeyRange.all()).forEachRemaining(StateSchemaTest::check);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void check(StateEntry e) {
    List<StateColumn<?>> owners = SidechainSchema.COLUMNS.stream().filter(c -> c.owns(e.key())).toList();
    assertEquals(1, owners.size(), e.key() + " belongs to " + owners);
    StateColumn column = owners.get(0);
    Object value = column.value(e);
    assertArrayEquals(e.value(), column.codec().encode(value), e.key() + " is not in canonical form");
  }
}
