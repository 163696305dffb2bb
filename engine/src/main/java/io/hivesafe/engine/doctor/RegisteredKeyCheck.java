package io.hivesafe.engine.doctor;

import io.hivesafe.ops.NetworkGenesis;
import io.hivesafe.ops.NodeRecord;
import java.util.List;
import java.util.Optional;

/**
 * The node's registered sidechain (multisig) key is keys.multisig's public key: the state's node record
 * when the data directory holds a state, else the genesis's node entry. A different key is a FAIL (the
 * node would sign with a key the network does not count); an account not registered is a WARN (the node
 * runs, but reports and signs only once its node_add is applied).
 */
final class RegisteredKeyCheck {
  static final String NAME = "registered key";

  private RegisteredKeyCheck() {}

  static List<Finding> check(NodeKeys keys, NetworkGenesis genesis, Optional<StoreCopy.Facts> state) {
    String mine = keys.multisig().toString();
    String account = keys.account().value();
    Optional<String> registered;
    String where;
    if (state.isPresent()) {
      where = "the state at block " + state.get().lastBlock().getAsLong();
      registered = state.get().nodes().stream().filter(n -> n.account().equals(account)).map(NodeRecord::key).findFirst();
    } else {
      where = "the genesis's nodes";
      registered = genesis.nodes().stream().filter(n -> n.account().equals(keys.account())).map(n -> n.key().toString()).findFirst();
    }
    if (registered.isEmpty()) {
      return List.of(Finding.warn(NAME, account + " is not a registered node in " + where,
          "post the node_add custom_json that hivesafe keys generate printed (with keys.multisig's key); the node "
              + "follows without reporting or signing until it is applied"));
    }
    if (!registered.get().equals(mine)) {
      return List.of(Finding.fail(NAME, account + "'s registered multisig key in " + where + " is " + registered.get()
          + ", keys.multisig's public key is " + mine, "use the key file you registered: the network counts only "
          + "signatures by the registered key"));
    }
    return List.of(Finding.ok(NAME, account + "'s registered multisig key in " + where + " is keys.multisig's (" + mine + ")"));
  }
}
