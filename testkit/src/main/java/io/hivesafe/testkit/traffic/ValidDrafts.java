package io.hivesafe.testkit.traffic;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hivesafe.hive.crypto.PrivateKey;
import io.hivesafe.hive.crypto.SignatureScheme;
import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.ops.BlockApplier;
import java.util.List;

/**
 * The operations meant to be accepted, and the background traffic. Each reads the model to stay within
 * what the sender holds, and returns null when no account can make one now.
 */
final class ValidDrafts {
  /** Parameters proposals change: none of them changes who runs or what the model assumes. */
  static final List<String> SAFE_PARAMS = List.of("execution_window", "feed_retention", "max_proposal_blocks");
  private static final List<String> FOREIGN_IDS = List.of("follow", "reblog", "notify", "community", "ssc-mainnet-hive", "podping");

  private ValidDrafts() {}

  static Draft draft(DraftContext c, TrafficKind kind, SignatureScheme crypto) {
    switch (kind) {
      case DEPOSIT:
        return deposit(c);
      case SEND:
        return send(c);
      case GOV_LOCK:
        return lock(c);
      case GOV_UNLOCK:
        return unlock(c);
      case NODE_ADD:
        return nodeAdd(c, crypto);
      case WITHDRAW:
        return withdraw(c);
      case PROPOSE:
        return propose(c);
      case APPROVE:
        return approve(c);
      case HIVE_TRANSFER:
        return hiveTransfer(c);
      case FOREIGN_JSON:
        return foreign(c);
      default:
        throw new IllegalArgumentException(kind + " is not a valid or background kind");
    }
  }

  /** The accounts that hold tokens or Hive to deposit: holders and nodes. */
  private static List<String> active(DraftContext c) {
    return DraftContext.concat(c.holders, c.runners);
  }

  static Draft deposit(DraftContext c) {
    String from = c.pick(active(c), a -> c.model.holder(a).hive >= 2 || c.model.holder(a).hbd >= 2);
    if (from == null) {
      return null;
    }
    TrafficModel.Holder h = c.model.holder(from);
    boolean hbd = h.hive < 2 || (h.hbd >= 2 && c.rnd.nextInt(5) < 2);
    long amount = c.upTo(Math.min(h.liquid(hbd) / 50, 1_000_000));
    return c.transfer(TrafficKind.DEPOSIT, from, c.multisig, amount, hbd, c.rnd.nextInt(4) == 0 ? c.memo() : "", () -> {
      h.addLiquid(hbd, -amount);
      h.addPegged(hbd, amount);
    });
  }

  static Draft send(DraftContext c) {
    String from = c.pickCustom(active(c), a -> c.model.holder(a).token >= 1);
    if (from == null) {
      return null;
    }
    TrafficModel.Holder h = c.model.holder(from);
    String other = c.rnd.nextInt(20) == 0 ? null : c.other(active(c), from);
    String to = other != null ? other : "ghost-" + c.rnd.nextInt(100);
    long amount = c.upTo(Math.min(h.token, 10_000));
    ObjectNode json = DraftContext.object();
    json.put("to", to);
    json.put("amount", amount);
    if (c.rnd.nextBoolean()) {
      json.put("memo", c.memo());
    }
    return c.op(TrafficKind.SEND, from, "send", json.toString(), () -> {
      h.token -= amount;
      c.model.holder(to).token += amount;
    });
  }

  static Draft lock(DraftContext c) {
    String from = c.pickCustom(active(c), a -> c.model.holder(a).token >= 1);
    if (from == null) {
      return null;
    }
    TrafficModel.Holder h = c.model.holder(from);
    long amount = c.upTo(Math.min(h.token, 5_000));
    ObjectNode json = DraftContext.object();
    json.put("amount", amount);
    return c.op(TrafficKind.GOV_LOCK, from, "gov_lock", json.toString(), () -> {
      h.token -= amount;
      h.gov += amount;
    });
  }

