package io.hivesafe.engine.node;

import io.hivesafe.hive.protocol.AccountName;
import java.time.Instant;
import java.util.Objects;

/**
 * One account's resource credits as the node last read them: max_rc and the mana regenerated to the head
 * block's time of the reading ({@code io.hivesafe.hive.rpc.RcAccount#manaAt}), its percentage, and
 * whether that is low ({@link RcLowRule}).
 *
 * @param threshold the mana below which the account counts as low by the transaction rule
 */
public record RcReading(RcRole role, AccountName account, long maxRc, long mana, int percent, boolean low, long threshold,
    Instant headTime) {
  public RcReading {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(headTime, "headTime");
    if (percent < 0 || percent > 100) {
      throw new IllegalArgumentException("percent must be within 0..100, got " + percent);
    }
  }
}
