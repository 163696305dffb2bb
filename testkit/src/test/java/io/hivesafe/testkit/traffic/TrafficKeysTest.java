package io.hivesafe.testkit.traffic;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivesafe.devnet.DevnetKeys;
import io.hivesafe.hive.crypto.PrivateKey;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The test kit's keys are the devnet's well-known keys, so a node refuses them off the devnet's chain:
 * every key of the largest network the test kit makes by default names (40 users, 40 nodes) is known to
 * {@link DevnetKeys} without being told the account.
 */
class TrafficKeysTest {
  @Test
  void everyKeyOfTheTestKitsUsersAndNodesIsWellKnown() {
    TrafficNetwork net = TrafficNetwork.create(DevnetKeys.TEST_KIT_ACCOUNTS, DevnetKeys.TEST_KIT_ACCOUNTS,
        TrafficNetwork.defaultParams().with("max_signers", 40));
    List<PrivateKey> keys = new ArrayList<>();
    net.users().forEach(u -> keys.addAll(List.of(u.activeKey(), u.postingKey())));
    net.nodes().forEach(n -> keys.addAll(List.of(n.user().activeKey(), n.user().postingKey(), n.multisigKey())));
    for (String role : DevnetKeys.TEST_KIT_ROLES) {
      keys.add(TrafficNetwork.key("node39", role));
      keys.add(TrafficNetwork.key("user39", role));
    }
    assertTrue(keys.size() >= 200, "keys: " + keys.size());
    for (PrivateKey k : keys) {
      assertTrue(DevnetKeys.describe(k.publicKey(), List.of()).isPresent(), k.publicKey() + " is one of the devnet's well-known keys");
    }
  }
}
