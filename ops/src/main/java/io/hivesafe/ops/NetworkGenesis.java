package io.hivesafe.ops;

import io.hivesafe.hive.crypto.PublicKey;
import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.protocol.Authority;
import io.hivesafe.hive.protocol.ChainId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What every node of one sidechain shares: the Hive chain it runs on, its custom_json prefix, the
 * multisig account and its authority at the start block, the first nodes (the first runners), the
 * token and its allocation, the fixed intervals and the changeable {@link NetworkParams}. Read from
 * a JSON file by {@link NetworkGenesisFile}; everything is checked here, in the constructor.
 *
 * @param network the network's name, for logs and the API
 * @param chainId the Hive chain id
 * @param prefix custom_json ids of this network are {@code prefix + op name}
 * @param multisigAccount the shared Hive account
 * @param startBlock the first Hive block the network applies
 * @param tokenSymbol the token's symbol (for display)
 * @param tokenPrecision digits after the point of the token's display form
 * @param tallyInterval blocks between tallies (a tally runs at blocks divisible by it)
 * @param reportOffset reports are made after block {@code B % tallyInterval == reportOffset}
 * @param params the parameters governance may change
 * @param allocations initial token (liquid) and governance stake per account
 * @param treasuryHive the network's own HIVE held by the multisig account at the start, in milli-HIVE
 * @param treasuryHbd likewise in milli-HBD
 * @param nodes the nodes registered at the start; they are the first runners
 * @param owner the multisig account's owner authority at the start block
 * @param active the multisig account's active authority at the start block
 * @param recoveryAccount the multisig account's recovery account at the start block, if the genesis names it
 * @param custody the 24-hour payout cap and the valuation of the safety limit
 */
