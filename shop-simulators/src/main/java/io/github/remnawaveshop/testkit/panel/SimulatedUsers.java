package io.github.remnawaveshop.testkit.panel;

import static io.github.remnawaveshop.testkit.panel.PanelJson.NODES;
import static io.github.remnawaveshop.testkit.panel.PanelJson.envelope;
import static io.github.remnawaveshop.testkit.panel.PanelJson.fail;
import static io.github.remnawaveshop.testkit.panel.PanelJson.ok;
import static io.github.remnawaveshop.testkit.panel.PanelJson.optionalEnum;
import static io.github.remnawaveshop.testkit.panel.PanelJson.optionalLong;
import static io.github.remnawaveshop.testkit.panel.PanelJson.optionalNonNegative;
import static io.github.remnawaveshop.testkit.panel.PanelJson.optionalTag;
import static io.github.remnawaveshop.testkit.panel.PanelJson.putNullable;
import static io.github.remnawaveshop.testkit.panel.PanelJson.requireObjectBody;
import static io.github.remnawaveshop.testkit.panel.PanelJson.requireText;
import static io.github.remnawaveshop.testkit.panel.PanelJson.requireTime;
import static io.github.remnawaveshop.testkit.panel.PanelJson.textOr;
import static io.github.remnawaveshop.testkit.panel.PanelJson.time;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The simulated panel's users and the 3.x user operations: create, update, the actions (enable,
 * disable, reset-traffic, revoke, extend), the cursor stream, lookups, and the view the API shows
 * (EXPIRED once past expiry). Callers hold the simulator's lock. Not API.
 */
final class SimulatedUsers {
  static final Pattern USERNAME = Pattern.compile("^[A-Za-z0-9_-]{3,36}$");
  static final Set<String> STATUSES = Set.of("ACTIVE", "DISABLED", "LIMITED", "EXPIRED");
  static final Set<String> STRATEGIES = Set.of("NO_RESET", "DAY", "WEEK", "MONTH", "MONTH_ROLLING");
  private static final String ALPHABET =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

  private final Clock clock;
  private final Random random;
  private final SimulatedSquads squads;
  private final String subscriptionBaseUrl;
  private final int maxStreamPageSize;
  private final TreeMap<Long, ObjectNode> users = new TreeMap<>();
  private long nextId = 1;
  private int created;

  SimulatedUsers(
      Clock clock,
      Random random,
      SimulatedSquads squads,
      String subscriptionBaseUrl,
      int maxStreamPageSize) {
    this.clock = clock;
    this.random = random;
    this.squads = squads;
    this.subscriptionBaseUrl = subscriptionBaseUrl;
    this.maxStreamPageSize = maxStreamPageSize;
  }

  private Instant now() {
    return clock.instant();
  }

  /** The stored users, by id (live: callers hold the lock). */
  Collection<ObjectNode> all() {
    return users.values();
  }

  int size() {
    return users.size();
  }

  boolean exists(long id) {
    return users.containsKey(id);
  }

  void remove(long id) {
    users.remove(id);
  }

  /** Users created through {@link #create} (the API), less those an operator put directly. */
  int created() {
    return created;
  }

  /**
   * An operator's user (the simulator's {@code putUser}) does not count as created through the API.
   */
  void uncountCreate() {
    created--;
  }

  // ---- create, update, actions

