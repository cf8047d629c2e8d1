package io.github.remnawaveshop.testkit.panel;

import static io.github.remnawaveshop.testkit.panel.PanelJson.NODES;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The panel's read-only reports over the users: {@code GET /api/system/stats} and the subscription
 * page's {@code GET /api/sub/{shortUuid}/info}. Callers hold the simulator's lock. Not API.
 */
final class SystemViews {
  private final Clock clock;
  private final Instant startedAt;
  private final SimulatedUsers users;

  SystemViews(Clock clock, SimulatedUsers users) {
    this.clock = clock;
    this.startedAt = clock.instant();
    this.users = users;
  }

  private Instant now() {
    return clock.instant();
  }

  ObjectNode stats() {
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
    SimulatedUsers.STATUSES.stream().sorted().forEach(st -> counts.put(st, 0));
    for (ObjectNode u : users.all()) {
      String st = users.effectiveStatus(u);
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

  ObjectNode subInfo(String shortUuid) {
    ObjectNode o = NODES.objectNode();
    Optional<ObjectNode> found = users.findByShortUuid(shortUuid);
    o.put("isFound", found.isPresent());
    if (found.isEmpty()) {
      o.putNull("user");
      o.putArray("links");
      o.putNull("subscriptionUrl");
      return o;
    }
    ObjectNode u = users.view(found.get());
    ObjectNode su = o.putObject("user");
    Instant expireAt = PanelJson.parseTime(u.get("expireAt").asText());
    su.put("shortUuid", u.get("shortUuid").asText());
    su.put("daysLeft", Math.max(0, Duration.between(now(), expireAt).toDays()));
    su.put("trafficUsed", "0 B");
    su.put(
        "trafficLimit",
        u.get("trafficLimitBytes").asLong() == 0
            ? "∞"
            : u.get("trafficLimitBytes").asText() + " B");
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
}
