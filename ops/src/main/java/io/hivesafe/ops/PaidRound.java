package io.hivesafe.ops;

import io.hivesafe.state.ValueCodec;
import io.hivesafe.state.ValueReader;
import io.hivesafe.state.ValueWriter;

/** What confirmed round {@code seq} paid out, at block time {@code time} (epoch seconds): the 24-hour cap's window. */
public record PaidRound(long seq, long time, long hive, long hbd) {
  public PaidRound {
    ValueChecks.nonNegative("a paid round", seq, time, hive, hbd);
  }

  /** The canonical encoding (docs/state.md, "State schema"): the fields in declaration order. */
  public static final ValueCodec<PaidRound> CODEC = ValueCodec.of(
      (w, v) -> w.int64(v.seq()).int64(v.time()).int64(v.hive()).int64(v.hbd()),
      r -> new PaidRound(r.int64(), r.int64(), r.int64(), r.int64()));
}
