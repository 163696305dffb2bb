package io.hivesafe.testkit.traffic;

import io.hivesafe.hive.crypto.PrivateKey;
import io.hivesafe.hive.protocol.AccountName;
import java.util.Objects;

/**
 * A Hive account the generator signs for: its active and posting keys (single-key authorities), and
 * what it holds on Hive when the generator starts, in milli-HIVE and milli-HBD. The generator deposits
 * and transfers only from what it knows the account holds. {@code toString} shows no key.
 */
public record TrafficUser(AccountName name, PrivateKey activeKey, PrivateKey postingKey, long hive, long hbd) {
  public TrafficUser {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(activeKey, "activeKey");
    Objects.requireNonNull(postingKey, "postingKey");
    if (hive < 0 || hbd < 0) {
      throw new IllegalArgumentException("user " + name + ": Hive balances must not be negative");
    }
  }

  @Override
  public String toString() {
    return "TrafficUser[" + name + ", " + hive + " mHIVE, " + hbd + " mHBD]";
  }
}
