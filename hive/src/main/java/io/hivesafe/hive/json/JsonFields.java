package io.hivesafe.hive.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.hivesafe.hive.HiveFormatException;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;

/**
 * Reading fields out of Hive JSON with errors that name the field. Integers are read leniently (a JSON
 * number or a decimal string, as hived sends large values) but exactly: never through a double.
 */
public final class JsonFields {
  /** Strict: a day that does not exist (2026-02-30) is an error, not the last day of the month. */
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withResolverStyle(ResolverStyle.STRICT);

  private JsonFields() {}

  public static JsonNode required(JsonNode node, String field) {
    if (node == null || !node.isObject()) {
      throw new HiveFormatException("expected a JSON object holding '" + field + "'");
    }
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw new HiveFormatException("missing field '" + field + "'");
    }
    return value;
  }

  public static String text(JsonNode node, String field) {
    JsonNode value = required(node, field);
    if (!value.isTextual()) {
      throw new HiveFormatException("field '" + field + "' must be a string");
    }
    return value.asText();
  }

  public static long integer(JsonNode node, String field, long min, long max) {
    return integerValue(required(node, field), field, min, max);
  }

  public static long integerValue(JsonNode value, String what, long min, long max) {
    BigInteger n;
    if (value.isIntegralNumber()) {
      n = value.bigIntegerValue();
    } else if (value.isTextual() && value.asText().matches("-?[0-9]{1,40}")) {
      n = new BigInteger(value.asText());
    } else {
      throw new HiveFormatException("'" + what + "' must be an integer, got " + value);
    }
    if (n.compareTo(BigInteger.valueOf(min)) < 0 || n.compareTo(BigInteger.valueOf(max)) > 0) {
      throw new HiveFormatException("'" + what + "' must be within " + min + ".." + max + ", got " + n);
    }
    return n.longValue();
  }

  /** Hive's time format "YYYY-MM-DDTHH:MM:SS", UTC, no zone suffix (a trailing Z is tolerated). */
  public static Instant time(JsonNode node, String field) {
    String text = text(node, field);
    String bare = text.endsWith("Z") ? text.substring(0, text.length() - 1) : text;
    try {
      return LocalDateTime.parse(bare, TIME).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw new HiveFormatException("field '" + field + "' is not a Hive time (YYYY-MM-DDTHH:MM:SS): '" + text + "'", e);
    }
  }

  /**
   * Hive's time format exactly, as hived's parser reads a transaction's expiration: "YYYY-MM-DDTHH:MM:SS",
   * UTC, no zone suffix (fc's from_iso_string refuses a trailing Z).
   */
  public static Instant strictTime(JsonNode node, String field) {
    String text = text(node, field);
    if (text.endsWith("Z")) {
      throw new HiveFormatException("field '" + field + "' is not a Hive time (YYYY-MM-DDTHH:MM:SS, no zone): '" + text + "'");
    }
    return time(node, field);
  }

  public static String formatTime(Instant time) {
    return TIME.format(LocalDateTime.ofEpochSecond(time.getEpochSecond(), 0, ZoneOffset.UTC));
  }

  public static JsonNode array(JsonNode node, String field) {
    JsonNode value = required(node, field);
    if (!value.isArray()) {
      throw new HiveFormatException("field '" + field + "' must be an array");
    }
    return value;
  }
}
