package io.hivesafe.ops;

import static io.hivesafe.hive.json.StrictFields.only;
import static io.hivesafe.hive.json.StrictFields.required;
import static io.hivesafe.hive.json.StrictFields.text;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hivesafe.hive.json.StrictFields;
import io.hivesafe.hive.crypto.PublicKey;
import io.hivesafe.hive.json.AuthorityJson;
import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.protocol.Authority;
import io.hivesafe.hive.protocol.ChainId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a {@link NetworkGenesis} from JSON, and writes it ({@link #write}). Every problem is an {@link IllegalArgumentException} that
 * names the field (and the entry, inside a list). Unknown fields are errors: a misspelt parameter must
 * not silently fall back to its default. The format is documented in docs/protocol.md ("Genesis").
 *
 * <p>This reads and writes bytes, not files: opening the file is the shell's business.
 */
public final class NetworkGenesisFile {
  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  private NetworkGenesisFile() {}

  public static NetworkGenesis parse(byte[] json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException("genesis is not valid JSON: " + (e instanceof com.fasterxml.jackson.core.JsonProcessingException ? ((com.fasterxml.jackson.core.JsonProcessingException) e).getOriginalMessage() : e.getMessage()));
    }
    return read(root);
  }

  public static NetworkGenesis read(JsonNode root) {
    object(root, "genesis");
    only(root, "", Set.of("network", "chain_id", "prefix", "multisig_account", "start_block", "token", "intervals",
        "params", "allocations", "treasury", "nodes", "authority", "custody", "about"));
    JsonNode token = object(required(root, "token", ""), "token");
    only(token, "token.", Set.of("symbol", "precision"));
    JsonNode intervals = root.has("intervals") ? object(root.get("intervals"), "intervals") : JSON.createObjectNode();
    only(intervals, "intervals.", Set.of("tally", "report_offset"));
    NetworkParams params = params(root.get("params"));
    List<NetworkGenesis.Allocation> allocations = new ArrayList<>();
    JsonNode allocs = root.has("allocations") ? array(root.get("allocations"), "allocations") : JSON.createArrayNode();
    for (int i = 0; i < allocs.size(); i++) {
      String where = "allocations[" + i + "].";
      JsonNode a = object(allocs.get(i), where);
      only(a, where, Set.of("account", "token", "gov"));
      allocations.add(guard(where, () -> new NetworkGenesis.Allocation(account(a, "account", where),
          integer(a, "token", where, 0), integer(a, "gov", where, 0))));
    }
    List<NetworkGenesis.GenesisNode> nodes = new ArrayList<>();
    JsonNode ns = array(required(root, "nodes", ""), "nodes");
    for (int i = 0; i < ns.size(); i++) {
      String where = "nodes[" + i + "].";
      JsonNode n = object(ns.get(i), where);
      only(n, where, Set.of("account", "key", "age"));
      nodes.add(guard(where, () -> new NetworkGenesis.GenesisNode(account(n, "account", where), key(n, "key", where),
          integer(n, "age", where, 0))));
    }
    JsonNode treasury = root.has("treasury") ? object(root.get("treasury"), "treasury") : JSON.createObjectNode();
    only(treasury, "treasury.", Set.of("hive", "hbd"));
    Authority[] authority = authority(root, nodes);
    Optional<AccountName> recovery = root.has("authority") && root.get("authority").has("recovery_account")
        ? Optional.of(account(root.get("authority"), "recovery_account", "authority.")) : Optional.empty();
    CustodyLimits custody = custody(root);
    return guard("", () -> new NetworkGenesis(
        text(root, "network", ""),
        chainId(root),
        text(root, "prefix", ""),
        account(root, "multisig_account", ""),
        integer(root, "start_block", "", -1),
        text(token, "symbol", "token."),
        (int) integer(token, "precision", "token.", 3),
        integer(intervals, "tally", "intervals.", 100),
        integer(intervals, "report_offset", "intervals.", 50),
        params,
        allocations,
        integer(treasury, "hive", "treasury.", 0),
        integer(treasury, "hbd", "treasury.", 0),
        nodes,
        authority[0],
        authority[1],
        recovery,
        custody));
  }

  /**
   * The JSON form {@link #parse} reads back to an equal genesis: every field written, parameters
   * included, in the order of the file format; two-space indentation and a final newline.
   */
  public static byte[] write(NetworkGenesis g) {
    try {
      return (JSON.writerWithDefaultPrettyPrinter().writeValueAsString(toJson(g)) + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("a genesis always serializes", e);
    }
  }

  /** The genesis as a JSON object (see {@link #write}). */
  public static ObjectNode toJson(NetworkGenesis g) {
    ObjectNode root = JSON.createObjectNode();
    root.put("network", g.network());
    root.put("chain_id", g.chainId().toHex());
    root.put("prefix", g.prefix());
    root.put("multisig_account", g.multisigAccount().value());
    root.put("start_block", g.startBlock());
    ObjectNode token = root.putObject("token");
    token.put("symbol", g.tokenSymbol());
    token.put("precision", g.tokenPrecision());
    ObjectNode intervals = root.putObject("intervals");
    intervals.put("tally", g.tallyInterval());
    intervals.put("report_offset", g.reportOffset());
    ObjectNode params = root.putObject("params");
    for (String name : NetworkParams.names()) {
      if (NetworkParams.isFraction(name)) {
        params.put(name, g.params().text(name));
      } else {
        params.put(name, g.params().get(name));
      }
    }
    ArrayNode allocations = root.putArray("allocations");
    for (NetworkGenesis.Allocation a : g.allocations()) {
      ObjectNode n = allocations.addObject();
      n.put("account", a.account().value());
      n.put("token", a.token());
      n.put("gov", a.gov());
    }
    ObjectNode treasury = root.putObject("treasury");
    treasury.put("hive", g.treasuryHive());
    treasury.put("hbd", g.treasuryHbd());
    ArrayNode nodes = root.putArray("nodes");
    for (NetworkGenesis.GenesisNode gn : g.nodes()) {
      ObjectNode n = nodes.addObject();
      n.put("account", gn.account().value());
      n.put("key", gn.key().toString());
      n.put("age", gn.age());
    }
    ObjectNode authority = root.putObject("authority");
    authority.set("owner", AuthorityJson.write(g.owner()));
    authority.set("active", AuthorityJson.write(g.active()));
    g.recoveryAccount().ifPresent(r -> authority.put("recovery_account", r.value()));
    ObjectNode custody = root.putObject("custody");
    ObjectNode cap = custody.putObject("daily_cap");
    cap.put("hive", g.custody().dailyCapHive());
    cap.put("hbd", g.custody().dailyCapHbd());
    ObjectNode value = custody.putObject("value");
    value.put("hbd", g.custody().hbdValue().toString());
    value.put("token", g.custody().tokenValue().toString());
    custody.put("min_signers", g.custody().minSigners());
    custody.put("signer_unbond_blocks", g.custody().signerUnbondBlocks());
    return root;
  }

  /**
   * {"daily_cap": {"hive", "hbd"}, "value": {"hbd": "num/den", "token": "num/den"}}: required, because a
   * network without a payout cap and a safety limit is not one we start.
   */
  private static CustodyLimits custody(JsonNode root) {
    if (!root.has("custody")) {
      throw new IllegalArgumentException("custody is required: the 24-hour payout cap (custody.daily_cap) and the "
          + "valuation of the safety limit (custody.value), see docs/protocol.md");
    }
    JsonNode custody = object(root.get("custody"), "custody");
    only(custody, "custody.", Set.of("daily_cap", "value", "min_signers", "signer_unbond_blocks"));
    JsonNode cap = object(required(custody, "daily_cap", "custody."), "custody.daily_cap");
    only(cap, "custody.daily_cap.", Set.of("hive", "hbd"));
    JsonNode value = object(required(custody, "value", "custody."), "custody.value");
    only(value, "custody.value.", Set.of("hbd", "token"));
    long hive = integer(cap, "hive", "custody.daily_cap.", -1);
    long hbd = integer(cap, "hbd", "custody.daily_cap.", -1);
    CustodyLimits.Rate hbdValue = guard("custody.value.hbd", () -> CustodyLimits.Rate.parse(text(value, "hbd", "custody.value.")));
    CustodyLimits.Rate tokenValue = guard("custody.value.token",
        () -> CustodyLimits.Rate.parse(text(value, "token", "custody.value.")));
    long minSigners = integer(custody, "min_signers", "custody.", CustodyLimits.DEFAULT_MIN_SIGNERS);
    long unbond = integer(custody, "signer_unbond_blocks", "custody.", CustodyLimits.DEFAULT_SIGNER_UNBOND_BLOCKS);
    return guard("custody.", () -> new CustodyLimits(hive, hbd, hbdValue, tokenValue, minSigners, unbond));
  }

  private static NetworkParams params(JsonNode node) {
    NetworkParams params = NetworkParams.defaults();
    if (node == null) {
      return params;
    }
    object(node, "params");
    only(node, "params.", Set.copyOf(NetworkParams.names()));
    for (String name : NetworkParams.names()) {
      if (node.has(name)) {
        NetworkParams current = params;
        if (NetworkParams.isFraction(name)) {
          String value = text(node, name, "params.");
          params = guard("params." + name, () -> current.with(name, Fraction.parse(value)));
        } else {
          long value = integer(node, name, "params.", -1);
          params = guard("params.", () -> current.with(name, value));
        }
      }
    }
    return params;
  }

  /**
   * The multisig account's owner and active authorities at the start: either the short form
   * {@code {"threshold", "keys": [STM…]}} (owner = active = those keys, weight 1 each), or hived's form
   * {@code {"owner": {weight_threshold, account_auths, key_auths}, "active": {…}}}; either may name the
   * {@code recovery_account}. Without an {@code authority}: every node's key, threshold ⌊n/2⌋+1.
   */
  private static Authority[] authority(JsonNode root, List<NetworkGenesis.GenesisNode> nodes) {
    if (!root.has("authority")) {
      List<PublicKey> keys = NetworkGenesis.keysOf(nodes);
      Authority a = NetworkGenesis.simpleAuthority(keys.size() / 2 + 1, keys);
      return new Authority[] {a, a};
    }
    JsonNode auth = object(root.get("authority"), "authority");
    if (auth.has("owner") || auth.has("active")) {
      only(auth, "authority.", Set.of("owner", "active", "recovery_account"));
      Authority owner = hiveAuthority(required(auth, "owner", "authority."), "authority.owner");
      Authority active = hiveAuthority(required(auth, "active", "authority."), "authority.active");
      return new Authority[] {owner, active};
    }
    only(auth, "authority.", Set.of("threshold", "keys", "recovery_account"));
    JsonNode ks = array(required(auth, "keys", "authority."), "authority.keys");
    List<PublicKey> keys = new ArrayList<>();
    for (int i = 0; i < ks.size(); i++) {
      String where = "authority.keys[" + i + "]";
      if (!ks.get(i).isTextual()) {
        throw new IllegalArgumentException(where + " must be a public key string");
      }
      PublicKey k = publicKey(ks.get(i).asText(), where);
      if (keys.contains(k)) {
        throw new IllegalArgumentException(where + " repeats a key");
      }
      keys.add(k);
    }
    long threshold = integer(auth, "threshold", "authority.", -1);
    Authority a = guard("authority.", () -> NetworkGenesis.simpleAuthority(threshold, keys));
    return new Authority[] {a, a};
  }

  private static Authority hiveAuthority(JsonNode node, String where) {
    object(node, where);
    try {
      return AuthorityJson.read(node);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + " is not a Hive authority: " + e.getMessage());
    }
  }

  private interface Builder<T> {
    T build();
  }

  private static <T> T guard(String where, Builder<T> builder) {
    try {
      return builder.build();
    } catch (IllegalArgumentException e) {
      String message = e.getMessage();
      throw new IllegalArgumentException(where.isEmpty() || message.startsWith(where) ? message : where + " " + message, e);
    }
  }

  private static ChainId chainId(JsonNode root) {
    String hex = text(root, "chain_id", "");
    try {
      return ChainId.fromHex(hex);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("chain_id must be 64 hex digits");
    }
  }



  /** An integer field; {@code fallback} < 0 means required. */
  private static long integer(JsonNode node, String field, String where, long fallback) {
    JsonNode v = node.get(field);
    if (v == null && fallback >= 0) {
      return fallback;
    }
    v = required(node, field, where);
    if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < 0) {
      throw new IllegalArgumentException(where + field + " must be a non-negative integer");
    }
    return v.asLong();
  }

  private static AccountName account(JsonNode node, String field, String where) {
    String name = text(node, field, where);
    try {
      return AccountName.of(name);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + field + " is not a valid Hive account name: " + name);
    }
  }

  private static PublicKey key(JsonNode node, String field, String where) {
    return publicKey(text(node, field, where), where + field);
  }

  private static PublicKey publicKey(String text, String where) {
    try {
      return PublicKey.fromString(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + " is not a public key: " + e.getMessage());
    }
  }

  private static JsonNode object(JsonNode node, String where) {
    return StrictFields.object(node, where.isEmpty() ? "genesis" : where);
  }

  private static JsonNode array(JsonNode node, String where) {
    if (node == null || !node.isArray()) {
      throw new IllegalArgumentException(where + " must be a JSON array");
    }
    return node;
  }

}
