package io.hivesafe.ops;

import io.hivesafe.hive.crypto.PrivateKey;
import io.hivesafe.hive.crypto.Secp256k1Signatures;
import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.protocol.Block;
import io.hivesafe.hive.protocol.ChainId;
import io.hivesafe.state.StateConfig;
import io.hivesafe.state.StateStore;
import io.hivesafe.state.StateTransaction;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A small network for core tests: nodes n0..n(k-1) with seeded multisig keys, users u0..u(m-1) with tokens. */
final class TestNetwork {
  static final String PREFIX = "hs_";
  static final String MULTISIG = "hs-multisig";
  static final Secp256k1Signatures CRYPTO = new Secp256k1Signatures();

  private TestNetwork() {}

  static PrivateKey nodeKey(int i) {
    return PrivateKey.fromSeed("test node key " + i);
  }

  static String node(int i) {
    return "node" + i;
  }

  static String user(int i) {
    return "user" + i;
  }

  /** Limits no test traffic reaches: tests of the cap and the safety limit set their own. */
  static final CustodyLimits LOOSE = new CustodyLimits(NetworkGenesis.MAX_AMOUNT, NetworkGenesis.MAX_AMOUNT,
      new CustodyLimits.Rate(1, 1), new CustodyLimits.Rate(1_000_000_000_000_000L, 1));

  /** {@code g} with other parameters. */
  static NetworkGenesis withParams(NetworkGenesis g, NetworkParams params) {
    return new NetworkGenesis(g.network(), g.chainId(), g.prefix(), g.multisigAccount(), g.startBlock(), g.tokenSymbol(),
        g.tokenPrecision(), g.tallyInterval(), g.reportOffset(), params, g.allocations(), g.treasuryHive(), g.treasuryHbd(),
        g.nodes(), g.owner(), g.active(), g.recoveryAccount(), g.custody());
  }

  /** {@code g} with another multisig authority at the start. */
  static NetworkGenesis withAuthority(NetworkGenesis g, io.hivesafe.hive.protocol.Authority owner,
      io.hivesafe.hive.protocol.Authority active) {
    return new NetworkGenesis(g.network(), g.chainId(), g.prefix(), g.multisigAccount(), g.startBlock(), g.tokenSymbol(),
        g.tokenPrecision(), g.tallyInterval(), g.reportOffset(), g.params(), g.allocations(), g.treasuryHive(), g.treasuryHbd(),
        g.nodes(), owner, active, g.recoveryAccount(), g.custody());
  }

  /** {@code g} with other custody limits. */
  static NetworkGenesis withCustody(NetworkGenesis g, CustodyLimits custody) {
    return new NetworkGenesis(g.network(), g.chainId(), g.prefix(), g.multisigAccount(), g.startBlock(), g.tokenSymbol(),
        g.tokenPrecision(), g.tallyInterval(), g.reportOffset(), g.params(), g.allocations(), g.treasuryHive(), g.treasuryHbd(),
        g.nodes(), g.owner(), g.active(), g.recoveryAccount(), custody);
  }

  /** {@code nodes} genesis nodes with 10,000 gov each and age {@code age}; {@code users} users with 100,000 tokens. */
  static NetworkGenesis genesis(int nodes, int users, long age) {
    long[] ages = new long[nodes];
    java.util.Arrays.fill(ages, age);
    return genesis(ages, users);
  }

  /** One genesis node per entry of {@code ages}, with that age. */
  static NetworkGenesis genesis(long[] ages, int users) {
    int nodes = ages.length;
    List<NetworkGenesis.Allocation> allocations = new ArrayList<>();
    List<NetworkGenesis.GenesisNode> genesisNodes = new ArrayList<>();
    for (int i = 0; i < nodes; i++) {
      allocations.add(new NetworkGenesis.Allocation(AccountName.of(node(i)), 5_000, 10_000));
      genesisNodes.add(new NetworkGenesis.GenesisNode(AccountName.of(node(i)), nodeKey(i).publicKey(), ages[i]));
    }
    for (int i = 0; i < users; i++) {
      allocations.add(new NetworkGenesis.Allocation(AccountName.of(user(i)), 100_000, 0));
    }
    NetworkParams params = NetworkParams.defaults().with("unlock_delay", 30).with("min_stake", 1_000);
    return new NetworkGenesis("testnet", ChainId.TESTNET, PREFIX, AccountName.of(MULTISIG), 1, "HSAFE", 3, 100, 50, params,
        allocations, 50_000, 20_000, genesisNodes, simple(nodes / 2 + 1, genesisNodes), simple(nodes / 2 + 1, genesisNodes),
        java.util.Optional.empty(), LOOSE);
  }

  static io.hivesafe.hive.protocol.Authority simple(long threshold, List<NetworkGenesis.GenesisNode> nodes) {
    return NetworkGenesis.simpleAuthority(threshold, NetworkGenesis.keysOf(nodes));
  }

  static StateStore open(Path dir) {
    return StateStore.open(StateConfig.of(dir));
  }

  /** Applies and commits one block. */
  static BlockOutcome apply(StateStore store, BlockApplier applier, Block block) {
    try (StateTransaction tx = store.begin(block.number())) {
      BlockOutcome outcome = applier.apply(tx, block);
      tx.commit();
      return outcome;
    }
  }
}
