package io.hivesafe.devnet;

import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.rpc.RcAccount;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Every account's resource credits: a manabar per account, as hived keeps it in account_object
 * ({@code rc_manabar}, {@code max_rc}), held as an {@link RcAccount} — the mana at its last update and when
 * that was. Regeneration is hived's (util/manabar.hpp {@code regenerate_mana}, by {@link RcAccount#manaAt}):
 * linear from empty to full in five days of chain time, the head block's time, never the wall clock.
 * Charging is rc_utility.cpp {@code use_account_rcs}: regenerate to now, refuse when the mana is short of
 * the cost, else subtract it (never below zero, as {@code use_mana}'s floor). Not thread-safe; {@link
 * DevnetChain} serialises access.
 */
final class RcPools {
  private final TreeMap<AccountName, RcAccount> pools = new TreeMap<>();

  /** A full pool of {@code maxRc} for {@code account} at {@code time}. */
  void create(AccountName account, long maxRc, Instant time) {
    pools.put(account, new RcAccount(account, maxRc, maxRc, time));
  }

  /** The manabar as stored (as rc_api.find_rc_accounts shows it: not regenerated to now). */
  Optional<RcAccount> stored(AccountName account) {
    return Optional.ofNullable(pools.get(account));
  }

  /** The manabar regenerated to {@code now}. */
  RcAccount regenerated(AccountName account, Instant now) {
    RcAccount pool = existing(account);
    return new RcAccount(account, pool.maxRc(), pool.manaAt(now), later(pool.lastUpdate(), now));
  }

  /** Takes {@code cost} from {@code account}'s mana regenerated to {@code now}; the caller checked it has it. */
  void charge(AccountName account, long cost, Instant now) {
    RcAccount pool = regenerated(account, now);
    long left = Math.max(0, pool.currentMana() - cost);
    pools.put(account, new RcAccount(account, pool.maxRc(), left, pool.lastUpdate()));
  }

  /** Sets {@code account}'s pool to {@code mana} of {@code maxRc} at {@code now} (a test hook). */
  void set(AccountName account, long maxRc, long mana, Instant now) {
    existing(account);
    if (mana < 0 || mana > maxRc) {
      throw new IllegalArgumentException("mana must be within 0..max_rc (" + maxRc + "), got " + mana);
    }
    pools.put(account, new RcAccount(account, maxRc, mana, now));
  }

  private RcAccount existing(AccountName account) {
    RcAccount pool = pools.get(Objects.requireNonNull(account, "account"));
    if (pool == null) {
      throw new IllegalArgumentException("account " + account + " does not exist on the devnet");
    }
    return pool;
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
