package io.hivesafe.ops;

import com.fasterxml.jackson.core.JsonGenerator;
import java.util.Set;

/** {@code gov_lock} {"amount"}: liquid token becomes governance stake at once. */
public record GovLockOp(long amount) implements SidechainOp {
  public GovLockOp {
    OpAmounts.check(amount);
  }

  @Override
  public String name() {
    return "gov_lock";
  }

  static final SidechainOpCodec<GovLockOp> CODEC = SidechainOpCodec.of(Set.of("amount"),
      in -> new GovLockOp(in.amount("amount")),
      (out, op) -> out.writeNumberField("amount", op.amount));
}
