package io.hivesafe.ops;

import com.fasterxml.jackson.core.JsonGenerator;
import io.hivesafe.hive.crypto.CompactSignature;
import io.hivesafe.hive.crypto.PublicKey;
import java.util.Set;

/** {@code node_add} {"key": STM public key, "proof": 130 hex}: registers the sender, or changes its key. */
public record NodeAddOp(PublicKey key, CompactSignature proof) implements SidechainOp {
  public NodeAddOp {
    if (key == null || proof == null) {
      throw new IllegalArgumentException("node_add needs a key and a proof");
    }
  }

  @Override
  public String name() {
    return "node_add";
  }

  static final SidechainOpCodec<NodeAddOp> CODEC = SidechainOpCodec.of(Set.of("key", "proof"),
      in -> {
        String keyText = in.text("key", 64);
        PublicKey key;
        try {
          key = PublicKey.fromString(keyText);
        } catch (IllegalArgumentException e) {
          throw new OpRejected(ReasonCode.FIELD_NOT_PUBLIC_KEY, "key");
        }
        return new NodeAddOp(key, in.signature("proof"));
      },
      (out, op) -> {
        out.writeStringField("key", op.key.toString());
        out.writeStringField("proof", op.proof.toHex());
      });
}
