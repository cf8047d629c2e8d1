package io.github.remnawaveshop.testkit.panel;

import static io.github.remnawaveshop.testkit.panel.PanelJson.NODES;
import static io.github.remnawaveshop.testkit.panel.PanelJson.envelope;
import static io.github.remnawaveshop.testkit.panel.PanelJson.fail;
import static io.github.remnawaveshop.testkit.panel.PanelJson.requireObjectBody;
import static io.github.remnawaveshop.testkit.panel.PanelJson.requireText;
import static io.github.remnawaveshop.testkit.panel.PanelJson.time;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The simulated panel's HWID devices, per user id. Callers hold the simulator's lock. Not API. */
final class SimulatedDevices {
  private final Clock clock;
  private final SimulatedUsers users;
  private final Map<Long, List<ObjectNode>> devices = new LinkedHashMap<>();

  SimulatedDevices(Clock clock, SimulatedUsers users) {
    this.clock = clock;
    this.users = users;
  }

  /** {@code GET /api/hwid/devices/{userId}}. */
  ObjectNode list(long userId) {
    ObjectNode o = NODES.objectNode();
    List<ObjectNode> list = devices.getOrDefault(userId, List.of());
    o.put("total", list.size());
    ArrayNode a = o.putArray("devices");
    list.forEach(d -> a.add(d.deepCopy()));
    return o;
  }

  /** Records a device, as if the user's client app had connected. */
  ObjectNode add(long userId, String hwid, String platform) {
    if (!users.exists(userId)) {
      throw new IllegalArgumentException("no simulated user with id " + userId);
    }
    ObjectNode d = NODES.objectNode();
    d.put("hwid", hwid);
    d.put("userId", userId);
    d.put("platform", platform);
    d.put("osVersion", "1.0");
    d.put("deviceModel", "Simulated");
    d.put("userAgent", "SimulatedClient/1.0");
    d.put("createdAt", time(clock.instant()));
    d.put("updatedAt", time(clock.instant()));
    devices.computeIfAbsent(userId, k -> new ArrayList<>()).add(d);
    return d;
  }

  /** {@code POST /api/hwid/devices/delete}. */
  SimulatedAnswer delete(JsonNode body, String path) {
    requireObjectBody(body);
    if (!body.hasNonNull("userId")) {
      throw fail(PanelErrors.validation("userId", "invalid_type", "Required"));
    }
    String hwid = requireText(body, "hwid");
    ObjectNode u = users.byId(body.get("userId").asText(), path);
    long id = u.get("id").asLong();
    List<ObjectNode> list = devices.getOrDefault(id, new ArrayList<>());
    boolean removed = list.removeIf(d -> d.get("hwid").asText().equals(hwid));
    if (!removed) {
      throw fail(
          PanelErrors.panel(404, "A101", "Delete hwid user device error", path, clock.instant()));
    }
    return new SimulatedAnswer(200, envelope(list(id)), true);
  }

  /** Forgets a deleted user's devices. */
  void removeUser(long userId) {
    devices.remove(userId);
  }
}
