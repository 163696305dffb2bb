package io.hivesafe.hive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The protocol packages (crypto, protocol, codec, json) are pure: the same input gives the same bytes
 * on every node. Only the rpc package may touch the network. Checked on the sources.
 */
class ModuleBoundaryTest {
  private static final Pattern FORBIDDEN = Pattern.compile(
      "import okhttp3|import okio|import java\\.net|import io\\.hivesafe\\.hive\\.rpc|new Random\\(|new SecureRandom\\(|Math\\.random"
          + "|Instant\\.now|System\\.currentTimeMillis|System\\.nanoTime|Clock\\.|\\bdouble\\b|\\bfloat\\b|\\bDouble\\b|\\bFloat\\b");

  @Test
  void protocolPackagesDoNoIoClocksRandomnessOrFloatingPoint() throws IOException {
    Path main = Path.of("src/main/java/io/hivesafe/hive");
    List<String> violations = new ArrayList<>();
    int checked = 0;
    try (Stream<Path> files = Files.walk(main)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".java") && !p.startsWith(main.resolve("rpc"))).toList()) {
        checked++;
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
          String line = lines.get(i);
          boolean comment = line.trim().startsWith("*") || line.trim().startsWith("/*") || line.trim().startsWith("//");
          if (!comment && FORBIDDEN.matcher(line).find()) {
            violations.add(main.relativize(file) + ":" + (i + 1) + ": " + line.trim());
          }
        }
      }
    }
    assertTrue(checked > 20, "sources found: " + checked);
    assertEquals(List.of(), violations);
  }
}
