package io.hivesafe.ops;

import java.math.BigInteger;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The genesis's custody limits (DESIGN §3.5), fixed for the life of the network:
 * <ul>
 *   <li>the <b>24-hour payout cap</b> per pegged asset: confirmed payouts within any rolling 24 hours of
 *       block time, plus the batch being built, stay within it; a payout over it waits in the queue;
 *   <li>the <b>valuation</b> for the safety limit: what one milli-HBD and one token unit are worth in
 *       milli-HIVE, as exact fractions ("num/den"), so custody and stake compare without floating point.
 * </ul>
 *
 * @param dailyCapHive milli-HIVE that may be paid out in any 24 hours
 * @param dailyCapHbd milli-HBD that may be paid out in any 24 hours
 * @param hbdValue milli-HIVE per milli-HBD
 * @param tokenValue milli-HIVE per token unit (smallest unit)
 * @param minSigners the fewest keys a rotation may leave in the authority (threshold ⌊n/2⌋+1 ≥ 2)
 * @param signerUnbondBlocks blocks a node's stake stays locked after its key left the authority (Hive
 *     lets the account's recent owner keys recover it for 30 days: the stake behind a key stays at
 *     risk as long as the key can still act)
 */
public record CustodyLimits(long dailyCapHive, long dailyCapHbd, Rate hbdValue, Rate tokenValue, long minSigners,
    long signerUnbondBlocks) {
  /** The window of the payout cap, in seconds of block time. */
  public static final long WINDOW_SECONDS = 86_400;
  /** Default {@code min_signers}: three keys, so that no rotation leaves the funds to a 2-of-2 or less. */
  public static final long DEFAULT_MIN_SIGNERS = 3;
  /** Default {@code signer_unbond_blocks}: Hive's 30-day owner-recovery window in 3-second blocks. */
  public static final long DEFAULT_SIGNER_UNBOND_BLOCKS = 864_000;
  /** The longest unbond a genesis may set (about a year). */
  public static final long MAX_SIGNER_UNBOND_BLOCKS = 10_512_000;

  /** An exact positive fraction, written "num/den" (or "num" for num/1). */
  public record Rate(long numerator, long denominator) {
    private static final Pattern FORM = Pattern.compile("([0-9]{1,15})(?:/([0-9]{1,15}))?");

    public Rate {
      if (numerator < 1 || denominator < 1) {
        throw new IllegalArgumentException("a rate must be a positive fraction num/den, got " + numerator + "/" + denominator);
      }
    }

    public static Rate parse(String text) {
      Matcher m = FORM.matcher(text == null ? "" : text);
      if (!m.matches()) {
        throw new IllegalArgumentException("a rate must be written \"num/den\" with whole numbers of at most 15 digits, got \""
            + text + "\"");
      }
      return new Rate(Long.parseLong(m.group(1)), m.group(2) == null ? 1 : Long.parseLong(m.group(2)));
    }

    @Override
    public String toString() {
      return numerator + "/" + denominator;
    }
  }

  /** The limits with the default signer floor and unbond period. */
  public CustodyLimits(long dailyCapHive, long dailyCapHbd, Rate hbdValue, Rate tokenValue) {
    this(dailyCapHive, dailyCapHbd, hbdValue, tokenValue, DEFAULT_MIN_SIGNERS, DEFAULT_SIGNER_UNBOND_BLOCKS);
  }

  public CustodyLimits {
    if (minSigners < 2 || minSigners > NetworkParams.MAX_SIGNERS_LIMIT) {
      throw new IllegalArgumentException("min_signers must be in [2, 40], got " + minSigners);
    }
    if (signerUnbondBlocks < 1 || signerUnbondBlocks > MAX_SIGNER_UNBOND_BLOCKS) {
      throw new IllegalArgumentException("signer_unbond_blocks must be in [1, " + MAX_SIGNER_UNBOND_BLOCKS + "], got "
          + signerUnbondBlocks);
    }
    Objects.requireNonNull(hbdValue, "value.hbd");
    Objects.requireNonNull(tokenValue, "value.token");
    if (dailyCapHive < 1 || dailyCapHive > NetworkGenesis.MAX_AMOUNT || dailyCapHbd < 1 || dailyCapHbd > NetworkGenesis.MAX_AMOUNT) {
      throw new IllegalArgumentException("daily_cap amounts must be in [1, 2^60]");
    }
  }

  /** The 24-hour cap for {@code asset}. */
  public long dailyCap(PeggedAsset asset) {
    return asset == PeggedAsset.HIVE ? dailyCapHive : dailyCapHbd;
  }

  /**
   * Whether {@code hive} milli-HIVE plus {@code hbd} milli-HBD are worth no more than {@code stake}
   * token units: hive·h_den·t_den + hbd·h_num·t_den ≤ stake·t_num·h_den, exactly.
   */
  public boolean covers(long stake, long hive, long hbd) {
    BigInteger hd = BigInteger.valueOf(hbdValue.denominator());
    BigInteger td = BigInteger.valueOf(tokenValue.denominator());
    BigInteger custody = BigInteger.valueOf(hive).multiply(hd).add(BigInteger.valueOf(hbd).multiply(BigInteger.valueOf(hbdValue.numerator())))
        .multiply(td);
    BigInteger limit = BigInteger.valueOf(stake).multiply(BigInteger.valueOf(tokenValue.numerator())).multiply(hd);
    return custody.compareTo(limit) <= 0;
  }

  /** {@code stake} token units in whole milli-HIVE (rounded down), for messages. */
  public long stakeValue(long stake) {
    return BigInteger.valueOf(stake).multiply(BigInteger.valueOf(tokenValue.numerator()))
        .divide(BigInteger.valueOf(tokenValue.denominator())).min(BigInteger.valueOf(Long.MAX_VALUE)).longValue();
  }

  /** {@code hive} + {@code hbd} in whole milli-HIVE (rounded down), for messages. */
  public long custodyValue(long hive, long hbd) {
    return BigInteger.valueOf(hbd).multiply(BigInteger.valueOf(hbdValue.numerator()))
        .divide(BigInteger.valueOf(hbdValue.denominator())).add(BigInteger.valueOf(hive))
        .min(BigInteger.valueOf(Long.MAX_VALUE)).longValue();
  }
}
