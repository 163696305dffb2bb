package io.hivesafe.ops;

import com.fasterxml.jackson.core.JsonGenerator;
import java.util.Set;

/** {@code approve} {"id"}: a runner's approval of a proposal. */
public record ApproveOp(long id) implements SidechainOp {
  public ApproveOp {
    OpAmounts.checkNonNegative("id", id);
  }

  @Override
  public String name() {
    return "approve";
  }

  static final SidechainOpCodec<ApproveOp> CODEC = SidechainOpCodec.of(Set.of("id"),
      in -> new ApproveOp(in.integer("id", 0, Long.MAX_VALUE)),
      (out, op) -> out.writeNumberField("id", op.id));
}
