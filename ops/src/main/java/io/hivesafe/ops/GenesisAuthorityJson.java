package io.hivesafe.ops;

import static io.hivesafe.hive.json.StrictFields.only;
import static io.hivesafe.hive.json.StrictFields.required;
import static io.hivesafe.ops.GenesisFields.array;
import static io.hivesafe.ops.GenesisFields.guard;
import static io.hivesafe.ops.GenesisFields.integer;
import static io.hivesafe.ops.GenesisFields.object;
import static io.hivesafe.ops.GenesisFields.publicKey;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hivesafe.hive.crypto.PublicKey;
import io.hivesafe.hive.json.AuthorityJson;
import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.protocol.Authority;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The genesis file's {@code authority} section: the multisig account's owner and active authorities and its recovery account. */
final class GenesisAuthorityJson {
  private GenesisAuthorityJson() {}

  /**
   * The multisig account's owner and active authorities at the start: either the short form
   * {@code {"threshold", "keys": [STM…]}} (owner = active = those keys, weight 1 each), or hived's form
   * {@code {"owner": {weight_threshold, account_auths, key_auths}, "active": {…}}}; either may name the
   * {@code recovery_account}. Without an {@code authority}: every node's key, threshold ⌊n/2⌋+1.
   */
  static Authority[] read(JsonNode root, List<NetworkGenesis.GenesisNode> nodes) {
    if (!root.has("authority")) {
      List<PublicKey> keys = NetworkGenesis.keysOf(nodes);
      Authority a = NetworkGenesis.simpleAuthority(keys.size() / 2 + 1, keys);
      return new Authority[] {a, a};
    }
    JsonNode auth = object(root.get("authority"), "authority");
    if (auth.has("owner") || auth.has("active")) {
      only(auth, "authority.", Set.of("owner", "active", "recovery_account"));
      Authority owner = hiveAuthority(required(auth, "owner", "authority."), "authority.owner");
      Authority active = hiveAuthority(required(auth, "active", "authority."), "authority.active");
      return new Authority[] {owner, active};
    }
    only(auth, "authority.", Set.of("threshold", "keys", "recovery_account"));
    JsonNode ks = array(required(auth, "keys", "authority."), "authority.keys");
    List<PublicKey> keys = new ArrayList<>();
    for (int i = 0; i < ks.size(); i++) {
      String where = "authority.keys[" + i + "]";
      if (!ks.get(i).isTextual()) {
        throw new IllegalArgumentException(where + " must be a public key string");
      }
      PublicKey k = publicKey(ks.get(i).asText(), where);
      if (keys.contains(k)) {
        throw new IllegalArgumentException(where + " repeats a key");
      }
      keys.add(k);
    }
    long threshold = integer(auth, "threshold", "authority.", -1);
    Authority a = guard("authority.", () -> NetworkGenesis.simpleAuthority(threshold, keys));
    return new Authority[] {a, a};
  }

  private static Authority hiveAuthority(JsonNode node, String where) {
    object(node, where);
    try {
      return AuthorityJson.read(node);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + " is not a Hive authority: " + e.getMessage());
    }
  }

  /** Writes the authorities in hived's form, with the recovery account when there is one, as {@code root}'s {@code authority} section. */
  static void write(ObjectNode root, Authority owner, Authority active, Optional<AccountName> recoveryAccount) {
    ObjectNode authority = root.putObject("authority");
    authority.set("owner", AuthorityJson.write(owner));
    authority.set("active", AuthorityJson.write(active));
    recoveryAccount.ifPresent(r -> authority.put("recovery_account", r.value()));
  }
}
