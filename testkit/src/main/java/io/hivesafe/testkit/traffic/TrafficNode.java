package io.hivesafe.testkit.traffic;

import io.hivesafe.hive.crypto.PrivateKey;
import io.hivesafe.hive.protocol.AccountName;
import java.util.Objects;

/** A node's Hive account and the private key of its multisig public key (the one its node_add proves). */
public record TrafficNode(TrafficUser user, PrivateKey multisigKey) {
  public TrafficNode {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(multisigKey, "multisigKey");
  }

  public AccountName name() {
    return user.name();
  }

  @Override
  public String toString() {
    return "TrafficNode[" + user.name() + ", multisig " + multisigKey.publicKey() + "]";
  }
}
