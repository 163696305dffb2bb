package io.hivesafe.ops;

import com.fasterxml.jackson.core.JsonGenerator;
import java.util.Set;

/** {@code withdraw} {"amount", "asset": "HIVE"|"HBD", "memo"?}: pegged balance out to the sender's Hive account. */
public record WithdrawOp(long amount, PeggedAsset asset, String memo) implements SidechainOp {
  public WithdrawOp {
    OpAmounts.check(amount);
    if (asset == null) {
      throw new IllegalArgumentException("a withdrawal names HIVE or HBD");
    }
    OpAmounts.checkMemo(memo);
  }

  @Override
  public String name() {
    return "withdraw";
  }

  static final SidechainOpCodec<WithdrawOp> CODEC = SidechainOpCodec.of(Set.of("amount", "asset", "memo"),
      in -> {
        long amount = in.amount("amount");
        PeggedAsset asset = in.asset("asset");
        return new WithdrawOp(amount, asset, in.memo("memo"));
      },
      (out, op) -> {
        out.writeNumberField("amount", op.amount);
        out.writeStringField("asset", op.asset.name());
        if (!op.memo.isEmpty()) {
          out.writeStringField("memo", op.memo);
        }
      });
}
