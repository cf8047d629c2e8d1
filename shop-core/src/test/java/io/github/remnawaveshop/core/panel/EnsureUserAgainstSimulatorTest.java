package io.github.remnawaveshop.core.panel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.remnawaveshop.core.payment.Secret;
import io.github.remnawaveshop.testkit.panel.RemnawavePanelSimulator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code ensureUser} and the rest of the client against the panel simulator over real HTTP,
 * including the lost-answer failure the public bots hit.
 */
class EnsureUserAgainstSimulatorTest {
  private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

  private FakeTime time;
  private RemnawavePanelSimulator sim;
  private MockWebServer server;
  private RemnawavePanel panel;

  @BeforeEach
  void start() throws Exception {
    time = new FakeTime(NOW);
    sim =
        RemnawavePanelSimulator.builder()
            .apiToken("sim-token")
            .clock(time)
            .maxStreamPageSize(2)
            .build();
    server = new MockWebServer();
    server.setDispatcher(sim);
    server.start();
    panel =
        RemnawavePanel.builder()
            .baseUrl(server.url("/").toString())
            .apiToken(Secret.of("sim-token"))
            .clock(time)
            .sleeper(time)
            .build();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static CreateUserRequest request(String username, long telegramId) {
    return CreateUserRequest.builder(username, NOW.plus(Duration.ofDays(30)))
        .telegramId(telegramId)
        .build();
  }

  @Test
  void createsOnceAndThenFindsTheSameUser() {
    EnsuredUser first = panel.ensureUser(request("tg_100", 100));
    EnsuredUser again = panel.ensureUser(request("tg_100", 100));
    assertThat(first.created()).isTrue();
    assertThat(again.created()).isFalse();
    assertThat(again.user().id()).isEqualTo(first.user().id());
    assertThat(sim.usersCreated()).isEqualTo(1);
  }

  @Test
  void aLostCreateAnswerIsRecoveredWithoutADuplicateOrAnError() {
    sim.loseResponseNext("POST /api/users", 1);

    EnsuredUser result = panel.ensureUser(request("tg_200", 200));

    assertThat(result.user().username()).isEqualTo("tg_200");
    assertThat(result.created()).isTrue();
    assertThat(sim.usersCreated()).as("provisioned once").isEqualTo(1);
    assertThat(sim.userCount()).isEqualTo(1);
    assertThat(sim.requestCount("POST /api/users")).isEqualTo(1);
  }

  @Test
  void theNaiveRetryAfterALostAnswerFailsWithA019WhichIsWhatEnsureUserAvoids() {
    sim.loseResponseNext("POST /api/users", 1);
    PanelException lost =
        assertThrows(PanelException.class, () -> panel.createUser(request("tg_300", 300)));
    assertThat(lost.kind()).isEqualTo(PanelException.Kind.UNAVAILABLE);
    PanelException retry =
        assertThrows(PanelException.class, () -> panel.createUser(request("tg_300", 300)));
    assertThat(retry.kind()).isEqualTo(PanelException.Kind.CONFLICT);
    assertThat(retry.errorCode()).hasValue("A019");

    // ensureUser after the same mess returns the user
    assertThat(panel.ensureUser(request("tg_300", 300)).user().username()).isEqualTo("tg_300");
    assertThat(sim.usersCreated()).isEqualTo(1);
  }

  @Test
  void a019BecauseSomeoneElseCreatedItMeanwhileReturnsTheExistingUser() {
    // the first lookup fails over (503 x many is retried), so make the lookup miss, then a
    // concurrent creator wins: simulate by letting the lookup see nothing and creating before POST
    sim.failNext("GET /api/users/by-username/tg_400", 1, 404);
    sim.putUser("tg_400", NOW.plus(Duration.ofDays(5)), 400L);
    EnsuredUser result = panel.ensureUser(request("tg_400", 400));
    assertThat(result.created()).isFalse();
    assertThat(result.user().expireAt()).isEqualTo(NOW.plus(Duration.ofDays(5)));
    assertThat(sim.userCount()).isEqualTo(1);
  }

  @Test
  void createFailingWith503IsRetriedByEnsureUserAfterCheckingThePanel() {
    sim.failNext("POST /api/users", 2, 503);
    EnsuredUser result = panel.ensureUser(request("tg_500", 500));
    assertThat(result.created()).isTrue();
    assertThat(sim.requestCount("POST /api/users")).isEqualTo(3);
    assertThat(sim.usersCreated()).isEqualTo(1);
    assertThat(time.sleeps).hasSize(2);
  }

  @Test
  void ensureUserGivesUpWithinTheRetryPolicy() {
    sim.failNext("POST /api/users", 50, 503);
    PanelException e =
        assertThrows(PanelException.class, () -> panel.ensureUser(request("tg_600", 600)));
    assertThat(e.kind()).isEqualTo(PanelException.Kind.UNAVAILABLE);
    assertThat(sim.requestCount("POST /api/users"))
        .isEqualTo(PanelRetryPolicy.defaults().maxAttempts());
    assertThat(sim.userCount()).isZero();
  }

  @Test
  void ensureUserByTelegramIdReturnsTheOldestUserWhateverItsName() {
    sim.putUser("tg_700_old", NOW.plus(Duration.ofDays(1)), 700L);
    time.advance(Duration.ofMinutes(1));
    sim.putUser("tg_700_new", NOW.plus(Duration.ofDays(2)), 700L);
    sim.putUser("other", NOW.plus(Duration.ofDays(2)), 701L);
    EnsuredUser found = panel.ensureUserByTelegramId(request("tg_700_retry", 700));
    assertThat(found.created()).isFalse();
    assertThat(found.user().username()).isEqualTo("tg_700_old");

    EnsuredUser created = panel.ensureUserByTelegramId(request("tg_800", 800));
    assertThat(created.created()).isTrue();
    assertThrows(
        IllegalArgumentException.class,
        () -> panel.ensureUserByTelegramId(CreateUserRequest.builder("x_y_z", NOW).build()));
  }

  @Test
  void streamPagingAgainstTheSimulatorFindsEveryUserOfATelegramId() {
    for (int i = 0; i < 5; i++) {
      sim.putUser("tg_900_" + i, NOW.plus(Duration.ofDays(1)), 900L);
      sim.putUser("noise_" + i, NOW.plus(Duration.ofDays(1)), 901L);
    }
    List<PanelUser> users = panel.findByTelegramId(900);
    assertThat(users)
        .extracting(PanelUser::username)
        .containsExactlyInAnyOrder("tg_900_0", "tg_900_1", "tg_900_2", "tg_900_3", "tg_900_4");
    assertThat(sim.requestCount("GET /api/users/stream")).isEqualTo(3);
    assertThat(panel.findByTelegramId(12345)).isEmpty();
  }

  @Test
  void everyOperationRoundTripsThroughTheSimulator() {
    String squad = sim.internalSquadUuids().get(0);
    PanelUser user =
        panel.createUser(
            CreateUserRequest.builder("tg_1000", NOW.plus(Duration.ofDays(10)))
                .telegramId(1000)
                .tag("SHOP")
                .activeInternalSquads(List.of(squad))
                .build());
    assertThat(user.activeInternalSquads()).containsExactly(squad);
    assertThat(panel.internalSquads().get(0).membersCount()).isEqualTo(1);
    assertThat(panel.getUser(user.id())).contains(user);
    assertThat(panel.findByShortUuid(user.shortUuid())).contains(user);

    assertThat(panel.disableUser(user.id()).status()).isEqualTo(UserStatus.DISABLED);
    assertThat(panel.enableUser(user.id()).status()).isEqualTo(UserStatus.ACTIVE);
    assertThat(panel.extendUser(user.id(), 5).expireAt()).isEqualTo(NOW.plus(Duration.ofDays(15)));
    PanelUser revoked = panel.revokeSubscription(user.id());
    assertThat(revoked.shortUuid()).isNotEqualTo(user.shortUuid());
    assertThat(revoked.subRevokedAt()).hasValue(NOW);
    assertThat(panel.resetTraffic(user.id()).lastTrafficResetAt()).hasValue(NOW);

    PanelUser updated =
        panel.updateUser(
            UpdateUserRequest.byId(user.id())
                .expireAt(NOW.plus(Duration.ofDays(40)))
                .trafficLimitBytes(1024)
                .trafficLimitStrategy(TrafficLimitStrategy.WEEK)
                .build());
    assertThat(updated.expireAt()).isEqualTo(NOW.plus(Duration.ofDays(40)));
    assertThat(updated.trafficLimitStrategy()).isEqualTo(TrafficLimitStrategy.WEEK);

    PanelException past =
        assertThrows(
            PanelException.class,
            () ->
                panel.updateUser(
                    UpdateUserRequest.byId(user.id()).expireAt(NOW.minusSeconds(1)).build()));
    assertThat(past.kind()).isEqualTo(PanelException.Kind.INVALID_REQUEST);
    assertThat(past.getMessage()).contains("expireAt");

    sim.addHwidDevice(Long.parseLong(user.id()), "hw-1", "android");
    sim.addHwidDevice(Long.parseLong(user.id()), "hw-2", "ios");
    assertThat(panel.hwidDevices(user.id()))
        .extracting(HwidDevice::hwid)
        .containsExactly("hw-1", "hw-2");
    assertThat(panel.deleteHwidDevice(user.id(), "hw-1"))
        .extracting(HwidDevice::hwid)
        .containsExactly("hw-2");

    assertThat(panel.subscriptionInfo(revoked.shortUuid()).orElseThrow().username())
        .isEqualTo("tg_1000");
    assertThat(panel.subscriptionInfo("unknown-short")).isEmpty();
    SystemStats stats = panel.systemStats();
    assertThat(stats.totalUsers()).isEqualTo(1);
    assertThat(stats.statusCounts()).containsEntry(UserStatus.ACTIVE, 1L);

    time.advance(Duration.ofDays(41));
    assertThat(panel.getUser(user.id()).orElseThrow().status()).isEqualTo(UserStatus.EXPIRED);

    assertThat(panel.deleteUser(user.id())).isTrue();
    assertThat(panel.deleteUser(user.id())).isFalse();
    assertThat(panel.getUser(user.id())).isEmpty();
  }

  @Test
  void withoutProxyHeadersTheSimulatedPanelDropsTheRequest() {
    RemnawavePanel noProxy =
        RemnawavePanel.builder()
            .baseUrl(server.url("/").toString())
            .apiToken(Secret.of("sim-token"))
            .proxyHeaders(false)
            .retryPolicy(PanelRetryPolicy.none())
            .build();
    PanelException e = assertThrows(PanelException.class, noProxy::systemStats);
    assertThat(e.kind()).isEqualTo(PanelException.Kind.UNAVAILABLE);
    assertThat(sim.rejectedForProxyHeaders()).isEqualTo(1);
  }

  @Test
  void aWrongTokenIsUnauthorized() {
    RemnawavePanel wrong =
        RemnawavePanel.builder()
            .baseUrl(server.url("/").toString())
            .apiToken(Secret.of("nope"))
            .build();
    PanelException e = assertThrows(PanelException.class, wrong::internalSquads);
    assertThat(e.kind()).isEqualTo(PanelException.Kind.UNAUTHORIZED);
    assertThat(sim.rejectedForAuth()).isEqualTo(1);
  }
}
