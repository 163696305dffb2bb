package io.hivesafe.engine.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** One response: a status, a content type, a body in memory or a file to stream, and extra headers. */
record Answer(int status, String contentType, byte[] body, Optional<Path> file, Map<String, String> headers) {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String JSON_TYPE = "application/json; charset=utf-8";

  Answer {
    headers = Map.copyOf(headers);
  }

  static Answer json(JsonNode node) {
    return json(200, node);
  }

  static Answer json(int status, JsonNode node) {
    try {
      byte[] bytes = JSON.writeValueAsBytes(node);
      byte[] withNewline = java.util.Arrays.copyOf(bytes, bytes.length + 1);
      withNewline[bytes.length] = '\n';
      return new Answer(status, JSON_TYPE, withNewline, Optional.empty(), Map.of());
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Answer error(int status, String message) {
    ObjectNode o = JSON.createObjectNode();
    o.put("error", message);
    o.put("status", status);
    return json(status, o);
  }

  static Answer text(String contentType, String body) {
    return new Answer(200, contentType, body.getBytes(StandardCharsets.UTF_8), Optional.empty(), Map.of());
  }

  static Answer bytes(String contentType, byte[] body) {
    return new Answer(200, contentType, body, Optional.empty(), Map.of());
  }

  static Answer file(String contentType, Path file, Map<String, String> headers) {
    return new Answer(200, contentType, new byte[0], Optional.of(file), headers);
  }

  Answer withHeader(String name, String value) {
    Map<String, String> more = new java.util.TreeMap<>(headers);
    more.put(name, value);
    return new Answer(status, contentType, body, file, more);
  }
}
