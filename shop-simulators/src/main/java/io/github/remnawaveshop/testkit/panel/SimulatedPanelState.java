package io.github.remnawaveshop.testkit.panel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * In-memory state of the simulated panel and the 3.x operations on it. Callers hold the
 * simulator's lock. Not API.
 */
final class SimulatedPanelState {
  static final Pattern USERNAME = Pattern.compile("^[A-Za-z0-9_-]{3,36}$");
  static final Pattern TAG = Pattern.compile("^[A-Z0-9_]{1,16}$");
  static final Set<String> STATUSES = Set.of("ACTIVE", "DISABLED", "LIMITED", "EXPIRED");
  static final Set<String> STRATEGIES = Set.of("NO_RESET", "DAY", "WEEK", "MONTH", "MONTH_ROLLING");
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final Clock clock;
  private final Random random;
  private final String subscriptionBaseUrl;
  private final int maxStreamPageSize;
  private final Instant startedAt;
  final TreeMap<Long, ObjectNode> users = new TreeMap<>();
  final Map<String, ObjectNode> squads = new LinkedHashMap<>();
  final Map<Long, List<ObjectNode>> devices = new LinkedHashMap<>();
  private long nextId = 1;
  int usersCreated;

  SimulatedPanelState(
      Clock clock, long seed, String subscriptionBaseUrl, int maxStreamPageSize) {
    this.clock = clock;
    this.random = new Random(seed);
    this.subscriptionBaseUrl = subscriptionBaseUrl;
    this.maxStreamPageSize = maxStreamPageSize;
    this.startedAt = clock.instant();
  }

  static String time(Instant t) {
    return TIME.format(t);
  }

  Instant now() {
    return clock.instant();
  }

  /** Routes one API request (path segments after {@code /api}). */
  SimulatedAnswer handle(
      String method, List<String> s, Map<String, String> query, JsonNode body, String path) {
    int n = s.size();
    if (n >= 1 && s.get(0).equals("users")) {
      if (n == 1 && method.equals("POST")) {
        return create(body, path);
      }
      if (n == 1 && method.equals("PATCH")) {
        return update(body, path);
      }
      if (n == 2 && method.equals("GET") && s.get(1).equals("stream")) {
        return stream(query);
      }
      if (n == 3 && method.equals("GET") && s.get(1).equals("by-username")) {
        return ok(view(findByUsername(s.get(2)).orElseThrow(() -> notFound(path))));
      }
      if (n == 3 && method.equals("GET") && s.get(1).equals("by-short-uuid")) {
        return ok(view(findByShortUuid(s.get(2)).orElseThrow(() -> notFound(path))));
      }
      if (n == 2 && method.equals("GET") && isId(s.get(1))) {
        return ok(view(byId(s.get(1), path)));
      }
      if (n == 2 && method.equals("DELETE") && isId(s.get(1))) {
        ObjectNode user = byId(s.get(1), path);
        long id = user.get("id").asLong();
        users.remove(id);
        devices.remove(id);
        return new SimulatedAnswer(204, null, true);
      }
      if (n == 4 && method.equals("POST") && isId(s.get(1)) && s.get(2).equals("actions")) {
        return action(byId(s.get(1), path), s.get(3), body, path);
      }
    }
    if (n == 1 && method.equals("GET") && s.get(0).equals("internal-squads")) {
      ObjectNode o = NODES.objectNode();
      o.put("total", squads.size());
      ArrayNode a = o.putArray("internalSquads");
      squads.values().forEach(sq -> a.add(squadView(sq)));
      return ok(o);
    }
    if (n == 3 && s.get(0).equals("hwid") && s.get(1).equals("devices")) {
      if (method.equals("GET") && isId(s.get(2))) {
        ObjectNode user = byId(s.get(2), path);
        return ok(deviceList(user.get("id").asLong()));
      }
      if (method.equals("POST") && s.get(2).equals("delete")) {
        return deleteDevice(body, path);
      }
    }
    if (n == 2 && method.equals("GET") && s.get(0).equals("system") && s.get(1).equals("stats")) {
      return ok(stats());
    }
    if (n == 3 && method.equals("GET") && s.get(0).equals("sub") && s.get(2).equals("info")) {
      return ok(subInfo(s.get(1)));
    }
    return PanelErrors.noRoute(method, path);
  }

  // ---- users

