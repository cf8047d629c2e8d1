package io.github.remnawaveshop.core.fsm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Turns data fields into JSON text and back. Each top-level field is encoded on its own, which is
 * what lets Redis merge fields atomically without parsing JSON (no Lua cjson, so no number
 * rounding).
 */
final class FieldCodec {
  /** Marks a field to delete in an encoded patch. */
  static final String REMOVE = "\u0000remove";

  private static final String JSON_NULL = "null";

  private final ObjectMapper mapper;
  private final ObjectReader untyped;
  private final boolean defaultMapper;

  /**
   * @param mapper the mapper for values
   * @param defaultMapper whether {@code mapper} is the SDK's own default: only then are plain
   *     scalars decoded without Jackson (an application's mapper may read them differently, e.g.
   *     with {@code USE_LONG_FOR_INTS})
   */
  FieldCodec(ObjectMapper mapper, boolean defaultMapper) {
    this.mapper = mapper;
    this.untyped = mapper.readerFor(Object.class);
    this.defaultMapper = defaultMapper;
  }

  /** Encodes a patch: field to JSON text, or {@link #REMOVE} for null / JSON null values. */
  Map<String, String> encode(Map<String, ?> values) {
    Objects.requireNonNull(values, "data");
    Map<String, String> out = new LinkedHashMap<>(values.size() * 2);
    for (Map.Entry<String, ?> e : values.entrySet()) {
      String field = Objects.requireNonNull(e.getKey(), "data field name");
      if (field.isEmpty()) {
        throw new IllegalArgumentException("data field names must not be empty");
      }
      Object value = e.getValue();
      String json;
      try {
        json = value == null ? JSON_NULL : mapper.writeValueAsString(value);
      } catch (JsonProcessingException ex) {
        throw new FsmDataException(
            "data field '" + field + "' cannot be written as JSON: " + ex.getOriginalMessage(), ex);
      }
      out.put(field, JSON_NULL.equals(json) ? REMOVE : json);
    }
    return out;
  }

  /** Decodes stored fields into an unmodifiable map of JSON-shaped values. */
  Map<String, Object> decode(Map<String, String> stored) {
    if (stored.isEmpty()) {
      return Map.of();
    }
    Map<String, Object> out = new LinkedHashMap<>(stored.size() * 2);
    for (Map.Entry<String, String> e : stored.entrySet()) {
      out.put(e.getKey(), decodeValue(e.getKey(), e.getValue()));
    }
    return Collections.unmodifiableMap(out);
  }

  Object decodeValue(String field, String json) {
    if (defaultMapper) {
      Object scalar = plainScalar(json);
      if (scalar != null) {
        return scalar;
      }
    }
    try {
      return untyped.readValue(json);
    } catch (JsonProcessingException ex) {
      throw new FsmDataException("stored data field '" + field + "' is not valid JSON", ex);
    }
  }

  /**
   * The value of a JSON text that is one plain scalar, exactly as Jackson's untyped reading gives
   * it (an integer that fits an int as Integer, else one that fits a long as Long; a string without
   * escapes; true or false), or null when the text is anything else and Jackson must read it. A
   * conversation's data is mostly such fields (ids, counts, prices, codes); Jackson's parser setup
   * for each one was most of a read's client time.
   */
  static @Nullable Object plainScalar(String json) {
    int n = json.length();
    if (n == 0 || n > 19) {
      return n >= 2 && json.charAt(0) == '"' ? plainString(json) : null;
    }
    char first = json.charAt(0);
    if (first == '"') {
      return plainString(json);
    }
    if (json.equals("true")) {
      return Boolean.TRUE;
    }
    if (json.equals("false")) {
      return Boolean.FALSE;
    }
    int i = first == '-' ? 1 : 0;
    if (i == n || n - i > 18) {
      return null; // 19 digits may not fit a long: Jackson's business
    }
    if (json.charAt(i) == '0' && n > i + 1) {
      return null; // a leading zero is not JSON
    }
    long value = 0;
    for (; i < n; i++) {
      char c = json.charAt(i);
      if (c < '0' || c > '9') {
        return null;
      }
      value = value * 10 + (c - '0'); // at most 18 digits: no overflow
    }
    if (first == '-') {
      value = -value;
      if (value == 0) {
        return null; // "-0": Jackson's business
      }
    }
    return value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE
        ? (Object) (int) value
        : (Object) value;
  }

  private static @Nullable String plainString(String json) {
    int last = json.length() - 1;
    if (last < 1 || json.charAt(last) != '"') {
      return null;
    }
    for (int i = 1; i < last; i++) {
      char c = json.charAt(i);
      if (c == '"' || c == '\\' || c < 0x20) {
        return null;
      }
    }
    return json.substring(1, last);
  }

  <T> Optional<T> convert(String field, Optional<Object> value, Class<T> type) {
    if (value.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(mapper.convertValue(value.get(), type));
    } catch (IllegalArgumentException ex) {
      throw new FsmDataException(
          "data field '" + field + "' cannot be read as " + type.getName(), ex);
    }
  }
}
