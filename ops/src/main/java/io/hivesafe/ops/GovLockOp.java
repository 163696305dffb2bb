package io.hivesafe.ops;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
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

  static final SidechainOpCodec<GovLockOp> CODEC = new SidechainOpCodec<>() {
    @Override
    public Set<String> fields() {
      return Set.of("amount");
    }

    @Override
    public GovLockOp read(OpArgs in) throws OpRejected {
      return new GovLockOp(in.amount("amount"));
    }

    @Override
    public void write(JsonGenerator out, GovLockOp op) throws IOException {
      out.writeNumberField("amount", op.amount);
    }
  };
}
