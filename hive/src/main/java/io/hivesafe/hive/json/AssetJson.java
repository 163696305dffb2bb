package io.hivesafe.hive.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hivesafe.hive.HiveFormatException;
import io.hivesafe.hive.protocol.Asset;
import io.hivesafe.hive.protocol.SymbolNames;
import java.util.Optional;

/** Assets in JSON: {@code "1.000 HIVE"} (legacy) or {@code {"amount","precision","nai"}} (HF26). */
public final class AssetJson {
  private AssetJson() {}

  /** Reads either form; a legacy symbol may be any network's spelling (blocks from any API, the devnet). */
  public static Asset read(JsonNode node) {
    return read(node, Optional.empty());
  }

  /**
   * Reads either form; with {@code names}, a legacy symbol must be one hived reads on that network
   * ({@link SymbolNames#legacySymbol}).
   */
  public static Asset read(JsonNode node, Optional<SymbolNames> names) {
    if (node.isTextual()) {
      return names.isPresent() ? Asset.parse(node.asText(), names.get()) : Asset.parse(node.asText());
    }
    if (node.isObject()) {
      JsonNode amount = JsonFields.required(node, "amount");
      String units = amount.isTextual() ? amount.asText() : amount.isIntegralNumber() ? amount.bigIntegerValue().toString() : null;
      if (units == null) {
        throw new HiveFormatException("NAI amount must be an integer string, got " + amount);
      }
      int precision = (int) JsonFields.integer(node, "precision", 0, 255);
      return Asset.fromNai(units, precision, JsonFields.text(node, "nai"));
    }
    throw new HiveFormatException("asset must be a string or a NAI object, got " + node);
  }

  public static JsonNode write(Asset asset, JsonForm form, SymbolNames names) {
    if (form == JsonForm.LEGACY) {
      return JsonNodeFactory.instance.textNode(asset.toLegacyString(names));
    }
    ObjectNode nai = JsonNodeFactory.instance.objectNode();
    nai.put("amount", Long.toString(asset.amount()));
    nai.put("precision", asset.symbol().precision());
    nai.put("nai", asset.symbol().nai());
    return nai;
  }
}
