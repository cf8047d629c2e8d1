package io.github.remnawaveshop.testkit.panel;

import static io.github.remnawaveshop.testkit.panel.PanelJson.isId;
import static io.github.remnawaveshop.testkit.panel.PanelJson.ok;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * In-memory state of the simulated panel, one object per resource (users, internal squads, HWID
 * devices, the system reports), and the routing of 3.x API requests to them. One seeded {@link
 * Random} serves every resource, so generated ids and passwords are reproducible. Callers hold the
 * simulator's lock. Not API.
 */
final class SimulatedPanelState {
  private final SimulatedSquads squads;
  private final SimulatedUsers users;
  private final SimulatedDevices devices;
  private final SystemViews system;

  SimulatedPanelState(Clock clock, long seed, String subscriptionBaseUrl, int maxStreamPageSize) {
    Random random = new Random(seed);
    this.squads = new SimulatedSquads(random);
    this.users = new SimulatedUsers(clock, random, squads, subscriptionBaseUrl, maxStreamPageSize);
    this.devices = new SimulatedDevices(clock, users);
    this.system = new SystemViews(clock, users);
  }

  SimulatedUsers users() {
    return users;
  }

  SimulatedSquads squads() {
    return squads;
  }

  SimulatedDevices devices() {
    return devices;
  }

  /** Deletes a user and its devices. */
  void deleteUser(long id) {
    users.remove(id);
    devices.removeUser(id);
  }

  /** Routes one API request (path segments after {@code /api}). */
  SimulatedAnswer handle(
      String method, List<String> s, Map<String, String> query, JsonNode body, String path) {
    int n = s.size();
    if (n >= 1 && s.get(0).equals("users")) {
      if (n == 1 && method.equals("POST")) {
        return users.createAnswer(body, path);
      }
      if (n == 1 && method.equals("PATCH")) {
        return users.update(body, path);
      }
      if (n == 2 && method.equals("GET") && s.get(1).equals("stream")) {
        return users.stream(query);
      }
      if (n == 3 && method.equals("GET") && s.get(1).equals("by-username")) {
        return ok(
            users.view(users.findByUsername(s.get(2)).orElseThrow(() -> users.notFound(path))));
      }
      if (n == 3 && method.equals("GET") && s.get(1).equals("by-short-uuid")) {
        return ok(
            users.view(users.findByShortUuid(s.get(2)).orElseThrow(() -> users.notFound(path))));
      }
      if (n == 2 && method.equals("GET") && isId(s.get(1))) {
        return ok(users.view(users.byId(s.get(1), path)));
      }
      if (n == 2 && method.equals("DELETE") && isId(s.get(1))) {
        ObjectNode user = users.byId(s.get(1), path);
        deleteUser(user.get("id").asLong());
        return new SimulatedAnswer(204, null, true);
      }
      if (n == 4 && method.equals("POST") && isId(s.get(1)) && s.get(2).equals("actions")) {
        return users.action(users.byId(s.get(1), path), s.get(3), body, path);
      }
    }
    if (n == 1 && method.equals("GET") && s.get(0).equals("internal-squads")) {
      return ok(squads.list(users.all()));
    }
    if (n == 3 && s.get(0).equals("hwid") && s.get(1).equals("devices")) {
      if (method.equals("GET") && isId(s.get(2))) {
        ObjectNode user = users.byId(s.get(2), path);
        return ok(devices.list(user.get("id").asLong()));
      }
      if (method.equals("POST") && s.get(2).equals("delete")) {
        return devices.delete(body, path);
      }
    }
    if (n == 2 && method.equals("GET") && s.get(0).equals("system") && s.get(1).equals("stats")) {
      return ok(system.stats());
    }
    if (n == 3 && method.equals("GET") && s.get(0).equals("sub") && s.get(2).equals("info")) {
      return ok(system.subInfo(s.get(1)));
    }
    return PanelErrors.noRoute(method, path);
  }
}
