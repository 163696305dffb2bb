package io.hivesafe.ops;

import com.fasterxml.jackson.core.JsonGenerator;
import java.util.Set;

/** {@code gov_unlock} {"amount"}: stake stops counting at once and becomes liquid after unlock_delay blocks. */
public record GovUnlockOp(long amount) implements SidechainOp {
  public GovUnlockOp {
    OpAmounts.check(amount);
  }

  @Override
  public String name() {
    return "gov_unlock";
  }

  static final SidechainOpCodec<GovUnlockOp> CODEC = SidechainOpCodec.of(Set.of("amount"),
      in -> new GovUnlockOp(in.amount("amount")),
      (out, op) -> out.writeNumberField("amount", op.amount));
}
