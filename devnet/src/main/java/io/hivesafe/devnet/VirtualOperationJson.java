package io.hivesafe.devnet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hivesafe.hive.json.JsonForm;

/** The operation envelope of a virtual operation's JSON body, as hived's static_variant writes it in each form. */
final class VirtualOperationJson {
  private VirtualOperationJson() {}

  /** {@code {"type":"<name>_operation","value":body}} (HF26) or {@code ["<name>",body]} (legacy). */
  static JsonNode wrap(String name, ObjectNode body, JsonForm form) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    if (form == JsonForm.LEGACY) {
      return f.arrayNode().add(name).add(body);
    }
    ObjectNode wrapped = f.objectNode();
    wrapped.put("type", name + "_operation");
    wrapped.set("value", body);
    return wrapped;
  }
}
