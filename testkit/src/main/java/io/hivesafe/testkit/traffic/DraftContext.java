package io.hivesafe.testkit.traffic;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.protocol.Asset;
import io.hivesafe.hive.protocol.AssetSymbol;
import io.hivesafe.hive.protocol.CustomJsonOperation;
import io.hivesafe.hive.protocol.HiveLimits;
import io.hivesafe.hive.protocol.TransferOperation;
import io.hivesafe.ops.NetworkGenesis;
import io.hivesafe.ops.NetworkParams;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * What the draft builders share: the network, the accounts by role, the model, the seeded random
 * stream, and the state of the block being generated (custom_json count per account, the previous
 * sender). Every choice goes through {@link #rnd} in a fixed order, so a seed gives one sequence.
 */
final class DraftContext {
  /** hived's HIVE_CUSTOM_OP_BLOCK_LIMIT: custom_json per account per block. */
  static final int CUSTOM_OPS_PER_BLOCK = HiveLimits.CUSTOM_OP_BLOCK_LIMIT;
  /** HIVE_CUSTOM_OP_DATA_MAX_LENGTH. */
  static final int MAX_JSON_BYTES = HiveLimits.CUSTOM_OP_DATA_MAX_LENGTH;
  private static final String[] WORDS = {"hive", "bee", "honey", "comb", "wax", "swarm", "queen", "drone", "nectar", "pollen",
      "thanks", "rent", "gift", "tip", "lunch", "refund", "invoice", "42", "ok", "gm", "caf\u00e9", "\ud83d\udc1d", "\u8702\u871c"};

  final NetworkGenesis network;
  final NetworkParams params;
  final SplittableRandom rnd;
  final TrafficModel model;
  final double stickyShare;
  final AccountName multisig;
  /** Every account the generator signs for, in name order. */
  final List<String> everyone;
  /** Users with a sidechain allocation (not nodes). */
  final List<String> holders;
  /** Users with no allocation: they hold nothing on the sidechain and never receive anything. */
  final List<String> empty;
  /** Holders that register as nodes (node_add) and never report, so never run. */
  final List<String> candidates;
  /** Holders that never register: senders of reports from non-nodes and of stolen-key node_adds. */
  final List<String> outsiders;
  /** The genesis nodes the generator holds keys for (they stay runners while they report). */
  final List<String> runners;
  final Map<String, TrafficUser> users;
  final Map<String, TrafficNode> nodes;

  private final TreeMap<String, Integer> customOps = new TreeMap<>();
  private String previousSender;
  long block;

  DraftContext(NetworkGenesis network, List<TrafficUser> userList, List<TrafficNode> nodeList, TrafficMix mix, long seed) {
    this.network = network;
    this.params = network.params();
    this.rnd = new SplittableRandom(seed);
    this.stickyShare = mix.stickyShare();
    this.multisig = network.multisigAccount();
    TreeMap<String, TrafficUser> u = new TreeMap<>();
    TreeMap<String, TrafficNode> n = new TreeMap<>();
    for (TrafficNode node : nodeList) {
      n.put(node.name().value(), node);
      u.put(node.name().value(), node.user());
    }
    for (TrafficUser user : userList) {
      if (u.containsKey(user.name().value()) && !n.containsKey(user.name().value())) {
        throw new IllegalArgumentException("user " + user.name() + " is listed twice");
      }
      u.putIfAbsent(user.name().value(), user);
    }
    if (u.containsKey(multisig.value())) {
      throw new IllegalArgumentException("the multisig account " + multisig + " cannot be a traffic user");
    }
    this.users = u;
    this.nodes = n;
    TreeMap<String, long[]> allocated = new TreeMap<>();
    for (NetworkGenesis.Allocation a : network.allocations()) {
      allocated.put(a.account().value(), new long[] {a.token(), a.gov()});
    }
    List<String> genesisNodes = new ArrayList<>();
    for (NetworkGenesis.GenesisNode g : network.nodes()) {
      genesisNodes.add(g.account().value());
    }
    this.everyone = List.copyOf(u.keySet());
    List<String> h = new ArrayList<>();
    List<String> e = new ArrayList<>();
    List<String> r = new ArrayList<>();
    for (TrafficUser user : userList) {
      String name = user.name().value();
      if (n.containsKey(name)) {
        continue;
      }
      (allocated.containsKey(name) ? h : e).add(name);
    }
    for (String name : n.keySet()) {
      if (genesisNodes.contains(name)) {
        r.add(name);
      }
    }
    List<String> c = new ArrayList<>();
    List<String> o = new ArrayList<>();
    for (int i = 0; i < h.size(); i++) {
      (i % 10 == 9 ? c : o).add(h.get(i));
    }
    if (c.isEmpty() && o.size() > 1) {
      c.add(o.remove(o.size() - 1));
    }
    this.holders = List.copyOf(h);
    this.empty = List.copyOf(e);
    this.candidates = List.copyOf(c);
    this.outsiders = List.copyOf(o);
    this.runners = List.copyOf(r);
    this.model = new TrafficModel(network.nodes().size());
    for (TrafficUser user : u.values()) {
      TrafficModel.Holder m = model.holder(user.name().value());
      m.hive = user.hive();
      m.hbd = user.hbd();
      long[] alloc = allocated.get(user.name().value());
      if (alloc != null) {
        m.token = alloc[0];
        m.gov = alloc[1];
      }
    }
    for (String name : genesisNodes) {
      model.holder(name).registered = true;
    }
  }

  /** Starts a block: {@code next} is the number the generated transactions are meant for. */
  void startBlock(long next) {
    block = next;
    customOps.clear();
    previousSender = null;
  }

  /** Whether {@code account} may sign one more custom_json in this block. */
  boolean underLimit(String account) {
    return customOps.getOrDefault(account, 0) < CUSTOM_OPS_PER_BLOCK;
  }

  /** Records a kept draft. */
  void kept(Draft d) {
    if (d.op() instanceof CustomJsonOperation) {
      customOps.merge(d.signer().value(), 1, Integer::sum);
    }
    previousSender = d.signer().value();
    d.effect().run();
  }

  /**
   * One account of {@code pool} that passes {@code ok}, or null: the previous sender again with
   * probability stickyShare (so that one signer's operations share a transaction), else uniformly.
   */
  String pick(List<String> pool, Predicate<String> ok) {
    if (previousSender != null && pool.contains(previousSender) && ok.test(previousSender) && rnd.nextDouble() < stickyShare) {
      return previousSender;
    }
    List<String> fit = new ArrayList<>();
    for (String a : pool) {
      if (ok.test(a)) {
        fit.add(a);
      }
    }
    return fit.isEmpty() ? null : fit.get(rnd.nextInt(fit.size()));
  }

  /** A sender for a custom_json: from {@code pool}, under the per-block limit, passing {@code ok}. */
  String pickCustom(List<String> pool, Predicate<String> ok) {
    return pick(pool, a -> underLimit(a) && ok.test(a));
  }

  /** Any element of {@code pool} except {@code not}, or null. */
  String other(List<String> pool, String not) {
    if (pool.isEmpty() || (pool.size() == 1 && pool.get(0).equals(not))) {
      return null;
    }
    while (true) {
      String a = pool.get(rnd.nextInt(pool.size()));
      if (!a.equals(not)) {
        return a;
      }
    }
  }

  static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  <T> T oneOf(List<T> options) {
    return options.get(rnd.nextInt(options.size()));
  }

  /** An integer in [1, max] (max at least 1). */
  long upTo(long max) {
    return 1 + rnd.nextLong(Math.max(1, max));
  }

  String memo() {
    int words = rnd.nextInt(4);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < words; i++) {
      b.append(i == 0 ? "" : " ").append(WORDS[rnd.nextInt(WORDS.length)]);
    }
    return b.toString();
  }

  String hex(int bytes) {
    byte[] b = new byte[bytes];
    for (int i = 0; i < bytes; i++) {
      b[i] = (byte) rnd.nextInt(256);
    }
    return HexFormat.of().formatHex(b);
  }

  static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  /** A custom_json of this network's op {@code name}, signed with active authority. */
  Draft op(TrafficKind kind, String sender, String name, String json, Runnable effect) {
    return custom(kind, sender, false, network.opId(name), json, effect);
  }

  Draft custom(TrafficKind kind, String sender, boolean posting, String id, String json, Runnable effect) {
    AccountName who = AccountName.of(sender);
    CustomJsonOperation op = posting
        ? new CustomJsonOperation(List.of(), List.of(who), id, json)
        : new CustomJsonOperation(List.of(who), List.of(), id, json);
    int bytes = json.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_JSON_BYTES || id.getBytes(StandardCharsets.UTF_8).length > HiveLimits.CUSTOM_OP_ID_MAX_LENGTH) {
      throw new IllegalStateException("generated custom_json breaks hived's limits: id " + id + ", " + bytes + " bytes");
    }
    return new Draft(kind, who, posting, op, Draft.OVERHEAD + bytes + id.length(), effect);
  }

  Draft transfer(TrafficKind kind, String from, AccountName to, long amount, boolean hbd, String memo, Runnable effect) {
    TransferOperation op = new TransferOperation(AccountName.of(from), to, Asset.of(amount, hbd ? AssetSymbol.HBD : AssetSymbol.HIVE), memo);
    return new Draft(kind, op.from(), false, op, Draft.OVERHEAD + memo.getBytes(StandardCharsets.UTF_8).length, effect);
  }

  static final Runnable NOTHING = () -> { };
}
