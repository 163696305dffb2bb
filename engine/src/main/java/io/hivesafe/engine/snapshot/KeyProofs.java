package io.hivesafe.engine.snapshot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hivesafe.hive.crypto.CompactSignature;
import io.hivesafe.hive.crypto.PublicKey;
import io.hivesafe.hive.crypto.SignatureScheme;
import io.hivesafe.hive.protocol.Block;
import io.hivesafe.hive.protocol.BlockTransaction;
import io.hivesafe.hive.protocol.CustomJsonOperation;
import io.hivesafe.hive.protocol.Operation;
import io.hivesafe.hive.rpc.HiveRpcClient;
import io.hivesafe.hive.rpc.RpcException;
import io.hivesafe.ops.BlockApplier;
import io.hivesafe.ops.NetworkGenesis;
import io.hivesafe.ops.NodeRecord;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Whether a node record of a snapshot binds its key to its account by something the snapshot cannot
 * forge (DESIGN §3.8): the genesis file, which the operator already trusts, or the chain. A record's key
 * is <em>proven</em> when
 *
 * <ul>
 *   <li>the account is a genesis node and the key is the one the genesis gives it; or
 *   <li>block {@code keyBlock} of the chain holds a {@code {prefix}node_add} custom_json signed with the
 *       account's active authority (the first of {@code required_auths}) whose JSON names that key and
 *       whose {@code proof} is a signature that recovers to it over {@link BlockApplier#nodeAddProofDigest}
 *       for that account (which names the chain, the network and the account).
 * </ul>
 *
 * Only the holder of the key can make such a proof, and the chain's own authority check says the
 * account posted it: together they say the key's holder and the account agreed, at that block. Blocks
 * are fetched once each.
 */
final class KeyProofs {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern HEX_SIGNATURE = Pattern.compile("[0-9a-f]{130}");

  private final HiveRpcClient api;
  private final NetworkGenesis genesis;
  private final SignatureScheme crypto;
  private final long lastBlock;
  private final Map<Long, Block> blocks = new HashMap<>();

  /** Proofs read from the chain {@code api} follows, in blocks up to {@code lastBlock} (the snapshot's block). */
  KeyProofs(HiveRpcClient api, NetworkGenesis genesis, SignatureScheme crypto, long lastBlock) {
    this.api = api;
    this.genesis = genesis;
    this.crypto = crypto;
    this.lastBlock = lastBlock;
  }

  /** How {@code node}'s key is proven ("genesis", "node_add in block N"), or why it is not. */
  Proof prove(NodeRecord node) throws Refused {
    PublicKey key;
    try {
      key = PublicKey.fromString(node.key());
    } catch (IllegalArgumentException e) { // HiveFormatException
      return Proof.no("its key " + node.key() + " is not a public key");
    }
    for (NetworkGenesis.GenesisNode g : genesis.nodes()) {
      if (g.account().value().equals(node.account()) && g.key().equals(key)) {
        return Proof.yes("genesis");
      }
    }
    long at = node.keyBlock();
    if (at < genesis.startBlock() || at > lastBlock) {
      return Proof.no("the snapshot records its key as proven in block " + at + ", not one of the blocks " + genesis.startBlock()
          + ".." + lastBlock);
    }
    Block block = block(at);
    String id = genesis.prefix() + "node_add";
    for (BlockTransaction tx : block.transactions()) {
      for (Operation op : tx.transaction().operations()) {
        if (op instanceof CustomJsonOperation cj && cj.id().equals(id) && !cj.requiredAuths().isEmpty()
            && cj.requiredAuths().get(0).value().equals(node.account()) && proves(cj.json(), key, node.account())) {
          return Proof.yes("node_add in block " + at);
        }
      }
    }
    return Proof.no("block " + at + " holds no node_add by " + node.account() + " with a proof of that key");
  }

  private boolean proves(String json, PublicKey key, String account) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      return false;
    }
    if (root == null || !root.isObject() || !root.path("key").isTextual() || !root.path("proof").isTextual()) {
      return false;
    }
    String proofHex = root.get("proof").textValue();
    if (!root.get("key").textValue().equals(key.toString()) || !HEX_SIGNATURE.matcher(proofHex).matches()) {
      return false;
    }
    int header = Integer.parseInt(proofHex.substring(0, 2), 16);
    if (header < 27 || header > 34) {
      return false;
    }
    // The core also wants an fc-canonical proof; any signature by the key over the account's message proves
    // possession all the same, and only the key's holder can make one.
    return crypto.verify(CompactSignature.fromHex(proofHex), BlockApplier.nodeAddProofDigest(genesis, account), key);
  }

  private Block block(long number) throws Refused {
    Block cached = blocks.get(number);
    if (cached != null) {
      return cached;
    }
    Optional<Block> fetched;
    try {
      fetched = api.getBlock(number);
    } catch (RpcException e) {
      throw new Refused(BootstrapException.Failure.API, "the Hive API failed to give block " + number + " (to check a node_add "
          + "proof): " + e.getMessage(), e);
    }
    if (fetched.isEmpty()) {
      throw new Refused(BootstrapException.Failure.API, "the Hive API gave no block " + number + " (to check a node_add proof), "
          + "although it is before the snapshot's block " + lastBlock);
    }
    blocks.put(number, fetched.get());
    return fetched.get();
  }

  /** Whether a key is proven, and how ({@code yes}) or why not. */
  record Proof(boolean proven, String detail) {
    static Proof yes(String how) {
      return new Proof(true, how);
    }

    static Proof no(String why) {
      return new Proof(false, why);
    }
  }
}
