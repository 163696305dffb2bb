package io.hivesafe.ops;

import io.hivesafe.state.StateReader;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The custody rules of DESIGN §3.5 that bound what the shared account holds and pays:
 * <ul>
 *   <li>the <b>books' balance</b> of the multisig account: the genesis treasury plus every deposit
 *       minus every confirmed payout and every unexplained outflow — what the account must hold on
 *       chain (the shell compares);
 *   <li>the <b>safety limit</b> (HoneyComb's rule): that balance, valued at the genesis rates, never
 *       exceeds the governance stake of the weakest set of signers that can sign alone — the least a
 *       colluding majority would forfeit. A deposit that would take it over is refunded; custody that
 *       stands over it (stake or signers changed) is an alarm and asks for a rotation;
 *   <li>the <b>24-hour cap</b>: confirmed payouts in the last 24 hours of block time plus a new batch
 *       stay within the genesis cap per asset.
 * </ul>
 */
public final class Custody {
  private Custody() {}

  /** What the multisig account must hold on chain by the books, in milli-HIVE and milli-HBD. */
  public record Balance(long hive, long hbd) {}

  /** The genesis treasury plus deposits minus confirmed payouts and unexplained outflows. */
  public static Balance books(StateReader r, NetworkGenesis g) {
    Totals t = SidechainState.totals(r);
    MultisigBooks b = SidechainState.multisigBooks(r);
    return new Balance(g.treasuryHive() + t.depositedHive() - b.paidHive() - b.unexplainedHive(),
        g.treasuryHbd() + t.depositedHbd() - b.paidHbd() - b.unexplainedHbd());
  }

  /**
   * The least governance stake behind a set of keys that satisfies the owner or the active authority
   * alone — what signers able to move the funds would forfeit. With weight-1 keys it is the sum of the
   * {@code threshold} smallest stakes. A key no registered node holds, and an account member, count 0.
   * With other weights it is a lower bound (the fractional cover, rounded down): never more than the
   * true least stake, so the limit errs on the safe side.
   */
  public static long weakestMajorityStake(StateReader r) {
    MultisigAuthority auth = SidechainState.authority(r);
    Map<String, Long> stakes = stakeByKey(r);
    return Math.min(coverStake(auth.owner(), stakes), coverStake(auth.active(), stakes));
  }

  /**
   * The weakest majority's stake at a network's start, from its genesis alone: each genesis node's key
   * backed by its account's allocated governance stake, against the genesis owner and active authority
   * (what {@link #weakestMajorityStake(StateReader)} computes on the state the genesis writes). The
   * genesis treasury must be worth no more than this, or the first tally raises SAFETY_LIMIT.
   */
  public static long genesisWeakestMajorityStake(NetworkGenesis g) {
    TreeMap<String, Long> gov = new TreeMap<>();
    for (NetworkGenesis.Allocation a : g.allocations()) {
      gov.put(a.account().value(), a.gov());
    }
    TreeMap<String, Long> stakes = new TreeMap<>();
    for (NetworkGenesis.GenesisNode n : g.nodes()) {
      stakes.put(n.key().toString(), gov.getOrDefault(n.account().value(), 0L));
    }
    return Math.min(coverStake(SignerAuthority.of(g.owner()), stakes), coverStake(SignerAuthority.of(g.active()), stakes));
  }

  /** Whether the genesis treasury is within the safety limit at the start (see {@link #genesisWeakestMajorityStake}). */
  public static boolean genesisWithinLimit(NetworkGenesis g) {
    return g.custody().covers(genesisWeakestMajorityStake(g), g.treasuryHive(), g.treasuryHbd());
  }

  /** Governance stake behind each registered node's key (removed nodes' keys count 0). */
  static Map<String, Long> stakeByKey(StateReader r) {
    TreeMap<String, Long> stakeByKey = new TreeMap<>();
    for (NodeRecord n : SidechainState.nodes(r)) {
      stakeByKey.put(n.key(), SidechainState.balances(r, n.account()).gov());
    }
    return stakeByKey;
  }

  /** The weakest majority of a rotation to {@code keys} (weight 1, threshold ⌊n/2⌋+1). */
  static long weakestMajorityOf(Collection<String> keys, Map<String, Long> stakes) {
    return coverStake(SignerAuthority.ofKeys(keys.size() / 2 + 1, keys), stakes);
  }

  static long coverStake(SignerAuthority a, Map<String, Long> stakes) {
    long need = a.threshold();
    for (SignerAuthority.Member m : a.accounts()) {
      need -= m.weight();
    }
    if (need <= 0) {
      return 0;
    }
    List<long[]> items = new ArrayList<>();
    for (SignerAuthority.Member m : a.keys()) {
      if (m.weight() > 0) {
        items.add(new long[] {stakes.getOrDefault(m.name(), 0L), m.weight()});
      }
    }
    // cheapest stake per unit of weight first: s1/w1 < s2/w2 ⇔ s1·w2 < s2·w1 (exact, no division)
    items.sort((x, y) -> BigInteger.valueOf(x[0]).multiply(BigInteger.valueOf(y[1]))
        .compareTo(BigInteger.valueOf(y[0]).multiply(BigInteger.valueOf(x[1]))));
    long cost = 0;
    for (long[] item : items) {
      if (item[1] >= need) {
        return Math.addExact(cost, BigInteger.valueOf(item[0]).multiply(BigInteger.valueOf(need))
            .divide(BigInteger.valueOf(item[1])).longValueExact());
      }
      cost = Math.addExact(cost, item[0]);
      need -= item[1];
    }
    return cost;
  }

  /** How far custody stands over the limit: its value and the limit, both in milli-HIVE. */
  record Excess(long value, long limit) {}

  /** By how much a deposit of {@code amount} would take custody over the safety limit, if it would. */
  static java.util.Optional<Excess> overSafetyLimit(SidechainState s, NetworkGenesis g, PeggedAsset asset, long amount) {
    Balance held = books(s.buffer(), g);
    long hive = held.hive() + (asset == PeggedAsset.HIVE ? amount : 0);
    long hbd = held.hbd() + (asset == PeggedAsset.HBD ? amount : 0);
    long stake = weakestMajorityStake(s.buffer());
    if (g.custody().covers(stake, hive, hbd)) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(new Excess(g.custody().custodyValue(hive, hbd), g.custody().stakeValue(stake)));
  }

  /** Whether custody as it stands is within the safety limit. */
  static boolean withinLimit(StateReader r, NetworkGenesis g) {
    Balance held = books(r, g);
    return g.custody().covers(weakestMajorityStake(r), Math.max(0, held.hive()), Math.max(0, held.hbd()));
  }

  /**
   * After anything that can move the limit (a tally, an authority change, an executed proposal): an
   * alarm when custody has gone over the safety limit, a feed entry when it is back within. Once per
   * crossing, not once per block.
   */
  static void checkLimit(SidechainState s, NetworkGenesis g, FeedWriter feed) {
    MultisigBooks books = SidechainState.multisigBooks(s.buffer());
    boolean over = !withinLimit(s.buffer(), g);
    if (over == books.overLimit()) {
      return;
    }
    s.putMultisigBooks(books.withOverLimit(over));
    Balance held = books(s.buffer(), g);
    long stake = weakestMajorityStake(s.buffer());
    String account = g.multisigAccount().value();
    if (over) {
      feed.alarm("", 0, AlarmKind.SAFETY_LIMIT, account, "", held.hive(), held.hbd(), 0, ReasonCode.ALARM_SAFETY_LIMIT,
          g.custody().custodyValue(Math.max(0, held.hive()), Math.max(0, held.hbd())), g.custody().stakeValue(stake), stake);
    } else {
      feed.add("", 0, account, "custody", true, ReasonCode.WITHIN_LIMIT_AGAIN, stake);
    }
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
