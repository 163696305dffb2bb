package io.hivesafe.hive.protocol;

/**
 * A Hive operation. The four Hivesafe interprets are typed; every other operation in a block is an
 * {@link OtherOperation} that carries its name and JSON unchanged.
 */
public sealed interface Operation
    permits TransferOperation,
        AccountUpdateOperation,
        AccountUpdate2Operation,
        CustomJsonOperation,
        OtherOperation {

  /** The legacy name ("transfer"); the HF26 JSON type is this name + "_operation". */
  String name();
}
