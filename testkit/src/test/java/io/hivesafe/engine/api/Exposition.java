package io.hivesafe.engine.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prometheus' text exposition format, read strictly enough for a test: every line is a comment
 * ({@code # HELP}, {@code # TYPE}), blank, or {@code name{label="value",...} number}; anything else fails.
 */
final class Exposition {
  private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)\\})? (\\S+)");
  private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

  record Sample(String name, Map<String, String> labels, double value) {}

  final List<Sample> samples = new ArrayList<>();
  final Set<String> typed = new TreeSet<>();
  final Set<String> described = new TreeSet<>();

  Exposition(String text) {
    for (String line : text.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      if (line.startsWith("# TYPE ")) {
        typed.add(line.split(" ")[2]);
        continue;
      }
      if (line.startsWith("# HELP ")) {
        described.add(line.split(" ")[2]);
        continue;
      }
      if (line.startsWith("#")) {
        continue;
      }
      Matcher m = SAMPLE.matcher(line);
      if (!m.matches()) {
        throw new AssertionError("not an exposition line: " + line);
      }
      Map<String, String> labels = new TreeMap<>();
      if (m.group(3) != null && !m.group(3).isEmpty()) {
        Matcher l = LABEL.matcher(m.group(3));
        int end = 0;
        while (l.find() && l.start() == end) {
          labels.put(l.group(1), l.group(2));
          end = l.end();
        }
        if (end != m.group(3).length()) {
          throw new AssertionError("malformed labels: " + line);
        }
      }
      samples.add(new Sample(m.group(1), labels, Double.parseDouble(m.group(4))));
    }
  }

  /** The one sample named {@code name} whose labels include {@code labels} (pairs: name, value, ...). */
  double value(String name, String... labels) {
    List<Sample> found = find(name, labels);
    if (found.size() != 1) {
      throw new AssertionError(found.size() + " samples " + name + " " + List.of(labels) + " in " + names());
    }
    return found.get(0).value();
  }

  /** The sum over samples named {@code name} whose labels include {@code labels}. */
  double sum(String name, String... labels) {
    return find(name, labels).stream().mapToDouble(Sample::value).sum();
  }

  List<Sample> find(String name, String... labels) {
    List<Sample> out = new ArrayList<>();
    for (Sample s : samples) {
      boolean ok = s.name().equals(name);
      for (int i = 0; ok && i < labels.length; i += 2) {
        ok = labels[i + 1].equals(s.labels().get(labels[i]));
      }
      if (ok) {
        out.add(s);
      }
    }
    return out;
  }

  Set<String> names() {
    Set<String> n = new TreeSet<>();
    samples.forEach(s -> n.add(s.name()));
    return n;
  }
}
