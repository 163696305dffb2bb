package io.hivesafe.engine.node;

import io.hivesafe.hive.crypto.PrivateKey;
import io.hivesafe.hive.protocol.AccountName;
import java.util.Objects;

/**
 * Who a node is on Hive: its account, the active key that signs its custom_json (reports, later
 * signature submissions), and its multisig key. Keys come from a file or the environment (the CLI's
 * business), are never logged ({@link #toString()} names the account only) and never reach the state.
 */
public record NodeIdentity(AccountName account, PrivateKey activeKey, PrivateKey multisigKey) {
  public NodeIdentity {
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(activeKey, "active key");
    Objects.requireNonNull(multisigKey, "multisig key");
  }

  @Override
  public String toString() {
    return "NodeIdentity[" + account + "]";
  }
}
