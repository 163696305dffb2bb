package io.hivesafe.engine.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.protocol.Asset;
import io.hivesafe.hive.protocol.AssetSymbol;
import io.hivesafe.hive.protocol.Authority;
import io.hivesafe.hive.rpc.AccountInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Hive's 30-day owner recovery window after an owner change (the founders' handover): WARN while open. */
class RecoveryWindowCheckTest {
  private static final AccountName MS = AccountName.of("hivesafe-ms");
  private static final Authority NOBODY = new Authority(1, List.of(), List.of());

  private static Optional<AccountInfo> account(Instant lastOwnerUpdate) {
    return Optional.of(new AccountInfo(MS, NOBODY, NOBODY, NOBODY, Optional.empty(), Asset.of(0, AssetSymbol.HIVE),
        Asset.of(0, AssetSymbol.HBD), lastOwnerUpdate, Optional.of(AccountName.of("old-owner"))));
  }

  @Test
  void anOwnerChangeWithinThirtyDaysIsAWarningNamingWhoCanUndoIt() {
    Instant handover = Instant.parse("2026-12-01T00:00:00Z");
    Finding open = RecoveryWindowCheck.check(MS, account(handover), handover.plus(Duration.ofDays(29))).get(0);
    assertEquals(Verdict.WARN, open.verdict());
    assertTrue(open.line().contains("until 2026-12-31T00:00:00Z") && open.line().contains("recovery account old-owner"), open.line());

    Finding closed = RecoveryWindowCheck.check(MS, account(handover), handover.plus(Duration.ofDays(30))).get(0);
    assertEquals(Verdict.OK, closed.verdict(), closed.line());
    assertTrue(closed.line().contains("recovery account old-owner"), closed.line());

    assertEquals(Verdict.OK, RecoveryWindowCheck.check(MS, account(Instant.EPOCH), handover).get(0).verdict(), "never changed");
    assertEquals(List.of(), RecoveryWindowCheck.check(MS, Optional.empty(), handover), "no account: the authority line says so");
  }
}