  ObjectNode createUser(JsonNode body, String path) {
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
      throw fail(
          PanelErrors.panel(400, "A019", "User username already exists", path, now()));
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
        "trafficLimitStrategy",
        optionalEnum(body, "trafficLimitStrategy", STRATEGIES, "NO_RESET"));
    u.put("expireAt", time(expireAt));
    putNullable(u, "telegramId", optionalLong(body, "telegramId"));
    u.put("email", textOr(body, "email", null));
    u.put("description", textOr(body, "description", null));
    u.put("tag", optionalTag(body));
    putNullable(u, "hwidDeviceLimit", body.has("hwidDeviceLimit") && !body.get("hwidDeviceLimit").isNull()
        ? Long.valueOf(optionalNonNegative(body, "hwidDeviceLimit", 0)) : null);
    u.put("externalSquadUuid", textOr(body, "externalSquadUuid", null));
    u.put("trojanPassword", randomString(30));
    u.put("vlessUuid", new UUID(random.nextLong(), random.nextLong()).toString());
    u.put("ssPassword", randomString(32));
    u.putNull("subRevokedAt");
    u.putNull("lastTrafficResetAt");
    u.put("createdAt", time(createdAt));
    u.put("updatedAt", time(now));
    u.set("activeInternalSquads", squadRefs(body.get("activeInternalSquads")));
    ObjectNode traffic = u.putObject("userTraffic");
    traffic.put("usedTrafficBytes", 0);
    traffic.put("lifetimeUsedTrafficBytes", 0);
    traffic.putNull("onlineAt");
    traffic.putNull("firstConnectedAt");
    traffic.putNull("lastConnectedNodeUuid");
    users.put(id, u);
    usersCreated++;
    return u;
  }

  private SimulatedAnswer create(JsonNode body, String path) {
    return new SimulatedAnswer(201, envelope(view(createUser(body, path))), true);
  }

  private SimulatedAnswer update(JsonNode body, String path) {
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
        body.hasNonNull("trafficLimitBytes") ? optionalNonNegative(body, "trafficLimitBytes", 0) : null;
    Long devicesLimit =
        body.hasNonNull("hwidDeviceLimit") ? optionalNonNegative(body, "hwidDeviceLimit", 0) : null;
    String tag = body.has("tag") ? optionalTag(body) : null;
    Long telegramId = optionalLong(body, "telegramId");
    ArrayNode squadRefs =
        body.has("activeInternalSquads") ? squadRefs(body.get("activeInternalSquads")) : null;

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

  private SimulatedAnswer action(ObjectNode u, String action, JsonNode body, String path) {
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
        if (body == null || !body.path("days").canConvertToInt() || body.path("days").asInt() < 1
            || !body.path("days").isIntegralNumber()) {
          throw fail(PanelErrors.validation("days", "invalid_type", "days must be a positive integer"));
        }
        Instant current = Instant.from(TIME.parse(u.get("expireAt").asText()));
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

  private SimulatedAnswer stream(Map<String, String> query) {
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
        throw fail(PanelErrors.validation("telegramId", "invalid_type", "telegramId must be a number"));
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

  // ---- devices

  private ObjectNode deviceList(long userId) {
    ObjectNode o = NODES.objectNode();
    List<ObjectNode> list = devices.getOrDefault(userId, List.of());
    o.put("total", list.size());
    ArrayNode a = o.putArray("devices");
    list.forEach(d -> a.add(d.deepCopy()));
    return o;
  }

  ObjectNode addDevice(long userId, String hwid, String platform) {
    if (!users.containsKey(userId)) {
      throw new IllegalArgumentException("no simulated user with id " + userId);
    }
    ObjectNode d = NODES.objectNode();
    d.put("hwid", hwid);
    d.put("userId", userId);
    d.put("platform", platform);
    d.put("osVersion", "1.0");
    d.put("deviceModel", "Simulated");
    d.put("userAgent", "SimulatedClient/1.0");
    d.put("createdAt", time(now()));
    d.put("updatedAt", time(now()));
    devices.computeIfAbsent(userId, k -> new ArrayList<>()).add(d);
    return d;
  }

  private SimulatedAnswer deleteDevice(JsonNode body, String path) {
    requireObjectBody(body);
    if (!body.hasNonNull("userId")) {
      throw fail(PanelErrors.validation("userId", "invalid_type", "Required"));
    }
    String hwid = requireText(body, "hwid");
    ObjectNode u = byId(body.get("userId").asText(), path);
    long id = u.get("id").asLong();
    List<ObjectNode> list = devices.getOrDefault(id, new ArrayList<>());
    boolean removed = list.removeIf(d -> d.get("hwid").asText().equals(hwid));
    if (!removed) {
      throw fail(PanelErrors.panel(404, "A101", "Delete hwid user device error", path, now()));
    }
    return new SimulatedAnswer(200, envelope(deviceList(id)), true);
  }

  // ---- squads, stats, subscription info

  String addSquad(String name) {
    String uuid = new UUID(random.nextLong(), random.nextLong()).toString();
    ObjectNode sq = NODES.objectNode();
    sq.put("uuid", uuid);
    sq.put("name", name);
    sq.put("viewPosition", squads.size() + 1);
    sq.putArray("inbounds");
    squads.put(uuid, sq);
    return uuid;
  }

  private ObjectNode squadView(ObjectNode sq) {
    ObjectNode v = sq.deepCopy();
    String uuid = sq.get("uuid").asText();
    long members =
        users.values().stream()
            .filter(
                u -> {
                  for (JsonNode ref : u.path("activeInternalSquads")) {
                    if (ref.path("uuid").asText().equals(uuid)) {
                      return true;
                    }
                  }
                  return false;
                })
            .count();
    ObjectNode info = v.putObject("info");
    info.put("membersCount", members);
    info.put("inboundsCount", sq.path("inbounds").size());
    return v;
  }

  private ObjectNode stats() {
    ObjectNode o = NODES.objectNode();
    ObjectNode cpu = o.putObject("cpu");
    cpu.put("cores", 2);
    cpu.put("physicalCores", 2);
    ObjectNode mem = o.putObject("memory");
    mem.put("total", 4L << 30);
    mem.put("free", 3L << 30);
    mem.put("used", 1L << 30);
    mem.put("active", 1L << 30);
    mem.put("available", 3L << 30);
    o.put("uptime", Duration.between(startedAt, now()).toMillis() / 1000.0);
    o.put("timestamp", now().toEpochMilli());
    ObjectNode us = o.putObject("users");
    ObjectNode counts = us.putObject("statusCounts");
    STATUSES.stream().sorted().forEach(st -> counts.put(st, 0));
    for (ObjectNode u : users.values()) {
      String st = effectiveStatus(u);
      counts.put(st, counts.get(st).asLong() + 1);
    }
    us.put("totalUsers", users.size());
    ObjectNode online = o.putObject("onlineStats");
    online.put("lastDay", 0);
    online.put("lastWeek", 0);
    online.put("neverOnline", users.size());
    online.put("onlineNow", 0);
    ObjectNode nodes = o.putObject("nodes");
    nodes.put("totalOnline", 1);
    nodes.put("totalBytesLifetime", "0");
    return o;
  }

  private ObjectNode subInfo(String shortUuid) {
    ObjectNode o = NODES.objectNode();
    Optional<ObjectNode> found = findByShortUuid(shortUuid);
    o.put("isFound", found.isPresent());
    if (found.isEmpty()) {
      o.putNull("user");
      o.putArray("links");
      o.putNull("subscriptionUrl");
      return o;
    }
    ObjectNode u = view(found.get());
    ObjectNode su = o.putObject("user");
    Instant expireAt = Instant.from(TIME.parse(u.get("expireAt").asText()));
    su.put("shortUuid", u.get("shortUuid").asText());
    su.put("daysLeft", Math.max(0, Duration.between(now(), expireAt).toDays()));
    su.put("trafficUsed", "0 B");
    su.put("trafficLimit", u.get("trafficLimitBytes").asLong() == 0 ? "∞" : u.get("trafficLimitBytes").asText() + " B");
    su.put("username", u.get("username").asText());
    su.put("expiresAt", u.get("expireAt").asText());
    su.put("isActive", u.get("status").asText().equals("ACTIVE"));
    su.put("userStatus", u.get("status").asText());
    su.put("trafficLimitStrategy", u.get("trafficLimitStrategy").asText());
    o.putArray("links").add("vless://" + u.get("vlessUuid").asText() + "@sim.example.test:443#sim");
    o.putArray("ssConfLinks");
    o.put("subscriptionUrl", u.get("subscriptionUrl").asText());
    return o;
  }

  // ---- lookups and views

  Optional<ObjectNode> findByUsername(String username) {
    return users.values().stream().filter(u -> u.get("username").asText().equals(username)).findFirst();
  }

  Optional<ObjectNode> findByShortUuid(String shortUuid) {
    return users.values().stream().filter(u -> u.get("shortUuid").asText().equals(shortUuid)).findFirst();
  }

  private ObjectNode byId(String id, String path) {
    if (!isId(id)) {
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

  private String effectiveStatus(ObjectNode u) {
    String status = u.get("status").asText();
    Instant expireAt = Instant.from(TIME.parse(u.get("expireAt").asText()));
    if (status.equals("ACTIVE") && !expireAt.isAfter(now())) {
      return "EXPIRED";
    }
    return status;
  }

  private static boolean isId(String s) {
    return !s.isEmpty() && s.length() < 19 && s.chars().allMatch(Character::isDigit);
  }

  // ---- validation helpers

  private static void requireObjectBody(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw fail(PanelErrors.validation("body", "invalid_type", "Expected object"));
    }
  }

  private static String requireText(JsonNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      throw fail(PanelErrors.validation(field, "invalid_type", "Required"));
    }
    if (!v.isTextual()) {
      throw fail(PanelErrors.validation(field, "invalid_type", "Expected string"));
    }
    return v.asText();
  }

  private static Instant requireTime(JsonNode body, String field) {
    String t = requireText(body, field);
    try {
      return OffsetDateTime.parse(t).toInstant();
    } catch (DateTimeParseException e) {
      throw fail(PanelErrors.validation(field, "invalid_string", "Invalid datetime"));
    }
  }

  private static String optionalEnum(JsonNode body, String field, Set<String> allowed, String dflt) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return dflt;
    }
    if (!v.isTextual() || !allowed.contains(v.asText())) {
      throw fail(
          PanelErrors.validation(
              field, "invalid_enum_value", "Invalid enum value. Expected one of " + allowed.stream().sorted().toList()));
    }
    return v.asText();
  }

  private static long optionalNonNegative(JsonNode body, String field, long dflt) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return dflt;
    }
    if (!v.isIntegralNumber() || v.asLong() < 0) {
      throw fail(PanelErrors.validation(field, "invalid_type", "Expected a non-negative integer"));
    }
    return v.asLong();
  }

  private static Long optionalLong(JsonNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isIntegralNumber()) {
      throw fail(PanelErrors.validation(field, "invalid_type", "Expected integer"));
    }
    return v.asLong();
  }

  private static String optionalTag(JsonNode body) {
    JsonNode v = body.get("tag");
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual() || !TAG.matcher(v.asText()).matches()) {
      throw fail(
          PanelErrors.validation(
              "tag", "invalid_string", "Tag can only contain uppercase letters, numbers, underscores"));
    }
    return v.asText();
  }

  private ArrayNode squadRefs(JsonNode list) {
    ArrayNode out = NODES.arrayNode();
    if (list == null || list.isNull()) {
      return out;
    }
    if (!list.isArray()) {
      throw fail(PanelErrors.validation("activeInternalSquads", "invalid_type", "Expected array"));
    }
    for (JsonNode ref : list) {
      String uuid = ref.asText();
      try {
        UUID.fromString(uuid);
      } catch (IllegalArgumentException e) {
        throw fail(PanelErrors.validation("activeInternalSquads", "invalid_string", "Invalid uuid"));
      }
      ObjectNode sq = squads.get(uuid);
      ObjectNode r = out.addObject();
      r.put("uuid", uuid);
      r.put("name", sq == null ? "unknown" : sq.get("name").asText());
    }
    return out;
  }

  private static String textOr(JsonNode body, String field, String dflt) {
    JsonNode v = body.get(field);
    return v == null || v.isNull() ? dflt : v.asText();
  }

  private static void putNullable(ObjectNode o, String field, Long value) {
    if (value == null) {
      o.putNull(field);
    } else {
      o.put(field, value);
    }
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

  private PanelErrors.Failure notFound(String path) {
    return fail(PanelErrors.panel(404, "A063", "User not found", path, now()));
  }

  private static PanelErrors.Failure fail(SimulatedAnswer answer) {
    return new PanelErrors.Failure(answer);
  }

  private static SimulatedAnswer ok(JsonNode body) {
    return new SimulatedAnswer(200, envelope(body), false);
  }

  private static ObjectNode envelope(JsonNode body) {
    ObjectNode o = NODES.objectNode();
    o.set("response", body);
    return o;
  }
}