  /** Only holders unlock: nodes keep their stake, so the runners stay eligible. */
  static Draft unlock(DraftContext c) {
    String from = c.pickCustom(c.holders, a -> c.model.holder(a).gov >= 1);
    if (from == null) {
      return null;
    }
    TrafficModel.Holder h = c.model.holder(from);
    long amount = c.upTo(Math.min(h.gov, 2_000));
    ObjectNode json = DraftContext.object();
    json.put("amount", amount);
    return c.op(TrafficKind.GOV_UNLOCK, from, "gov_unlock", json.toString(), () -> h.gov -= amount);
  }

  /** A candidate registers, or changes its key: a fresh key per registration, with its proof. */
  static Draft nodeAdd(DraftContext c, SignatureScheme crypto) {
    // a node removed by governance may register again only removal_ban_blocks after the removal
    String from = c.pickCustom(c.candidates, a -> c.model.holder(a).removalDue == 0
        || c.model.holder(a).removalDue + c.params.removalBanBlocks() <= c.block);
    if (from == null) {
      return null;
    }
    TrafficModel.Holder h = c.model.holder(from);
    int version = h.registered ? h.keyVersion + 1 : 0;
    PrivateKey key = candidateKey(from, version);
    ObjectNode json = DraftContext.object();
    json.put("key", key.publicKey().toString());
    json.put("proof", crypto.sign(key, BlockApplier.nodeAddProofDigest(c.network, from)).toHex());
    return c.op(TrafficKind.NODE_ADD, from, "node_add", json.toString(), () -> {
      h.registered = true;
      h.keyVersion = version;
    });
  }

  static PrivateKey candidateKey(String account, int version) {
    return PrivateKey.fromSeed("traffic:" + account + ":candidate:" + version);
  }

  static Draft withdraw(DraftContext c) {
    long max = c.params.maxWithdrawals();
    String from = c.pickCustom(active(c), a -> {
      TrafficModel.Holder h = c.model.holder(a);
      return h.withdrawals < max && (h.peggedHive >= 1 || h.peggedHbd >= 1);
    });
    if (from == null) {
      return null;
    }
    TrafficModel.Holder h = c.model.holder(from);
    boolean hbd = h.peggedHive < 1 || (h.peggedHbd >= 1 && c.rnd.nextBoolean());
    long amount = c.upTo(Math.min(h.pegged(hbd), 500_000));
    ObjectNode json = DraftContext.object();
    json.put("amount", amount);
    json.put("asset", hbd ? "HBD" : "HIVE");
    if (c.rnd.nextInt(3) == 0) {
      json.put("memo", c.memo());
    }
    return c.op(TrafficKind.WITHDRAW, from, "withdraw", json.toString(), () -> {
      h.addPegged(hbd, -amount);
      h.withdrawals++;
    });
  }

  static Draft propose(DraftContext c) {
    String from = c.pickCustom(c.runners, a -> true);
    if (from == null) {
      return null;
    }
    ObjectNode json = DraftContext.object();
    int pick = c.rnd.nextInt(20);
    io.hivesafe.ops.Fraction threshold;
    String removes = null;
    List<String> registered = registeredCandidates(c);
    if (pick < 3 && !registered.isEmpty()) {
      removes = c.oneOf(registered);
      json.put("action", "remove_node");
      json.put("account", removes);
      threshold = c.params.removeThreshold();
    } else if (pick < 8) {
      String name = c.oneOf(SAFE_PARAMS);
      json.put("action", "param");
      json.put("name", name);
      json.put("value", 1_000 + c.rnd.nextLong(9_000));
      threshold = c.params.paramThreshold();
    } else {
      json.put("action", "payout");
      json.put("to", c.oneOf(c.holders.isEmpty() ? c.runners : c.holders));
      json.put("amount", c.upTo(100_000));
      json.put("asset", c.rnd.nextBoolean() ? "HIVE" : "HBD");
      if (c.rnd.nextBoolean()) {
        json.put("memo", c.memo());
      }
      threshold = c.params.payoutThreshold();
    }
    long deadline = 50 + c.rnd.nextInt(550);
    long activation = c.rnd.nextInt(21);
    json.put("deadline", deadline);
    json.put("activation", activation);
    long block = c.block;
    String removed = removes;
    return c.op(TrafficKind.PROPOSE, from, "propose", json.toString(),
        () -> c.model.propose(from, block, threshold, block + deadline, activation, removed));
  }

