package io.hivesafe.state;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.math.BigDecimal;

/**
 * The one encoding of state values: canonical JSON through Jackson. Two nodes holding equal records
 * store equal bytes, because the digest hashes bytes: properties are sorted by name, map entries by
 * key, nothing is indented, and numbers are integers only ({@code double}, {@code float} and
 * {@code BigDecimal} values are refused when written, fractional numbers when read). The Jackson
 * version is pinned in the parent pom; {@code StateCodecTest} holds golden bytes that fail if an upgrade
 * changes the encoding.
 */
public final class StateCodec {
  private static final ObjectMapper MAPPER = build();

  private StateCodec() {}

  /** Encodes a record (or any Jackson-serializable value) to its canonical bytes. */
  public static byte[] encode(Object value) {
    if (value == null) {
      throw new IllegalArgumentException("state values are never null; delete the key instead");
    }
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot encode " + value.getClass().getSimpleName() + " as a state value: " + e.getMessage(), e);
    }
  }

  /** Decodes stored bytes. A value that does not fit the type is a bug in the caller, reported as such. */
  public static <T> T decode(byte[] bytes, Class<T> type) {
    try {
      return MAPPER.readValue(bytes, type);
    } catch (IOException e) {
      throw new IllegalStateException("stored value does not decode as " + type.getSimpleName() + ": " + e.getMessage(), e);
    }
  }

  private static ObjectMapper build() {
    SimpleModule noFloatingPoint = new SimpleModule("hivesafe-no-floating-point");
    noFloatingPoint.addSerializer(Double.class, refuse("double")); // source-rules: allowed (refuses it)
    noFloatingPoint.addSerializer(Double.TYPE, refuse("double")); // source-rules: allowed (refuses it)
    noFloatingPoint.addSerializer(Float.class, refuse("float")); // source-rules: allowed (refuses it)
    noFloatingPoint.addSerializer(Float.TYPE, refuse("float")); // source-rules: allowed (refuses it)
    noFloatingPoint.addSerializer(BigDecimal.class, refuse("BigDecimal"));
    return JsonMapper.builder()
        .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
        .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
        .disable(SerializationFeature.INDENT_OUTPUT)
        .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
        .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
        .addModule(noFloatingPoint)
        .build();
  }

  private static <T> JsonSerializer<T> refuse(String type) {
    return new JsonSerializer<>() {
      @Override
      public void serialize(T value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
        throw new IOException("state values hold no " + type + " (floating point differs between nodes); use integer units");
      }
    };
  }

}
