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
 * hived's fill_recurrent_transfer virtual operation (libraries/protocol/include/hive/protocol/
 * hive_virtual_operations.hpp: from, to, amount, memo, remaining_executions, extensions), which hived
 * records when it executes a recurrent transfer while applying a block. The devnet makes it for {@link
 * DevnetChain#virtualTransfer}; extensions are always empty. Impacts from and to.
 */
public record FillRecurrentTransferOperation(AccountName from, AccountName to, Asset amount, String memo, int remainingExecutions)
    implements RecordedOperation {
  /** recurrent_transfer (49) + 34. */
  public static final int ID = 83;
  public static final String NAME = "fill_recurrent_transfer";

  public FillRecurrentTransferOperation {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(memo, "memo");
    if (from.equals(to)) {
      throw new IllegalArgumentException("a recurrent transfer goes to another account (hived: \"Cannot set a transfer to yourself\"), got "
          + from + " to itself");
    }
    if (amount.symbol() == AssetSymbol.VESTS || amount.amount() <= 0) {
      throw new IllegalArgumentException("a recurrent transfer moves a positive amount of HIVE or HBD, not " + amount);
    }
    if (remainingExecutions < 0 || remainingExecutions > 0xffff) {
      throw new IllegalArgumentException("remaining_executions is a uint16, got " + remainingExecutions);
    }
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
    impacted.add(from);
    impacted.add(to);
    return Collections.unmodifiableSortedSet(impacted);
  }

  @Override
  public JsonNode toJson(JsonForm form, SymbolNames names) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("from", from.value());
    body.put("to", to.value());
    body.set("amount", AssetJson.write(amount, form, names));
    body.put("memo", memo);
    body.put("remaining_executions", remainingExecutions);
    body.putArray("extensions");
    return VirtualOperationJson.wrap(NAME, body, form);
  }
}
