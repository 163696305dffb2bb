package io.hivesafe.ops;

import static io.hivesafe.hive.json.StrictFields.only;
import static io.hivesafe.hive.json.StrictFields.text;
import static io.hivesafe.ops.GenesisFields.guard;
import static io.hivesafe.ops.GenesisFields.integer;
import static io.hivesafe.ops.GenesisFields.object;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/** The genesis file's {@code params} section ↔ {@link NetworkParams}: fractions as "num/den" text, the rest as integers. */
final class NetworkParamsJson {
  private NetworkParamsJson() {}

  /** The parameters {@code node} sets over the defaults; the defaults when there is no {@code params}. */
  static NetworkParams read(JsonNode node) {
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

  /** Writes every parameter of {@code params}, in {@link NetworkParams#names()} order, as {@code root}'s {@code params} section. */
  static void write(ObjectNode root, NetworkParams params) {
    ObjectNode out = root.putObject("params");
    for (String name : NetworkParams.names()) {
      if (NetworkParams.isFraction(name)) {
        out.put(name, params.text(name));
      } else {
        out.put(name, params.get(name));
      }
    }
  }
}
