package io.hivesafe.ops;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.hivesafe.hive.protocol.AccountName;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Set;

/**
 * The strict reading of a custom_json body: an object, no duplicate or unknown fields, integers that
 * are JSON integers (never strings, fractions or exponents) within range, strings of bounded length.
 * Every check throws {@link OpRejected} with a reason that names the field; every node reaches the same
 * verdict because the rules depend on nothing but the bytes.
 */
final class OpArgs {
  /** The longest memo a sidechain op carries, in UTF-8 bytes (hived's transfer memo limit, HIVE_MAX_MEMO_SIZE - 1). */
  static final int MAX_MEMO = io.hivesafe.hive.protocol.HiveLimits.MAX_MEMO_BYTES;
  private static final java.util.regex.Pattern HEX_SIGNATURE = java.util.regex.Pattern.compile("[0-9a-f]{130}");
  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
      .build();

  private final JsonNode node;

  private OpArgs(JsonNode node) {
    this.node = node;
  }

  static OpArgs parse(String json, Set<String> allowed) throws OpRejected {
    JsonNode node;
    try {
      node = JSON.readTree(json);
    } catch (IOException e) {
      throw new OpRejected(ReasonCode.JSON_INVALID);
    }
    if (node == null || !node.isObject()) {
      throw new OpRejected(ReasonCode.JSON_NOT_OBJECT);
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!allowed.contains(name)) {
        throw new OpRejected(ReasonCode.FIELD_UNKNOWN, quote(name));
      }
    }
    return new OpArgs(node);
  }

  OpArgs object(String field) throws OpRejected {
    JsonNode v = required(field);
    if (!v.isObject()) {
      throw new OpRejected(ReasonCode.FIELD_NOT_OBJECT, field);
    }
    return new OpArgs(v);
  }

  void only(Set<String> allowed, String where) throws OpRejected {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!allowed.contains(name)) {
        throw new OpRejected(ReasonCode.FIELD_UNKNOWN, where + "." + quote(name));
      }
    }
  }

  boolean has(String field) {
    return node.has(field);
  }

  /** An integer in [min, max]; anything else (string, fraction, exponent, too large) is rejected. */
  long integer(String field, long min, long max) throws OpRejected {
    JsonNode v = required(field);
    if (!v.isIntegralNumber()) {
      throw new OpRejected(ReasonCode.FIELD_NOT_INTEGER, field);
    }
    if (!v.canConvertToLong() || v.asLong() < min || v.asLong() > max) {
      throw new OpRejected(ReasonCode.FIELD_OUT_OF_RANGE, field, min, max);
    }
    return v.asLong();
  }

  /** An amount in the smallest unit: an integer from 1 to 2^60. */
  long amount(String field) throws OpRejected {
    return integer(field, 1, NetworkGenesis.MAX_AMOUNT);
  }

  String text(String field, int maxLength) throws OpRejected {
    JsonNode v = required(field);
    if (!v.isTextual()) {
      throw new OpRejected(ReasonCode.FIELD_NOT_STRING, field);
    }
    String s = v.asText();
    if (s.length() > maxLength) {
      throw new OpRejected(ReasonCode.FIELD_TOO_LONG, field, maxLength);
    }
    if (!wellFormed(s)) {
      // Text reaches state (a report's version, a reason's argument), and a lone surrogate has no
      // UTF-8 form: the state's encoder refuses it, which in the core would stop every node.
      throw new OpRejected(ReasonCode.FIELD_LONE_SURROGATE, field);
    }
    return s;
  }

  /**
   * {@code s} with each lone surrogate replaced by '?': for text the chain hands the core that it must
   * record (an unknown operation's name) and that may not be well-formed.
   */
  static String withoutLoneSurrogates(String s) {
    if (wellFormed(s)) {
      return s;
    }
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        b.append(c).append(s.charAt(++i));
      } else {
        b.append(Character.isSurrogate(c) ? '?' : c);
      }
    }
    return b.toString();
  }

  /** Whether {@code s} is well-formed UTF-16 (no lone surrogate), so it has a UTF-8 form. */
  static boolean wellFormed(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  String optionalText(String field, int maxLength) throws OpRejected {
    return node.has(field) ? text(field, maxLength) : "";
  }

  /**
   * An optional memo: at most {@link #MAX_MEMO} bytes of UTF-8, as hived counts a transfer memo (a
   * payout carries it to Hive, where a longer one would make the whole batch invalid), and well-formed
   * text (a lone surrogate has no UTF-8 form).
   */
  String memo(String field) throws OpRejected {
    String memo = optionalText(field, MAX_MEMO);
    int bytes = memo.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_MEMO) {
      throw new OpRejected(ReasonCode.FIELD_MEMO_TOO_LONG, field, bytes, MAX_MEMO);
    }
    return memo;
  }

  /**
   * A 65-byte compact signature as 130 lowercase hex digits with a signature header (27..34). The
   * header is checked here because {@code CompactSignature} refuses other bytes with an exception, and
   * an exception in the core would stop the node.
   */
  io.hivesafe.hive.crypto.CompactSignature signature(String field) throws OpRejected {
    String hex = text(field, 130);
    if (!HEX_SIGNATURE.matcher(hex).matches()) {
      throw new OpRejected(ReasonCode.FIELD_NOT_SIGNATURE, field);
    }
    int header = Integer.parseInt(hex.substring(0, 2), 16);
    if (header < 27 || header > 34) {
      throw new OpRejected(ReasonCode.FIELD_SIGNATURE_HEADER, field, header);
    }
    return io.hivesafe.hive.crypto.CompactSignature.fromHex(hex);
  }

  /** A pegged asset's symbol: HIVE or HBD (TESTS and TBD, the testnet's, read as them). */
  PeggedAsset asset(String field) throws OpRejected {
    PeggedAsset asset = PeggedAsset.parse(text(field, 5));
    if (asset == null) {
      throw new OpRejected(ReasonCode.ASSET_NOT_PEGGED);
    }
    return asset;
  }

  String account(String field) throws OpRejected {
    String s = text(field, 64);
    try {
      return AccountName.of(s).value();
    } catch (IllegalArgumentException e) {
      throw new OpRejected(ReasonCode.FIELD_NOT_ACCOUNT, field);
    }
  }

  private JsonNode required(String field) throws OpRejected {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      throw new OpRejected(ReasonCode.FIELD_REQUIRED, field);
    }
    return v;
  }

  /** A field name for a reason: at most 32 characters, printable ASCII only (it is in the feed, so it is bounded). */
  private static String quote(String name) {
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < name.length() && i < 32; i++) {
      char c = name.charAt(i);
      b.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    return b.append(name.length() > 32 ? "...\"" : "\"").toString();
  }
}
