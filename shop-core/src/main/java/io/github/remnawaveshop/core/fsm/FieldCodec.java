package io.github.remnawaveshop.core.fsm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

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

  FieldCodec(ObjectMapper mapper) {
    this.mapper = mapper;
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
    try {
      return mapper.readValue(json, Object.class);
    } catch (JsonProcessingException ex) {
      throw new FsmDataException("stored data field '" + field + "' is not valid JSON", ex);
    }
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
