package io.hivesafe.devnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivesafe.hive.crypto.KeyRole;
import io.hivesafe.hive.crypto.PrivateKey;
import io.hivesafe.hive.crypto.PublicKey;
import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.protocol.Authority;
import io.hivesafe.hive.protocol.ChainId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The devnet's well-known keys: every key of its own genesis is one, and a key of anyone's making is not. */
class DevnetKeysTest {
  private static final List<AccountName> NONE = List.of();

  @Test
  void everyKeyOfTheDevnetsGenesisIsWellKnownAndItsChainIsTheDevnets() {
    Genesis testnet = Genesis.testnet();
    assertTrue(DevnetKeys.isDevnetChain(testnet.chainId()));
    List<PublicKey> keys = new ArrayList<>();
    for (GenesisAccount a : testnet.accounts()) {
      for (Authority auth : List.of(a.owner(), a.active(), a.posting())) {
        auth.keyAuths().forEach(k -> keys.add(k.key()));
      }
      keys.add(a.memoKey());
    }
    assertEquals(16, keys.size(), "four accounts, four keys each");
    for (PublicKey k : keys) {
      assertTrue(DevnetKeys.describe(k, NONE).isPresent(), k + " is one of the devnet genesis' keys");
    }
    assertEquals(Optional.of("hived's testnet init key, initminer's"), DevnetKeys.describe(Genesis.INIT_KEY.publicKey(), NONE));
    assertEquals(Optional.of("alice's active key from the password \"password\""),
        DevnetKeys.describe(PrivateKey.fromPassword("alice", KeyRole.ACTIVE, "password").publicKey(), NONE));
  }

  @Test
  void theTestKitsKeysAreWellKnownByNameOrWhenTheirAccountIsGiven() {
    assertEquals(Optional.of("the test kit's multisig key of node39"),
        DevnetKeys.describe(PrivateKey.fromSeed("traffic:node39:multisig").publicKey(), NONE));
    assertEquals(Optional.of("the test kit's active key of user0"), DevnetKeys.describe(DevnetKeys.testKitKey("user0", "active").publicKey(), NONE));
    PublicKey mine = DevnetKeys.testKitKey("my-node", "multisig").publicKey();
    assertEquals(Optional.empty(), DevnetKeys.describe(mine, NONE), "no name, no way to know");
    assertEquals(Optional.of("the test kit's multisig key of my-node"), DevnetKeys.describe(mine, List.of(AccountName.of("my-node"))));
    assertEquals(Optional.of("my-node's owner key from the password \"password\""),
        DevnetKeys.describe(DevnetKeys.passwordKey("my-node", KeyRole.OWNER).publicKey(), List.of(AccountName.of("my-node"))));
  }

  @Test
  void aKeyOfAnyonesMakingIsNotWellKnownAndOnlyTheTestnetIdIsTheDevnetsChain() {
    PublicKey other = PrivateKey.fromSeed("not a convention of the devnet").publicKey();
    assertEquals(Optional.empty(), DevnetKeys.describe(other, List.of(AccountName.of("my-node"), AccountName.of("node0"))));
    assertEquals(Optional.empty(), DevnetKeys.describe(PrivateKey.fromPassword("alice", KeyRole.ACTIVE, "another").publicKey(), NONE));
    assertFalse(DevnetKeys.isDevnetChain(ChainId.MAINNET));
    assertFalse(DevnetKeys.isDevnetChain(ChainId.MIRRORNET));
    assertTrue(DevnetKeys.isDevnetChain(ChainId.TESTNET));
  }
}
