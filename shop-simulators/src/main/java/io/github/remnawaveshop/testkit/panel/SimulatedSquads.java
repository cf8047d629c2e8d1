package io.github.remnawaveshop.testkit.panel;

import static io.github.remnawaveshop.testkit.panel.PanelJson.NODES;
import static io.github.remnawaveshop.testkit.panel.PanelJson.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * The simulated panel's internal squads: added by the operator, listed with member counts, and the
 * references users carry ({@code activeInternalSquads}). Callers hold the simulator's lock. Not
 * API.
 */
final class SimulatedSquads {
  private final Random random;
  private final Map<String, ObjectNode> squads = new LinkedHashMap<>();

  SimulatedSquads(Random random) {
    this.random = random;
  }

  /** Adds a squad; returns its UUID. */
  String add(String name) {
    String uuid = new UUID(random.nextLong(), random.nextLong()).toString();
    ObjectNode sq = NODES.objectNode();
    sq.put("uuid", uuid);
    sq.put("name", name);
    sq.put("viewPosition", squads.size() + 1);
    sq.putArray("inbounds");
    squads.put(uuid, sq);
    return uuid;
  }

  /** The UUIDs, in the order added. */
  List<String> uuids() {
    return List.copyOf(squads.keySet());
  }

  /** {@code GET /api/internal-squads}: every squad with its member count among {@code users}. */
  ObjectNode list(Collection<ObjectNode> users) {
    ObjectNode o = NODES.objectNode();
    o.put("total", squads.size());
    ArrayNode a = o.putArray("internalSquads");
    squads.values().forEach(sq -> a.add(view(sq, users)));
    return o;
  }

  private static ObjectNode view(ObjectNode sq, Collection<ObjectNode> users) {
    ObjectNode v = sq.deepCopy();
    String uuid = sq.get("uuid").asText();
    long members =
        users.stream()
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

  /**
   * A user's {@code activeInternalSquads} from a request's list of UUIDs; an unknown squad is kept
   * with the name {@code unknown}, as the panel stores it.
   */
  ArrayNode refs(JsonNode list) {
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
        throw fail(
            PanelErrors.validation("activeInternalSquads", "invalid_string", "Invalid uuid"));
      }
      ObjectNode sq = squads.get(uuid);
      ObjectNode r = out.addObject();
      r.put("uuid", uuid);
      r.put("name", sq == null ? "unknown" : sq.get("name").asText());
    }
    return out;
  }
}
