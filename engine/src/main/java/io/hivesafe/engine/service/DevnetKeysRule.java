package io.hivesafe.engine.service;

import io.hivesafe.devnet.DevnetKeys;
import io.hivesafe.engine.node.NodeIdentity;
import io.hivesafe.hive.crypto.PublicKey;
import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.protocol.Authority;
import io.hivesafe.hive.protocol.ChainId;
import io.hivesafe.ops.NetworkGenesis;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The devnet's well-known keys stay on the devnet's chain (docs/devnet.md, "Well-known keys"): on any
 * other chain — Hive mainnet above all — a node refuses to start when its own active or multisig key, a
 * genesis node's key or a key of the multisig account's genesis authority is one of {@link DevnetKeys}'
 * keys, which anyone can compute and sign with. On the devnet's chain (hived's testnet chain id) they are
 * what the devnet, the demo and the tests run on, and pass.
 */
final class DevnetKeysRule {
  private DevnetKeysRule() {}

  /** Throws an {@link IllegalArgumentException} naming the first well-known key and where it is. */
  static void check(NetworkGenesis genesis, Path genesisFile, Optional<NodeIdentity> identity) {
    if (DevnetKeys.isDevnetChain(genesis.chainId())) {
      return;
    }
    List<AccountName> accounts = new ArrayList<>();
    identity.ifPresent(i -> accounts.add(i.account()));
    genesis.nodes().forEach(n -> accounts.add(n.account()));
    accounts.add(genesis.multisigAccount());
    Map<PublicKey, String> known = DevnetKeys.wellKnown(accounts);
    if (identity.isPresent()) {
      refuse("keys.active", identity.get().activeKey().publicKey(), known, genesis.chainId());
      refuse("keys.multisig", identity.get().multisigKey().publicKey(), known, genesis.chainId());
    }
    for (NetworkGenesis.GenesisNode node : genesis.nodes()) {
      refuse("genesis " + genesisFile + ": nodes: " + node.account() + "'s key " + node.key(), node.key(), known,
          genesis.chainId());
    }
    refuseAny("genesis " + genesisFile + ": authority.owner", genesis.owner(), known, genesis.chainId());
    refuseAny("genesis " + genesisFile + ": authority.active", genesis.active(), known, genesis.chainId());
  }

  private static void refuseAny(String where, Authority authority, Map<PublicKey, String> known, ChainId chain) {
    for (Authority.KeyWeight k : authority.keyAuths()) {
      refuse(where + ": key " + k.key(), k.key(), known, chain);
    }
  }

  private static void refuse(String what, PublicKey key, Map<PublicKey, String> known, ChainId chain) {
    String which = known.get(key);
    if (which != null) {
      throw new IllegalArgumentException(what + " is one of the devnet's well-known keys (" + which
          + "): anyone can sign with it. A node takes those only on the devnet's chain (" + DevnetKeys.CHAIN_ID.toHex()
          + ", hived's testnet), not on chain " + name(chain) + "; use keys of your own (hivesafe keys generate makes a multisig key)");
    }
  }

  private static String name(ChainId chain) {
    if (chain.equals(ChainId.MAINNET)) {
      return chain.toHex() + " (Hive mainnet)";
    }
    if (chain.equals(ChainId.MIRRORNET)) {
      return chain.toHex() + " (the mirrornet)";
    }
    return chain.toHex();
  }
}
