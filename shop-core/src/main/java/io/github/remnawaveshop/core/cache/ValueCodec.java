package io.github.remnawaveshop.core.cache;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * Redis values: {@code {"type":"<canonical value type>","expiresAt":<epoch ms>,"value":<JSON>}}.
 * The type tag is checked against the region on every read (a mismatch, e.g. after a model change,
 * reads as a miss); the value is bound to the region's declared type, so no class name from Redis
 * is ever instantiated (Jackson's default typing stays off).
 */
final class ValueCodec {
  /** A decoded Redis value. */
  record Decoded<V>(V value, long expiresAtMillis) {}

  private final ObjectMapper mapper;

  ValueCodec(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  <V> String encode(RegionState<?, V> r, V value, long expiresAtMillis) {
    try {
      ObjectNode node = mapper.createObjectNode();
      node.put("type", r.typeTag);
      node.put("expiresAt", expiresAtMillis);
      node.set("value", mapper.valueToTree(value));
      return mapper.writeValueAsString(node);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new CacheCodecException(
          "a value of region '"
              + r.region.name()
              + "' cannot be written as JSON: "
              + e.getMessage(),
          e);
    }
  }

  /** Empty when the text is not an envelope of this region's type. */
  <V> Optional<Decoded<V>> decode(RegionState<?, V> r, String json) {
    try {
      JsonNode node = mapper.readTree(json);
      if (!node.path("type").asText("").equals(r.typeTag) || !node.has("value")) {
        return Optional.empty();
      }
      V value = mapper.readerFor(r.region.valueType()).readValue(node.get("value"));
      return value == null
          ? Optional.empty()
          : Optional.of(new Decoded<>(value, node.path("expiresAt").asLong()));
    } catch (java.io.IOException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
