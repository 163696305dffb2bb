package io.hivesafe.ops;

import com.fasterxml.jackson.core.JsonGenerator;
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

  static final SidechainOpCodec<MsSignedOp> CODEC = SidechainOpCodec.of(Set.of("seq"),
      in -> new MsSignedOp(in.integer("seq", 1, Long.MAX_VALUE)),
      (out, op) -> out.writeNumberField("seq", op.seq));
}
