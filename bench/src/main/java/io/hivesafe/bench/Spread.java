package io.hivesafe.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The minimum, median and maximum of repeated measurements (the median of an even count is the upper middle one). */
record Spread(double min, double median, double max) {
  static Spread of(double[] values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("no values");
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return new Spread(sorted[0], sorted[sorted.length / 2], sorted[sorted.length - 1]);
  }

  /** {"min", "median", "max"} in that order. */
  Map<String, Object> json() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("min", min);
    m.put("median", median);
    m.put("max", max);
    return m;
  }

  /** "min / median / max", each with {@code format}. */
  String text(String format) {
    return String.format(Locale.ROOT, format + " / " + format + " / " + format, min, median, max);
  }
}
