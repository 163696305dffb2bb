package io.hivesafe.devnet;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Compares the shape of two JSON values — object keys, and the kind of each value — and lists every
 * difference by path. A decimal string and a number are the same kind: hived writes integers beyond
 * 32 bits as strings (fc's stringify_large_ints_and_doubles), so one field can be either. Up to 39 digits
 * (a uint128); longer digit strings are hex (ids, merkle roots).
 */
final class JsonShapes {
  private JsonShapes() {}

  /** The differences of {@code actual} from {@code expected}, ignoring keys in {@code extraAllowed} at the top level. */
  static List<String> differences(JsonNode expected, JsonNode actual, String... extraAllowed) {
    List<String> out = new ArrayList<>();
    compare("$", expected, actual, out, new TreeSet<>(List.of(extraAllowed)));
    return out;
  }

  private static void compare(String path, JsonNode expected, JsonNode actual, List<String> out, TreeSet<String> extraAllowed) {
    if (!kind(expected).equals(kind(actual))) {
      out.add(path + ": expected " + kind(expected) + ", got " + kind(actual) + " (" + actual + ")");
      return;
    }
    if (expected.isObject()) {
      TreeSet<String> missing = names(expected);
      missing.removeAll(names(actual));
      TreeSet<String> extra = names(actual);
      extra.removeAll(names(expected));
      extra.removeAll(extraAllowed);
      missing.forEach(k -> out.add(path + ": missing field '" + k + "'"));
      extra.forEach(k -> out.add(path + ": extra field '" + k + "'"));
      for (Iterator<String> it = expected.fieldNames(); it.hasNext(); ) {
        String k = it.next();
        if (actual.has(k)) {
          compare(path + "." + k, expected.get(k), actual.get(k), out, new TreeSet<>());
        }
      }
    } else if (expected.isArray() && !expected.isEmpty() && !actual.isEmpty()) {
      compare(path + "[0]", expected.get(0), actual.get(0), out, new TreeSet<>());
    }
  }

  private static TreeSet<String> names(JsonNode object) {
    TreeSet<String> names = new TreeSet<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static String kind(JsonNode node) {
    if (node.isNumber() || (node.isTextual() && node.asText().matches("-?[0-9]{1,39}"))) {
      return "integer";
    }
    return node.getNodeType().name().toLowerCase(Locale.ROOT);
  }
}
