package io.hivesafe.testkit.traffic;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hivesafe.engine.node.NodeReport;
import io.hivesafe.hive.crypto.PrivateKey;
import io.hivesafe.hive.crypto.SignatureScheme;
import io.hivesafe.hive.json.JsonFields;
import io.hivesafe.hive.protocol.HiveLimits;
import io.hivesafe.ops.BlockApplier;
import java.time.Instant;
import java.util.List;

/**
 * Operations the sidechain must reject whatever its state. Each is a valid Hive operation (valid JSON
 * within hived's limits, signed by an existing account), so the chain admits it and every node must
 * judge it: the point is that every node rejects it the same way. None of them changes the model.
 *
 * <p>A hostile op from a genesis node is never well-formed enough to be stored: a stored report with a
 * wrong hash would cost the node its honest report, and with it its seat.
 */
final class HostileDrafts {
  private static final List<String> AMOUNT_OPS = List.of("send", "gov_lock", "gov_unlock", "withdraw");
  private static final List<String> WRONG_AMOUNTS = List.of("\"1000\"", "1.5", "1e3", "1E3", "1000.0", "true", "[1]",
      "{\"v\":1}", "\"1.000 HIVE\"", "-1.5e-3");
  private static final List<String> HUGE = List.of("1152921504606846977", "9223372036854775807", "9223372036854775808",
      "18446744073709551615", "18446744073709551616", "1000000000000000000000000000000");
  private static final List<String> NON_POSITIVE = List.of("0", "-0", "-1", "-1000", "-9223372036854775808");
  private static final List<String> UNKNOWN_NAMES = List.of("mint", "burn", "SEND", "Send", "send ", "transfer", "", "gov_lock2",
      "node_remove", "claim", "airdrop", "withdraw_all", "xxxxxxxxxxxxxxxxxxxxxxx");

  /** Any plausible time: a forged report is refused before its expiration matters. */
  private static final Instant FAR_EXPIRATION = Instant.parse("2026-01-01T01:00:00Z");

  private HostileDrafts() {}

  static Draft draft(DraftContext c, TrafficKind kind, SignatureScheme crypto) {
    switch (kind) {
      case MALFORMED_JSON:
        return malformed(c);
      case WRONG_TYPE:
        return withAmount(c, kind, c.oneOf(WRONG_AMOUNTS));
      case HUGE_NUMBER:
        return withAmount(c, kind, c.oneOf(HUGE));
      case NON_POSITIVE:
        return withAmount(c, kind, c.oneOf(NON_POSITIVE));
      case UNKNOWN_FIELD:
        return unknownField(c);
      case UNKNOWN_OP:
        return unknownOp(c);
      case EMPTY_SENDER:
        return emptySender(c);
      case POSTING_AUTH:
        return posting(c);
      case OVERDRAFT:
        return overdraft(c);
      case FORGED_REPORT:
        return forgedReport(c);
      case BAD_NODE_ADD:
        return badNodeAdd(c, crypto);
      case NOT_RUNNER:
        return notRunner(c);
      case BAD_PROPOSAL:
        return badProposal(c);
      default:
        throw new IllegalArgumentException(kind + " is not a hostile kind");
    }
  }

  private static List<String> anyone(DraftContext c) {
    return DraftContext.concat(c.holders, c.runners);
  }

  private static String someone(DraftContext c) {
    return c.other(c.everyone, c.multisig.value());
  }