  ObjectNode create(JsonNode body, String path) {
    requireObjectBody(body);
    String username = requireText(body, "username");
    if (!USERNAME.matcher(username).matches()) {
      throw fail(
          PanelErrors.validation(
              "username",
              "invalid_string",
              "Username can only contain letters, numbers, underscores and dashes, 3-36 characters"));
    }
    Instant expireAt = requireTime(body, "expireAt");
    if (findByUsername(username).isPresent()) {
      throw fail(PanelErrors.panel(400, "A019", "User username already exists", path, now()));
    }
    ObjectNode u = NODES.objectNode();
    long id = nextId++;
    String shortUuid = textOr(body, "shortUuid", null);
    if (shortUuid == null) {
      shortUuid = randomShortUuid();
    } else if (findByShortUuid(shortUuid).isPresent()) {
      throw fail(PanelErrors.panel(400, "A019", "User short UUID already exists", path, now()));
    }
    Instant now = now();
    // the 3.x create contract accepts createdAt (imports from another panel keep their dates)
    Instant createdAt = body.hasNonNull("createdAt") ? requireTime(body, "createdAt") : now;
    u.put("id", id);
    u.put("shortUuid", shortUuid);
    u.put("username", username);
    u.put("status", optionalEnum(body, "status", STATUSES, "ACTIVE"));
    u.put("trafficLimitBytes", optionalNonNegative(body, "trafficLimitBytes", 0));
    u.put(
        "trafficLimitStrategy", optionalEnum(body, "trafficLimitStrategy", STRATEGIES, "NO_RESET"));
    u.put("expireAt", time(expireAt));
    putNullable(u, "telegramId", optionalLong(body, "telegramId"));
    u.put("email", textOr(body, "email", null));
    u.put("description", textOr(body, "description", null));
    u.put("tag", optionalTag(body));
    putNullable(
        u,
        "hwidDeviceLimit",
        body.has("hwidDeviceLimit") && !body.get("hwidDeviceLimit").isNull()
            ? Long.valueOf(optionalNonNegative(body, "hwidDeviceLimit", 0))
            : null);
    u.put("externalSquadUuid", textOr(body, "externalSquadUuid", null));
    u.put("trojanPassword", randomString(30));
    u.put("vlessUuid", new UUID(random.nextLong(), random.nextLong()).toString());
    u.put("ssPassword", randomString(32));
    u.putNull("subRevokedAt");
    u.putNull("lastTrafficResetAt");
    u.put("createdAt", time(createdAt));
    u.put("updatedAt", time(now));
    u.set("activeInternalSquads", squads.refs(body.get("activeInternalSquads")));
    ObjectNode traffic = u.putObject("userTraffic");
    traffic.put("usedTrafficBytes", 0);
    traffic.put("lifetimeUsedTrafficBytes", 0);
    traffic.putNull("onlineAt");
    traffic.putNull("firstConnectedAt");
    traffic.putNull("lastConnectedNodeUuid");
    users.put(id, u);
    created++;
    return u;
  }

  /** {@code POST /api/users}. */
  SimulatedAnswer createAnswer(JsonNode body, String path) {
    return new SimulatedAnswer(201, envelope(view(create(body, path))), true);
  }

