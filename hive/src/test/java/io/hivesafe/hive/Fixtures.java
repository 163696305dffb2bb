package io.hivesafe.hive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The recorded Hive API responses under ../shared/fixtures/hive. */
public final class Fixtures {
  public static final ObjectMapper MAPPER = new ObjectMapper();

  private Fixtures() {}

  public static Path shared() {
    String configured = System.getProperty("hivesafe.shared");
    Path path = configured != null ? Path.of(configured) : Path.of("..", "..", "shared");
    if (!Files.isDirectory(path)) {
      path = Path.of("..", "shared");
    }
    if (!Files.isDirectory(path)) {
      throw new IllegalStateException("../shared is missing: the tests read its recorded fixtures");
    }
    return path;
  }

  public static Path hive(String relative) {
    return shared().resolve("fixtures/hive").resolve(relative);
  }

  public static JsonNode json(String relative) {
    try {
      return MAPPER.readTree(hive(relative).toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