  /** Valid JSON, but not an object of the op's fields. */
  static Draft malformed(DraftContext c) {
    String from = c.pickCustom(anyone(c), a -> true);
    if (from == null) {
      return null;
    }
    String name = c.oneOf(BlockApplier.OPERATIONS);
    String json;
    switch (c.rnd.nextInt(9)) {
      case 0:
        json = "[]";
        break;
      case 1:
        json = "[1,2,3]";
        break;
      case 2:
        json = "\"" + name + "\"";
        break;
      case 3:
        json = c.rnd.nextBoolean() ? "null" : "42";
        break;
      case 4:
        json = "{\"amount\":1,\"amount\":1}";
        break;
      case 5:
        json = "{}";
        break;
      case 6: {
        StringBuilder b = new StringBuilder();
        int depth = 10 + c.rnd.nextInt(60);
        for (int i = 0; i < depth; i++) {
          b.append("{\"a\":");
        }
        b.append("1");
        for (int i = 0; i < depth; i++) {
          b.append('}');
        }
        json = b.toString();
        break;
      }
      case 7: {
        // a memo no Hive transfer can carry: over 2,047 bytes (the whole JSON up to hived's 8,192), or a lone surrogate
        name = c.rnd.nextBoolean() ? "send" : "withdraw";
        String head = name.equals("send") ? "{\"to\":\"" + someone(c) + "\",\"amount\":1,\"memo\":\"" : "{\"amount\":1,\"asset\":\"HIVE\",\"memo\":\"";
        String memo;
        switch (c.rnd.nextInt(4)) {
          case 0:
            memo = "m".repeat(2_048);
            break;
          case 1:
            memo = "m".repeat(DraftContext.MAX_JSON_BYTES - head.length() - 2);
            break;
          case 2:
            memo = "\u00e9".repeat(1_024 + c.rnd.nextInt(500)); // 2,048 or more bytes in fewer than 2,047 characters
            break;
          default:
            memo = "bee \\ud83d alone";
            break;
        }
        json = head + memo + "\"}";
        break;
      }
      default:
        json = "{\"" + name + "\":{\"amount\":1}}";
        break;
    }
    return c.op(TrafficKind.MALFORMED_JSON, from, name, json, DraftContext.NOTHING);
  }

  /** An amount-taking op whose amount (or id) is {@code literal}, otherwise well-formed. */
  static Draft withAmount(DraftContext c, TrafficKind kind, String literal) {
    String from = c.pickCustom(anyone(c), a -> true);
    if (from == null) {
      return null;
    }
    int pick = c.rnd.nextInt(AMOUNT_OPS.size() + 1);
    if (pick == AMOUNT_OPS.size()) {
      // no proposal has such an id: none is numbered 0, 2^60 + 1 or more, or anything but an integer
      return c.op(kind, from, "approve", "{\"id\":" + literal + "}", DraftContext.NOTHING);
    }
    String name = AMOUNT_OPS.get(pick);
    return c.op(kind, from, name, amountJson(c, name, from, literal), DraftContext.NOTHING);
  }

  private static String amountJson(DraftContext c, String name, String from, String amount) {
    switch (name) {
      case "send":
        return "{\"to\":\"" + c.other(anyone(c), from) + "\",\"amount\":" + amount + "}";
      case "withdraw":
        return "{\"amount\":" + amount + ",\"asset\":\"HIVE\"}";
      default:
        return "{\"amount\":" + amount + "}";
    }
  }

  static Draft unknownField(DraftContext c) {
    String from = c.pickCustom(anyone(c), a -> true);
    if (from == null) {
      return null;
    }
    String name = c.oneOf(AMOUNT_OPS);
    String field = c.oneOf(List.of("fee", "Amount", "memo2", "", "nonce", "to ", "memo"));
    if (field.equals("memo") && (name.equals("send") || name.equals("withdraw"))) {
      field = "reference";
    }
    String json = amountJson(c, name, from, "1");
    json = json.substring(0, json.length() - 1) + ",\"" + field + "\":1}";
    return c.op(TrafficKind.UNKNOWN_FIELD, from, name, json, DraftContext.NOTHING);
  }

  static Draft unknownOp(DraftContext c) {
    String from = c.pickCustom(anyone(c), a -> true);
    if (from == null) {
      return null;
    }
    String name = c.oneOf(UNKNOWN_NAMES);
    // cut to fit hived's 32-byte id; no cut name is an operation either
    name = name.substring(0, Math.min(name.length(), HiveLimits.CUSTOM_OP_ID_MAX_LENGTH - c.network.prefix().length()));
    return c.op(TrafficKind.UNKNOWN_OP, from, name, "{\"amount\":1000}", DraftContext.NOTHING);
  }

