package io.hivesafe.ops;

import com.fasterxml.jackson.core.JsonGenerator;
import io.hivesafe.hive.protocol.AccountName;
import java.util.Set;

/** {@code send} {"to", "amount", "memo"?}: HoneyComb's JSON, so its wallets work. */
public record SendOp(String to, long amount, String memo) implements SidechainOp {
  public SendOp {
    AccountName.of(to);
    OpAmounts.check(amount);
    OpAmounts.checkMemo(memo);
  }

  @Override
  public String name() {
    return "send";
  }

  static final SidechainOpCodec<SendOp> CODEC = SidechainOpCodec.of(Set.of("to", "amount", "memo"),
      in -> new SendOp(in.account("to"), in.amount("amount"), in.memo("memo")),
      (out, op) -> {
        out.writeStringField("to", op.to);
        out.writeNumberField("amount", op.amount);
        if (!op.memo.isEmpty()) {
          out.writeStringField("memo", op.memo);
        }
      });
}
