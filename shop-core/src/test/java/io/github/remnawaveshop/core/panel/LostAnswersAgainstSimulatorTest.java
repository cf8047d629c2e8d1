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
 * Issue 15: what the client makes of lost answers, equal creation times and slow answers, against
 * the panel simulator taught the 3.x behaviours (numeric ids with settable {@code createdAt},
 * A029/A030 on repeated actions, an action applied with its answer dropped).
 */
class LostAnswersAgainstSimulatorTest {
  private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

  private FakeTime time;
  private RemnawavePanelSimulator sim;
  private MockWebServer server;
  private RemnawavePanel panel;

  @BeforeEach
  void start() throws Exception {
    time = new FakeTime(NOW);
    sim = RemnawavePanelSimulator.builder().apiToken("sim-token").clock(time).build();
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

  private String userId(String username) {
    return sim.user(username).orElseThrow().get("id").asText();
  }

  @Test
  void equalCreationTimesAreOrderedByNumericIdSoTheOldestUserIsPicked() {
    Instant imported = NOW.minus(Duration.ofDays(100));
    for (int i = 1; i <= 8; i++) {
      sim.putUser("filler_" + i, NOW.plus(Duration.ofDays(1)), null);
    }
    sim.putUser("tg_777_a", NOW.plus(Duration.ofDays(30)), 777L, imported); // id 9
    sim.putUser("tg_777_b", NOW.plus(Duration.ofDays(30)), 777L, imported); // id 10
    assertThat(userId("tg_777_a")).isEqualTo("9");
    assertThat(userId("tg_777_b")).isEqualTo("10");

    List<PanelUser> found = panel.findByTelegramId(777);
    assertThat(found).extracting(PanelUser::id).containsExactly("9", "10");

    EnsuredUser ensured =
        panel.ensureUserByTelegramId(
            CreateUserRequest.builder("tg_777", NOW.plus(Duration.ofDays(30)))
                .telegramId(777)
                .build());
    assertThat(ensured.created()).isFalse();
    assertThat(ensured.user().id()).isEqualTo("9");
  }

  @Test
  void aDisableAppliedWithItsAnswerLostIsASuccess() {
    sim.putUser("tg_1", NOW.plus(Duration.ofDays(30)), 1L);
    sim.loseResponseNext("POST /api/users/[0-9]+/actions/disable", 1);

    PanelUser user = panel.disableUser(userId("tg_1"));

    assertThat(user.status()).isEqualTo(UserStatus.DISABLED);
    assertThat(sim.requestCount("POST /api/users/[0-9]+/actions/disable")).isEqualTo(2);
  }

  @Test
  void anEnableAppliedWithItsAnswerLostIsASuccess() {
    sim.putUser("tg_2", NOW.plus(Duration.ofDays(30)), 2L);
    sim.setUserField("tg_2", "status", "DISABLED");
    sim.loseResponseNext("POST /api/users/[0-9]+/actions/enable", 1);

    PanelUser user = panel.enableUser(userId("tg_2"));

    assertThat(user.status()).isEqualTo(UserStatus.ACTIVE);
    assertThat(sim.requestCount("POST /api/users/[0-9]+/actions/enable")).isEqualTo(2);
  }

  @Test
  void onAFirstAttemptAnAlreadyDisabledOrEnabledUserIsItsOwnKind() {
    sim.putUser("tg_3", NOW.plus(Duration.ofDays(30)), 3L);
    String id = userId("tg_3");

    PanelException enabled = assertThrows(PanelException.class, () -> panel.enableUser(id));
    assertThat(enabled.kind()).isEqualTo(PanelException.Kind.ALREADY_IN_STATE);
    assertThat(enabled.errorCode()).hasValue("A030");

    panel.disableUser(id);
    PanelException disabled = assertThrows(PanelException.class, () -> panel.disableUser(id));
    assertThat(disabled.kind()).isEqualTo(PanelException.Kind.ALREADY_IN_STATE);
    assertThat(disabled.errorCode()).hasValue("A029");
  }

  @Test
  void aDeleteAppliedWithItsAnswerLostReportsDeleted() {
    sim.putUser("tg_4", NOW.plus(Duration.ofDays(30)), 4L);
    String id = userId("tg_4");
    sim.loseResponseNext("DELETE /api/users/[0-9]+", 1);

    assertThat(panel.deleteUser(id)).as("deleted by this call").isTrue();
    assertThat(sim.userCount()).isZero();
    assertThat(panel.deleteUser(id)).as("already gone before this call").isFalse();
  }

  @Test
  void aReadTimeoutIsATimeoutNotUnavailable() {
    sim.putUser("tg_5", NOW.plus(Duration.ofDays(30)), 5L);
    sim.delayNext("GET /api/users/by-username/.*", 1, Duration.ofSeconds(2));
    RemnawavePanel impatient =
        RemnawavePanel.builder()
            .baseUrl(server.url("/").toString())
            .apiToken(Secret.of("sim-token"))
            .readTimeout(Duration.ofMillis(200))
            .retryPolicy(PanelRetryPolicy.none())
            .build();

    PanelException e = assertThrows(PanelException.class, () -> impatient.findByUsername("tg_5"));

    assertThat(e.kind()).isEqualTo(PanelException.Kind.TIMEOUT);
    assertThat(e.isTransient()).isTrue();
  }
}
