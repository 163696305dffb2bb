package io.hivesafe.devnet;

import com.fasterxml.jackson.databind.JsonNode;
import io.hivesafe.hive.json.JsonForm;
import io.hivesafe.hive.json.OperationJson;
import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.protocol.AccountUpdate2Operation;
import io.hivesafe.hive.protocol.AccountUpdateOperation;
import io.hivesafe.hive.protocol.CustomJsonOperation;
import io.hivesafe.hive.protocol.Operation;
import io.hivesafe.hive.protocol.OtherOperation;
import io.hivesafe.hive.protocol.SymbolNames;
import io.hivesafe.hive.protocol.TransferOperation;
import java.util.Collections;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * One operation of an included transaction, in account history. Its impacted accounts follow hived's
 * get_impacted_account_visitor (libraries/protocol/forward_impacted.cpp): transfer names from and to;
 * account_update, account_update2 and custom_json take the default, the accounts of their required
 * owner, active and posting authorities — the account for an update (whichever role it needs), and
 * required_auths ∪ required_posting_auths for custom_json.
 */
public record TransactionOperation(Operation operation) implements RecordedOperation {
  public TransactionOperation {
    Objects.requireNonNull(operation, "operation");
    if (operation instanceof OtherOperation) {
      throw new IllegalArgumentException("the devnet includes no " + operation.name() + " operation");
    }
  }

  @Override
  public int id() {
    if (operation instanceof TransferOperation) {
      return TransferOperation.ID;
    } else if (operation instanceof AccountUpdateOperation) {
      return AccountUpdateOperation.ID;
    } else if (operation instanceof AccountUpdate2Operation) {
      return AccountUpdate2Operation.ID;
    } else if (operation instanceof CustomJsonOperation) {
      return CustomJsonOperation.ID;
    }
    throw new IllegalStateException("no id for " + operation.name());
  }

  @Override
  public String name() {
    return operation.name();
  }

  @Override
  public boolean isVirtual() {
    return false;
  }

  @Override
  public SortedSet<AccountName> impacted() {
    TreeSet<AccountName> impacted = new TreeSet<>();
    if (operation instanceof TransferOperation t) {
      impacted.add(t.from());
      impacted.add(t.to());
    } else if (operation instanceof AccountUpdateOperation u) {
      impacted.add(u.account());
    } else if (operation instanceof AccountUpdate2Operation u) {
      impacted.add(u.account());
    } else if (operation instanceof CustomJsonOperation c) {
      impacted.addAll(c.requiredAuths());
      impacted.addAll(c.requiredPostingAuths());
    }
    return Collections.unmodifiableSortedSet(impacted);
  }

  @Override
  public JsonNode toJson(JsonForm form, SymbolNames names) {
    return OperationJson.write(operation, form, names);
  }
}
