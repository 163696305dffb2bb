package io.hivesafe.engine.api;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A GET request's path and query parameters, with the checks every endpoint makes: a parameter the
 * endpoint does not take, a repeated one, or a number out of range is a 400 naming the parameter.
 */
final class ApiRequest {
  private final String path;
  private final Map<String, String> params;

  private ApiRequest(String path, Map<String, String> params) {
    this.path = path;
    this.params = params;
  }

  /** Parses {@code rawQuery} (may be null); a repeated or malformed parameter is a 400. */
  static ApiRequest of(String path, String rawQuery) throws ApiException {
    Map<String, String> params = new TreeMap<>();
    if (rawQuery != null && !rawQuery.isEmpty()) {
      for (String pair : rawQuery.split("&", -1)) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String name = decode(eq < 0 ? pair : pair.substring(0, eq));
        String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
        if (params.put(name, value) != null) {
          throw ApiException.badRequest("parameter '" + name + "' is given more than once");
        }
      }
    }
    return new ApiRequest(path, params);
  }

  private static String decode(String s) throws ApiException {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("the query is not well-formed: " + e.getMessage());
    }
  }

  String path() {
    return path;
  }

  /** Refuses parameters outside {@code allowed}. */
  ApiRequest accepting(String... allowed) throws ApiException {
    Set<String> ok = new TreeSet<>(Set.of(allowed));
    for (String name : params.keySet()) {
      if (!ok.contains(name)) {
        throw ApiException.badRequest("unknown parameter '" + name + "'"
            + (ok.isEmpty() ? ": " + path + " takes none" : " (" + path + " takes " + String.join(", ", ok) + ")"));
      }
    }
    return this;
  }

  Optional<String> string(String name) {
    return Optional.ofNullable(params.get(name));
  }

  /** An optional integer parameter within {@code min..max}. */
  OptionalLong integer(String name, long min, long max) throws ApiException {
    String raw = params.get(name);
    if (raw == null) {
      return OptionalLong.empty();
    }
    long v;
    try {
      v = Long.parseLong(raw);
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("parameter '" + name + "' must be an integer within " + min + ".." + max + ", got '"
          + shorten(raw) + "'");
    }
    if (v < min || v > max) {
      throw ApiException.badRequest("parameter '" + name + "' must be within " + min + ".." + max + ", got " + v);
    }
    return OptionalLong.of(v);
  }

  /** At most 64 characters of what a client sent, for an error message. */
  static String shorten(String s) {
    return s.length() <= 64 ? s : s.substring(0, 64) + "…";
  }
}