  /** A well-formed op from an account with nothing on the sidechain. */
  static Draft emptySender(DraftContext c) {
    String from = c.pickCustom(c.empty, a -> true);
    if (from == null) {
      return null;
    }
    String name = c.oneOf(AMOUNT_OPS);
    return c.op(TrafficKind.EMPTY_SENDER, from, name, amountJson(c, name, from, Long.toString(c.upTo(1_000))), DraftContext.NOTHING);
  }

  /** A well-formed op in required_posting_auths, signed with the posting key. */
  static Draft posting(DraftContext c) {
    String from = c.pickCustom(anyone(c), a -> true);
    if (from == null) {
      return null;
    }
    String name = c.oneOf(AMOUNT_OPS);
    return c.custom(TrafficKind.POSTING_AUTH, from, true, c.network.opId(name), amountJson(c, name, from, "1"), DraftContext.NOTHING);
  }

  static Draft overdraft(DraftContext c) {
    String from = c.pickCustom(anyone(c), a -> true);
    if (from == null) {
      return null;
    }
    TrafficModel.Holder h = c.model.holder(from);
    String name = c.oneOf(AMOUNT_OPS);
    long held;
    switch (name) {
      case "gov_unlock":
        held = h.gov + h.token;
        break;
      case "withdraw":
        held = h.peggedHive;
        break;
      default:
        held = h.token + h.gov;
        break;
    }
    long amount = Math.min(2 * held + 1_000_000_000L + c.rnd.nextInt(1_000), 1L << 60);
    return c.op(TrafficKind.OVERDRAFT, from, name, amountJson(c, name, from, Long.toString(amount)), DraftContext.NOTHING);
  }

  /** The report block whose reports land in the block being generated (may be before the start). */
  private static long currentReportBlock(DraftContext c) {
    long interval = c.network.tallyInterval();
    return c.block - 1 - Math.floorMod(c.block - 1 - c.network.reportOffset(), interval);
  }

  static Draft forgedReport(DraftContext c) {
    long reportBlock = currentReportBlock(c);
    Instant expiration = FAR_EXPIRATION.plusSeconds(3 * c.block);
    if (c.rnd.nextInt(3) == 0 || c.runners.isEmpty()) {
      // well-formed, from an account that never registered
      String from = c.pickCustom(c.outsiders.isEmpty() ? c.empty : c.outsiders, a -> true);
      if (from == null) {
        return null;
      }
      String json = report(Long.toString(Math.max(1, reportBlock)), "\"" + c.hex(32) + "\"", "1234", "987654321",
          "\"" + JsonFields.formatTime(expiration) + "\"", null);
      return c.op(TrafficKind.FORGED_REPORT, from, "report", json, DraftContext.NOTHING);
    }
    String from = c.pickCustom(c.runners, a -> true);
    if (from == null) {
      return null;
    }
    String block = Long.toString(Math.max(1, reportBlock));
    String hash = "\"" + c.hex(32) + "\"";
    String refNum = Integer.toString(c.rnd.nextInt(65_536));
    String refPrefix = Long.toString(c.rnd.nextLong(1L << 32));
    String exp = "\"" + JsonFields.formatTime(expiration) + "\"";
    String extra = null;
    switch (c.rnd.nextInt(12)) {
      case 0:
        block = Long.toString(reportBlock + 1);
        break;
      case 1:
        block = Long.toString(reportBlock + c.network.tallyInterval());
        break;
      case 2:
        block = Long.toString(Math.max(0, reportBlock - c.network.tallyInterval()));
        break;
      case 3:
        block = "\"" + Math.max(1, reportBlock) + "\"";
        break;
      case 4:
        hash = "\"" + c.hex(32).toUpperCase(java.util.Locale.ROOT) + "0" + "\"";
        break;
      case 5:
        hash = "\"" + c.hex(31) + "\"";
        break;
      case 6:
        refNum = c.rnd.nextBoolean() ? "65536" : "-1";
        break;
      case 7:
        refPrefix = c.rnd.nextBoolean() ? "4294967296" : "1.5";
        break;
      case 8:
        exp = c.oneOf(List.of("\"2026-13-01T00:00:00\"", "\"2026-01-01 00:00:00\"", "\"tomorrow\"", "\"2026-02-30T00:00:00\"",
            "1767225600", "\"2026-01-01T00:00:00Z\""));
        break;
      case 9:
        extra = "\"signature\":\"" + c.hex(65) + "\"";
        break;
      case 10:
        return c.op(TrafficKind.FORGED_REPORT, from, "report", "{\"block\":" + block + ",\"hash\":" + hash
            + ",\"ms\":[1,2,3],\"version\":\"x\"}", DraftContext.NOTHING);
      default:
        return c.op(TrafficKind.FORGED_REPORT, from, "report", "{\"block\":" + block + ",\"hash\":" + hash + ",\"ms\":{\"ref_block_num\":"
            + refNum + ",\"ref_block_prefix\":" + refPrefix + ",\"expiration\":" + exp + "},\"version\":\"" + "v".repeat(33) + "\"}",
            DraftContext.NOTHING);
    }
    if (block.equals(Long.toString(reportBlock)) && hash.length() == 66 && extra == null && refNum.matches("[0-9]+")
        && Long.parseLong(refNum) < 65_536 && refPrefix.matches("[0-9]+") && Long.parseLong(refPrefix) < (1L << 32)
        && exp.matches("\"\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\"") && !exp.contains("-13-") && !exp.contains("-02-30")) {
      throw new IllegalStateException("a forged report came out well-formed: " + block + " " + hash + " " + exp);
    }
    return c.op(TrafficKind.FORGED_REPORT, from, "report", report(block, hash, refNum, refPrefix, exp, extra), DraftContext.NOTHING);
  }

