package io.hivesafe.ops;

import com.fasterxml.jackson.core.JsonGenerator;
import io.hivesafe.hive.protocol.AccountName;
import java.io.IOException;
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

  static final SidechainOpCodec<SendOp> CODEC = new SidechainOpCodec<>() {
    @Override
    public Set<String> fields() {
      return Set.of("to", "amount", "memo");
    }

    @Override
    public SendOp read(OpArgs in) throws OpRejected {
      return new SendOp(in.account("to"), in.amount("amount"), in.memo("memo"));
    }

    @Override
    public void write(JsonGenerator out, SendOp op) throws IOException {
      out.writeStringField("to", op.to);
      out.writeNumberField("amount", op.amount);
      if (!op.memo.isEmpty()) {
        out.writeStringField("memo", op.memo);
      }
    }
  };
}
