package io.github.remnawaveshop.testkit.panel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The panel's JSON conventions: its time format, its {@code {"response": …}} envelope, and reading
 * request fields with the panel's validation errors (thrown as {@link PanelErrors.Failure}). Not
 * API.
 */
final class PanelJson {
  static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  static final Pattern TAG = Pattern.compile("^[A-Z0-9_]{1,16}$");
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private PanelJson() {}

  static String time(Instant t) {
    return TIME.format(t);
  }

  /** A time the simulator wrote with {@link #time}. */
  static Instant parseTime(String stored) {
    return Instant.from(TIME.parse(stored));
  }

  static boolean isId(String s) {
    return !s.isEmpty() && s.length() < 19 && s.chars().allMatch(Character::isDigit);
  }

  static void requireObjectBody(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw fail(PanelErrors.validation("body", "invalid_type", "Expected object"));
    }
  }

  static String requireText(JsonNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      throw fail(PanelErrors.validation(field, "invalid_type", "Required"));
    }
    if (!v.isTextual()) {
      throw fail(PanelErrors.validation(field, "invalid_type", "Expected string"));
    }
    return v.asText();
  }

  static Instant requireTime(JsonNode body, String field) {
    String t = requireText(body, field);
    try {
      return OffsetDateTime.parse(t).toInstant();
    } catch (DateTimeParseException e) {
      throw fail(PanelErrors.validation(field, "invalid_string", "Invalid datetime"));
    }
  }

  static String optionalEnum(JsonNode body, String field, Set<String> allowed, String dflt) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return dflt;
    }
    if (!v.isTextual() || !allowed.contains(v.asText())) {
      throw fail(
          PanelErrors.validation(
              field,
              "invalid_enum_value",
              "Invalid enum value. Expected one of " + allowed.stream().sorted().toList()));
    }
    return v.asText();
  }

  static long optionalNonNegative(JsonNode body, String field, long dflt) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return dflt;
    }
    if (!v.isIntegralNumber() || v.asLong() < 0) {
      throw fail(PanelErrors.validation(field, "invalid_type", "Expected a non-negative integer"));
    }
    return v.asLong();
  }

  static Long optionalLong(JsonNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isIntegralNumber()) {
      throw fail(PanelErrors.validation(field, "invalid_type", "Expected integer"));
    }
    return v.asLong();
  }

  static String optionalTag(JsonNode body) {
    JsonNode v = body.get("tag");
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual() || !TAG.matcher(v.asText()).matches()) {
      throw fail(
          PanelErrors.validation(
              "tag",
              "invalid_string",
              "Tag can only contain uppercase letters, numbers, underscores"));
    }
    return v.asText();
  }

  static String textOr(JsonNode body, String field, String dflt) {
    JsonNode v = body.get(field);
    return v == null || v.isNull() ? dflt : v.asText();
  }

  static void putNullable(ObjectNode o, String field, Long value) {
    if (value == null) {
      o.putNull(field);
    } else {
      o.put(field, value);
    }
  }

  static PanelErrors.Failure fail(SimulatedAnswer answer) {
    return new PanelErrors.Failure(answer);
  }

  /** 200 with the body in the envelope; a read, so nothing changed. */
  static SimulatedAnswer ok(JsonNode body) {
    return new SimulatedAnswer(200, envelope(body), false);
  }

  static ObjectNode envelope(JsonNode body) {
    ObjectNode o = NODES.objectNode();
    o.set("response", body);
    return o;
  }
}