  static Draft approve(DraftContext c) {
    List<TrafficModel.OpenProposal> open = c.model.open(c.block);
    if (open.isEmpty()) {
      return null;
    }
    TrafficModel.OpenProposal p = c.oneOf(open);
    String from = c.pickCustom(c.runners, a -> !p.approvals.contains(a));
    if (from == null) {
      return null;
    }
    ObjectNode json = DraftContext.object();
    json.put("id", p.id);
    long block = c.block;
    return c.op(TrafficKind.APPROVE, from, "approve", json.toString(), () -> c.model.approve(p, from, block));
  }

  static List<String> registeredCandidates(DraftContext c) {
    return c.candidates.stream().filter(a -> c.model.holder(a).registered && c.model.holder(a).removalDue < c.block).toList();
  }

  // ---- background ----

  static Draft hiveTransfer(DraftContext c) {
    List<String> pool = c.everyone;
    String from = c.pick(pool, a -> c.model.holder(a).hive >= 2 || c.model.holder(a).hbd >= 2);
    if (from == null) {
      return null;
    }
    String to = c.other(pool, from);
    if (to == null) {
      return null;
    }
    TrafficModel.Holder h = c.model.holder(from);
    boolean hbd = h.hive < 2 || (h.hbd >= 2 && c.rnd.nextInt(3) == 0);
    long amount = c.upTo(Math.min(h.liquid(hbd) / 20, 100_000));
    TrafficModel.Holder dest = c.model.holder(to);
    return c.transfer(TrafficKind.HIVE_TRANSFER, from, AccountName.of(to), amount, hbd, c.memo(), () -> {
      h.addLiquid(hbd, -amount);
      dest.addLiquid(hbd, amount);
    });
  }

  static Draft foreign(DraftContext c) {
    String from = c.pickCustom(c.everyone, a -> true);
    if (from == null) {
      return null;
    }
    String id = c.oneOf(FOREIGN_IDS);
    String other = c.other(c.everyone, from);
    String json;
    boolean posting = true;
    switch (id) {
      case "follow": {
        ArrayNode a = DraftContext.object().arrayNode();
        a.add("follow");
        ObjectNode body = a.addObject();
        body.put("follower", from);
        body.put("following", other == null ? from : other);
        body.putArray("what").add("blog");
        json = a.toString();
        break;
      }
      case "reblog": {
        ArrayNode a = DraftContext.object().arrayNode();
        a.add("reblog");
        ObjectNode body = a.addObject();
        body.put("account", from);
        body.put("author", other == null ? from : other);
        body.put("permlink", "post-" + c.rnd.nextInt(1_000));
        json = a.toString();
        break;
      }
      case "ssc-mainnet-hive": {
        ObjectNode body = DraftContext.object();
        body.put("contractName", "tokens");
        body.put("contractAction", "transfer");
        ObjectNode payload = body.putObject("contractPayload");
        payload.put("symbol", "BEE");
        payload.put("to", other == null ? from : other);
        payload.put("quantity", c.rnd.nextInt(100) + "." + c.rnd.nextInt(1_000));
        payload.put("memo", c.memo());
        json = body.toString();
        posting = false;
        break;
      }
      default: {
        ObjectNode body = DraftContext.object();
        body.put("version", 1);
        body.put("seq", c.rnd.nextInt(1_000_000));
        body.put("note", c.memo());
        json = body.toString();
        break;
      }
    }
    return c.custom(TrafficKind.FOREIGN_JSON, from, posting, id, json, DraftContext.NOTHING);
  }
}