public record NetworkGenesis(
    String network,
    ChainId chainId,
    String prefix,
    AccountName multisigAccount,
    long startBlock,
    String tokenSymbol,
    int tokenPrecision,
    long tallyInterval,
    long reportOffset,
    NetworkParams params,
    List<Allocation> allocations,
    long treasuryHive,
    long treasuryHbd,
    List<GenesisNode> nodes,
    Authority owner,
    Authority active,
    Optional<AccountName> recoveryAccount,
    CustodyLimits custody) {

  private static final Pattern NETWORK = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");
  private static final Pattern PREFIX = Pattern.compile("[a-z0-9_.-]{1,16}");
  private static final Pattern SYMBOL = Pattern.compile("[A-Z]{3,10}");
  /** The longest operation name, so that prefix + name fits custom_json's 32-character id. */
  public static final int LONGEST_OP_NAME = 10;
  /** Amounts are kept far below Long.MAX_VALUE so that sums of all balances never overflow. */
  public static final long MAX_AMOUNT = 1L << 60;

  /** An initial balance: liquid token and governance stake, smallest units. */
  public record Allocation(AccountName account, long token, long gov) {
    public Allocation {
      Objects.requireNonNull(account, "account");
      if (token < 0 || gov < 0 || token > MAX_AMOUNT || gov > MAX_AMOUNT) {
        throw new IllegalArgumentException("allocation of " + account + ": amounts must be in [0, 2^60]");
      }
    }
  }

  /** A node registered at the start block, with its multisig key and its initial age. */
  public record GenesisNode(AccountName account, PublicKey key, long age) {
    public GenesisNode {
      Objects.requireNonNull(account, "account");
      Objects.requireNonNull(key, "key");
      if (age < 0 || age > 1_000_000) {
        throw new IllegalArgumentException("node " + account + ": age must be in [0, 1000000]");
      }
    }
  }

  public NetworkGenesis {
    Objects.requireNonNull(chainId, "chain_id");
    Objects.requireNonNull(multisigAccount, "multisig_account");
    Objects.requireNonNull(params, "params");
    Objects.requireNonNull(custody, "custody");
    Objects.requireNonNull(owner, "authority.owner");
    Objects.requireNonNull(active, "authority.active");
    Objects.requireNonNull(recoveryAccount, "authority.recovery_account");
    checkNetwork(network);
    checkPrefix(prefix);
    if (startBlock < 1 || startBlock > 0xffff_ffffL) {
      throw new IllegalArgumentException("start_block must be a Hive block number >= 1");
    }
    if (tokenSymbol == null || !SYMBOL.matcher(tokenSymbol).matches()) {
      throw new IllegalArgumentException("token.symbol must be 3-10 capital letters");
    }
    if (tokenPrecision < 0 || tokenPrecision > 8) {
      throw new IllegalArgumentException("token.precision must be in [0, 8]");
    }
    if (tallyInterval < 10 || tallyInterval > 100_000) {
      throw new IllegalArgumentException("intervals.tally must be in [10, 100000]");
    }
    if (reportOffset < 1 || reportOffset >= tallyInterval) {
      throw new IllegalArgumentException("intervals.report_offset must be in [1, tally - 1]");
    }
    if (treasuryHive < 0 || treasuryHive > MAX_AMOUNT || treasuryHbd < 0 || treasuryHbd > MAX_AMOUNT) {
      throw new IllegalArgumentException("treasury amounts must be in [0, 2^60]");
    }
    allocations = List.copyOf(allocations);
    nodes = List.copyOf(nodes);
    TreeSet<AccountName> seen = new TreeSet<>();
    long supply = 0;
    for (Allocation a : allocations) {
      if (!seen.add(a.account())) {
        throw new IllegalArgumentException("allocations: " + a.account() + " is listed twice");
      }
      supply += a.token() + a.gov();
      if (supply > MAX_AMOUNT) {
        throw new IllegalArgumentException("allocations: the total exceeds 2^60");
      }
    }
    if (nodes.isEmpty()) {
      throw new IllegalArgumentException("nodes: at least one node is needed (the first runners)");
    }
    if (nodes.size() > params.maxSigners()) {
      throw new IllegalArgumentException("nodes: " + nodes.size() + " nodes but election.max_signers is " + params.maxSigners());
    }
    TreeSet<AccountName> nodeNames = new TreeSet<>();
    TreeSet<PublicKey> nodeKeys = new TreeSet<>();
    for (GenesisNode n : nodes) {
      if (!nodeNames.add(n.account())) {
        throw new IllegalArgumentException("nodes: " + n.account() + " is listed twice");
      }
      if (!nodeKeys.add(n.key())) {
        throw new IllegalArgumentException("nodes: " + n.account() + " repeats another node's key");
      }
    }
    checkAuthority(owner, "authority.owner");
    checkAuthority(active, "authority.active");
  }

  /** Checks a network name as a genesis does (also for a founder's card, made before the genesis). */
  public static String checkNetwork(String network) {
    if (network == null || !NETWORK.matcher(network).matches()) {
      throw new IllegalArgumentException("network must be 1-32 of [a-z0-9-], starting with a letter or digit");
    }
    return network;
  }

  /** Checks a custom_json prefix as a genesis does (also for a founder's key, made before the genesis). */
  public static String checkPrefix(String prefix) {
    if (prefix == null || !PREFIX.matcher(prefix).matches()) {
      throw new IllegalArgumentException("prefix must be 1-16 of [a-z0-9_.-]");
    }
    if (prefix.length() + LONGEST_OP_NAME > 32) {
      throw new IllegalArgumentException("prefix is too long: prefix + operation name must fit custom_json's 32-character id");
    }
    return prefix;
  }

  private static void checkAuthority(Authority a, String where) {
    if (a.keyAuths().isEmpty() || a.memberCount() > NetworkParams.MAX_SIGNERS_LIMIT) {
      throw new IllegalArgumentException(where + " must hold 1 to 40 members, at least one of them a key");
    }
    if (!a.isSatisfiable()) {
      throw new IllegalArgumentException(where + ".threshold must be in [1, sum of weights]: the chain does not check it, we do");
    }
  }

  /** {@code keys} of weight 1 each with {@code threshold}: the short genesis form, and the shape of our rotations. */
  public static Authority simpleAuthority(long threshold, List<PublicKey> keys) {
    List<Authority.KeyWeight> weights = new ArrayList<>();
    for (PublicKey k : keys) {
      weights.add(new Authority.KeyWeight(k, 1));
    }
    return new Authority(threshold, List.of(), weights);
  }

  /** The full custom_json id of an operation of this network. */
  public String opId(String name) {
    return prefix + name;
  }

  /** Total token units (liquid and staked) the genesis creates. */
  public long tokenSupply() {
    long s = 0;
    for (Allocation a : allocations) {
      s += a.token() + a.gov();
    }
    return s;
  }

  /** The default authority: every genesis node's key, threshold floor(n/2)+1. */
  public static List<PublicKey> keysOf(List<GenesisNode> nodes) {
    List<PublicKey> keys = new ArrayList<>();
    for (GenesisNode n : nodes) {
      keys.add(n.key());
    }
    return keys;
  }

  /** Whether a tally runs at {@code block} (DESIGN §3.1 step 4). */
  public boolean isTallyBlock(long block) {
    return block % tallyInterval == 0;
  }

  /** Whether nodes report their digest after {@code block} (DESIGN §3.1 step 3). */
  public boolean isReportBlock(long block) {
    return block % tallyInterval == reportOffset;
  }
}
