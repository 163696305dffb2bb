package io.hivesafe.hive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Scans a module's main sources for a forbidden pattern, line by line (comments skipped). Shared through
 * hive's test-jar so state, chrono and ops state their rule in one line each. A line
 * that must name a forbidden thing in order to refuse it (a serializer that rejects floats) carries the
 * marker {@value #ALLOW_MARKER} with its reason.
 */
public final class SourceRules {
  /**
   * Floating point in a source line: the one rule the bytecode rules (engine's ArchitectureTest, with
   * ArchUnit) cannot see whole, since ArchUnit shows fields, signatures and calls but not a local
   * variable or arithmetic. Every other module rule is checked on the bytecode there.
   */
  public static final String FLOATING_POINT = "\\bdouble\\b|\\bfloat\\b|\\bDouble\\b|\\bFloat\\b";

  public static final String ALLOW_MARKER = "source-rules: allowed";

  private SourceRules() {}

  /** Result of one scan: how many files were read and every offending line as {@code file:line: text}. */
  public record Scan(int filesChecked, List<String> violations) {}

  public static Scan scan(Path root, Predicate<Path> include, String forbiddenRegex) {
    Pattern forbidden = Pattern.compile(forbiddenRegex);
    List<String> violations = new ArrayList<>();
    int checked = 0;
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".java") && include.test(p)).sorted().toList()) {
        checked++;
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
          String line = lines.get(i).trim();
          boolean comment = line.startsWith("*") || line.startsWith("/*") || line.startsWith("//");
          if (!comment && !line.contains(ALLOW_MARKER) && forbidden.matcher(line).find()) {
            violations.add(root.relativize(file) + ":" + (i + 1) + ": " + line);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Scan(checked, List.copyOf(violations));
  }
}
