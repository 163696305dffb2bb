package io.hivesafe.chrono;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What a scheduled task does: a kind ({@code recast}, {@code unlock}, {@code expire}, ...) that the
 * core dispatches on, and string parameters kept in sorted order so the stored bytes are canonical.
 */
public record ChronoTask(String kind, SortedMap<String, String> params) {
  private static final Pattern KIND = Pattern.compile("[a-z][a-z0-9_.-]{0,63}");
  public static final int MAX_PARAMS = 32;
  public static final int MAX_PARAM_CHARS = 1024;

  public ChronoTask {
    if (kind == null || !KIND.matcher(kind).matches()) {
      throw new IllegalArgumentException("task kind must match " + KIND + ": " + kind);
    }
    if (params == null) {
      params = new TreeMap<>();
    }
    if (params.size() > MAX_PARAMS) {
      throw new IllegalArgumentException("a task has at most " + MAX_PARAMS + " parameters, got " + params.size());
    }
    for (Map.Entry<String, String> e : params.entrySet()) {
      if (e.getKey() == null || e.getKey().isEmpty() || e.getValue() == null) {
        throw new IllegalArgumentException("task parameters need non-empty names and non-null values");
      }
      if (e.getKey().length() + e.getValue().length() > MAX_PARAM_CHARS) {
        throw new IllegalArgumentException("task parameter " + e.getKey() + " is longer than " + MAX_PARAM_CHARS + " characters");
      }
    }
    params = Collections.unmodifiableSortedMap(new TreeMap<>(params));
  }

  public static ChronoTask of(String kind) {
    return new ChronoTask(kind, new TreeMap<>());
  }

  public static ChronoTask of(String kind, Map<String, String> params) {
    return new ChronoTask(kind, new TreeMap<>(params));
  }

  public String param(String name) {
    String v = params.get(name);
    if (v == null) {
      throw new IllegalArgumentException("task " + kind + " has no parameter " + name);
    }
    return v;
  }
}
