package io.hivesafe.ops;

import io.hivesafe.state.ValueCodec;
import io.hivesafe.state.ValueReader;
import io.hivesafe.state.ValueWriter;

/**
 * An alarm (DESIGN §3.5): kept in state under {@code alarms/<block>/<index>} (index = its feed entry's),
 * never pruned, the same on every node. {@code tx}/{@code op} locate the operation (empty/0 for a
 * block-level alarm); {@code operation} is its Hive name; {@code hive}/{@code hbd} what left the
 * account's liquid balance (milli-units, an {@link AlarmKind#OUTFLOW}); {@code round} the round named
 * (a {@link AlarmKind#STRAY_CONFIRMATION}); {@code reason} what was seen, as a code and arguments.
 */
public record Alarm(long block, long index, String tx, long op, AlarmKind kind, String account, String operation, long hive,
    long hbd, long round, Reason reason) {
  public Alarm {
    ValueChecks.nonNegative("an alarm", block, index, op, hive, hbd, round);
    ValueChecks.account("an alarm's account", account);
    if (kind == null || reason == null) {
      throw new IllegalArgumentException("an alarm has a kind and a reason");
    }
  }

  /** The canonical encoding (docs/state.md, "State schema"): the fields in declaration order. */
  public static final ValueCodec<Alarm> CODEC = ValueCodec.of(
      (w, v) -> w.int64(v.block()).int64(v.index()).text(v.tx()).int64(v.op()).text(v.kind().name()).text(v.account()).text(v.operation()).int64(v.hive()).int64(v.hbd()).int64(v.round()).then(v.reason(), Reason::write),
      r -> new Alarm(r.int64(), r.int64(), r.text(), r.int64(), AlarmKind.valueOf(r.text()), r.text(), r.text(), r.int64(), r.int64(), r.int64(), Reason.read(r)));
}
