package io.hivesafe.testkit.traffic;

import io.hivesafe.devnet.DevnetConfig;
import io.hivesafe.devnet.DevnetKeys;
import io.hivesafe.devnet.Genesis;
import io.hivesafe.devnet.GenesisAccount;
import io.hivesafe.hive.crypto.PrivateKey;
import io.hivesafe.hive.crypto.PublicKey;
import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.protocol.Asset;
import io.hivesafe.hive.protocol.AssetSymbol;
import io.hivesafe.hive.protocol.Authority;
import io.hivesafe.hive.protocol.ChainId;
import io.hivesafe.ops.CustodyLimits;
import io.hivesafe.ops.NetworkGenesis;
import io.hivesafe.ops.NetworkParams;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A sidechain set up for traffic: a devnet {@link Genesis} in which every user, every node and the
 * multisig account exist and hold HIVE and HBD, and the matching {@link NetworkGenesis} (tokens
 * allocated to the users, governance stake to the nodes, the nodes' multisig keys as the multisig
 * account's authority). Keys are derived from fixed seeds ({@link #key}), so two calls give the same
 * network.
 *
 * <pre>
 * TrafficNetwork net = TrafficNetwork.create(50, 7);
 * DevnetChain chain = new DevnetChain(net.devnetConfig());
 * TrafficGenerator traffic = net.generator(seed).build();
 * </pre>
 *
 * <p>Users {@code user0…}: 100,000.000 HIVE and HBD on Hive; on the sidechain 1,000,000 token units and
 * 10,000 staked, except the last tenth, who hold nothing (the senders of ops from empty accounts).
 * Nodes {@code node0…}: 10,000.000 HIVE and HBD, 100,000 units and 1,000,000 staked. A network may
 * also hold nodes that are not in the genesis ({@link #create(int, int, int)}): they come after the
 * genesis nodes in {@link #nodes()}, hold the same on Hive, 100,000 liquid units and no stake on the
 * sidechain, and are not registered: they join with {@code node_add} and {@code gov_lock}. The multisig
 * account {@code hivesafe-ms} holds the treasury, 100,000.000 HIVE and HBD, on both sides. The
 * network starts at block 1 (the devnet's first block) on hived's testnet chain id, prefix
 * {@value #PREFIX}, with the default parameters except an unlock delay of 200 blocks (so tests see
 * unlocks finish).
 */
public record TrafficNetwork(Genesis devnetGenesis, NetworkGenesis network, List<TrafficUser> users, List<TrafficNode> nodes) {
  public static final String PREFIX = "hivesafe_";
  public static final AccountName MULTISIG = AccountName.of("hivesafe-ms");
  public static final long USER_HIVE = 100_000_000L;
  public static final long NODE_HIVE = 10_000_000L;
  public static final long TREASURY = 100_000_000L;
  public static final long USER_TOKEN = 1_000_000L;
  public static final long USER_GOV = 10_000L;
  public static final long NODE_TOKEN = 100_000L;
  public static final long NODE_GOV = 1_000_000L;
  public static final long UNLOCK_DELAY = 200;
  /**
   * Custody limits that traffic never reaches: a cap of 10^12 HIVE and HBD a day, and a token unit
   * worth 10 HIVE, so one node's stake (10^6 units) covers all the users' funds. Tests of the limits
   * themselves set their own.
   */
  public static final CustodyLimits CUSTODY = new CustodyLimits(1_000_000_000_000_000L, 1_000_000_000_000_000L,
      new CustodyLimits.Rate(1, 1), new CustodyLimits.Rate(10_000, 1));

  public TrafficNetwork {
    Objects.requireNonNull(devnetGenesis, "devnetGenesis");
    Objects.requireNonNull(network, "network");
    users = List.copyOf(users);
    nodes = List.copyOf(nodes);
  }

  /** {@code userCount} users (at least 2) and {@code nodeCount} genesis nodes (1 to 25), default parameters. */
  public static TrafficNetwork create(int userCount, int nodeCount) {
    return create(userCount, nodeCount, defaultParams());
  }

  public static NetworkParams defaultParams() {
    return NetworkParams.defaults().with("unlock_delay", UNLOCK_DELAY);
  }

  public static TrafficNetwork create(int userCount, int nodeCount, NetworkParams params) {
    return create(userCount, nodeCount, nodeCount, params);
  }

  /**
   * {@code nodeCount} nodes of which the first {@code genesisCount} (1 to {@code nodeCount}) are genesis
   * nodes; the others are not registered and hold no stake yet. Default parameters.
   */
  public static TrafficNetwork create(int userCount, int nodeCount, int genesisCount) {
    return create(userCount, nodeCount, genesisCount, defaultParams());
  }

  public static TrafficNetwork create(int userCount, int nodeCount, int genesisCount, NetworkParams params) {
    return create(userCount, nodeCount, genesisCount, params, Shape.DEFAULT);
  }

  /**
   * What a scenario may change in the genesis besides the parameters: the tally interval and report
   * offset (default 100 and 50), the threshold of the multisig account's genesis authority, owner and
   * active alike (0: ⌊n/2⌋+1 of the n genesis keys), and the genesis nodes' initial ages (empty: all
   * 0; otherwise one per genesis node, in node order).
   */
  public record Shape(long tallyInterval, long reportOffset, long threshold, List<Long> ages) {
    public static final Shape DEFAULT = new Shape(100, 50, 0, List.of());

    public Shape {
      ages = List.copyOf(ages);
    }

    public Shape withIntervals(long tally, long offset) {
      return new Shape(tally, offset, threshold, ages);
    }

    public Shape withThreshold(long t) {
      return new Shape(tallyInterval, reportOffset, t, ages);
    }

    public Shape withAges(Long... a) {
      return new Shape(tallyInterval, reportOffset, threshold, List.of(a));
    }
  }

  /** {@link #create(int, int, int, NetworkParams)} with the genesis {@code shape}d for a scenario. */
  public static TrafficNetwork create(int userCount, int nodeCount, int genesisCount, NetworkParams params, Shape shape) {
    Objects.requireNonNull(shape, "shape");
    if (userCount < 2 || userCount > 10_000) {
      throw new IllegalArgumentException("users must be in [2, 10000]");
    }
    if (nodeCount < 1 || nodeCount > params.maxSigners()) {
      throw new IllegalArgumentException("nodes must be in [1, max_signers]");
    }
    if (genesisCount < 1 || genesisCount > nodeCount) {
      throw new IllegalArgumentException("genesis nodes must be in [1, nodes]");
    }
    if (!shape.ages().isEmpty() && shape.ages().size() != genesisCount) {
      throw new IllegalArgumentException("ages: one per genesis node");
    }
    List<GenesisAccount> accounts = new ArrayList<>(Genesis.testnet().accounts().subList(0, 1)); // initminer
    List<NetworkGenesis.Allocation> allocations = new ArrayList<>();
    List<TrafficUser> users = new ArrayList<>();
    int empty = Math.max(1, userCount / 10);
    for (int i = 0; i < userCount; i++) {
      TrafficUser user = user("user" + i, USER_HIVE);
      users.add(user);
      accounts.add(account(user));
      if (i < userCount - empty) {
        allocations.add(new NetworkGenesis.Allocation(user.name(), USER_TOKEN, USER_GOV));
      }
    }
    List<TrafficNode> nodes = new ArrayList<>();
    List<NetworkGenesis.GenesisNode> genesisNodes = new ArrayList<>();
    for (int i = 0; i < nodeCount; i++) {
      TrafficUser user = user("node" + i, NODE_HIVE);
      TrafficNode node = new TrafficNode(user, key(user.name().value(), "multisig"));
      nodes.add(node);
      accounts.add(account(user));
      if (i >= genesisCount) {
        allocations.add(new NetworkGenesis.Allocation(user.name(), NODE_TOKEN, 0));
        continue;
      }
      allocations.add(new NetworkGenesis.Allocation(user.name(), NODE_TOKEN, NODE_GOV));
      long age = shape.ages().isEmpty() ? 0 : shape.ages().get(i);
      genesisNodes.add(new NetworkGenesis.GenesisNode(user.name(), node.multisigKey().publicKey(), age));
    }
    List<PublicKey> keys = NetworkGenesis.keysOf(genesisNodes);
    long threshold = shape.threshold() == 0 ? keys.size() / 2 + 1 : shape.threshold();
    List<Authority.KeyWeight> weights = new ArrayList<>();
    for (PublicKey k : keys.stream().sorted().toList()) {
      weights.add(new Authority.KeyWeight(k, 1));
    }
    Authority multisig = new Authority(threshold, List.of(), weights);
    accounts.add(new GenesisAccount(MULTISIG, multisig, multisig, multisig, key(MULTISIG.value(), "memo").publicKey(),
        Asset.of(TREASURY, AssetSymbol.HIVE), Asset.of(TREASURY, AssetSymbol.HBD)));
    Genesis devnet = new Genesis(ChainId.TESTNET, Genesis.DEFAULT_GENESIS_TIME, accounts);
    NetworkGenesis network = new NetworkGenesis("traffic", ChainId.TESTNET, PREFIX, MULTISIG, 1, "SAFE", 3,
        shape.tallyInterval(), shape.reportOffset(), params, allocations, TREASURY, TREASURY, genesisNodes, multisig, multisig,
        java.util.Optional.empty(), CUSTODY);
    return new TrafficNetwork(devnet, network, users, nodes);
  }

  /**
   * The private key of {@code account} for {@code role} (owner, active, posting, memo, multisig): one of
   * the devnet's well-known keys ({@link DevnetKeys#testKitKey}), which a node refuses off the devnet's chain.
   */
  public static PrivateKey key(String account, String role) {
    return DevnetKeys.testKitKey(account, role);
  }

  private static TrafficUser user(String name, long hive) {
    return new TrafficUser(AccountName.of(name), key(name, "active"), key(name, "posting"), hive, hive);
  }

  private static GenesisAccount account(TrafficUser user) {
    String name = user.name().value();
    return GenesisAccount.singleKeys(user.name(), key(name, "owner").publicKey(), user.activeKey().publicKey(),
        user.postingKey().publicKey(), key(name, "memo").publicKey(), Asset.of(user.hive(), AssetSymbol.HIVE),
        Asset.of(user.hbd(), AssetSymbol.HBD));
  }

  /** The devnet's settings for this network: HF28 rules, lag 2, 65,536-byte blocks. */
  public DevnetConfig devnetConfig() {
    return DevnetConfig.of(devnetGenesis);
  }

  /** A generator over every user and node of this network, with the busy mix and no reports. */
  public TrafficGenerator.Builder generator(long seed) {
    return TrafficGenerator.builder(network).users(users).nodes(nodes).seed(seed);
  }
}
