package io.hivesafe.ops;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.Set;

/** {@code ms_signed} {"seq"}: the last operation of round {@code seq}'s own transaction, from the multisig account. */
public record MsSignedOp(long seq) implements SidechainOp {
  public MsSignedOp {
    if (seq < 1) {
      throw new IllegalArgumentException("a round's seq is at least 1, got " + seq);
    }
  }

  @Override
  public String name() {
    return MultisigBuilder.MS_SIGNED;
  }

  static final SidechainOpCodec<MsSignedOp> CODEC = new SidechainOpCodec<>() {
    @Override
    public Set<String> fields() {
      return Set.of("seq");
    }

    @Override
    public MsSignedOp read(OpArgs in) throws OpRejected {
      return new MsSignedOp(in.integer("seq", 1, Long.MAX_VALUE));
    }

    @Override
    public void write(JsonGenerator out, MsSignedOp op) throws IOException {
      out.writeNumberField("seq", op.seq);
    }
  };
}
