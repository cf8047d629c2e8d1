package io.github.remnawaveshop.core.panel;

import static io.github.remnawaveshop.core.panel.PanelFixtures.answer;
import static io.github.remnawaveshop.core.panel.PanelFixtures.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.remnawaveshop.core.payment.Secret;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every operation's method, path, headers and body against recorded 3.x answers. */
class RemnawavePanelRequestsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = "eyJhbGciOiJIUzI1NiJ9.secret-token-value";

  private MockWebServer server;
  private RemnawavePanel panel;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
    panel =
        RemnawavePanel.builder()
            .baseUrl(server.url("/").toString())
            .apiToken(Secret.of(TOKEN))
            .header("X-Api-Key", "caddy-key")
            .cookie("aBcDeF", "gHiJkL")
            .retryPolicy(PanelRetryPolicy.none())
            .build();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private RecordedRequest take() throws InterruptedException {
    RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(r).as("request reached the server").isNotNull();
    return r;
  }

  private static JsonNode body(RecordedRequest r) throws Exception {
    return JSON.readTree(r.getBody().utf8());
  }

  @Test
  void everyRequestCarriesAuthProxyHeadersExtraHeaderAndCookie() throws Exception {
    server.enqueue(ok("3.x/user.json"));
    panel.getUser("1042");
    RecordedRequest r = take();
    assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
    assertThat(r.getHeaders().get("X-Forwarded-For")).isEqualTo("127.0.0.1");
    assertThat(r.getHeaders().get("X-Real-IP")).isEqualTo("127.0.0.1");
    assertThat(r.getHeaders().get("X-Forwarded-Proto")).isEqualTo("https");
    assertThat(r.getHeaders().get("X-Api-Key")).isEqualTo("caddy-key");
    assertThat(r.getHeaders().get("Cookie")).isEqualTo("aBcDeF=gHiJkL");
    assertThat(r.getHeaders().get("Accept")).isEqualTo("application/json");
  }

  @Test
  void proxyHeadersCanBeTurnedOffAndForwardedForChosen() throws Exception {
    RemnawavePanel bare =
        RemnawavePanel.builder()
            .baseUrl(server.url("/").toString())
            .apiToken(Secret.of(TOKEN))
            .proxyHeaders(false)
            .build();
    server.enqueue(ok("3.x/user.json"));
    bare.getUser("1");
    RecordedRequest r = take();
    assertThat(r.getHeaders().get("X-Forwarded-For")).isNull();
    assertThat(r.getHeaders().get("X-Forwarded-Proto")).isNull();

    RemnawavePanel custom =
        RemnawavePanel.builder()
            .baseUrl(server.url("/").toString())
            .apiToken(Secret.of(TOKEN))
            .forwardedFor("10.1.2.3")
            .build();
    server.enqueue(ok("3.x/user.json"));
    custom.getUser("1");
    assertThat(take().getHeaders().get("X-Forwarded-For")).isEqualTo("10.1.2.3");
  }

  @Test
  void baseUrlWithAPathPrefixIsKept() throws Exception {
    RemnawavePanel prefixed =
        RemnawavePanel.builder()
            .baseUrl(server.url("/panel").toString())
            .apiToken(Secret.of(TOKEN))
            .build();
    server.enqueue(ok("3.x/user.json"));
    prefixed.getUser("5");
    assertThat(take().getUrl().encodedPath()).isEqualTo("/panel/api/users/5");
  }

  @Test
  void createUserSendsTheDocumentedBodyAndReadsTheUser() throws Exception {
    server.enqueue(answer(201, PanelFixtures.json("3.x/user.json")));
    CreateUserRequest request =
        CreateUserRequest.builder("tg_123456789", Instant.parse("2026-12-25T12:00:00Z"))
            .telegramId(123456789)
            .trafficLimitBytes(107374182400L)
            .trafficLimitStrategy(TrafficLimitStrategy.MONTH)
            .tag("SHOP")
            .hwidDeviceLimit(3)
            .description("paid: plan 1m")
            .activeInternalSquads(List.of("9a6f2b8e-1c3d-4e5f-8a7b-6c5d4e3f2a1b"))
            .build();
    PanelUser user = panel.createUser(request);

    RecordedRequest r = take();
    assertThat(r.getMethod()).isEqualTo("POST");
    assertThat(r.getUrl().encodedPath()).isEqualTo("/api/users");
    assertThat(r.getHeaders().get("Content-Type")).startsWith("application/json");
    JsonNode b = body(r);
    assertThat(b.get("username").asText()).isEqualTo("tg_123456789");
    assertThat(b.get("expireAt").asText()).isEqualTo("2026-12-25T12:00:00Z");
    assertThat(b.get("telegramId").isIntegralNumber()).isTrue();
    assertThat(b.get("telegramId").asLong()).isEqualTo(123456789L);
    assertThat(b.get("trafficLimitBytes").asLong()).isEqualTo(107374182400L);
    assertThat(b.get("trafficLimitStrategy").asText()).isEqualTo("MONTH");
    assertThat(b.get("tag").asText()).isEqualTo("SHOP");
    assertThat(b.get("hwidDeviceLimit").asInt()).isEqualTo(3);
    assertThat(b.get("activeInternalSquads").get(0).asText())
        .isEqualTo("9a6f2b8e-1c3d-4e5f-8a7b-6c5d4e3f2a1b");
    assertThat(b.has("status")).as("absent optional fields are not sent").isFalse();
    assertThat(b.has("email")).isFalse();

    assertRecordedUser(user);
  }

  static void assertRecordedUser(PanelUser user) {
    assertThat(user.id()).isEqualTo("1042");
    assertThat(user.uuid()).isEmpty();
    assertThat(user.shortUuid()).isEqualTo("aB3dE5fG7hJ9kL1m");
    assertThat(user.username()).isEqualTo("tg_123456789");
    assertThat(user.status()).isEqualTo(UserStatus.ACTIVE);
    assertThat(user.trafficLimitBytes()).isEqualTo(107374182400L);
    assertThat(user.trafficLimitStrategy()).isEqualTo(TrafficLimitStrategy.MONTH);
    assertThat(user.expireAt()).isEqualTo(Instant.parse("2026-12-25T12:00:00Z"));
    assertThat(user.telegramId()).hasValue(123456789L);
    assertThat(user.email()).isEmpty();
    assertThat(user.description()).hasValue("paid: plan 1m");
    assertThat(user.tag()).hasValue("SHOP");
    assertThat(user.hwidDeviceLimit()).hasValue(3);
    assertThat(user.externalSquadUuid()).isEmpty();
    assertThat(user.subscriptionUrl()).hasValue("https://sub.example.com/aB3dE5fG7hJ9kL1m");
    assertThat(user.activeInternalSquads()).containsExactly("9a6f2b8e-1c3d-4e5f-8a7b-6c5d4e3f2a1b");
    assertThat(user.traffic().usedTrafficBytes())
        .as("BigInt sent as a string")
        .isEqualTo(5368709120L);
    assertThat(user.traffic().lifetimeUsedTrafficBytes()).isEqualTo(21474836480L);
    assertThat(user.traffic().onlineAt()).hasValue(Instant.parse("2026-11-25T11:59:00Z"));
    assertThat(user.traffic().lastConnectedNodeUuid())
        .hasValue("7e6d5c4b-3a2f-4e1d-9c8b-7a6f5e4d3c2b");
    assertThat(user.lastTrafficResetAt()).hasValue(Instant.parse("2026-11-01T00:00:00Z"));
    assertThat(user.subRevokedAt()).isEmpty();
    assertThat(user.createdAt()).hasValue(Instant.parse("2026-11-25T12:00:00Z"));
    assertThat(user.updatedAt()).hasValue(Instant.parse("2026-11-25T12:00:05.123Z"));
    assertThat(user.toString()).doesNotContain("Jf83hs0Qm2LwZ7pXk4Yt1NcV9bRuEa");
  }

  @Test
  void lookupsUseTheirEndpointsAndEncodeSegments() throws Exception {
    server.enqueue(ok("3.x/user.json"));
    server.enqueue(ok("3.x/user.json"));
    server.enqueue(ok("3.x/user.json"));
    assertRecordedUser(panel.getUser("1042").orElseThrow());
    assertThat(panel.findByUsername("tg_123456789")).isPresent();
    assertThat(panel.findByShortUuid("aB3dE5fG7hJ9kL1m")).isPresent();

    RecordedRequest get = take();
    assertThat(get.getMethod()).isEqualTo("GET");
    assertThat(get.getUrl().encodedPath()).isEqualTo("/api/users/1042");
    assertThat(take().getUrl().encodedPath()).isEqualTo("/api/users/by-username/tg_123456789");
    assertThat(take().getUrl().encodedPath())
        .isEqualTo("/api/users/by-short-uuid/aB3dE5fG7hJ9kL1m");

    server.enqueue(answer(404, PanelFixtures.json("3.x/error-A063.json")));
    assertThat(panel.findByUsername("a/b?c")).isEmpty();
    assertThat(take().getUrl().encodedPath()).isEqualTo("/api/users/by-username/a%2Fb%3Fc");
  }

  @Test
  void findByTelegramIdPagesThroughTheStreamWithCursors() throws Exception {
    RemnawavePanel paged =
        RemnawavePanel.builder()
            .baseUrl(server.url("/").toString())
            .apiToken(Secret.of(TOKEN))
            .streamPageSize(1)
            .build();
    server.enqueue(ok("3.x/users-stream-page1.json"));
    server.enqueue(ok("3.x/users-stream-page2.json"));

    List<PanelUser> users = paged.findByTelegramId(555);

    assertThat(users).extracting(PanelUser::id).containsExactly("7", "19");
    assertThat(users.get(0).status()).isEqualTo(UserStatus.EXPIRED);
    assertThat(users.get(1).status()).isEqualTo(UserStatus.LIMITED);
    assertThat(users.get(1).trafficLimitStrategy())
        .as("a strategy this SDK does not know")
        .isEqualTo(TrafficLimitStrategy.UNKNOWN);
    RecordedRequest first = take();
    assertThat(first.getUrl().encodedPath()).isEqualTo("/api/users/stream");
    assertThat(first.getUrl().queryParameter("telegramId")).isEqualTo("555");
    assertThat(first.getUrl().queryParameter("cursor")).isNull();
    assertThat(first.getUrl().queryParameter("size")).isEqualTo("1");
    RecordedRequest second = take();
    assertThat(second.getUrl().queryParameter("cursor")).isEqualTo("7");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aStreamRepeatingItsCursorIsAnInvalidResponseNotAnEndlessLoop() {
    server.enqueue(ok("3.x/users-stream-page1.json"));
    server.enqueue(ok("3.x/users-stream-page1.json"));
    PanelException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            PanelException.class, () -> panel.findByTelegramId(555));
    assertThat(e.kind()).isEqualTo(PanelException.Kind.INVALID_RESPONSE);
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void updateIsAPatchWithANumericIdAndOnlyTheChangedFields() throws Exception {
    server.enqueue(ok("3.x/user.json"));
    panel.updateUser(
        UpdateUserRequest.byId("1042")
            .expireAt(Instant.parse("2027-01-25T12:00:00Z"))
            .status(UserStatus.ACTIVE)
            .trafficLimitBytes(0)
            .build());
    RecordedRequest r = take();
    assertThat(r.getMethod()).isEqualTo("PATCH");
    assertThat(r.getUrl().encodedPath()).isEqualTo("/api/users");
    JsonNode b = body(r);
    assertThat(b.get("id").isIntegralNumber()).isTrue();
    assertThat(b.get("id").asLong()).isEqualTo(1042);
    assertThat(b.get("expireAt").asText()).isEqualTo("2027-01-25T12:00:00Z");
    assertThat(b.get("status").asText()).isEqualTo("ACTIVE");
    assertThat(b.get("trafficLimitBytes").asLong()).isZero();
    assertThat(b.size()).isEqualTo(4);

    server.enqueue(ok("3.x/user.json"));
    panel.updateUser(UpdateUserRequest.byUsername("tg_123456789").description("x").build());
    JsonNode byName = body(take());
    assertThat(byName.get("username").asText()).isEqualTo("tg_123456789");
    assertThat(byName.has("id")).isFalse();
  }

  @Test
  void actionsArePostsToTheirPaths() throws Exception {
    for (int i = 0; i < 5; i++) {
      server.enqueue(ok("3.x/user.json"));
    }
    panel.enableUser("1042");
    panel.disableUser("1042");
    panel.resetTraffic("1042");
    panel.revokeSubscription("1042");
    panel.extendUser("1042", 30);
    for (String action : List.of("enable", "disable", "reset-traffic", "revoke", "extend")) {
      RecordedRequest r = take();
      assertThat(r.getMethod()).isEqualTo("POST");
      assertThat(r.getUrl().encodedPath()).isEqualTo("/api/users/1042/actions/" + action);
      if (action.equals("extend")) {
        assertThat(body(r).get("days").asInt()).isEqualTo(30);
      }
    }
  }

  @Test
  void deleteIsADeleteAndAMissingUserIsNotAnError() throws Exception {
    server.enqueue(new MockResponse.Builder().code(204).build());
    server.enqueue(answer(404, PanelFixtures.json("3.x/error-A063.json")));
    assertThat(panel.deleteUser("1042")).isTrue();
    assertThat(panel.deleteUser("999999")).isFalse();
    RecordedRequest r = take();
    assertThat(r.getMethod()).isEqualTo("DELETE");
    assertThat(r.getUrl().encodedPath()).isEqualTo("/api/users/1042");
  }

  @Test
  void squadsDevicesStatsAndSubscriptionInfo() throws Exception {
    server.enqueue(ok("3.x/internal-squads.json"));
    server.enqueue(ok("3.x/hwid-devices.json"));
    server.enqueue(ok("3.x/hwid-devices.json"));
    server.enqueue(ok("3.x/system-stats.json"));
    server.enqueue(ok("3.x/sub-info.json"));

    List<InternalSquad> squads = panel.internalSquads();
    assertThat(squads).hasSize(2);
    assertThat(squads.get(0))
        .isEqualTo(
            new InternalSquad("9a6f2b8e-1c3d-4e5f-8a7b-6c5d4e3f2a1b", "Default-Squad", 1, 120, 2));
    assertThat(take().getUrl().encodedPath()).isEqualTo("/api/internal-squads");

    List<HwidDevice> devices = panel.hwidDevices("1042");
    assertThat(devices)
        .extracting(HwidDevice::hwid)
        .containsExactly("a1b2c3d4e5f6", "ffeeddccbbaa");
    assertThat(devices.get(0).userId()).isEqualTo("1042");
    assertThat(devices.get(0).platform()).hasValue("android");
    assertThat(devices.get(1).osVersion()).isEmpty();
    assertThat(take().getUrl().encodedPath()).isEqualTo("/api/hwid/devices/1042");

    panel.deleteHwidDevice("1042", "a1b2c3d4e5f6");
    RecordedRequest del = take();
    assertThat(del.getMethod()).isEqualTo("POST");
    assertThat(del.getUrl().encodedPath()).isEqualTo("/api/hwid/devices/delete");
    assertThat(body(del).get("userId").asLong()).isEqualTo(1042);
    assertThat(body(del).get("hwid").asText()).isEqualTo("a1b2c3d4e5f6");

    SystemStats stats = panel.systemStats();
    assertThat(stats.cpuCores()).isEqualTo(4);
    assertThat(stats.memoryTotalBytes()).isEqualTo(8589934592L);
    assertThat(stats.uptime()).isEqualTo(Duration.ofMillis(86400500));
    assertThat(stats.totalUsers()).isEqualTo(150);
    assertThat(stats.statusCounts())
        .containsEntry(UserStatus.ACTIVE, 100L)
        .containsEntry(UserStatus.EXPIRED, 40L)
        .containsEntry(UserStatus.UNKNOWN, 2L);
    assertThat(stats.onlineNow()).isEqualTo(25);
    assertThat(stats.nodesOnline()).isEqualTo(3);
    assertThat(take().getUrl().encodedPath()).isEqualTo("/api/system/stats");

    SubscriptionInfo info = panel.subscriptionInfo("aB3dE5fG7hJ9kL1m").orElseThrow();
    assertThat(info.username()).isEqualTo("tg_123456789");
    assertThat(info.active()).isTrue();
    assertThat(info.status()).isEqualTo(UserStatus.ACTIVE);
    assertThat(info.daysLeft()).isEqualTo(30);
    assertThat(info.expiresAt()).hasValue(Instant.parse("2026-12-25T12:00:00Z"));
    assertThat(info.links()).hasSize(2);
    assertThat(take().getUrl().encodedPath()).isEqualTo("/api/sub/aB3dE5fG7hJ9kL1m/info");

    server.enqueue(answer(200, "{\"response\":{\"isFound\":false,\"user\":null,\"links\":[]}}"));
    assertThat(panel.subscriptionInfo("nope")).isEmpty();
  }

  @Test
  void anAnswerWithoutTheEnvelopeIsReadToo() {
    String bare = PanelFixtures.json("3.x/user.json");
    String inner = bare.substring(bare.indexOf(':') + 1, bare.lastIndexOf('}'));
    server.enqueue(answer(200, inner));
    assertRecordedUser(panel.getUser("1042").orElseThrow());
  }

  @Test
  void theTokenNeverAppearsInToStringOrErrors() {
    server.enqueue(answer(401, "{\"message\":\"Unauthorized\",\"statusCode\":401}"));
    PanelException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            PanelException.class, () -> panel.systemStats());
    assertThat(e.kind()).isEqualTo(PanelException.Kind.UNAUTHORIZED);
    assertThat(e.getMessage()).doesNotContain(TOKEN);
    assertThat(panel.toString()).doesNotContain(TOKEN);
    assertThat(Map.of("p", panel).toString()).doesNotContain("secret-token-value");
  }
}
