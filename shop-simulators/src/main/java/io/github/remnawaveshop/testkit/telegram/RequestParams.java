package io.github.remnawaveshop.testkit.telegram;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The parameters of one Bot API call, however they came (query string, JSON body, form body,
 * multipart), with Telegram's lenient typing: numbers and booleans may be strings, objects and
 * arrays may be JSON-encoded strings.
 */
final class RequestParams {
  static final ObjectMapper MAPPER = new ObjectMapper();

  /** An uploaded multipart file. */
  record Upload(String fileName, String contentType, byte[] bytes) {}

  private final ObjectNode fields;
  private final Map<String, Upload> uploads;

  RequestParams(ObjectNode fields, Map<String, Upload> uploads) {
    this.fields = fields;
    this.uploads = Map.copyOf(uploads);
  }

  static RequestParams of(ObjectNode fields) {
    return new RequestParams(fields, Map.of());
  }

  /** Parses a request: the query string first, then the body by its content type. */
  static RequestParams parse(String rawQuery, String contentType, byte[] body) {
    ObjectNode fields = JsonNodeFactory.instance.objectNode();
    Map<String, Upload> uploads = new HashMap<>();
    if (rawQuery != null && !rawQuery.isEmpty()) {
      form(rawQuery, fields);
    }
    String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
    if (body.length > 0) {
      if (type.startsWith("application/json")) {
        JsonNode json;
        try {
          json = MAPPER.readTree(body);
        } catch (JacksonException e) {
          throw ApiError.badRequest("can't parse JSON encoded request: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
          throw ApiError.badRequest("can't parse JSON encoded request");
        }
        if (json != null && json.isObject()) {
          fields.setAll((ObjectNode) json);
        } else if (json != null && !json.isNull()) {
          throw ApiError.badRequest("request body must be a JSON object");
        }
      } else if (type.startsWith("multipart/form-data")) {
        Multipart.parse(contentType, body, fields, uploads);
      } else if (type.startsWith("application/x-www-form-urlencoded") || type.isEmpty()) {
        form(new String(body, StandardCharsets.UTF_8), fields);
      }
    }
    for (Map.Entry<String, Upload> u : uploads.entrySet()) {
      fields
          .putObject(u.getKey())
          .put("file_name", u.getValue().fileName())
          .put("size", u.getValue().bytes().length);
    }
    return new RequestParams(fields, uploads);
  }

  private static void form(String encoded, ObjectNode into) {
    for (String pair : encoded.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      into.put(k, v);
    }
  }

  ObjectNode fields() {
    return fields;
  }

  Optional<Upload> upload(String name) {
    return Optional.ofNullable(uploads.get(name));
  }

  /** An {@code attach://name} reference or a direct upload under {@code name}. */
  Optional<Upload> attachment(String value) {
    if (value != null && value.startsWith("attach://")) {
      return upload(value.substring("attach://".length()));
    }
    return Optional.empty();
  }

  boolean has(String name) {
    JsonNode v = fields.get(name);
    return v != null && !v.isNull();
  }

  Optional<String> string(String name) {
    JsonNode v = fields.get(name);
    if (v == null || v.isNull() || v.isObject() || v.isArray()) {
      return Optional.empty();
    }
    return Optional.of(v.asText());
  }

  String string(String name, String fallback) {
    return string(name).orElse(fallback);
  }

  Optional<Long> longValue(String name) {
    JsonNode v = fields.get(name);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (v.isIntegralNumber()) {
      return Optional.of(v.asLong());
    }
    try {
      return Optional.of(Long.parseLong(v.asText().trim()));
    } catch (NumberFormatException e) {
      throw ApiError.badRequest("invalid " + name + " specified");
    }
  }

  long longValue(String name, long fallback) {
    return longValue(name).orElse(fallback);
  }

  boolean bool(String name, boolean fallback) {
    JsonNode v = fields.get(name);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (v.isBoolean()) {
      return v.asBoolean();
    }
    String s = v.asText().trim().toLowerCase(Locale.ROOT);
    return s.equals("true") || s.equals("1");
  }

  /** An object or array parameter, decoding it when it came as a JSON string. */
  Optional<JsonNode> json(String name) {
    JsonNode v = fields.get(name);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (v.isContainerNode()) {
      return Optional.of(v);
    }
    String s = v.asText().trim();
    if (s.isEmpty()) {
      return Optional.empty();
    }
    try {
      JsonNode parsed = MAPPER.readTree(s);
      if (parsed == null || !parsed.isContainerNode()) {
        throw ApiError.badRequest("can't parse " + name + " JSON object");
      }
      return Optional.of(parsed);
    } catch (JacksonException e) {
      throw ApiError.badRequest("can't parse " + name + " JSON object");
    }
  }

  /** The numeric {@code chat_id}, or a 400 {@code chat_id is empty} / {@code chat not found}. */
  long chatId() {
    JsonNode v = fields.get("chat_id");
    if (v == null || v.isNull() || v.asText().isEmpty()) {
      throw ApiError.badRequest("chat_id is empty");
    }
    if (v.isIntegralNumber()) {
      return v.asLong();
    }
    try {
      return Long.parseLong(v.asText().trim());
    } catch (NumberFormatException e) {
      throw ApiError.chatNotFound();
    }
  }

  /** The numeric {@code chat_id} if one was given. */
  Optional<Long> chatIdIfAny() {
    JsonNode v = fields.get("chat_id");
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (v.isIntegralNumber()) {
      return Optional.of(v.asLong());
    }
    try {
      return Optional.of(Long.parseLong(v.asText().trim()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
