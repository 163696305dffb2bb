package io.hivesafe.ops;

import static io.hivesafe.hive.json.StrictFields.only;
import static io.hivesafe.hive.json.StrictFields.required;
import static io.hivesafe.hive.json.StrictFields.text;
import static io.hivesafe.ops.GenesisFields.account;
import static io.hivesafe.ops.GenesisFields.array;
import static io.hivesafe.ops.GenesisFields.chainId;
import static io.hivesafe.ops.GenesisFields.guard;
import static io.hivesafe.ops.GenesisFields.integer;
import static io.hivesafe.ops.GenesisFields.key;
import static io.hivesafe.ops.GenesisFields.object;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.protocol.Authority;
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
 * The sections with rules of their own have their own reader and writer ({@link NetworkParamsJson},
 * {@link GenesisAuthorityJson}, {@link CustodyLimitsJson}); the field readers are {@link GenesisFields}.
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
    NetworkParams params = NetworkParamsJson.read(root.get("params"));
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
    Authority[] authority = GenesisAuthorityJson.read(root, nodes);
    Optional<AccountName> recovery = root.has("authority") && root.get("authority").has("recovery_account")
        ? Optional.of(account(root.get("authority"), "recovery_account", "authority.")) : Optional.empty();
    CustodyLimits custody = CustodyLimitsJson.read(root);
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
    NetworkParamsJson.write(root, g.params());
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
    GenesisAuthorityJson.write(root, g.owner(), g.active(), g.recoveryAccount());
    CustodyLimitsJson.write(root, g.custody());
    return root;
  }
}
