package io.hivesafe.ops;

import com.fasterxml.jackson.core.JsonGenerator;
import io.hivesafe.hive.protocol.AccountName;
import java.util.Optional;
import java.util.Set;

/**
 * {@code send} {"to", "amount", "memo"?, "asset"?}: HoneyComb's JSON, so its wallets work; without
 * {@code asset} it moves the network's token, with {@code "HIVE"} or {@code "HBD"} a pegged balance
 * (issue 18: pegged transfers inside the sidechain, as Hive-Engine's SWAP.HIVE).
 */
public record SendOp(String to, long amount, String memo, Optional<PeggedAsset> asset) implements SidechainOp {
  public SendOp {
    AccountName.of(to);
    OpAmounts.check(amount);
    OpAmounts.checkMemo(memo);
    java.util.Objects.requireNonNull(asset, "asset");
  }

  /** A send of the network's token. */
  public SendOp(String to, long amount, String memo) {
    this(to, amount, memo, Optional.empty());
  }

  @Override
  public String name() {
    return "send";
  }

  static final SidechainOpCodec<SendOp> CODEC = SidechainOpCodec.of(Set.of("to", "amount", "memo", "asset"),
      in -> {
        String to = in.account("to");
        long amount = in.amount("amount");
        String memo = in.memo("memo");
        Optional<PeggedAsset> asset = in.has("asset") ? Optional.of(in.asset("asset")) : Optional.empty();
        return new SendOp(to, amount, memo, asset);
      },
      (out, op) -> {
        out.writeStringField("to", op.to);
        out.writeNumberField("amount", op.amount);
        if (!op.memo.isEmpty()) {
          out.writeStringField("memo", op.memo);
        }
        if (op.asset.isPresent()) {
          out.writeStringField("asset", op.asset.get().name());
        }
      });
}
