package io.github.remnawaveshop.core.panel;

import static io.github.remnawaveshop.core.panel.PanelFixtures.answer;
import static io.github.remnawaveshop.core.panel.PanelFixtures.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.remnawaveshop.core.payment.Secret;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Error mapping and the retry policy: what is retried, how long it waits, where it stops. */
class PanelErrorsAndRetriesTest {
  private MockWebServer server;
  private FakeTime time;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
    time = new FakeTime(Instant.parse("2026-11-25T12:00:00Z"));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private RemnawavePanel panel(PanelRetryPolicy policy) {
    return RemnawavePanel.builder()
        .baseUrl(server.url("/").toString())
        .apiToken(Secret.of("t0ken"))
        .retryPolicy(policy)
        .clock(time)
        .sleeper(time)
        .random(new Random(7))
        .build();
  }

  private static MockResponse status(int code) {
    return new MockResponse.Builder().code(code).body("<html>" + code + "</html>").build();
  }

  private static MockResponse dropped() {
    return new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build();
  }

  private static CreateUserRequest create() {
    return CreateUserRequest.builder("tg_1", Instant.parse("2027-01-01T00:00:00Z")).build();
  }

  @Test
  void a019IsAConflictWithCodeStatusAndMessage() {
    server.enqueue(answer(400, PanelFixtures.json("3.x/error-A019.json")));
    PanelException e =
        assertThrows(
            PanelException.class, () -> panel(PanelRetryPolicy.defaults()).createUser(create()));
    assertThat(e.kind()).isEqualTo(PanelException.Kind.CONFLICT);
    assertThat(e.httpStatus()).hasValue(400);
    assertThat(e.errorCode()).hasValue("A019");
    assertThat(e.getMessage()).contains("User username already exists").contains("POST /users");
    assertThat(e.isTransient()).isFalse();
  }

  @Test
  void a063IsNotFoundAndLookupsTurnItIntoEmpty() {
    server.enqueue(answer(404, PanelFixtures.json("3.x/error-A063.json")));
    server.enqueue(answer(404, PanelFixtures.json("3.x/error-A063.json")));
    RemnawavePanel panel = panel(PanelRetryPolicy.defaults());
    assertThat(panel.getUser("999999")).isEmpty();
    PanelException e = assertThrows(PanelException.class, () -> panel.enableUser("999999"));
    assertThat(e.kind()).isEqualTo(PanelException.Kind.NOT_FOUND);
    assertThat(e.errorCode()).hasValue("A063");
  }

