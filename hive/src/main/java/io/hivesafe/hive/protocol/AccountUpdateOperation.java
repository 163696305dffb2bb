package io.hivesafe.hive.protocol;

import io.hivesafe.hive.crypto.PublicKey;
import java.util.Objects;
import java.util.Optional;

/**
 * account_update (id 10): account, owner?, active?, posting?, memo_key, json_metadata. The memo key is
 * not optional on the wire; an empty {@code memoKey} is written as 33 zero bytes ("don't change").
 */
public record AccountUpdateOperation(
    AccountName account,
    Optional<Authority> owner,
    Optional<Authority> active,
    Optional<Authority> posting,
    Optional<PublicKey> memoKey,
    String jsonMetadata)
    implements Operation {
  public static final int ID = 10;
  public static final String NAME = "account_update";

  public AccountUpdateOperation {
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(active, "active");
    Objects.requireNonNull(posting, "posting");
    Objects.requireNonNull(memoKey, "memoKey");
    Objects.requireNonNull(jsonMetadata, "jsonMetadata");
  }

  @Override
  public String name() {
    return NAME;
  }
}
