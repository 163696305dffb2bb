package io.hivesafe.hive.protocol;

import java.util.Objects;

/** transfer (id 2): from, to, amount, memo. */
public record TransferOperation(AccountName from, AccountName to, Asset amount, String memo)
    implements Operation {
  public static final int ID = 2;
  public static final String NAME = "transfer";

  public TransferOperation {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(memo, "memo");
  }

  @Override
  public String name() {
    return NAME;
  }
}