  private static String report(String block, String hash, String refNum, String refPrefix, String exp, String msExtra) {
    return "{\"block\":" + block + ",\"hash\":" + hash + ",\"ms\":{\"ref_block_num\":" + refNum + ",\"ref_block_prefix\":" + refPrefix
        + ",\"expiration\":" + exp + (msExtra == null ? "" : "," + msExtra) + "},\"version\":\"" + NodeReport.VERSION + "\"}";
  }

  static Draft badNodeAdd(DraftContext c, SignatureScheme crypto) {
    int variant = c.rnd.nextInt(8);
    if (variant == 7 && !c.runners.isEmpty()) {
      // a genesis node proves its own key again: "already registered with this key"
      String node = c.pickCustom(c.runners, a -> true);
      if (node == null) {
        return null;
      }
      PrivateKey key = c.nodes.get(node).multisigKey();
      return nodeAdd(c, node, key.publicKey().toString(), crypto.sign(key, BlockApplier.nodeAddProofDigest(c.network, node)).toHex());
    }
    String from = c.pickCustom(c.outsiders.isEmpty() ? anyone(c) : c.outsiders, a -> !c.nodes.containsKey(a));
    if (from == null) {
      return null;
    }
    PrivateKey fresh = PrivateKey.fromSeed("traffic:hostile:" + c.rnd.nextLong());
    String key = fresh.publicKey().toString();
    String proof;
    switch (variant) {
      case 0:
        proof = crypto.sign(fresh, BlockApplier.nodeAddProofDigest(c.network, c.other(c.everyone, from))).toHex();
        break;
      case 1:
        proof = c.hex(65);
        break;
      case 2:
        proof = crypto.sign(fresh, BlockApplier.nodeAddProofDigest(c.network, from)).toHex().toUpperCase(java.util.Locale.ROOT);
        break;
      case 3:
        proof = crypto.sign(fresh, BlockApplier.nodeAddProofDigest(c.network, from)).toHex().substring(2);
        break;
      case 4:
        key = c.oneOf(List.of("STM1111111111111111111111111111111114T1Anm", "STMxyz", "", "TST" + key.substring(3)));
        proof = crypto.sign(fresh, BlockApplier.nodeAddProofDigest(c.network, from)).toHex();
        break;
      case 5:
        proof = crypto.sign(PrivateKey.fromSeed("traffic:other:" + c.rnd.nextLong()), BlockApplier.nodeAddProofDigest(c.network, from))
            .toHex();
        break;
      default: {
        if (c.runners.isEmpty()) {
          return null;
        }
        // a stolen node key, with a valid proof for this account: "already registered by <node>"
        PrivateKey stolen = c.nodes.get(c.oneOf(c.runners)).multisigKey();
        key = stolen.publicKey().toString();
        proof = crypto.sign(stolen, BlockApplier.nodeAddProofDigest(c.network, from)).toHex();
        break;
      }
    }
    return nodeAdd(c, from, key, proof);
  }

