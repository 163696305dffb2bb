package io.hivesafe.engine.doctor;

import io.hivesafe.engine.node.NodeIdentity;
import io.hivesafe.hive.crypto.PublicKey;
import io.hivesafe.hive.protocol.AccountName;
import java.util.Objects;

/** The public side of a node's identity: what doctor compares with the chain and the state. No private key. */
record NodeKeys(AccountName account, PublicKey active, PublicKey multisig) {
  NodeKeys {
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(active, "active");
    Objects.requireNonNull(multisig, "multisig");
  }

  static NodeKeys of(NodeIdentity identity) {
    return new NodeKeys(identity.account(), identity.activeKey().publicKey(), identity.multisigKey().publicKey());
  }
}
