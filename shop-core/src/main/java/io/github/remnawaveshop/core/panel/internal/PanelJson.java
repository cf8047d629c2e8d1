package io.github.remnawaveshop.core.panel.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.remnawaveshop.core.panel.CreateUserRequest;
import io.github.remnawaveshop.core.panel.HwidDevice;
import io.github.remnawaveshop.core.panel.InternalSquad;
import io.github.remnawaveshop.core.panel.PanelDialect;
import io.github.remnawaveshop.core.panel.PanelException;
import io.github.remnawaveshop.core.panel.PanelUser;
import io.github.remnawaveshop.core.panel.SubscriptionInfo;
import io.github.remnawaveshop.core.panel.SystemStats;
import io.github.remnawaveshop.core.panel.TrafficLimitStrategy;
import io.github.remnawaveshop.core.panel.UpdateUserRequest;
import io.github.remnawaveshop.core.panel.UserStatus;
import io.github.remnawaveshop.core.panel.UserTraffic;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Maps panel JSON trees to the SDK's records and requests to JSON, by hand: lenient about what the
 * panel adds (unknown fields, unknown enum values), strict about what the SDK needs (a missing
 * {@code id} or {@code username} is an {@link PanelException.Kind#INVALID_RESPONSE}). Not API.
 */
public final class PanelJson {

  /** The shared mapper: only trees are read with it, so no binding configuration matters. */
  public static final ObjectMapper MAPPER =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private PanelJson() {}

  /**
   * Reads a user object.
   *
   * @param node the user JSON
   * @param dialect which field is the id
   * @return the user
   */
  public static PanelUser user(JsonNode node, PanelDialect dialect) {
    requireObject(node, "user");
    String idField = dialect == PanelDialect.V3 ? "id" : "uuid";
    String id = requiredText(node, idField, "user");
    JsonNode traffic = node.path("userTraffic");
    UserTraffic userTraffic =
        traffic.isObject()
            ? new UserTraffic(
                longOr(traffic, "usedTrafficBytes", 0),
                longOr(traffic, "lifetimeUsedTrafficBytes", 0),
                instant(traffic, "onlineAt"),
                instant(traffic, "firstConnectedAt"),
                text(traffic, "lastConnectedNodeUuid"))
            // 2.x before userTraffic kept the counters on the user itself
            : new UserTraffic(
                longOr(node, "usedTrafficBytes", 0),
                longOr(node, "lifetimeUsedTrafficBytes", 0),
                instant(node, "onlineAt"),
                instant(node, "firstConnectedAt"),
                text(node, "lastConnectedNodeUuid"));
    List<String> squads = new ArrayList<>();
    for (JsonNode squad : node.path("activeInternalSquads")) {
      if (squad.isTextual()) {
        squads.add(squad.asText());
      } else if (squad.hasNonNull("uuid")) {
        squads.add(squad.get("uuid").asText());
      }
    }
    return new PanelUser(
        id,
        text(node, "uuid"),
        requiredText(node, "shortUuid", "user"),
        requiredText(node, "username", "user"),
        UserStatus.fromWire(node.path("status").asText(null)),
        longOr(node, "trafficLimitBytes", 0),
        TrafficLimitStrategy.fromWire(node.path("trafficLimitStrategy").asText(null)),
        instant(node, "expireAt").orElseThrow(() -> invalid("user object has no valid 'expireAt'")),
        optionalLong(node, "telegramId"),
        text(node, "email"),
        text(node, "description"),
        text(node, "tag"),
        optionalInt(node, "hwidDeviceLimit"),
        text(node, "externalSquadUuid"),
        text(node, "subscriptionUrl"),
        squads,
        userTraffic,
        instant(node, "subRevokedAt"),
        instant(node, "lastTrafficResetAt"),
        instant(node, "createdAt"),
        instant(node, "updatedAt"));
  }

  /**
   * Writes a create body.
   *
   * @param r the request
   * @return the JSON object
   */
  public static ObjectNode createBody(CreateUserRequest r) {
    ObjectNode o = NODES.objectNode();
    o.put("username", r.username());
    o.put("expireAt", r.expireAt().toString());
    r.status().ifPresent(s -> o.put("status", s.name()));
    r.trafficLimitBytes().ifPresent(v -> o.put("trafficLimitBytes", v));
    r.trafficLimitStrategy().ifPresent(s -> o.put("trafficLimitStrategy", s.name()));
    r.telegramId().ifPresent(v -> o.put("telegramId", v));
    r.email().ifPresent(v -> o.put("email", v));
    r.description().ifPresent(v -> o.put("description", v));
    r.tag().ifPresent(v -> o.put("tag", v));
    r.hwidDeviceLimit().ifPresent(v -> o.put("hwidDeviceLimit", v));
    if (!r.activeInternalSquads().isEmpty()) {
      ArrayNode a = o.putArray("activeInternalSquads");
      r.activeInternalSquads().forEach(a::add);
    }
    r.externalSquadUuid().ifPresent(v -> o.put("externalSquadUuid", v));
    r.shortUuid().ifPresent(v -> o.put("shortUuid", v));
    return o;
  }

  /**
   * Writes a PATCH body.
   *
   * @param r the update
   * @param dialect names the id field
   * @return the JSON object
   */
  public static ObjectNode updateBody(UpdateUserRequest r, PanelDialect dialect) {
    ObjectNode o = NODES.objectNode();
    r.id().ifPresent(id -> putId(o, dialect == PanelDialect.V3 ? "id" : "uuid", id, dialect));
    r.username().ifPresent(v -> o.put("username", v));
    r.status().ifPresent(s -> o.put("status", s.name()));
    r.expireAt().ifPresent(v -> o.put("expireAt", v.toString()));
    r.trafficLimitBytes().ifPresent(v -> o.put("trafficLimitBytes", v));
    r.trafficLimitStrategy().ifPresent(s -> o.put("trafficLimitStrategy", s.name()));
    r.telegramId().ifPresent(v -> o.put("telegramId", v));
    r.email().ifPresent(v -> o.put("email", v));
    r.description().ifPresent(v -> o.put("description", v));
    r.tag().ifPresent(v -> o.put("tag", v));
    r.hwidDeviceLimit().ifPresent(v -> o.put("hwidDeviceLimit", v));
    r.activeInternalSquads()
        .ifPresent(
            list -> {
              ArrayNode a = o.putArray("activeInternalSquads");
              list.forEach(a::add);
            });
    return o;
  }

  /**
   * Puts a user id: a JSON number on 3.x (where ids are numeric), a string on 2.x.
   *
   * @param o target
   * @param field field name
   * @param id the id
   * @param dialect the dialect
   */
  public static void putId(ObjectNode o, String field, String id, PanelDialect dialect) {
    if (dialect == PanelDialect.V3 && id.chars().allMatch(Character::isDigit) && id.length() < 19) {
      o.put(field, Long.parseLong(id));
    } else {
      o.put(field, id);
    }
  }

  /**
   * Reads {@code {total, internalSquads:[…]}}.
   *
   * @param node the response
   * @return squads
   */
  public static List<InternalSquad> squads(JsonNode node) {
    List<InternalSquad> out = new ArrayList<>();
    for (JsonNode s : arrayField(node, "internalSquads")) {
      JsonNode info = s.path("info");
      out.add(
          new InternalSquad(
              requiredText(s, "uuid", "internal squad"),
              text(s, "name").orElse(""),
              (int) longOr(s, "viewPosition", 0),
              longOr(info, "membersCount", 0),
              longOr(info, "inboundsCount", s.path("inbounds").size())));
    }
    return List.copyOf(out);
  }

  /**
   * Reads {@code {total, devices:[…]}}.
   *
   * @param node the response
   * @return devices
   */
  public static List<HwidDevice> devices(JsonNode node) {
    List<HwidDevice> out = new ArrayList<>();
    for (JsonNode d : arrayField(node, "devices")) {
      String owner = text(d, "userId").or(() -> text(d, "userUuid")).orElse("");
      out.add(
          new HwidDevice(
              requiredText(d, "hwid", "device"),
              owner,
              text(d, "platform"),
              text(d, "osVersion"),
              text(d, "deviceModel"),
              text(d, "userAgent"),
              instant(d, "createdAt"),
              instant(d, "updatedAt")));
    }
    return List.copyOf(out);
  }

  /**
   * Reads the stats object.
   *
   * @param node the response
   * @return stats
   */
  public static SystemStats stats(JsonNode node) {
    requireObject(node, "system stats");
    Map<UserStatus, Long> counts = new EnumMap<>(UserStatus.class);
    JsonNode users = node.path("users");
    for (Map.Entry<String, JsonNode> e : users.path("statusCounts").properties()) {
      counts.merge(UserStatus.fromWire(e.getKey()), e.getValue().asLong(0), Long::sum);
    }
    JsonNode memory = node.path("memory");
    return new SystemStats(
        (int) longOr(node.path("cpu"), "cores", 0),
        longOr(memory, "total", 0),
        longOr(memory, "used", 0),
        Duration.ofMillis((long) (node.path("uptime").asDouble(0) * 1000)),
        longOr(users, "totalUsers", 0),
        counts,
        longOr(node.path("onlineStats"), "onlineNow", 0),
        longOr(node.path("onlineStats"), "lastDay", 0),
        longOr(node.path("nodes"), "totalOnline", 0));
  }

  /**
   * Reads the subscription info object.
   *
   * @param node the response
   * @return the info, empty when {@code isFound} is false
   */
  public static Optional<SubscriptionInfo> subscriptionInfo(JsonNode node) {
    requireObject(node, "subscription info");
    if (node.has("isFound") && !node.get("isFound").asBoolean()) {
      return Optional.empty();
    }
    JsonNode u = node.path("user");
    List<String> links = new ArrayList<>();
    node.path("links").forEach(l -> links.add(l.asText()));
    return Optional.of(
        new SubscriptionInfo(
            requiredText(u, "shortUuid", "subscription info user"),
            requiredText(u, "username", "subscription info user"),
            UserStatus.fromWire(u.path("userStatus").asText(null)),
            u.path("isActive").asBoolean(false),
            instant(u, "expiresAt"),
            longOr(u, "daysLeft", 0),
            text(node, "subscriptionUrl"),
            links));
  }

  private static Iterable<JsonNode> arrayField(JsonNode node, String field) {
    JsonNode a = node.isArray() ? node : node.path(field);
    if (!a.isArray()) {
      throw invalid("expected an array '" + field + "' in the panel's answer");
    }
    return a;
  }

  /**
   * Fails unless the node is an object.
   *
   * @param node the node
   * @param what for the message
   */
  public static void requireObject(JsonNode node, String what) {
    if (node == null || !node.isObject()) {
      throw invalid("expected a " + what + " object in the panel's answer");
    }
  }

  /**
   * A required non-blank scalar field as text.
   *
   * @param node the object
   * @param field the field
   * @param what for the message
   * @return the text
   */
  public static String requiredText(JsonNode node, String field, String what) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull() || !v.isValueNode() || v.asText().isEmpty()) {
      throw invalid(what + " object has no '" + field + "'");
    }
    return v.asText();
  }

  /**
   * An optional scalar field as text; null and blank are empty.
   *
   * @param node the object
   * @param field the field
   * @return the text
   */
  public static Optional<String> text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull() || !v.isValueNode() || v.asText().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(v.asText());
  }

  /**
   * An optional ISO-8601 instant.
   *
   * @param node the object
   * @param field the field
   * @return the instant, empty if absent
   */
  public static Optional<Instant> instant(JsonNode node, String field) {
    Optional<String> t = text(node, field);
    if (t.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(OffsetDateTime.parse(t.get()).toInstant());
    } catch (DateTimeParseException e) {
      try {
        return Optional.of(Instant.parse(t.get()));
      } catch (DateTimeParseException e2) {
        throw invalid("field '" + field + "' is not an ISO-8601 time: '" + t.get() + "'");
      }
    }
  }

  private static long longOr(JsonNode node, String field, long fallback) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (v.isNumber()) {
      return v.asLong();
    }
    if (v.isTextual()) {
      // the panel sends BigInt counters as strings
      try {
        return Long.parseLong(v.asText().trim());
      } catch (NumberFormatException e) {
        throw invalid("field '" + field + "' is not a number: '" + v.asText() + "'");
      }
    }
    throw invalid("field '" + field + "' is not a number");
  }

  private static OptionalLong optionalLong(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? OptionalLong.empty() : OptionalLong.of(longOr(node, field, 0));
  }

  private static OptionalInt optionalInt(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull()
        ? OptionalInt.empty()
        : OptionalInt.of((int) longOr(node, field, 0));
  }

  /**
   * An {@link PanelException.Kind#INVALID_RESPONSE} with the message.
   *
   * @param message what is wrong
   * @return the exception
   */
  public static PanelException invalid(String message) {
    return new PanelException(PanelException.Kind.INVALID_RESPONSE, message);
  }
}
