package io.hivesafe.hive.protocol;

import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A failed {@link ValidationRule}, with the data hived attaches to it (the values its message names, the
 * {@code subject}, and hived's {@code context} string where it has one).
 */
public record Invalid(ValidationRule rule, SortedMap<String, String> data) {
  public Invalid {
    Objects.requireNonNull(rule, "rule");
    data = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(data));
  }

  static Invalid of(ValidationRule rule, Map<String, String> data) {
    return new Invalid(rule, new TreeMap<>(data));
  }

  /** hived's message with the data in place of its placeholders, e.g. "String is too large. Size: 2048, Max: 2047". */
  public String message() {
    String text = rule.template();
    for (Map.Entry<String, String> e : data.entrySet()) {
      text = text.replace("${" + e.getKey() + "}", e.getValue());
    }
    return text;
  }

  @Override
  public String toString() {
    return rule + ": " + message();
  }
}
