package io.hivesafe.engine.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hivesafe.hive.HiveFormatException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Runs a JSON→JSON function over stdin. Single mode: one JSON document in, one out; any failure is a
 * {@link CliFailure}. Lines mode: one document per line, one result per line, a failing line answered
 * with {@code {"error": "..."}} in its place; the command then exits 2 after answering every line.
 */
final class JsonStdio {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private JsonStdio() {}

  static int run(Console console, boolean lines, Function<JsonNode, JsonNode> function) {
    try {
      if (!lines) {
        String input = new String(console.in().readAllBytes(), StandardCharsets.UTF_8);
        JsonNode result = function.apply(parse(input));
        console.out().println(MAPPER.writeValueAsString(result));
        return 0;
      }
      List<String> outputs = new ArrayList<>();
      boolean failed = false;
      BufferedReader reader = new BufferedReader(new InputStreamReader(console.in(), StandardCharsets.UTF_8));
      int lineNumber = 0;
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        lineNumber++;
        if (line.isBlank()) {
          continue;
        }
        try {
          outputs.add(MAPPER.writeValueAsString(function.apply(parse(line))));
        } catch (CliFailure | HiveFormatException e) {
          failed = true;
          ObjectNode error = MAPPER.createObjectNode().put("error", "line " + lineNumber + ": " + oneLine(e.getMessage()));
          outputs.add(MAPPER.writeValueAsString(error));
        }
      }
      outputs.forEach(console.out()::println);
      return failed ? 2 : 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode parse(String text) {
    try {
      JsonNode node = MAPPER.readTree(text);
      if (node == null || node.isMissingNode()) {
        throw new CliFailure("no JSON on standard input");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new CliFailure("input is not valid JSON: " + oneLine(e.getOriginalMessage()));
    }
  }

  static String oneLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
