package io.hivesafe.ops;

import io.hivesafe.state.ValueCodec;
import io.hivesafe.state.ValueReader;
import io.hivesafe.state.ValueWriter;

import java.util.List;

/** The elected runners and the standby line, both in rank order, as of tally block {@code electedAt}. */
public record Roster(List<String> runners, List<String> standby, long electedAt) {
  /** The canonical encoding (docs/state.md, "State schema"): the fields in declaration order. */
  public static final ValueCodec<Roster> CODEC = ValueCodec.of(
      (w, v) -> w.list(v.runners(), ValueWriter::text).list(v.standby(), ValueWriter::text).int64(v.electedAt()),
      r -> new Roster(r.list(ValueReader::text), r.list(ValueReader::text), r.int64()));

  public Roster {
    runners = List.copyOf(runners);
    standby = List.copyOf(standby);
  }

  public boolean isRunner(String account) {
    return runners.contains(account);
  }
}
