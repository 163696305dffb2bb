package io.hivesafe.hive.protocol;

import io.hivesafe.hive.crypto.PublicKey;
import java.util.Objects;
import java.util.Optional;

/**
 * account_update2 (id 43): account, owner?, active?, posting?, memo_key?, json_metadata,
 * posting_json_metadata, extensions (always empty).
 */
public record AccountUpdate2Operation(
    AccountName account,
    Optional<Authority> owner,
    Optional<Authority> active,
    Optional<Authority> posting,
    Optional<PublicKey> memoKey,
    String jsonMetadata,
    String postingJsonMetadata)
    implements Operation {
  public static final int ID = 43;
  public static final String NAME = "account_update2";

  public AccountUpdate2Operation {
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(active, "active");
    Objects.requireNonNull(posting, "posting");
    Objects.requireNonNull(memoKey, "memoKey");
    Objects.requireNonNull(jsonMetadata, "jsonMetadata");
    Objects.requireNonNull(postingJsonMetadata, "postingJsonMetadata");
  }

  @Override
  public String name() {
    return NAME;
  }
}