  @Test
  void validationErrorsNameTheFieldAndAreNotRetried() {
    server.enqueue(answer(400, PanelFixtures.json("3.x/error-validation.json")));
    PanelException e =
        assertThrows(PanelException.class, () -> panel(PanelRetryPolicy.defaults()).getUser("1"));
    assertThat(e.kind()).isEqualTo(PanelException.Kind.INVALID_REQUEST);
    assertThat(e.errorCode()).isEmpty();
    assertThat(e.getMessage()).contains("username: Username can only contain");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void serverErrorsAndGarbageAreMappedNotLeaked() {
    server.enqueue(
        answer(
            500,
            "{\"timestamp\":\"x\",\"path\":\"/api/users\",\"message\":\"Failed to create user\",\"errorCode\":\"A018\"}"));
    server.enqueue(answer(200, "<html>not json</html>"));
    server.enqueue(answer(200, "{\"response\":{\"username\":\"no-id\"}}"));
    RemnawavePanel panel = panel(PanelRetryPolicy.defaults());
    PanelException a018 = assertThrows(PanelException.class, () -> panel.createUser(create()));
    assertThat(a018.kind()).isEqualTo(PanelException.Kind.SERVER_ERROR);
    assertThat(a018.errorCode()).hasValue("A018");
    PanelException garbage = assertThrows(PanelException.class, () -> panel.getUser("1"));
    assertThat(garbage.kind()).isEqualTo(PanelException.Kind.INVALID_RESPONSE);
    PanelException noId = assertThrows(PanelException.class, () -> panel.getUser("1"));
    assertThat(noId.kind()).isEqualTo(PanelException.Kind.INVALID_RESPONSE);
    assertThat(noId.getMessage()).contains("'id'");
  }

  @Test
  void idempotentCallsRetry503WithExponentialJitteredBackoff() {
    server.enqueue(status(503));
    server.enqueue(status(502));
    server.enqueue(status(504));
    server.enqueue(ok("3.x/user.json"));
    PanelRetryPolicy policy =
        PanelRetryPolicy.builder()
            .maxAttempts(4)
            .initialBackoff(Duration.ofMillis(100))
            .maxBackoff(Duration.ofSeconds(1))
            .jitter(0.5)
            .build();

    assertThat(panel(policy).getUser("1042")).isPresent();

    assertThat(server.getRequestCount()).isEqualTo(4);
    assertThat(time.sleeps).hasSize(3);
    long[] base = {100, 200, 400};
    for (int i = 0; i < 3; i++) {
      assertThat(time.sleeps.get(i).toMillis()).isBetween(base[i] / 2, base[i]);
    }
  }

  @Test
  void retriesStopAtMaxAttemptsWithTheLastFailure() {
    for (int i = 0; i < 5; i++) {
      server.enqueue(status(503));
    }
    PanelRetryPolicy policy = PanelRetryPolicy.builder().maxAttempts(3).jitter(0).build();
    PanelException e = assertThrows(PanelException.class, () -> panel(policy).systemStats());
    assertThat(e.kind()).isEqualTo(PanelException.Kind.UNAVAILABLE);
    assertThat(e.httpStatus()).hasValue(503);
    assertThat(e.isTransient()).isTrue();
    assertThat(server.getRequestCount()).isEqualTo(3);
    assertThat(time.sleeps).containsExactly(Duration.ofMillis(200), Duration.ofMillis(400));
  }

  @Test
  void retriesStopWhenTheTimeBudgetWouldBeExceeded() {
    for (int i = 0; i < 10; i++) {
      server.enqueue(status(503));
    }
    PanelRetryPolicy policy =
        PanelRetryPolicy.builder()
            .maxAttempts(10)
            .initialBackoff(Duration.ofSeconds(1))
            .maxBackoff(Duration.ofSeconds(8))
            .maxElapsed(Duration.ofSeconds(5))
            .jitter(0)
            .build();
    assertThrows(PanelException.class, () -> panel(policy).systemStats());
    // waits 1 s and 2 s (3 s total); the next 4 s would end after 5 s
    assertThat(time.sleeps).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void retryAfterSecondsAndHttpDatesAreHonoured() {
    server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "3").build());
    String date =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(
            time.instant().plusSeconds(3 + 7).atOffset(ZoneOffset.UTC));
    server.enqueue(new MockResponse.Builder().code(503).setHeader("Retry-After", date).build());
    server.enqueue(ok("3.x/system-stats.json"));
    PanelRetryPolicy policy = PanelRetryPolicy.builder().maxElapsed(Duration.ofSeconds(30)).build();

    panel(policy).systemStats();

    assertThat(time.sleeps).containsExactly(Duration.ofSeconds(3), Duration.ofSeconds(7));
  }

