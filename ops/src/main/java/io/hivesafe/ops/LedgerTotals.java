package io.hivesafe.ops;

import io.hivesafe.state.StateReader;

/**
 * The sums that must balance (docs/protocol.md, "Invariants"): every token unit was allocated at
 * genesis, and every pegged unit the books hold (user balances, queued payouts, the treasury) or paid
 * out (confirmed multisig rounds) came from a deposit or the genesis treasury. A full scan: for tests, audits and the API, never per block.
 */
public record LedgerTotals(long tokens, long hive, long hbd, long tokenSupply, long hiveIn, long hbdIn) {
  public static LedgerTotals of(StateReader r, NetworkGenesis genesis) {
    long tokens = 0;
    long hive = 0;
    long hbd = 0;
    for (String account : SidechainState.accountNames(r)) {
      Balances b = SidechainState.balances(r, account);
      tokens += b.token() + b.gov() + b.unlocking();
      hive += b.hive();
      hbd += b.hbd();
    }
    for (Payout p : SidechainState.payouts(r)) {
      if (p.asset().equals(PeggedAsset.HIVE.name())) {
        hive += p.amount();
      } else {
        hbd += p.amount();
      }
    }
    Totals t = SidechainState.totals(r);
    MultisigBooks paid = SidechainState.multisigBooks(r);
    return new LedgerTotals(tokens, hive + t.treasuryHive() + paid.paidHive(), hbd + t.treasuryHbd() + paid.paidHbd(), t.tokenSupply(),
        t.depositedHive() + genesis.treasuryHive(), t.depositedHbd() + genesis.treasuryHbd());
  }

  /** Whether nothing was created or destroyed. */
  public boolean balanced() {
    return tokens == tokenSupply && hive == hiveIn && hbd == hbdIn;
  }
}
