package io.hivesafe.ops;

import io.hivesafe.state.StateReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The custody rules of DESIGN §3.5 that bound what the shared account holds and pays:
 * <ul>
 *   <li>the <b>books' balance</b> of the multisig account: the genesis treasury plus every deposit
 *       minus every confirmed payout — what the account must hold on chain (the shell compares);
 *   <li>the <b>safety limit</b> (HoneyComb's rule): that balance, valued at the genesis rates, never
 *       exceeds the governance stake of the weakest majority of signers — the {@code threshold}
 *       smallest stakes among the signer keys, the least a colluding majority would forfeit. A
 *       deposit that would take it over is refunded;
 *   <li>the <b>24-hour cap</b>: confirmed payouts in the last 24 hours of block time plus a new batch
 *       stay within the genesis cap per asset.
 * </ul>
 */
public final class Custody {
  private Custody() {}

  /** What the multisig account must hold on chain by the books, in milli-HIVE and milli-HBD. */
  public record Balance(long hive, long hbd) {}

  /** The genesis treasury plus deposits minus confirmed payouts. */
  public static Balance books(StateReader r, NetworkGenesis g) {
    Totals t = SidechainState.totals(r);
    MultisigBooks paid = SidechainState.multisigBooks(r);
    return new Balance(g.treasuryHive() + t.depositedHive() - paid.paidHive(), g.treasuryHbd() + t.depositedHbd() - paid.paidHbd());
  }

  /** The sum of the {@code threshold} smallest governance stakes among the signer keys (0 for a key no node holds). */
  public static long weakestMajorityStake(StateReader r) {
    MultisigAuthority auth = SidechainState.authority(r);
    TreeMap<String, Long> stakeByKey = new TreeMap<>();
    for (NodeRecord n : SidechainState.nodes(r)) {
      stakeByKey.put(n.key(), SidechainState.balances(r, n.account()).gov());
    }
    List<Long> stakes = new ArrayList<>();
    for (String k : auth.keys()) {
      stakes.add(stakeByKey.getOrDefault(k, 0L));
    }
    stakes.sort(null);
    long sum = 0;
    for (int i = 0; i < auth.threshold() && i < stakes.size(); i++) {
      sum = Math.addExact(sum, stakes.get(i));
    }
    return sum;
  }

  /** Why a deposit of {@code amount} would take custody over the safety limit, or null if it fits. */
  static String overSafetyLimit(SidechainState s, NetworkGenesis g, PeggedAsset asset, long amount) {
    Balance held = books(s.buffer(), g);
    long hive = held.hive() + (asset == PeggedAsset.HIVE ? amount : 0);
    long hbd = held.hbd() + (asset == PeggedAsset.HBD ? amount : 0);
    long stake = weakestMajorityStake(s.buffer());
    if (g.custody().covers(stake, hive, hbd)) {
      return null;
    }
    return "custody would be worth " + g.custody().custodyValue(hive, hbd) + " milli-HIVE, over the safety limit of "
        + g.custody().stakeValue(stake) + " (the weakest majority's stake, " + stake + ")";
  }

  /** Confirmed payouts within the 24 hours up to {@code now}, per asset; older records are deleted. */
  static long[] paidInWindow(SidechainState s, Instant now) {
    long from = now.getEpochSecond() - CustodyLimits.WINDOW_SECONDS;
    long[] paid = new long[2];
    for (PaidRound p : SidechainState.paidRounds(s.buffer())) {
      if (p.time() <= from) {
        s.deletePaidRound(p);
      } else {
        paid[PeggedAsset.HIVE.ordinal()] += p.hive();
        paid[PeggedAsset.HBD.ordinal()] += p.hbd();
      }
    }
    return paid;
  }
}
