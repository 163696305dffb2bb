package io.hivesafe.ops;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
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

  static final SidechainOpCodec<GovUnlockOp> CODEC = new SidechainOpCodec<>() {
    @Override
    public Set<String> fields() {
      return Set.of("amount");
    }

    @Override
    public GovUnlockOp read(OpArgs in) throws OpRejected {
      return new GovUnlockOp(in.amount("amount"));
    }

    @Override
    public void write(JsonGenerator out, GovUnlockOp op) throws IOException {
      out.writeNumberField("amount", op.amount);
    }
  };
}
