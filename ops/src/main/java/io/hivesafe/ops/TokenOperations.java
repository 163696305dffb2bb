package io.hivesafe.ops;

import io.hivesafe.chrono.Chrono;

/** {@code send}, {@code gov_lock} and {@code gov_unlock} (DESIGN §3.2), and the unlock's chrono task. */
final class TokenOperations {
  static final String UNLOCK_TASK = "gov_unlock";

  private TokenOperations() {}

  /**
   * {"to": account, "amount": integer, "memo": string?, "asset": "HIVE"|"HBD"?} — HoneyComb's JSON, so its
   * wallets work; with {@code asset}, a pegged balance moves instead of the token.
   */
  static OpResult send(SidechainState s, OpContext ctx, SendOp op) throws OpRejected {
    String to = op.to();
    long amount = op.amount();
    if (to.equals(ctx.sender())) {
      throw new OpRejected(ReasonCode.SEND_TO_SELF);
    }
    Balances from = s.balances(ctx.sender());
    if (op.asset().isPresent()) {
      // a pegged balance moves between sidechain accounts: custody (the multisig account's HIVE and
      // HBD) and the books' totals are unchanged; only who may withdraw it changes
      PeggedAsset asset = op.asset().get();
      if (from.pegged(asset) < amount) {
        throw new OpRejected(ReasonCode.PEGGED_BALANCE_LOW, asset.name(), from.pegged(asset), amount);
      }
      s.putBalances(ctx.sender(), from.withPegged(asset, from.pegged(asset) - amount));
      Balances dest = s.balances(to);
      s.putBalances(to, dest.withPegged(asset, Math.addExact(dest.pegged(asset), amount)));
      return OpResult.ok(ReasonCode.SENT_PEGGED, amount, asset.name(), to);
    }
    if (from.token() < amount) {
      throw new OpRejected(ReasonCode.TOKEN_BALANCE_LOW, from.token(), amount);
    }
    s.putBalances(ctx.sender(), from.withToken(from.token() - amount));
    Balances dest = s.balances(to);
    s.putBalances(to, dest.withToken(dest.token() + amount));
    return OpResult.ok(ReasonCode.SENT, amount, to);
  }

  /** {"amount": integer}: liquid token becomes governance stake at once. */
  static OpResult lock(SidechainState s, OpContext ctx, GovLockOp op) throws OpRejected {
    long amount = op.amount();
    Balances b = s.balances(ctx.sender());
    if (b.token() < amount) {
      throw new OpRejected(ReasonCode.TOKEN_BALANCE_LOW, b.token(), amount);
    }
    s.putBalances(ctx.sender(), b.withToken(b.token() - amount).withGov(b.gov() + amount));
    return OpResult.ok(ReasonCode.LOCKED, amount);
  }

  /**
   * {"amount": integer}: stake stops counting at once and becomes liquid after unlock_delay blocks —
   * unless it backs a multisig key ({@link SignerBonds}): then it cannot unlock.
   */
  static OpResult unlock(SidechainState s, OpContext ctx, GovUnlockOp op) throws OpRejected {
    long amount = op.amount();
    SignerBonds.requireUnlocked(s, ctx.sender(), ctx.block());
    Balances b = s.balances(ctx.sender());
    if (b.gov() < amount) {
      throw new OpRejected(ReasonCode.GOV_BALANCE_LOW, b.gov(), amount);
    }
    s.putBalances(ctx.sender(), b.withGov(b.gov() - amount).withUnlocking(b.unlocking() + amount));
    long due = ctx.block() + s.params().unlockDelay();
    Chrono.at(s.buffer(), ctx.block()).schedule(due,
        new CoreTask.Unlock(ctx.sender(), amount).toChrono());
    return OpResult.ok(ReasonCode.UNLOCKING, amount, due);
  }

  /** The chrono task: the unlocking amount becomes liquid. */
  static Reason finishUnlock(SidechainState s, String account, long amount) {
    Balances b = s.balances(account);
    if (b.unlocking() < amount) {
      throw new IllegalStateException("unlock of " + amount + " for " + account + " but only " + b.unlocking() + " is unlocking");
    }
    s.putBalances(account, b.withUnlocking(b.unlocking() - amount).withToken(Math.addExact(b.token(), amount)));
    return Reason.of(ReasonCode.UNLOCKED, amount);
  }
}
