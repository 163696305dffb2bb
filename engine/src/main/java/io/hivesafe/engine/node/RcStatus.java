package io.hivesafe.engine.node;

import io.hivesafe.hive.protocol.AccountName;
import java.util.Objects;
import java.util.Optional;

/**
 * What the API shows of one account's resource credits: the last reading (empty before the first), and
 * what the outbox has met: refusals for want of RC and transactions held until RC regenerates.
 */
public record RcStatus(RcRole role, AccountName account, Optional<RcReading> reading, long refusals, int held) {
  public RcStatus {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(reading, "reading");
  }
}
