package io.hivesafe.ops;

import io.hivesafe.hive.protocol.TransferOperation;

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
    java.util.Optional<Custody.Excess> over = Custody.overSafetyLimit(s, g, asset, amount);
    s.putTotals(s.totals().deposited(asset, amount));
    if (over.isPresent()) {
      long seq = queue(s, Payout.REFUND, ctx.sender(), amount, asset, Payout.REFUND_MEMO, ctx.block(), ctx.tx() + ":" + ctx.op());
      return OpResult.ok(ReasonCode.DEPOSIT_REFUNDED, seq, amount, asset.name(), over.get().value(), over.get().limit());
    }
    Balances b = s.balances(ctx.sender());
    s.putBalances(ctx.sender(), b.withPegged(asset, Math.addExact(b.pegged(asset), amount)));
    return OpResult.ok(ReasonCode.DEPOSITED, amount, asset.name());
  }

  /** {"amount": integer, "asset": "HIVE"|"HBD", "memo": string?}: debit now, queue the payout. */
  static OpResult withdraw(SidechainState s, OpContext ctx, WithdrawOp op, CustodyLimits limits) throws OpRejected {
    long amount = op.amount();
    PeggedAsset asset = op.asset();
    String memo = op.memo();
    if (amount > limits.dailyCap(asset)) {
      throw new OpRejected(ReasonCode.OVER_DAILY_CAP, amount, limits.dailyCap(asset), asset.name());
    }
    Balances b = s.balances(ctx.sender());
    if (b.pegged(asset) < amount) {
      throw new OpRejected(ReasonCode.PEGGED_BALANCE_LOW, asset.name(), b.pegged(asset), amount);
    }
    long queued = 0;
    for (Payout p : SidechainState.payouts(s.buffer())) {
      if (p.to().equals(ctx.sender()) && p.kind().equals(Payout.WITHDRAWAL)) {
        queued++;
      }
    }
    if (queued >= s.params().maxWithdrawals()) {
      throw new OpRejected(ReasonCode.TOO_MANY_WITHDRAWALS, queued);
    }
    s.putBalances(ctx.sender(), b.withPegged(asset, b.pegged(asset) - amount));
    long seq = queue(s, Payout.WITHDRAWAL, ctx.sender(), amount, asset, memo, ctx.block(), ctx.tx() + ":" + ctx.op());
    return OpResult.ok(ReasonCode.WITHDRAWAL_QUEUED, seq, amount, asset.name());
  }

  /**
   * A payout the chain keeps refusing leaves the queue and goes back where it came from: a withdrawal
   * or a refund to its owner's pegged balance, a treasury payout to the treasury. Nothing is lost; the
   * returned feed line says what happened.
   */
  static Reason giveBack(SidechainState s, Payout p, long block) {
    PeggedAsset asset = PeggedAsset.valueOf(p.asset());
    s.deletePayout(p.seq());
    if (p.kind().equals(Payout.TREASURY)) {
      Totals t = s.totals();
      s.putTotals(t.withTreasury(asset, Math.addExact(t.treasury(asset), p.amount())));
      return Reason.of(ReasonCode.PAYOUT_RETURNED_TO_TREASURY, p.seq(), p.amount(), asset.name(), p.to(), p.strikes());
    }
    Balances b = s.balances(p.to());
    s.putBalances(p.to(), b.withPegged(asset, Math.addExact(b.pegged(asset), p.amount())));
    return Reason.of(ReasonCode.PAYOUT_RETURNED_TO_OWNER, p.seq(), p.kind(), p.amount(), asset.name(), p.to(), p.strikes());
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