  @Test
  void aRetryAfterBeyondTheBudgetGivesUpAtOnce() {
    server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "120").build());
    PanelException e =
        assertThrows(PanelException.class, () -> panel(PanelRetryPolicy.defaults()).systemStats());
    assertThat(e.kind()).isEqualTo(PanelException.Kind.RATE_LIMITED);
    assertThat(time.sleeps).isEmpty();
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void createIsNotRetriedOn503OrALostAnswerButIsOn429() {
    server.enqueue(status(503));
    RemnawavePanel panel = panel(PanelRetryPolicy.defaults());
    PanelException unavailable =
        assertThrows(PanelException.class, () -> panel.createUser(create()));
    assertThat(unavailable.kind()).isEqualTo(PanelException.Kind.UNAVAILABLE);
    assertThat(server.getRequestCount()).isEqualTo(1);

    server.enqueue(dropped());
    PanelException lost = assertThrows(PanelException.class, () -> panel.createUser(create()));
    assertThat(lost.kind()).isEqualTo(PanelException.Kind.UNAVAILABLE);
    assertThat(lost.getMessage()).contains("may have applied it");
    assertThat(server.getRequestCount()).isEqualTo(2);

    server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "1").build());
    server.enqueue(answer(201, PanelFixtures.json("3.x/user.json")));
    assertThat(panel.createUser(create()).id()).isEqualTo("1042");
    assertThat(server.getRequestCount()).isEqualTo(4);
  }

  @Test
  void extendAndRevokeAreNotRetriedButGetsAreAfterADroppedConnection() {
    RemnawavePanel panel = panel(PanelRetryPolicy.defaults());
    server.enqueue(status(502));
    assertThrows(PanelException.class, () -> panel.extendUser("1", 30));
    server.enqueue(status(502));
    assertThrows(PanelException.class, () -> panel.revokeSubscription("1"));
    assertThat(server.getRequestCount()).isEqualTo(2);

    server.enqueue(dropped());
    server.enqueue(ok("3.x/user.json"));
    assertThat(panel.getUser("1042")).isPresent();
    assertThat(server.getRequestCount()).isEqualTo(4);
  }

  @Test
  void connectionRefusedIsRetriedEvenForCreateAndEndsUnavailable() throws Exception {
    MockWebServer dead = new MockWebServer();
    dead.start();
    String url = dead.url("/").toString();
    dead.close();
    RemnawavePanel panel =
        RemnawavePanel.builder()
            .baseUrl(url)
            .apiToken(Secret.of("t0ken"))
            .retryPolicy(PanelRetryPolicy.builder().maxAttempts(3).build())
            .clock(time)
            .sleeper(time)
            .build();
    PanelException e = assertThrows(PanelException.class, () -> panel.createUser(create()));
    assertThat(e.kind()).isEqualTo(PanelException.Kind.UNAVAILABLE);
    assertThat(e.httpStatus()).isEmpty();
    assertThat(e.getCause()).isInstanceOf(java.io.IOException.class);
    assertThat(time.sleeps).hasSize(2);
  }

  @Test
  void aTimeoutIsATimeoutAndTransient() {
    server.enqueue(
        new MockResponse.Builder()
            .headersDelay(2, java.util.concurrent.TimeUnit.SECONDS)
            .body("{}")
            .build());
    RemnawavePanel panel =
        RemnawavePanel.builder()
            .baseUrl(server.url("/").toString())
            .apiToken(Secret.of("t0ken"))
            .readTimeout(Duration.ofMillis(200))
            .retryPolicy(PanelRetryPolicy.none())
            .build();
    PanelException e = assertThrows(PanelException.class, panel::systemStats);
    // issue 15: "the panel is slow" is its own kind, apart from "the panel is down"
    assertThat(e.kind()).isEqualTo(PanelException.Kind.TIMEOUT);
    assertThat(e.isTransient()).isTrue();
  }

  @Test
  void anInterruptedWaitEndsTheCallAndKeepsTheFlag() {
    server.enqueue(status(503));
    RemnawavePanel panel =
        RemnawavePanel.builder()
            .baseUrl(server.url("/").toString())
            .apiToken(Secret.of("t0ken"))
            .sleeper(
                d -> {
                  throw new InterruptedException("stop");
                })
            .build();
    try {
      PanelException e = assertThrows(PanelException.class, panel::systemStats);
      assertThat(e.getMessage()).contains("interrupted");
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void ensureUserSurvivesACreateAnswerItCannotParse() throws Exception {
    // failure mode 1 of the public bots: the panel created the user, the client choked on the
    // answer
    server.enqueue(answer(404, PanelFixtures.json("3.x/error-A063.json")));
    server.enqueue(answer(201, "{\"response\":{\"id\":1042,\"username\":"));
    server.enqueue(ok("3.x/user.json"));
    EnsuredUser result =
        panel(PanelRetryPolicy.defaults())
            .ensureUser(
                CreateUserRequest.builder("tg_123456789", Instant.parse("2026-12-25T12:00:00Z"))
                    .build());
    assertThat(result.user().id()).isEqualTo("1042");
    assertThat(result.created()).isTrue();
    assertThat(server.getRequestCount()).isEqualTo(3);
    server.takeRequest();
    assertThat(server.takeRequest().getMethod()).isEqualTo("POST");
    assertThat(server.takeRequest().getUrl().encodedPath())
        .isEqualTo("/api/users/by-username/tg_123456789");
    assertThat(time.sleeps).isEmpty();
  }
}