  private static Draft nodeAdd(DraftContext c, String from, String key, String proof) {
    ObjectNode json = DraftContext.object();
    json.put("key", key);
    json.put("proof", proof);
    return c.op(TrafficKind.BAD_NODE_ADD, from, "node_add", json.toString(), DraftContext.NOTHING);
  }

  /** propose or approve from a holder: candidates are registered nodes but never runners. */
  static Draft notRunner(DraftContext c) {
    String from = c.pickCustom(c.holders.isEmpty() ? c.empty : c.holders, a -> true);
    if (from == null) {
      return null;
    }
    if (c.rnd.nextBoolean()) {
      return c.op(TrafficKind.NOT_RUNNER, from, "approve", "{\"id\":" + Math.max(1, c.model.nextProposalId() - 1) + "}",
          DraftContext.NOTHING);
    }
    return c.op(TrafficKind.NOT_RUNNER, from, "propose", "{\"action\":\"payout\",\"to\":\"" + from
        + "\",\"amount\":1000000,\"asset\":\"HIVE\",\"deadline\":100,\"activation\":0}", DraftContext.NOTHING);
  }

  static Draft badProposal(DraftContext c) {
    String from = c.pickCustom(c.runners, a -> true);
    if (from == null) {
      return null;
    }
    String outsider = c.outsiders.isEmpty() ? "ghost-x" : c.oneOf(c.outsiders);
    List<String> proposals = List.of(
        "{\"action\":\"mint\",\"deadline\":100,\"activation\":0}",
        "{\"action\":\"payout\",\"to\":\"" + outsider + "\",\"amount\":1000,\"asset\":\"VESTS\",\"deadline\":100,\"activation\":0}",
        "{\"action\":\"payout\",\"to\":\"" + outsider + "\",\"amount\":1000,\"asset\":\"HIVE\",\"name\":\"x\",\"deadline\":100,\"activation\":0}",
        "{\"action\":\"payout\",\"to\":\"A\",\"amount\":1000,\"asset\":\"HIVE\",\"deadline\":100,\"activation\":0}",
        "{\"action\":\"payout\",\"to\":\"" + outsider + "\",\"amount\":0,\"asset\":\"HIVE\",\"deadline\":100,\"activation\":0}",
        "{\"action\":\"param\",\"name\":\"token_supply\",\"value\":1,\"deadline\":100,\"activation\":0}",
        "{\"action\":\"param\",\"name\":\"max_signers\",\"value\":41,\"deadline\":100,\"activation\":0}",
        "{\"action\":\"param\",\"name\":\"payout_threshold\",\"value\":\"1/2\",\"deadline\":100,\"activation\":0}",
        "{\"action\":\"remove_node\",\"account\":\"" + outsider + "\",\"deadline\":100,\"activation\":0}",
        "{\"action\":\"payout\",\"to\":\"" + outsider + "\",\"amount\":1000,\"asset\":\"HIVE\",\"deadline\":0,\"activation\":0}",
        "{\"action\":\"payout\",\"to\":\"" + outsider + "\",\"amount\":1000,\"asset\":\"HIVE\",\"deadline\":100000000,\"activation\":0}",
        "{\"action\":\"payout\",\"to\":\"" + outsider + "\",\"amount\":1000,\"asset\":\"HIVE\",\"deadline\":100,\"activation\":-1}");
    int pick = c.rnd.nextInt(proposals.size() + 4);
    if (pick < proposals.size()) {
      return c.op(TrafficKind.BAD_PROPOSAL, from, "propose", proposals.get(pick), DraftContext.NOTHING);
    }
    String id = List.of("0", "1000000000000", "-1", "\"1\"").get(pick - proposals.size());
    return c.op(TrafficKind.BAD_PROPOSAL, from, "approve", "{\"id\":" + id + "}", DraftContext.NOTHING);
  }
}
