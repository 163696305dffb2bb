package io.hivesafe.devnet;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hivesafe.hive.HiveFormatException;
import io.hivesafe.hive.crypto.PublicKey;
import io.hivesafe.hive.json.AuthorityJson;
import io.hivesafe.hive.json.JsonFields;
import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.protocol.Asset;
import io.hivesafe.hive.protocol.AssetSymbol;
import io.hivesafe.hive.protocol.Authority;
import io.hivesafe.hive.protocol.ChainId;
import io.hivesafe.hive.protocol.SymbolNames;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Reads a {@link Genesis} from a JSON file, and writes one ({@link #write}). Every problem is an {@link IllegalArgumentException} that
 * names the field and, inside an account, the account.
 *
 * <pre>{@code
 * {
 *   "chain_id": "18dcf0a285365fc58b71f18b3d3fec954aa0c141c44e4e5cb4cf777b9eab274e",
 *   "genesis_time": "2026-01-01T00:00:00",
 *   "accounts": [
 *     { "name": "initminer",
 *       "keys": { "owner": "STM6LLeg…", "active": "STM6LLeg…", "posting": "STM6LLeg…", "memo": "STM6LLeg…" },
 *       "hive": "1000000.000", "hbd": "1000000.000" },
 *     { "name": "treasury",
 *       "owner":   { "weight_threshold": 2, "account_auths": [], "key_auths": [["STM…", 1], ["STM…", 1]] },
 *       "active":  { "weight_threshold": 2, "account_auths": [["alice", 1], ["bob", 1]], "key_auths": [] },
 *       "posting": { "weight_threshold": 1, "account_auths": [], "key_auths": [["STM…", 1]] },
 *       "memo_key": "STM…",
 *       "hive": "0.000" }
 *   ]
 * }
 * }</pre>
 *
 * <ul>
 *   <li>{@code chain_id} (required): 64 hex digits. hived's testnet id {@code 18dcf0a2…274e} makes the
 *       devnet spell HIVE/HBD as TESTS/TBD; any other id keeps HIVE/HBD.
 *   <li>{@code genesis_time} (required): {@code YYYY-MM-DDTHH:MM:SS}, UTC; block n is stamped this + 3 s × n.
 *   <li>{@code accounts} (required, at least one): each with
 *     <ul>
 *       <li>{@code name} (required): a valid Hive account name, not repeated;
 *       <li>either {@code owner}, {@code active} and {@code posting}, each an authority in Hive's JSON form,
 *           or {@code keys}: {@code {"owner","active","posting"}} public keys, each made a one-key authority
 *           of weight 1 — not both;
 *       <li>the memo key: {@code keys.memo} or {@code memo_key} (exactly one of them);
 *       <li>{@code hive}, {@code hbd} (optional, default {@code "0.000"}): liquid balances, a decimal with
 *           exactly three decimals and no symbol;
 *       <li>{@code recovery_account} (optional): another genesis account; by default {@code initminer} when
 *           the genesis has it (none for {@code initminer} itself), see {@link Genesis#recoveryAccountOf};
 *       <li>{@code max_rc} (optional): the account's resource credits when full, an integer (a number or a
 *           decimal string, as hived writes large integers); default {@link GenesisAccount#DEFAULT_MAX_RC}.
 *     </ul>
 * </ul>
 * Unknown fields are errors, so that a misspelt field is not silently ignored.
 */
public final class GenesisFile {
  private static final ObjectMapper MAPPER = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  private static final Pattern AMOUNT = Pattern.compile("[0-9]{1,15}\\.[0-9]{3}");
  private static final Set<String> TOP_FIELDS = Set.of("chain_id", "genesis_time", "accounts");
  private static final Set<String> ACCOUNT_FIELDS = Set.of("name", "keys", "owner", "active", "posting", "memo_key", "hive", "hbd",
      "recovery_account", "max_rc");
  private static final Set<String> KEY_FIELDS = Set.of("owner", "active", "posting", "memo");

  private GenesisFile() {}

  /** Reads and checks {@code file}. */
  public static Genesis read(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("genesis file " + file + " does not exist", e);
    } catch (IOException e) {
      throw new IllegalArgumentException("genesis file " + file + " cannot be read: " + e, e);
    }
    try {
      return parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("genesis file " + file + ": " + e.getMessage(), e);
    }
  }

  /** Reads and checks a genesis given as JSON text. */
  public static Genesis parse(String json) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("the genesis must be a JSON object");
    }
    refuseUnknown(root, TOP_FIELDS, "");
    ChainId chainId = field("chain_id", () -> ChainId.fromHex(JsonFields.text(root, "chain_id")));
    Instant genesisTime = field("genesis_time", () -> JsonFields.time(root, "genesis_time"));
    JsonNode accounts = root.get("accounts");
    if (accounts == null || !accounts.isArray() || accounts.isEmpty()) {
      throw new IllegalArgumentException("field 'accounts' must be a non-empty array");
    }
    List<GenesisAccount> read = new ArrayList<>();
    for (int i = 0; i < accounts.size(); i++) {
      read.add(account(accounts.get(i), i));
    }
    return new Genesis(chainId, genesisTime, read);
  }

  /**
   * The genesis as a file {@link #parse} reads back to an equal genesis: every account in the authority
   * form (owner, active, posting in Hive's JSON form, {@code memo_key}), balances as three-decimal
   * strings, the recovery account when it names one; two-space indentation and a final newline.
   */
  public static byte[] write(Genesis genesis) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("chain_id", genesis.chainId().toHex());
    root.put("genesis_time", JsonFields.formatTime(genesis.genesisTime()));
    ArrayNode accounts = root.putArray("accounts");
    for (GenesisAccount a : genesis.accounts()) {
      ObjectNode n = accounts.addObject();
      n.put("name", a.name().value());
      n.set("owner", AuthorityJson.write(a.owner()));
      n.set("active", AuthorityJson.write(a.active()));
      n.set("posting", AuthorityJson.write(a.posting()));
      n.put("memo_key", a.memoKey().toString());
      n.put("hive", decimal(a.hive()));
      n.put("hbd", decimal(a.hbd()));
      a.recoveryAccount().ifPresent(r -> n.put("recovery_account", r.value()));
    }
    try {
      return (MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a genesis always serializes", e);
    }
  }

  /** "1000.000": the legacy form without its symbol. */
  private static String decimal(Asset asset) {
    String legacy = asset.toLegacyString(SymbolNames.MAINNET);
    return legacy.substring(0, legacy.indexOf(' '));
  }

  private static GenesisAccount account(JsonNode node, int index) {
    String where = "accounts[" + index + "]";
    if (!node.isObject()) {
      throw new IllegalArgumentException(where + " must be an object");
    }
    AccountName name = field(where + ".name", () -> new AccountName(JsonFields.text(node, "name")));
    String account = "account " + name + " (" + where + ")";
    refuseUnknown(node, ACCOUNT_FIELDS, account + ": ");
    Authority owner;
    Authority active;
    Authority posting;
    PublicKey memo;
    JsonNode keys = node.get("keys");
    if (keys != null) {
      for (String role : List.of("owner", "active", "posting")) {
        if (node.has(role)) {
          throw new IllegalArgumentException(account + ": give either 'keys' or '" + role + "', not both");
        }
      }
      if (!keys.isObject()) {
        throw new IllegalArgumentException(account + ": field 'keys' must be an object of public keys");
      }
      refuseUnknown(keys, KEY_FIELDS, account + ": keys: ");
      owner = GenesisAccount.oneKey(key(keys, "owner", account + ": field 'keys.owner'"));
      active = GenesisAccount.oneKey(key(keys, "active", account + ": field 'keys.active'"));
      posting = GenesisAccount.oneKey(key(keys, "posting", account + ": field 'keys.posting'"));
    } else {
      owner = authority(node, "owner", account);
      active = authority(node, "active", account);
      posting = authority(node, "posting", account);
    }
    boolean memoInKeys = keys != null && keys.has("memo");
    if (memoInKeys && node.has("memo_key")) {
      throw new IllegalArgumentException(account + ": give either 'keys.memo' or 'memo_key', not both");
    }
    memo = memoInKeys ? key(keys, "memo", account + ": field 'keys.memo'") : key(node, "memo_key", account + ": field 'memo_key'");
    Asset hive = amount(node, "hive", AssetSymbol.HIVE, account);
    Asset hbd = amount(node, "hbd", AssetSymbol.HBD, account);
    Optional<AccountName> recovery = node.has("recovery_account")
        ? Optional.of(field(where + ".recovery_account", () -> new AccountName(JsonFields.text(node, "recovery_account"))))
        : Optional.empty();
    long maxRc = node.has("max_rc")
        ? field(where + ".max_rc", () -> JsonFields.integer(node, "max_rc", 0, Long.MAX_VALUE))
        : GenesisAccount.DEFAULT_MAX_RC;
    try {
      return new GenesisAccount(name, owner, active, posting, memo, hive, hbd, recovery, maxRc);
    } catch (IllegalArgumentException e) {
      String detail = e.getMessage().startsWith("account " + name + ": ") ? e.getMessage().substring(("account " + name + ": ").length()) : e.getMessage();
      throw new IllegalArgumentException(account + ": " + detail, e);
    }
  }

  private static Authority authority(JsonNode node, String role, String account) {
    JsonNode value = node.get(role);
    if (value == null) {
      throw new IllegalArgumentException(account + ": field '" + role + "' is missing (or give 'keys')");
    }
    try {
      return AuthorityJson.read(value);
    } catch (HiveFormatException e) {
      throw new IllegalArgumentException(account + ": field '" + role + "': " + e.getMessage(), e);
    }
  }

  private static PublicKey key(JsonNode node, String field, String what) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual()) {
      throw new IllegalArgumentException(what + " must be a public key string (STM…)");
    }
    try {
      return PublicKey.fromString(value.asText());
    } catch (HiveFormatException e) {
      throw new IllegalArgumentException(what + ": " + e.getMessage(), e);
    }
  }

  private static Asset amount(JsonNode node, String field, AssetSymbol symbol, String account) {
    JsonNode value = node.get(field);
    if (value == null) {
      return Asset.of(0, symbol);
    }
    if (!value.isTextual() || !AMOUNT.matcher(value.asText()).matches()) {
      throw new IllegalArgumentException(account + ": field '" + field + "' must be a string like \"1000.000\" (three decimals, no symbol), got "
          + value);
    }
    return Asset.parse(value.asText() + " " + symbol.name());
  }

  private static void refuseUnknown(JsonNode object, Set<String> known, String prefix) {
    for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        throw new IllegalArgumentException(prefix + "unknown field '" + name + "' (known: " + String.join(", ", known.stream().sorted().toList()) + ")");
      }
    }
  }

  /** Reads one value, naming the field in any error. */
  private static <T> T field(String field, Supplier<T> reader) {
    try {
      return reader.get();
    } catch (HiveFormatException e) {
      String leaf = field.substring(field.lastIndexOf('.') + 1);
      if (e.getMessage().equals("missing field '" + leaf + "'")) {
        throw new IllegalArgumentException("field '" + field + "' is missing", e);
      }
      if (e.getMessage().contains("'" + leaf + "'")) {
        throw new IllegalArgumentException(e.getMessage(), e);
      }
      throw new IllegalArgumentException("field '" + field + "': " + e.getMessage(), e);
    }
  }
}
