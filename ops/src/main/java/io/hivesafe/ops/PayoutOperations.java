package io.hivesafe.ops;

import io.hivesafe.hive.protocol.TransferOperation;
import java.util.Set;

/** Deposits (Hive transfers into the multisig account) and {@code withdraw} (DESIGN §3.2). */
final class PayoutOperations {
  private PayoutOperations() {}

  /**
   * A transfer of HIVE or HBD to the multisig account credits the sender's pegged balance — unless it
   * would take custody over the safety limit ({@link Custody}): then it is counted as deposited and
   * queued straight back to the sender as a refund, paid by the next batch.
   */
  static OpResult deposit(SidechainState s, OpContext ctx, TransferOperation transfer, NetworkGenesis g) {
    PeggedAsset asset = PeggedAsset.of(transfer.amount().symbol());
    if (asset == null) {
      // hived refuses VESTS transfers; a block holding one is not from Hive.
      throw new IllegalStateException("a transfer of " + transfer.amount().symbol() + " in block " + ctx.block());
    }
    long amount = transfer.amount().amount();
    String over = Custody.overSafetyLimit(s, g, asset, amount);
    s.putTotals(s.totals().deposited(asset, amount));
    if (over != null) {
      long seq = queue(s, Payout.REFUND, ctx.sender(), amount, asset, "refund: " + over, ctx.block(), ctx.tx() + ":" + ctx.op());
      return OpResult.ok("refund " + seq + " of " + amount + " " + asset + " queued: " + over);
    }
    Balances b = s.balances(ctx.sender());
    s.putBalances(ctx.sender(), b.withPegged(asset, Math.addExact(b.pegged(asset), amount)));
    return OpResult.ok("deposited " + amount + " " + asset);
  }

  /** {"amount": integer, "asset": "HIVE"|"HBD", "memo": string?}: debit now, queue the payout. */
  static OpResult withdraw(SidechainState s, OpContext ctx, String json, CustodyLimits limits) throws OpRejected {
    OpArgs args = OpArgs.parse(json, Set.of("amount", "asset", "memo"));
    long amount = args.amount("amount");
    PeggedAsset asset = PeggedAsset.parse(args.text("asset", 5));
    if (asset == null) {
      throw new OpRejected("asset must be HIVE or HBD");
    }
    String memo = args.memo("memo");
    if (amount > limits.dailyCap(asset)) {
      throw new OpRejected("amount " + amount + " is over the 24-hour payout cap of " + limits.dailyCap(asset) + " " + asset
          + ": it could never be paid");
    }
    Balances b = s.balances(ctx.sender());
    if (b.pegged(asset) < amount) {
      throw new OpRejected(asset + " balance " + b.pegged(asset) + " is less than amount " + amount);
    }
    long queued = 0;
    for (Payout p : SidechainState.payouts(s.buffer())) {
      if (p.to().equals(ctx.sender()) && p.kind().equals(Payout.WITHDRAWAL)) {
        queued++;
      }
    }
    if (queued >= s.params().maxWithdrawals()) {
      throw new OpRejected("already " + queued + " withdrawals queued (max_withdrawals)");
    }
    s.putBalances(ctx.sender(), b.withPegged(asset, b.pegged(asset) - amount));
    queue(s, Payout.WITHDRAWAL, ctx.sender(), amount, asset, memo, ctx.block(), ctx.tx() + ":" + ctx.op());
    return OpResult.ok("withdrawal of " + amount + " " + asset + " queued");
  }

  /**
   * A payout the chain keeps refusing leaves the queue and goes back where it came from: a withdrawal
   * or a refund to its owner's pegged balance, a treasury payout to the treasury. Nothing is lost; the
   * returned feed line says what happened.
   */
  static String giveBack(SidechainState s, Payout p, long block) {
    PeggedAsset asset = PeggedAsset.valueOf(p.asset());
    s.deletePayout(p.seq());
    String where;
    if (p.kind().equals(Payout.TREASURY)) {
      Totals t = s.totals();
      s.putTotals(t.withTreasury(asset, Math.addExact(t.treasury(asset), p.amount())));
      where = "the treasury";
    } else {
      Balances b = s.balances(p.to());
      s.putBalances(p.to(), b.withPegged(asset, Math.addExact(b.pegged(asset), p.amount())));
      where = p.to() + "'s " + asset + " balance";
    }
    return "payout " + p.seq() + " (" + p.kind() + " of " + p.amount() + " " + asset + " to " + p.to() + ") returned to " + where
        + " after " + p.strikes() + " signed rounds holding it expired unconfirmed: the chain refuses it";
  }

  static long queue(SidechainState s, String kind, String to, long amount, PeggedAsset asset, String memo, long block,
      String source) {
    Totals t = s.totals();
    long seq = t.nextPayout();
    s.putPayout(new Payout(seq, kind, to, amount, asset.name(), memo, block, source, 0));
    s.putTotals(t.withNextPayout(seq + 1));
    return seq;
  }
}
