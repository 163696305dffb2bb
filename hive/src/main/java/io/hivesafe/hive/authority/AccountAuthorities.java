package io.hivesafe.hive.authority;

import io.hivesafe.hive.protocol.Authority;
import java.util.Objects;

/** An account's three authorities as the chain holds them (hived's account_authority_object). */
public record AccountAuthorities(Authority owner, Authority active, Authority posting) {
  public AccountAuthorities {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(active, "active");
    Objects.requireNonNull(posting, "posting");
  }
}
