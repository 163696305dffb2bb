package io.hivesafe.hive.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The recorded hived API fixtures under {@code $hivesafe.shared/fixtures/hive}. */
final class Fixtures {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Path ROOT =
      Path.of(System.getProperty("hivesafe.shared", "../../shared")).resolve("fixtures").resolve("hive");

  private Fixtures() {}

  /** A fixture by its path below the fixture root, e.g. {@code block_api/get_block/one.json}. */
  static JsonNode json(String relative) {
    Path file = ROOT.resolve(relative);
    try {
      return MAPPER.readTree(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read fixture " + file.toAbsolutePath(), e);
    }
  }
}
