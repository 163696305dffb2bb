package io.hivesafe.hive.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hivesafe.hive.HiveFormatException;
import io.hivesafe.hive.crypto.PublicKey;
import io.hivesafe.hive.protocol.AccountName;
import io.hivesafe.hive.protocol.AccountUpdate2Operation;
import io.hivesafe.hive.protocol.AccountUpdateOperation;
import io.hivesafe.hive.protocol.Authority;
import io.hivesafe.hive.protocol.CustomJsonOperation;
import io.hivesafe.hive.protocol.Operation;
import io.hivesafe.hive.protocol.OtherOperation;
import io.hivesafe.hive.protocol.SymbolNames;
import io.hivesafe.hive.protocol.TransferOperation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Operations in either JSON form. Reading detects the form per operation; an operation Hivesafe does
 * not model becomes an {@link OtherOperation} with its body untouched. A known operation missing a field
 * that {@link io.hivesafe.hive.protocol.OperationEffects} reads fails here, naming the operation and field.
 */
public final class OperationJson {
  private static final String HF26_SUFFIX = "_operation";

  private OperationJson() {}

  /** Reads either form; legacy asset symbols of any network are accepted. */
  public static Operation read(JsonNode node) {
    return read(node, Optional.empty());
  }

  /** Reads either form; with {@code names}, legacy asset symbols must be that network's ({@link SymbolNames#legacySymbol}). */
  public static Operation read(JsonNode node, Optional<SymbolNames> names) {
    String name;
    JsonNode body;
    if (node.isArray()) {
      if (node.size() != 2 || !node.get(0).isTextual() || !node.get(1).isObject()) {
        throw new HiveFormatException("legacy operation must be [name, {…}], got " + abbreviate(node));
      }
      name = node.get(0).asText();
      body = node.get(1);
    } else if (node.isObject()) {
      String type = JsonFields.text(node, "type");
      if (!type.endsWith(HF26_SUFFIX)) {
        throw new HiveFormatException("operation type must end in '_operation', got '" + type + "'");
      }
      name = type.substring(0, type.length() - HF26_SUFFIX.length());
      body = JsonFields.required(node, "value");
      if (!body.isObject()) {
        throw new HiveFormatException("operation value must be an object");
      }
    } else {
      throw new HiveFormatException("operation must be an array or an object, got " + abbreviate(node));
    }
    if (!isTyped(name)) {
      // Checked in its constructor; its errors already name the operation and the field.
      return new OtherOperation(name, body);
    }
    try {
      return readTyped(name, body, names);
    } catch (HiveFormatException e) {
      throw new HiveFormatException(name + ": " + e.getMessage(), e);
    }
  }

  private static boolean isTyped(String name) {
    return name.equals(TransferOperation.NAME)
        || name.equals(AccountUpdateOperation.NAME)
        || name.equals(AccountUpdate2Operation.NAME)
        || name.equals(CustomJsonOperation.NAME);
  }

  private static Operation readTyped(String name, JsonNode body, Optional<SymbolNames> names) {
    switch (name) {
      case TransferOperation.NAME:
        return new TransferOperation(
            account(body, "from"), account(body, "to"), AssetJson.read(JsonFields.required(body, "amount"), names), JsonFields.text(body, "memo"));
      case AccountUpdateOperation.NAME:
        return new AccountUpdateOperation(
            account(body, "account"),
            AuthorityJson.readOptional(body, "owner"),
            AuthorityJson.readOptional(body, "active"),
            AuthorityJson.readOptional(body, "posting"),
            AuthorityJson.readKey(JsonFields.required(body, "memo_key")),
            JsonFields.text(body, "json_metadata"));
      case AccountUpdate2Operation.NAME:
        JsonNode extensions = body.get("extensions");
        if (extensions != null && !(extensions.isArray() && extensions.isEmpty())) {
          throw new HiveFormatException("account_update2 extensions are not supported");
        }
        return new AccountUpdate2Operation(
            account(body, "account"),
            AuthorityJson.readOptional(body, "owner"),
            AuthorityJson.readOptional(body, "active"),
            AuthorityJson.readOptional(body, "posting"),
            AuthorityJson.readKey(body.get("memo_key")),
            JsonFields.text(body, "json_metadata"),
            JsonFields.text(body, "posting_json_metadata"));
      case CustomJsonOperation.NAME:
        return new CustomJsonOperation(
            accounts(body, "required_auths"), accounts(body, "required_posting_auths"), JsonFields.text(body, "id"), JsonFields.text(body, "json"));
      default:
        throw new IllegalStateException("not a typed operation: " + name);
    }
  }

  private static AccountName account(JsonNode body, String field) {
    return new AccountName(JsonFields.text(body, field));
  }

  private static List<AccountName> accounts(JsonNode body, String field) {
    List<AccountName> names = new ArrayList<>();
    for (JsonNode n : JsonFields.array(body, field)) {
      if (!n.isTextual()) {
        throw new HiveFormatException(field + " must hold account names, got " + n);
      }
      names.add(new AccountName(n.asText()));
    }
    return names;
  }

  public static JsonNode write(Operation op, JsonForm form, SymbolNames names) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode body = op instanceof OtherOperation o ? (ObjectNode) o.body() : f.objectNode();
    if (op instanceof TransferOperation t) {
      body.put("from", t.from().value());
      body.put("to", t.to().value());
      body.set("amount", AssetJson.write(t.amount(), form, names));
      body.put("memo", t.memo());
    } else if (op instanceof AccountUpdateOperation u) {
      body.put("account", u.account().value());
      putAuthority(body, "owner", u.owner());
      putAuthority(body, "active", u.active());
      putAuthority(body, "posting", u.posting());
      body.put("memo_key", u.memoKey().map(PublicKey::toString).orElse(AuthorityJson.nullKey()));
      body.put("json_metadata", u.jsonMetadata());
    } else if (op instanceof AccountUpdate2Operation u) {
      body.put("account", u.account().value());
      putAuthority(body, "owner", u.owner());
      putAuthority(body, "active", u.active());
      putAuthority(body, "posting", u.posting());
      if (u.memoKey().isPresent()) {
        body.put("memo_key", u.memoKey().get().toString());
      }
      body.put("json_metadata", u.jsonMetadata());
      body.put("posting_json_metadata", u.postingJsonMetadata());
      body.putArray("extensions");
    } else if (op instanceof CustomJsonOperation c) {
      ArrayNode auths = body.putArray("required_auths");
      c.requiredAuths().forEach(a -> auths.add(a.value()));
      ArrayNode postingAuths = body.putArray("required_posting_auths");
      c.requiredPostingAuths().forEach(a -> postingAuths.add(a.value()));
      body.put("id", c.id());
      body.put("json", c.json());
    }
    if (form == JsonForm.LEGACY) {
      return f.arrayNode().add(op.name()).add(body);
    }
    ObjectNode wrapped = f.objectNode();
    wrapped.put("type", op.name() + HF26_SUFFIX);
    wrapped.set("value", body);
    return wrapped;
  }

  private static void putAuthority(ObjectNode body, String field, Optional<Authority> authority) {
    authority.ifPresent(a -> body.set(field, AuthorityJson.write(a)));
  }

  static String abbreviate(JsonNode node) {
    String text = node.toString();
    return text.length() > 120 ? text.substring(0, 120) + "…" : text;
  }
}
