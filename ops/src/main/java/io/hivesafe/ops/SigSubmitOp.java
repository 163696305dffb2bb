package io.hivesafe.ops;

import com.fasterxml.jackson.core.JsonGenerator;
import io.hivesafe.hive.crypto.CompactSignature;
import java.util.Set;

/** {@code sig_submit} {"seq", "sig"}: a signer's signature of round {@code seq}'s digest (130 lowercase hex). */
public record SigSubmitOp(long seq, CompactSignature sig) implements SidechainOp {
  public SigSubmitOp {
    if (seq < 1 || sig == null) {
      throw new IllegalArgumentException("a sig_submit names a round (seq >= 1) and a signature");
    }
  }

  @Override
  public String name() {
    return "sig_submit";
  }

  static final SidechainOpCodec<SigSubmitOp> CODEC = SidechainOpCodec.of(Set.of("seq", "sig"),
      in -> new SigSubmitOp(in.integer("seq", 1, Long.MAX_VALUE), in.signature("sig")),
      (out, op) -> {
        out.writeNumberField("seq", op.seq);
        out.writeStringField("sig", op.sig.toHex());
      });
}
