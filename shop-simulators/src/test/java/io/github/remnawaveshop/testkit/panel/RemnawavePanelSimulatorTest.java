package io.github.remnawaveshop.testkit.panel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import mockwebserver3.MockWebServer;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simulator's own rules, checked with a raw HTTP client. */
class RemnawavePanelSimulatorTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
  private static final MediaType APPLICATION_JSON = MediaType.get("application/json");

  private RemnawavePanelSimulator sim;
  private MockWebServer server;
  private final OkHttpClient http =
      new OkHttpClient.Builder().retryOnConnectionFailure(false).build();

  @BeforeEach
  void start() throws IOException {
    sim =
        RemnawavePanelSimulator.builder()
            .apiToken("tok")
            .clock(Clock.fixed(NOW, ZoneOffset.UTC))
            .maxStreamPageSize(2)
            .build();
    server = new MockWebServer();
    server.setDispatcher(sim);
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** Status and parsed body of one call with token and proxy headers. */
  private record Answer(int status, JsonNode body) {}

  private Answer call(String method, String path, String json) throws IOException {
    return call(method, path, json, true, "tok");
  }

  private Answer call(String method, String path, String json, boolean proxy, String token)
      throws IOException {
    Request.Builder b =
        new Request.Builder()
            .url(server.url(path))
            .header("Authorization", "Bearer " + token)
            .method(
                method,
                json == null
                    ? (method.equals("POST")
                        ? RequestBody.create(new byte[0], APPLICATION_JSON)
                        : null)
                    : RequestBody.create(json, APPLICATION_JSON));
    if (proxy) {
      b.header("X-Forwarded-For", "1.2.3.4").header("X-Forwarded-Proto", "https");
    }
    try (Response r = http.newCall(b.build()).execute()) {
      String text = r.body().string();
      boolean isJson = String.valueOf(r.header("Content-Type")).startsWith("application/json");
      return new Answer(r.code(), text.isEmpty() || !isJson ? null : JSON.readTree(text));
    }
  }

  private static String user(String username, String expireAt) {
    return "{\"username\":\"" + username + "\",\"expireAt\":\"" + expireAt + "\"}";
  }

  @Test
  void createsAUserInTheEnvelopeWithThe3xShape() throws IOException {
    Answer a =
        call(
            "POST",
            "/api/users",
            "{\"username\":\"tg_1\",\"expireAt\":\"2026-12-25T12:00:00Z\",\"telegramId\":1,\"tag\":\"SHOP\"}");
    assertThat(a.status()).isEqualTo(201);
    JsonNode u = a.body().get("response");
    assertThat(u.get("id").asLong()).isEqualTo(1);
    assertThat(u.has("uuid")).isFalse();
    assertThat(u.get("status").asText()).isEqualTo("ACTIVE");
    assertThat(u.get("expireAt").asText()).isEqualTo("2026-12-25T12:00:00.000Z");
    assertThat(u.get("shortUuid").asText()).hasSize(16);
    assertThat(u.get("subscriptionUrl").asText()).endsWith("/" + u.get("shortUuid").asText());
    assertThat(u.get("userTraffic").get("usedTrafficBytes").asLong()).isZero();
    assertThat(sim.usersCreated()).isEqualTo(1);
  }

  @Test
  void createValidationFollowsThePanel() throws IOException {
    String[][] bad = {
      {"{\"username\":\"ab\",\"expireAt\":\"2026-12-25T12:00:00Z\"}", "username"},
      {"{\"username\":\"bad name\",\"expireAt\":\"2026-12-25T12:00:00Z\"}", "username"},
      {
        "{\"username\":\"" + "x".repeat(37) + "\",\"expireAt\":\"2026-12-25T12:00:00Z\"}",
        "username"
      },
      {"{\"username\":\"tg_1\"}", "expireAt"},
      {"{\"username\":\"tg_1\",\"expireAt\":\"tomorrow\"}", "expireAt"},
      {
        "{\"username\":\"tg_1\",\"expireAt\":\"2026-12-25T12:00:00Z\",\"status\":\"PAUSED\"}",
        "status"
      },
      {"{\"username\":\"tg_1\",\"expireAt\":\"2026-12-25T12:00:00Z\",\"tag\":\"lower\"}", "tag"},
      {
        "{\"username\":\"tg_1\",\"expireAt\":\"2026-12-25T12:00:00Z\",\"trafficLimitStrategy\":\"YEAR\"}",
        "trafficLimitStrategy"
      },
      {
        "{\"username\":\"tg_1\",\"expireAt\":\"2026-12-25T12:00:00Z\",\"trafficLimitBytes\":-5}",
        "trafficLimitBytes"
      },
      {
        "{\"username\":\"tg_1\",\"expireAt\":\"2026-12-25T12:00:00Z\",\"activeInternalSquads\":[\"nope\"]}",
        "activeInternalSquads"
      },
    };
    for (String[] c : bad) {
      Answer a = call("POST", "/api/users", c[0]);
      assertThat(a.status()).as(c[0]).isEqualTo(400);
      assertThat(a.body().get("message").asText()).isEqualTo("Validation failed");
      assertThat(a.body().get("errors").get(0).get("path").get(0).asText())
          .as(c[0])
          .isEqualTo(c[1]);
    }
    assertThat(sim.userCount()).isZero();
    assertThat(sim.usersCreated()).isZero();
  }

  @Test
  void duplicateUsernameIsA019AndMissingUserIsA063() throws IOException {
    call("POST", "/api/users", user("tg_1", "2026-12-25T12:00:00Z"));
    Answer dup = call("POST", "/api/users", user("tg_1", "2026-12-26T12:00:00Z"));
    assertThat(dup.status()).isEqualTo(400);
    assertThat(dup.body().get("errorCode").asText()).isEqualTo("A019");
    assertThat(dup.body().get("path").asText()).isEqualTo("/api/users");
    assertThat(dup.body().get("timestamp").asText()).isEqualTo("2026-11-25T12:00:00.000Z");
    assertThat(dup.body().get("message").asText()).contains("already exists");

    Answer missing = call("GET", "/api/users/99", null);
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.body().get("errorCode").asText()).isEqualTo("A063");
    assertThat(call("GET", "/api/users/by-username/nobody", null).status()).isEqualTo(404);
    assertThat(call("GET", "/api/users/by-telegram-id/1", null).body().get("message").asText())
        .as("removed in 3.0")
        .isEqualTo("Cannot GET /api/users/by-telegram-id/1");
  }

  @Test
  void updateAcceptsOnlyActiveOrDisabledAndAFutureExpiry() throws IOException {
    call("POST", "/api/users", user("tg_1", "2026-12-25T12:00:00Z"));
    assertThat(call("PATCH", "/api/users", "{\"id\":1,\"status\":\"EXPIRED\"}").status())
        .isEqualTo(400);
    assertThat(call("PATCH", "/api/users", "{\"id\":1,\"status\":\"LIMITED\"}").status())
        .isEqualTo(400);
    Answer past = call("PATCH", "/api/users", "{\"id\":1,\"expireAt\":\"2026-11-25T11:59:59Z\"}");
    assertThat(past.status()).isEqualTo(400);
    assertThat(past.body().get("errors").get(0).get("path").get(0).asText()).isEqualTo("expireAt");
    // a failed update changes nothing, even fields that were valid
    assertThat(
            call("PATCH", "/api/users", "{\"id\":1,\"description\":\"x\",\"tag\":\"bad tag\"}")
                .status())
        .isEqualTo(400);
    assertThat(sim.user("tg_1").orElseThrow().get("description").isNull()).isTrue();

    Answer ok =
        call(
            "PATCH",
            "/api/users",
            "{\"username\":\"tg_1\",\"status\":\"DISABLED\",\"expireAt\":\"2027-01-01T00:00:00Z\"}");
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.body().get("response").get("status").asText()).isEqualTo("DISABLED");
    assertThat(ok.body().get("response").get("expireAt").asText())
        .isEqualTo("2027-01-01T00:00:00.000Z");
    assertThat(call("PATCH", "/api/users", "{\"id\":42,\"status\":\"ACTIVE\"}").status())
        .isEqualTo(404);
    assertThat(call("PATCH", "/api/users", "{\"status\":\"ACTIVE\"}").status()).isEqualTo(400);
  }

  @Test
  void tokenAndProxyHeadersAreChecked() throws IOException {
    Answer noToken = call("GET", "/api/system/stats", null, true, "wrong");
    assertThat(noToken.status()).isEqualTo(401);
    assertThat(sim.rejectedForAuth()).isEqualTo(1);
    assertThrows(IOException.class, () -> call("GET", "/api/system/stats", null, false, "tok"));
    assertThat(sim.rejectedForProxyHeaders()).isEqualTo(1);

    RemnawavePanelSimulator lax =
        RemnawavePanelSimulator.builder().apiToken("tok").requireProxyHeaders(false).build();
    server.setDispatcher(lax);
    assertThat(call("GET", "/api/system/stats", null, false, "tok").status()).isEqualTo(200);
  }

  @Test
  void streamPagesByCursorAndRejectsOversizedPages() throws IOException {
    for (int i = 0; i < 3; i++) {
      sim.putUser("tg_5_" + i, NOW.plus(Duration.ofDays(1)), 5L);
    }
    sim.putUser("other", NOW.plus(Duration.ofDays(1)), 6L);
    JsonNode p1 =
        call("GET", "/api/users/stream?telegramId=5&size=10", null).body().get("response");
    assertThat(p1.get("users")).hasSize(2);
    assertThat(p1.get("hasMore").asBoolean()).isTrue();
    String cursor = p1.get("nextCursor").asText();
    JsonNode p2 =
        call("GET", "/api/users/stream?telegramId=5&size=10&cursor=" + cursor, null)
            .body()
            .get("response");
    assertThat(p2.get("users")).hasSize(1);
    assertThat(p2.get("users").get(0).get("username").asText()).isEqualTo("tg_5_2");
    assertThat(p2.get("hasMore").asBoolean()).isFalse();
    assertThat(p2.get("nextCursor").isNull()).isTrue();
    assertThat(call("GET", "/api/users/stream?size=1001", null).status()).isEqualTo(400);
  }

  @Test
  void queuedFailuresHitOnlyMatchingRequestsAndLostAnswersAreApplied() throws IOException {
    sim.failNext("GET /api/system/stats", 2, 503);
    sim.rateLimitNext("GET /api/internal-squads", 1, 7);
    assertThat(call("GET", "/api/users/stream", null).status()).as("not matching").isEqualTo(200);
    assertThat(call("GET", "/api/system/stats", null).status()).isEqualTo(503);
    assertThat(call("GET", "/api/system/stats", null).status()).isEqualTo(503);
    assertThat(call("GET", "/api/system/stats", null).status()).isEqualTo(200);
    Request squads =
        new Request.Builder()
            .url(server.url("/api/internal-squads"))
            .header("Authorization", "Bearer tok")
            .header("X-Forwarded-For", "1.2.3.4")
            .header("X-Forwarded-Proto", "https")
            .build();
    try (Response r = http.newCall(squads).execute()) {
      assertThat(r.code()).isEqualTo(429);
      assertThat(r.header("Retry-After")).isEqualTo("7");
    }

    sim.dropNext("POST /api/users", 1);
    assertThrows(
        IOException.class, () -> call("POST", "/api/users", user("tg_d", "2026-12-25T12:00:00Z")));
    assertThat(sim.userCount()).as("a dropped request is not applied").isZero();

    sim.loseResponseNext("POST /api/users", 1);
    assertThrows(
        IOException.class, () -> call("POST", "/api/users", user("tg_l", "2026-12-25T12:00:00Z")));
    assertThat(sim.user("tg_l")).as("a lost answer's request is applied").isPresent();
    assertThat(sim.usersCreated()).isEqualTo(1);
    assertThat(sim.requestCount("POST /api/users")).isEqualTo(2);
  }

  @Test
  void slowAnswersAreDelayed() throws IOException {
    sim.delayNext("GET /api/system/stats", 1, Duration.ofMillis(300));
    long start = System.nanoTime();
    assertThat(call("GET", "/api/system/stats", null).status()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(300));
  }

  @Test
  void actionsDevicesSquadsAndStats() throws IOException {
    String squad = sim.internalSquadUuids().get(0);
    call(
        "POST",
        "/api/users",
        "{\"username\":\"tg_a\",\"expireAt\":\"2026-11-26T12:00:00Z\",\"activeInternalSquads\":[\""
            + squad
            + "\"]}");
    JsonNode ext =
        call("POST", "/api/users/1/actions/extend", "{\"days\":3}").body().get("response");
    assertThat(ext.get("expireAt").asText()).isEqualTo("2026-11-29T12:00:00.000Z");
    assertThat(call("POST", "/api/users/1/actions/extend", "{\"days\":0}").status()).isEqualTo(400);
    assertThat(
            call("POST", "/api/users/1/actions/disable", null)
                .body()
                .get("response")
                .get("status")
                .asText())
        .isEqualTo("DISABLED");
    assertThat(call("POST", "/api/users/1/actions/fly", null).status()).isEqualTo(404);

    sim.addHwidDevice(1, "hw-1", "android");
    JsonNode devices = call("GET", "/api/hwid/devices/1", null).body().get("response");
    assertThat(devices.get("total").asInt()).isEqualTo(1);
    assertThat(
            call("POST", "/api/hwid/devices/delete", "{\"userId\":1,\"hwid\":\"hw-x\"}").status())
        .isEqualTo(404);
    assertThat(
            call("POST", "/api/hwid/devices/delete", "{\"userId\":1,\"hwid\":\"hw-1\"}")
                .body()
                .get("response")
                .get("total")
                .asInt())
        .isZero();

    JsonNode sq = call("GET", "/api/internal-squads", null).body().get("response");
    assertThat(sq.get("internalSquads").get(0).get("info").get("membersCount").asInt())
        .isEqualTo(1);
    JsonNode stats = call("GET", "/api/system/stats", null).body().get("response");
    assertThat(stats.get("users").get("totalUsers").asInt()).isEqualTo(1);
    assertThat(stats.get("users").get("statusCounts").get("DISABLED").asInt()).isEqualTo(1);

    Answer del = call("DELETE", "/api/users/1", null);
    assertThat(del.status()).isEqualTo(204);
    assertThat(call("DELETE", "/api/users/1", null).status()).isEqualTo(404);
  }

  @Test
  void operatorHelpersAndBuilderChecks() {
    sim.putUser("tg_x", NOW.minus(Duration.ofDays(1)), null);
    assertThat(sim.user("tg_x").orElseThrow().get("status").asText())
        .as("past expiry reads EXPIRED")
        .isEqualTo("EXPIRED");
    sim.setUserField("tg_x", "status", "LIMITED");
    assertThat(sim.user("tg_x").orElseThrow().get("status").asText()).isEqualTo("LIMITED");
    assertThrows(IllegalArgumentException.class, () -> sim.putUser("tg_x", NOW, null));
    assertThat(sim.removeUser("tg_x")).isTrue();
    assertThat(sim.removeUser("tg_x")).isFalse();
    assertThat(sim.usersCreated()).as("operator-made users are not API creates").isZero();
    assertThrows(IllegalArgumentException.class, () -> sim.failNext(0, 503));
    assertThrows(IllegalArgumentException.class, () -> sim.failNext(1, 200));
    assertThrows(
        IllegalArgumentException.class,
        () -> RemnawavePanelSimulator.builder().maxStreamPageSize(0));
    assertThat(sim.toString()).isEqualTo("RemnawavePanelSimulator[users=0, token=***]");
  }
}
