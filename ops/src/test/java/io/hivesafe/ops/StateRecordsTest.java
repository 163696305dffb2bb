package io.hivesafe.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hivesafe.state.StateCodec;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every record the sidechain stores decodes to itself: a method that looks like a Jackson property
 * (isX(), getX()) would be written as a field the decoder refuses, and the first block would fail.
 */
class StateRecordsTest {
  static Stream<Object> records() {
    TreeMap<String, String> args = new TreeMap<>();
    args.put("to", "alice");
    args.put("amount", "1000");
    return Stream.of(
        new Balances(1, 2, 3, 4, 5),
        new Balances(0, 0, 0, 0, 0),
        new NodeRecord("node0", "STM6LLegbAgLAy28EHrffBVuANFWcFgmqRMW13wBmTExqFE9SCkg4", 1, 2, 3, 4, 5, 6),
        new RemovedNode("node9", "STM6LLegbAgLAy28EHrffBVuANFWcFgmqRMW13wBmTExqFE9SCkg4", 10, 20, 30),
        new Totals(1, 2, 3, 4, 5, 6, 7),
        new Roster(List.of("node0", "node1"), List.of("node2"), 100),
        new Proposal(1, "node0", "payout", args, 10, 20, 0, List.of("node0"), Proposal.OPEN, 0, ""),
        new Report("node0", 50, "ab".repeat(32), 50, 123456, "2026-01-01T01:00:00", "hivesafe/0.1", 51),
        new Payout(1, Payout.WITHDRAWAL, "alice", 1000, "HIVE", "memo", 10, "tx:0", 2),
        new MultisigAuthority(SignerAuthority.ofKeys(1, List.of("STM6LLegbAgLAy28EHrffBVuANFWcFgmqRMW13wBmTExqFE9SCkg4")),
            new SignerAuthority(2, List.of(new SignerAuthority.Member("STM6LLegbAgLAy28EHrffBVuANFWcFgmqRMW13wBmTExqFE9SCkg4", 2)),
                List.of(new SignerAuthority.Member("alice", 1))), "alice", 1),
        new MultisigBooks(1, 2, 3, 4, 5, 6, 7, 8, true, false),
        new Alarm(5, 2, "ab".repeat(20), 1, AlarmKind.OUTFLOW, "hs-ms", "transfer", 1, 0, 0, "a transfer"),
        new RotationHold(100, RotationHold.Reason.BELOW_FLOOR, "two keys"),
        new TallyRecord(100, 50, "ab".repeat(32), 7, 7, 7, 0, 0, 0, 0, 50, 123, "2026-01-01T01:00:00", "reports"),
        new BlockRef(5, "00000005" + "ab".repeat(16)),
        new FeedEntry(5, "ab".repeat(20), 0, "alice", "send", true, "sent 1 to bob"),
        NetworkParams.defaults());
  }

  @ParameterizedTest
  @MethodSource("records")
  void decodesToItself(Object record) {
    assertEquals(record, StateCodec.decode(StateCodec.encode(record), record.getClass()));
  }
}
