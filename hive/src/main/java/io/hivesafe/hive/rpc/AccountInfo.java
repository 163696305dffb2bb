package io.hivesafe.hive.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import io.hivesafe.hive.HiveFormatException;
import io.hivesafe.hive.crypto.PublicKey;
import io.hivesafe.hive.json.AssetJson;
import io.hivesafe.hive.json.AuthorityJson;
import io.hivesafe.hive.json.JsonFields;
import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.protocol.Asset;
import io.hivesafe.hive.protocol.AssetSymbol;
import io.hivesafe.hive.protocol.Authority;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The part of a database_api account object the sidechain reads: authorities, memo key, liquid
 * balances, when the owner authority last changed and who can recover the account.
 *
 * @param memoKey empty when the account's memo key is hived's null key (33 zero bytes, not a curve point)
 * @param recoveryAccount the account that can request this account's recovery; empty when hived sends
 *     "" (a mined account: hived then lets the top witness act as recovery account)
 */
public record AccountInfo(
    AccountName name,
    Authority owner,
    Authority active,
    Authority posting,
    Optional<PublicKey> memoKey,
    Asset balance,
    Asset hbdBalance,
    Instant lastOwnerUpdate,
    Optional<AccountName> recoveryAccount) {

  public AccountInfo {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(active, "active");
    Objects.requireNonNull(posting, "posting");
    Objects.requireNonNull(memoKey, "memoKey");
    Objects.requireNonNull(balance, "balance");
    Objects.requireNonNull(hbdBalance, "hbdBalance");
    Objects.requireNonNull(lastOwnerUpdate, "lastOwnerUpdate");
    Objects.requireNonNull(recoveryAccount, "recoveryAccount");
    if (balance.symbol() != AssetSymbol.HIVE) {
      throw new HiveFormatException("balance must be HIVE, got " + balance.symbol());
    }
    if (hbdBalance.symbol() != AssetSymbol.HBD) {
      throw new HiveFormatException("hbd_balance must be HBD, got " + hbdBalance.symbol());
    }
  }

  /** Reads one account object of database_api.find_accounts (NAI assets) or condenser_api (asset strings). */
  public static AccountInfo read(JsonNode node) {
    AccountName name = new AccountName(JsonFields.text(node, "name"));
    try {
      return new AccountInfo(
          name,
          AuthorityJson.read(JsonFields.required(node, "owner")),
          AuthorityJson.read(JsonFields.required(node, "active")),
          AuthorityJson.read(JsonFields.required(node, "posting")),
          memoKey(JsonFields.text(node, "memo_key")),
          AssetJson.read(JsonFields.required(node, "balance")),
          AssetJson.read(JsonFields.required(node, "hbd_balance")),
          JsonFields.time(node, "last_owner_update"),
          recoveryAccount(JsonFields.text(node, "recovery_account")));
    } catch (HiveFormatException e) {
      throw new HiveFormatException("account " + name + ": " + e.getMessage(), e);
    }
  }

  private static Optional<AccountName> recoveryAccount(String text) {
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new AccountName(text));
    } catch (HiveFormatException e) {
      throw new HiveFormatException("field 'recovery_account': " + e.getMessage(), e);
    }
  }

  private static Optional<PublicKey> memoKey(String text) {
    return text.equals(PublicKey.nullKeyString()) ? Optional.empty() : Optional.of(PublicKey.fromString(text));
  }
}
