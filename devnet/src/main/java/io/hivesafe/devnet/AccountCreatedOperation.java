package io.hivesafe.devnet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hivesafe.hive.json.AssetJson;
import io.hivesafe.hive.json.JsonForm;
import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.protocol.Asset;
import io.hivesafe.hive.protocol.AssetSymbol;
import io.hivesafe.hive.protocol.SymbolNames;
import java.util.Collections;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * hived's account_created virtual operation (new_account_name, creator, initial_vesting_shares,
 * initial_delegation), as database::process_genesis_accounts pushes it in block 1 for every genesis
 * account: the account is its own creator and both amounts are 0 VESTS. Impacts creator and new account.
 */
public record AccountCreatedOperation(AccountName newAccountName) implements RecordedOperation {
  /** recurrent_transfer (49) + 31. */
  public static final int ID = 80;
  public static final String NAME = "account_created";

  public AccountCreatedOperation {
    Objects.requireNonNull(newAccountName, "newAccountName");
  }

  @Override
  public int id() {
    return ID;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean isVirtual() {
    return true;
  }

  @Override
  public SortedSet<AccountName> impacted() {
    TreeSet<AccountName> impacted = new TreeSet<>();
    impacted.add(newAccountName);
    return Collections.unmodifiableSortedSet(impacted);
  }

  @Override
  public JsonNode toJson(JsonForm form, SymbolNames names) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("new_account_name", newAccountName.value());
    body.put("creator", newAccountName.value());
    body.set("initial_vesting_shares", AssetJson.write(Asset.of(0, AssetSymbol.VESTS), form, names));
    body.set("initial_delegation", AssetJson.write(Asset.of(0, AssetSymbol.VESTS), form, names));
    return VirtualOperationJson.wrap(NAME, body, form);
  }
}
