package io.hivesafe.engine.service;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hivesafe.devnet.DevnetKeys;
import io.hivesafe.engine.node.NodeIdentity;
import io.hivesafe.hive.crypto.KeyRole;
import io.hivesafe.hive.crypto.PrivateKey;
import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.protocol.ChainId;
import io.hivesafe.ops.NetworkGenesis;
import io.hivesafe.ops.NetworkGenesisFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Off the devnet's chain a node refuses the devnet's well-known keys, its own or the genesis'; on the
 * devnet's chain the same keys pass. The genesis is {@code hivesafe init}'s example (Hive mainnet), whose
 * node-a is given hived's testnet init key so that the example cannot run unedited.
 */
class DevnetKeysRuleTest {
  private static final Path FILE = Path.of("genesis.json");
  private static final String INIT_PUB = DevnetKeys.INIT_KEY.publicKey().toString();
  private static final AccountName ME = AccountName.of("my-node");
  private static final PrivateKey MY_ACTIVE = PrivateKey.fromSeed("DevnetKeysRuleTest: my-node's active key");
  private static final PrivateKey MY_MULTISIG = PrivateKey.fromSeed("DevnetKeysRuleTest: my-node's multisig key");
  private static final String REFUSED = " is one of the devnet's well-known keys (%s): anyone can sign with it. A node takes those only on"
      + " the devnet's chain (18dcf0a285365fc58b71f18b3d3fec954aa0c141c44e4e5cb4cf777b9eab274e, hived's testnet), not on chain %s;"
      + " use keys of your own (hivesafe keys generate makes a multisig key)";
  private static final String MAINNET = "beeab0de00000000000000000000000000000000000000000000000000000000 (Hive mainnet)";

  private static String example() {
    try (InputStream in = DevnetKeysRuleTest.class.getResourceAsStream("/init/genesis.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static NetworkGenesis genesis(String json) {
    return NetworkGenesisFile.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  /** The example with node-a's key replaced by my multisig key, on {@code chain}. */
  private static NetworkGenesis clean(ChainId chain) {
    return genesis(example().replace(INIT_PUB, MY_MULTISIG.publicKey().toString())
        .replace(ChainId.MAINNET.toHex(), chain.toHex()));
  }

  private static Optional<NodeIdentity> me(PrivateKey active, PrivateKey multisig) {
    return Optional.of(new NodeIdentity(ME, active, multisig));
  }

  private static String refusal(Runnable check) {
    return assertThrows(IllegalArgumentException.class, check::run).getMessage();
  }

  @Test
  void theInitExampleGenesisIsRefusedOnMainnetForNodeAsInitKeyEvenForAFollower() {
    NetworkGenesis example = genesis(example());
    assertEquals(ChainId.MAINNET, example.chainId());
    assertEquals("genesis genesis.json: nodes: node-a's key " + INIT_PUB
        + String.format(REFUSED, "hived's testnet init key, initminer's", MAINNET),
        refusal(() -> DevnetKeysRule.check(example, FILE, Optional.empty())));
  }

  @Test
  void aNodesOwnWellKnownKeyIsRefusedOffTheDevnetsChain() {
    NetworkGenesis mainnet = clean(ChainId.MAINNET);
    assertEquals("keys.multisig" + String.format(REFUSED, "the test kit's multisig key of node0", MAINNET),
        refusal(() -> DevnetKeysRule.check(mainnet, FILE, me(MY_ACTIVE, DevnetKeys.testKitKey("node0", "multisig")))));
    assertEquals("keys.active" + String.format(REFUSED, "alice's active key from the password \"password\"", MAINNET),
        refusal(() -> DevnetKeysRule.check(mainnet, FILE, me(PrivateKey.fromPassword("alice", KeyRole.ACTIVE, "password"), MY_MULTISIG))));
    assertEquals("keys.active" + String.format(REFUSED, "my-node's active key from the password \"password\"", MAINNET),
        refusal(() -> DevnetKeysRule.check(mainnet, FILE, me(DevnetKeys.passwordKey("my-node", KeyRole.ACTIVE), MY_MULTISIG))));
    assertEquals("keys.multisig" + String.format(REFUSED, "the test kit's multisig key of my-node", MAINNET),
        refusal(() -> DevnetKeysRule.check(mainnet, FILE, me(MY_ACTIVE, DevnetKeys.testKitKey("my-node", "multisig")))));
    NetworkGenesis mirror = clean(ChainId.MIRRORNET);
    assertEquals("keys.active" + String.format(REFUSED, "hived's testnet init key, initminer's",
        "4200000000000000000000000000000000000000000000000000000000000000 (the mirrornet)"),
        refusal(() -> DevnetKeysRule.check(mirror, FILE, me(DevnetKeys.INIT_KEY, MY_MULTISIG))));
  }

  @Test
  void aWellKnownKeyInTheGenesisAuthorityIsRefused() {
    String alicesOwner = DevnetKeys.passwordKey("alice", KeyRole.OWNER).publicKey().toString();
    String withAuthority = example().replace(INIT_PUB, MY_MULTISIG.publicKey().toString()).replace("\"nodes\": [",
        "\"authority\": {\"owner\": {\"weight_threshold\": 1, \"account_auths\": [], \"key_auths\": [[\"" + MY_MULTISIG.publicKey()
            + "\", 1]]}, \"active\": {\"weight_threshold\": 1, \"account_auths\": [], \"key_auths\": [[\"" + alicesOwner
            + "\", 1]]}},\n  \"nodes\": [");
    assertEquals("genesis genesis.json: authority.active: key " + alicesOwner
        + String.format(REFUSED, "alice's owner key from the password \"password\"", MAINNET),
        refusal(() -> DevnetKeysRule.check(genesis(withAuthority), FILE, me(MY_ACTIVE, MY_MULTISIG))));
  }

  @Test
  void keysOfTheNodesOwnPassOnMainnetAndTheWellKnownOnesPassOnTheDevnetsChain() {
    assertDoesNotThrow(() -> DevnetKeysRule.check(clean(ChainId.MAINNET), FILE, me(MY_ACTIVE, MY_MULTISIG)));
    assertDoesNotThrow(() -> DevnetKeysRule.check(clean(ChainId.MAINNET), FILE, Optional.empty()));
    NetworkGenesis devnet = genesis(example().replace(ChainId.MAINNET.toHex(), DevnetKeys.CHAIN_ID.toHex()));
    assertDoesNotThrow(() -> DevnetKeysRule.check(devnet, FILE, me(DevnetKeys.INIT_KEY, DevnetKeys.testKitKey("node0", "multisig"))));
  }
}
