package io.hivesafe.hive.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import io.hivesafe.hive.HiveFormatException;
import io.hivesafe.hive.json.JsonFields;
import io.hivesafe.hive.protocol.AccountName;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * An account's resource credits as rc_api.find_rc_accounts reports them: the most mana it can hold
 * ({@code max_rc}) and its manabar (mana at {@code last_update_time}). Every transaction an account signs
 * costs mana; hived refuses a transaction whose payer has too little. Mana regenerates linearly from
 * empty to full in {@link #REGENERATION} (hived's HIVE_RC_REGEN_TIME, 5 days), so the mana at a later
 * time is known without asking again: {@link #manaAt}. The recorded mana may be below zero (accounts
 * that went negative before hived clamped use at zero) and, after {@code max_rc} fell, above the
 * maximum; hived's regeneration then caps it at the maximum (util/manabar.hpp {@code regenerate_mana}).
 */
public record RcAccount(AccountName account, long maxRc, long currentMana, Instant lastUpdate) {
  /** hived's HIVE_RC_REGEN_TIME: from empty to full in five days. */
  public static final Duration REGENERATION = Duration.ofDays(5);

  public RcAccount {
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(lastUpdate, "lastUpdate");
    if (maxRc < 0) {
      throw new HiveFormatException("max_rc of " + account + " must not be negative, got " + maxRc);
    }
  }

  /** Reads one entry of find_rc_accounts' {@code rc_accounts}; integers may be numbers or decimal strings. */
  public static RcAccount read(JsonNode node) {
    JsonNode manabar = JsonFields.required(node, "rc_manabar");
    return new RcAccount(
        AccountName.of(JsonFields.text(node, "account")),
        JsonFields.integer(node, "max_rc", 0, Long.MAX_VALUE),
        JsonFields.integer(manabar, "current_mana", Long.MIN_VALUE, Long.MAX_VALUE),
        Instant.ofEpochSecond(JsonFields.integer(manabar, "last_update_time", 0, 0xffffffffL)));
  }

  /**
   * The mana at {@code time}: the manabar regenerated as hived does it before it charges a transaction
   * (util/manabar.hpp {@code regenerate_mana}: max_rc × elapsed seconds ÷ 5 days, integer division, in
   * 128-bit arithmetic), never above {@code max_rc} — mana recorded above it counts as {@code max_rc},
   * as hived sets it there — and never below what it held. A time before the last update gives the
   * recorded mana (capped likewise).
   */
  public long manaAt(Instant time) {
    long elapsed = Math.max(0, time.getEpochSecond() - lastUpdate.getEpochSecond());
    if (currentMana >= maxRc) {
      return maxRc;
    }
    BigInteger regenerated = BigInteger.valueOf(maxRc).multiply(BigInteger.valueOf(elapsed))
        .divide(BigInteger.valueOf(REGENERATION.toSeconds()));
    BigInteger mana = BigInteger.valueOf(currentMana).add(regenerated);
    return mana.min(BigInteger.valueOf(maxRc)).longValueExact();
  }

  /** The mana at {@code time} in whole percent of {@code max_rc} (0..100; 0 when max_rc is 0 or mana negative). */
  public int percentAt(Instant time) {
    long mana = manaAt(time);
    if (maxRc == 0 || mana <= 0) {
      return 0;
    }
    return BigInteger.valueOf(mana).multiply(BigInteger.valueOf(100))
        .divide(BigInteger.valueOf(maxRc)).intValueExact();
  }

  /** How long until the mana reaches {@code needed} from its state at {@code time}; zero if it has it, empty if it never will. */
  public java.util.Optional<Duration> timeUntil(long needed, Instant time) {
    long mana = manaAt(time);
    if (mana >= needed) {
      return java.util.Optional.of(Duration.ZERO);
    }
    if (needed > maxRc || maxRc == 0) {
      return java.util.Optional.empty();
    }
    BigInteger missing = BigInteger.valueOf(needed - mana);
    BigInteger seconds = missing.multiply(BigInteger.valueOf(REGENERATION.toSeconds()))
        .add(BigInteger.valueOf(maxRc - 1)).divide(BigInteger.valueOf(maxRc));
    return java.util.Optional.of(Duration.ofSeconds(seconds.longValueExact()));
  }
}
