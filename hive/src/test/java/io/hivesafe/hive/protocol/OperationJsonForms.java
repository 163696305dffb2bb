package io.hivesafe.hive.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.hivesafe.hive.Fixtures;
import io.hivesafe.hive.json.AssetJson;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Operation JSON for tests: recorded operations found in the shared fixtures, hand-written ones (single
 * quotes allowed), and the other JSON form of either: HF26 {@code {"type","value"}} with NAI assets ↔
 * legacy {@code [name, {…}]} with "1.000 HIVE" strings, the way hived's block_api and condenser_api write
 * the same operation.
 */
final class OperationJsonForms {
  private static final ObjectMapper LENIENT = JsonMapper.builder().enable(JsonReadFeature.ALLOW_SINGLE_QUOTES).build();
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final Pattern LEGACY_ASSET = Pattern.compile("-?[0-9]+\\.[0-9]+ (HIVE|HBD|VESTS|TESTS|TBD|STEEM|SBD)");

  private OperationJsonForms() {}

  static JsonNode json(String text) {
    try {
      return LENIENT.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  /** An HF26 operation {@code {"type": name_operation, "value": body}}. */
  static JsonNode hf26(String name, String body) {
    ObjectNode op = F.objectNode();
    op.put("type", name + "_operation");
    op.set("value", json(body));
    return op;
  }

  /** NAI JSON of an amount in smallest units, for hand-written bodies. */
  static String hive(long units) {
    return nai(units, AssetSymbol.HIVE);
  }

  static String hbd(long units) {
    return nai(units, AssetSymbol.HBD);
  }

  static String vests(long units) {
    return nai(units, AssetSymbol.VESTS);
  }

  private static String nai(long units, AssetSymbol symbol) {
    return "{'amount':'" + units + "','precision':" + symbol.precision() + ",'nai':'" + symbol.nai() + "'}";
  }

  /** The first operation called {@code name}, in the given form, anywhere in a recorded response. */
  static JsonNode recorded(String fixture, String name, boolean legacy) {
    return find(Fixtures.json(fixture), name, legacy)
        .orElseThrow(() -> new AssertionError("no " + (legacy ? "legacy " : "HF26 ") + name + " in " + fixture));
  }

  private static Optional<JsonNode> find(JsonNode node, String name, boolean legacy) {
    if (!legacy && node.isObject() && node.path("type").asText().equals(name + "_operation") && node.path("value").isObject()) {
      return Optional.of(node);
    }
    if (legacy && node.isArray() && node.size() == 2 && node.get(0).asText().equals(name) && node.get(1).isObject()) {
      return Optional.of(node);
    }
    for (JsonNode child : node) {
      Optional<JsonNode> found = find(child, name, legacy);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  /** The legacy form of an HF26 operation: {@code [name, body]} with every NAI asset as a string. */
  static JsonNode toLegacy(JsonNode hf26) {
    String type = hf26.get("type").asText();
    ArrayNode op = F.arrayNode();
    op.add(type.substring(0, type.length() - "_operation".length()));
    op.add(naiToLegacy(hf26.get("value")));
    return op;
  }

  /** The HF26 form of a legacy operation: {@code {"type","value"}} with every asset string as NAI. */
  static JsonNode toHf26(JsonNode legacy) {
    ObjectNode op = F.objectNode();
    op.put("type", legacy.get(0).asText() + "_operation");
    op.set("value", legacyToNai(legacy.get(1)));
    return op;
  }

  private static JsonNode naiToLegacy(JsonNode node) {
    if (node.isObject() && node.has("nai") && node.has("amount") && node.has("precision")) {
      return new TextNode(AssetJson.read(node).toLegacyString(SymbolNames.MAINNET));
    }
    if (node.isObject()) {
      ObjectNode copy = F.objectNode();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        copy.set(field.getKey(), naiToLegacy(field.getValue()));
      }
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = F.arrayNode();
      node.forEach(child -> copy.add(naiToLegacy(child)));
      return copy;
    }
    return node.deepCopy();
  }

  private static JsonNode legacyToNai(JsonNode node) {
    if (node.isTextual() && LEGACY_ASSET.matcher(node.asText()).matches()) {
      Asset asset = Asset.parse(node.asText());
      ObjectNode nai = F.objectNode();
      nai.put("amount", Long.toString(asset.amount()));
      nai.put("precision", asset.symbol().precision());
      nai.put("nai", asset.symbol().nai());
      return nai;
    }
    if (node.isObject()) {
      ObjectNode copy = F.objectNode();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        copy.set(field.getKey(), legacyToNai(field.getValue()));
      }
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = F.arrayNode();
      node.forEach(child -> copy.add(legacyToNai(child)));
      return copy;
    }
    return node.deepCopy();
  }
}
