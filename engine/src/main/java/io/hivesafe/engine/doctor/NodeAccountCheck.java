package io.hivesafe.engine.doctor;

import io.hivesafe.engine.snapshot.AuthorityAnchor;
import io.hivesafe.hive.HiveFormatException;
import io.hivesafe.hive.protocol.Authority;
import io.hivesafe.hive.rpc.AccountInfo;
import io.hivesafe.hive.rpc.HiveRpcClient;
import io.hivesafe.hive.rpc.RpcException;
import io.hivesafe.ops.SignerAuthority;
import java.util.List;

/**
 * The node's account exists on chain, and keys.active's public key alone satisfies the account's active
 * authority (its weight reaches the threshold): the node signs its reports and signature submissions
 * with that key alone, as required_auths of a custom_json. A key of smaller weight, or none, is a FAIL.
 */
final class NodeAccountCheck {
  static final String ACCOUNT = "account";
  static final String ACTIVE = "active key";

  private NodeAccountCheck() {}

  static List<Finding> check(NodeKeys keys, HiveRpcClient api) {
    List<AccountInfo> found;
    try {
      found = api.findAccounts(List.of(keys.account()));
    } catch (RpcException | HiveFormatException e) {
      return List.of(Finding.fail(ACCOUNT, "the API did not give account " + keys.account() + " (" + e.getMessage() + ")",
          "see the api lines"));
    }
    if (found.isEmpty()) {
      return List.of(Finding.fail(ACCOUNT, keys.account() + " does not exist on this chain",
          "create the account, or fix \"account\" in the config"));
    }
    Authority active = found.get(0).active();
    long weight = 0;
    for (Authority.KeyWeight k : active.keyAuths()) {
      if (k.key().equals(keys.active())) {
        weight += k.weight();
      }
    }
    Finding exists = Finding.ok(ACCOUNT, keys.account() + " exists");
    String authority = keys.account() + "'s active authority " + AuthorityAnchor.describe(SignerAuthority.of(active));
    if (weight == 0) {
      return List.of(exists, Finding.fail(ACTIVE, "keys.active's public key " + keys.active() + " is not in " + authority,
          "put the account's active key in keys.active: the node's reports would be refused"));
    }
    if (weight < active.weightThreshold()) {
      return List.of(exists, Finding.fail(ACTIVE, "keys.active's public key " + keys.active() + " has weight " + weight
          + " in " + authority + ": alone it cannot sign", "the node signs with this key alone: give it the threshold's weight"));
    }
    return List.of(exists, Finding.ok(ACTIVE, "keys.active's public key " + keys.active() + " signs for " + keys.account()
        + " alone (weight " + weight + " of threshold " + active.weightThreshold() + ")"));
  }
}
