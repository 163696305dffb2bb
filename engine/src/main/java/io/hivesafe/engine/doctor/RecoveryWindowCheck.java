package io.hivesafe.engine.doctor;

import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.rpc.AccountInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Hive's owner recovery, as it bears on the multisig account: for {@link #WINDOW} (hived's
 * HIVE_OWNER_AUTH_RECOVERY_PERIOD) after an owner change, an owner authority the account held before it
 * can take the account back, together with its recovery account ({@code request_account_recovery} by the
 * recovery account, {@code recover_account} signed by that recent owner authority). After the founders'
 * handover that means: until the window closes, whoever held the account's owner key before the
 * handover and its recovery account can undo it. WARN while the window is open (when it closes, what to
 * do); OK after, naming the recovery account.
 */
final class RecoveryWindowCheck {
  static final String NAME = "recovery";
  /** HIVE_OWNER_AUTH_RECOVERY_PERIOD: 30 days. */
  static final Duration WINDOW = Duration.ofDays(30);

  private RecoveryWindowCheck() {}

  static List<Finding> check(AccountName account, Optional<AccountInfo> info, Instant headTime) {
    if (info.isEmpty()) {
      return List.of();
    }
    String recovery = info.get().recoveryAccount().map(AccountName::value).orElse("none");
    Instant changed = info.get().lastOwnerUpdate();
    Instant closes = changed.plus(WINDOW);
    if (headTime.isBefore(closes)) {
      long days = Duration.between(headTime, closes).toDays();
      return List.of(Finding.warn(NAME, account + "'s owner authority changed at " + changed + ": until " + closes + " (about "
          + days + " days) the owner authority it held before, with its recovery account " + recovery + ", can recover it "
          + "(Hive's owner recovery)", "keep the previous owner key offline until then, or destroy it; make sure the "
          + "recovery account " + recovery + " is one the founders trust (change_recovery_account takes 30 days)"));
    }
    return List.of(Finding.ok(NAME, account + "'s owner authority has not changed since " + changed
        + ", past Hive's 30-day recovery window; recovery account " + recovery));
  }
}