  /** {@code PATCH /api/users}: validates every field before changing any. */
  SimulatedAnswer update(JsonNode body, String path) {
    requireObjectBody(body);
    ObjectNode u;
    if (body.hasNonNull("id")) {
      u = byId(body.get("id").asText(), path);
    } else if (body.hasNonNull("username")) {
      u = findByUsername(body.get("username").asText()).orElseThrow(() -> notFound(path));
    } else {
      throw fail(PanelErrors.validation("id", "custom", "Either id or username must be provided"));
    }
    // validate everything before changing anything
    String status = null;
    if (body.hasNonNull("status")) {
      status = body.get("status").asText();
      if (!status.equals("ACTIVE") && !status.equals("DISABLED")) {
        throw fail(
            PanelErrors.validation(
                "status", "invalid_enum_value", "Status can only be ACTIVE or DISABLED"));
      }
    }
    Instant expireAt = null;
    if (body.hasNonNull("expireAt")) {
      expireAt = requireTime(body, "expireAt");
      if (!expireAt.isAfter(now())) {
        throw fail(
            PanelErrors.validation("expireAt", "custom", "Expiration date cannot be in the past"));
      }
    }
    String strategy =
        body.hasNonNull("trafficLimitStrategy")
            ? optionalEnum(body, "trafficLimitStrategy", STRATEGIES, null)
            : null;
    Long limit =
        body.hasNonNull("trafficLimitBytes")
            ? optionalNonNegative(body, "trafficLimitBytes", 0)
            : null;
    Long devicesLimit =
        body.hasNonNull("hwidDeviceLimit") ? optionalNonNegative(body, "hwidDeviceLimit", 0) : null;
    String tag = body.has("tag") ? optionalTag(body) : null;
    Long telegramId = optionalLong(body, "telegramId");
    ArrayNode squadRefs =
        body.has("activeInternalSquads") ? squads.refs(body.get("activeInternalSquads")) : null;

    if (status != null) {
      u.put("status", status);
    }
    if (expireAt != null) {
      u.put("expireAt", time(expireAt));
      if (u.get("status").asText().equals("EXPIRED")) {
        u.put("status", "ACTIVE");
      }
    }
    if (strategy != null) {
      u.put("trafficLimitStrategy", strategy);
    }
    if (limit != null) {
      u.put("trafficLimitBytes", limit);
    }
    if (devicesLimit != null) {
      u.put("hwidDeviceLimit", devicesLimit);
    }
    if (body.has("tag")) {
      u.put("tag", tag);
    }
    if (body.has("telegramId")) {
      putNullable(u, "telegramId", telegramId);
    }
    for (String f : List.of("email", "description")) {
      if (body.has(f)) {
        u.put(f, textOr(body, f, null));
      }
    }
    if (squadRefs != null) {
      u.set("activeInternalSquads", squadRefs);
    }
    u.put("updatedAt", time(now()));
    return new SimulatedAnswer(200, envelope(view(u)), true);
  }

  /** {@code POST /api/users/{id}/actions/{action}}. */
  SimulatedAnswer action(ObjectNode u, String action, JsonNode body, String path) {
    switch (action) {
      case "enable":
        // the panel's enable/disable are not idempotent: repeating one is refused (A030 / A029)
        if (u.get("status").asText().equals("ACTIVE")) {
          throw fail(PanelErrors.panel(400, "A030", "User already enabled", path, now()));
        }
        u.put("status", "ACTIVE");
        break;
      case "disable":
        if (u.get("status").asText().equals("DISABLED")) {
          throw fail(PanelErrors.panel(400, "A029", "User already disabled", path, now()));
        }
        u.put("status", "DISABLED");
        break;
      case "reset-traffic":
        ((ObjectNode) u.get("userTraffic")).put("usedTrafficBytes", 0);
        u.put("lastTrafficResetAt", time(now()));
        if (u.get("status").asText().equals("LIMITED")) {
          u.put("status", "ACTIVE");
        }
        break;
      case "revoke":
        String shortUuid =
            body != null && body.hasNonNull("shortUuid")
                ? body.get("shortUuid").asText()
                : randomShortUuid();
        u.put("shortUuid", shortUuid);
        u.put("subRevokedAt", time(now()));
        if (body == null || !body.path("revokeOnlyPasswords").asBoolean(false)) {
          u.put("vlessUuid", new UUID(random.nextLong(), random.nextLong()).toString());
        }
        u.put("trojanPassword", randomString(30));
        u.put("ssPassword", randomString(32));
        break;
      case "extend":
        if (body == null
            || !body.path("days").canConvertToInt()
            || body.path("days").asInt() < 1
            || !body.path("days").isIntegralNumber()) {
          throw fail(
              PanelErrors.validation("days", "invalid_type", "days must be a positive integer"));
        }
        Instant current = PanelJson.parseTime(u.get("expireAt").asText());
        Instant base = current.isAfter(now()) ? current : now();
        u.put("expireAt", time(base.plus(Duration.ofDays(body.get("days").asInt()))));
        if (u.get("status").asText().equals("EXPIRED")) {
          u.put("status", "ACTIVE");
        }
        break;
      default:
        return PanelErrors.noRoute("POST", path);
    }
    u.put("updatedAt", time(now()));
    return new SimulatedAnswer(200, envelope(view(u)), true);
  }

