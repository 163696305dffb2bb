package io.hivesafe.devnet;

import com.fasterxml.jackson.databind.JsonNode;
import io.hivesafe.hive.json.JsonForm;
import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.protocol.SymbolNames;
import java.util.SortedSet;

/**
 * An operation as account history records it: one of an included transaction's operations ({@link
 * TransactionOperation}) or a virtual operation the chain made while applying a block ({@link
 * FillRecurrentTransferOperation}, {@link AccountCreatedOperation}).
 */
public sealed interface RecordedOperation permits TransactionOperation, FillRecurrentTransferOperation, AccountCreatedOperation {
  /** hived's operation id: the operation's place in protocol/operations.hpp's static_variant (and its filter bit). */
  int id();

  /** The legacy name ("transfer"); the HF26 JSON type is this name + "_operation". */
  String name();

  /** hived's is_virtual_operation. */
  boolean isVirtual();

  /** hived's get_impacted_accounts (libraries/protocol/forward_impacted.cpp): whose history it goes into. */
  SortedSet<AccountName> impacted();

  /** The operation's JSON: {@code {"type":"x_operation","value":{…}}} (HF26) or {@code ["x",{…}]} (legacy). */
  JsonNode toJson(JsonForm form, SymbolNames names);
}
