package io.hivesafe.ops;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
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

  static final SidechainOpCodec<ApproveOp> CODEC = new SidechainOpCodec<>() {
    @Override
    public Set<String> fields() {
      return Set.of("id");
    }

    @Override
    public ApproveOp read(OpArgs in) throws OpRejected {
      return new ApproveOp(in.integer("id", 0, Long.MAX_VALUE));
    }

    @Override
    public void write(JsonGenerator out, ApproveOp op) throws IOException {
      out.writeNumberField("id", op.id);
    }
  };
}