  // ---- reads

  /**
   * {@code GET /api/users/stream}: pages by id after {@code cursor}, optionally by {@code
   * telegramId}.
   */
  SimulatedAnswer stream(Map<String, String> query) {
    int size = maxStreamPageSize;
    if (query.containsKey("size")) {
      try {
        size = Integer.parseInt(query.get("size"));
      } catch (NumberFormatException e) {
        throw fail(PanelErrors.validation("size", "invalid_type", "size must be a number"));
      }
      if (size < 1 || size > 1000) {
        throw fail(PanelErrors.validation("size", "too_big", "size must be between 1 and 1000"));
      }
      size = Math.min(size, maxStreamPageSize);
    }
    long after = 0;
    if (query.containsKey("cursor")) {
      try {
        after = Long.parseLong(query.get("cursor"));
      } catch (NumberFormatException e) {
        throw fail(PanelErrors.validation("cursor", "custom", "Invalid cursor"));
      }
    }
    Long tg = null;
    if (query.containsKey("telegramId")) {
      try {
        tg = Long.parseLong(query.get("telegramId"));
      } catch (NumberFormatException e) {
        throw fail(
            PanelErrors.validation("telegramId", "invalid_type", "telegramId must be a number"));
      }
    }
    List<ObjectNode> page = new ArrayList<>();
    boolean hasMore = false;
    for (ObjectNode u : users.tailMap(after, false).values()) {
      if (tg != null && (!u.hasNonNull("telegramId") || u.get("telegramId").asLong() != tg)) {
        continue;
      }
      if (page.size() == size) {
        hasMore = true;
        break;
      }
      page.add(u);
    }
    ObjectNode o = NODES.objectNode();
    ArrayNode a = o.putArray("users");
    page.forEach(u -> a.add(view(u)));
    if (hasMore) {
      o.put("nextCursor", Long.toString(page.get(page.size() - 1).get("id").asLong()));
    } else {
      o.putNull("nextCursor");
    }
    o.put("hasMore", hasMore);
    return ok(o);
  }

  Optional<ObjectNode> findByUsername(String username) {
    return users.values().stream()
        .filter(u -> u.get("username").asText().equals(username))
        .findFirst();
  }

  Optional<ObjectNode> findByShortUuid(String shortUuid) {
    return users.values().stream()
        .filter(u -> u.get("shortUuid").asText().equals(shortUuid))
        .findFirst();
  }

  /** The stored user with this id, or the panel's 400 (not an id) / 404 (A063). */
  ObjectNode byId(String id, String path) {
    if (!PanelJson.isId(id)) {
      throw fail(PanelErrors.validation("id", "invalid_type", "id must be a positive integer"));
    }
    ObjectNode u = users.get(Long.parseLong(id));
    if (u == null) {
      throw notFound(path);
    }
    return u;
  }

  /** A copy of the stored user as the panel would show it now (status EXPIRED once past expiry). */
  ObjectNode view(ObjectNode u) {
    ObjectNode v = u.deepCopy();
    v.put("status", effectiveStatus(u));
    v.put("subscriptionUrl", subscriptionBaseUrl + "/" + u.get("shortUuid").asText());
    return v;
  }

  String effectiveStatus(ObjectNode u) {
    String status = u.get("status").asText();
    Instant expireAt = PanelJson.parseTime(u.get("expireAt").asText());
    if (status.equals("ACTIVE") && !expireAt.isAfter(now())) {
      return "EXPIRED";
    }
    return status;
  }

  PanelErrors.Failure notFound(String path) {
    return fail(PanelErrors.panel(404, "A063", "User not found", path, now()));
  }

  private String randomShortUuid() {
    String s;
    do {
      s = randomString(16);
    } while (findByShortUuid(s).isPresent());
    return s;
  }

  private String randomString(int length) {
    StringBuilder b = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return b.toString();
  }
}
