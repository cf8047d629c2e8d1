package io.github.remnawaveshop.payments.paypal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.remnawaveshop.core.payment.Money;
import io.github.remnawaveshop.core.payment.PaymentProviderException;
import io.github.remnawaveshop.testkit.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AccessTokenTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T10:00:00Z"));
  private FakePayPal paypal;
  private PayPalGateway gateway;

  @BeforeEach
  void start() throws Exception {
    paypal = new FakePayPal();
    paypal.route(
        "POST /v2/payments/captures/" + Payloads.CAPTURE_ID + "/refund",
        r ->
            FakePayPal.json(
                201, "{\"id\":\"" + Payloads.REFUND_ID + "\",\"status\":\"COMPLETED\"}"));
    gateway = paypal.gateway(clock).build();
  }

  @AfterEach
  void stop() {
    paypal.close();
  }

  private void call() {
    gateway.refund(Payloads.CAPTURE_ID, Optional.empty(), "refund-" + paypal.requests.size());
  }

  @Test
  void tokenRequestIsClientCredentialsWithBasicAuth() {
    call();
    RecordedRequest token = paypal.requestsTo("/v1/oauth2/token").get(0);
    assertThat(token.getMethod()).isEqualTo("POST");
    String expected =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(
                    (FakePayPal.CLIENT_ID + ":" + FakePayPal.CLIENT_SECRET)
                        .getBytes(StandardCharsets.UTF_8));
    assertThat(token.getHeaders().get("Authorization")).isEqualTo(expected);
    assertThat(token.getHeaders().get("Content-Type"))
        .startsWith("application/x-www-form-urlencoded");
    assertThat(token.getBody().string(StandardCharsets.UTF_8))
        .isEqualTo("grant_type=client_credentials");
    RecordedRequest refund =
        paypal.requestsTo("/v2/payments/captures/" + Payloads.CAPTURE_ID + "/refund").get(0);
    assertThat(refund.getHeaders().get("Authorization")).isEqualTo("Bearer token-1");
  }

  @Test
  void aSecondCallReusesTheTokenAndExpiryRefreshesIt() {
    call();
    clock.advance(Duration.ofMinutes(54)); // token lives 3600 s, refreshed 5 minutes early
    call();
    assertThat(paypal.tokensIssued).hasValue(1);
    assertThat(bearerOf(1)).isEqualTo("Bearer token-1");

    clock.advance(Duration.ofMinutes(1)); // 55 minutes: inside the refresh margin
    call();
    assertThat(paypal.tokensIssued).hasValue(2);
    assertThat(bearerOf(2)).isEqualTo("Bearer token-2");
  }

  @Test
  void shortLivedTokensAreRefreshedHalfWay() {
    paypal.route(
        "POST /v1/oauth2/token",
        r ->
            FakePayPal.json(
                200,
                "{\"access_token\":\"short-"
                    + paypal.tokensIssued.incrementAndGet()
                    + "\",\"expires_in\":120}"));
    call();
    clock.advance(Duration.ofSeconds(59));
    call();
    assertThat(paypal.tokensIssued).hasValue(1);
    clock.advance(Duration.ofSeconds(1));
    call();
    assertThat(paypal.tokensIssued).hasValue(2);
  }

  @Test
  void a401ForgetsTheTokenAndRetriesOnceWithAFreshOne() {
    AtomicInteger refunds = new AtomicInteger();
    paypal.route(
        "POST /v2/payments/captures/" + Payloads.CAPTURE_ID + "/refund",
        r ->
            refunds.incrementAndGet() == 1
                ? FakePayPal.json(
                    401,
                    "{\"error\":\"invalid_token\",\"error_description\":\"Token signature verification failed\"}")
                : FakePayPal.json(201, "{\"id\":\"R2\",\"status\":\"PENDING\"}"));
    assertThat(gateway.refund(Payloads.CAPTURE_ID, Optional.empty(), "k1").status())
        .isEqualTo("PENDING");
    assertThat(paypal.tokensIssued).hasValue(2);
    assertThat(bearerOf(1)).isEqualTo("Bearer token-2");
  }

  @Test
  void badCredentialsSurfaceAsProviderErrorWithoutTheSecret() {
    paypal.route(
        "POST /v1/oauth2/token",
        r ->
            FakePayPal.json(
                401,
                "{\"error\":\"invalid_client\",\"error_description\":\"Client Authentication failed\"}"));
    assertThatThrownBy(this::call)
        .isInstanceOfSatisfying(
            PaymentProviderException.class,
            e -> {
              assertThat(e.httpStatus()).isEqualTo(401);
              assertThat(e.providerCode()).contains("invalid_client");
              assertThat(e.isRetryable()).isFalse();
              assertThat(e.getMessage())
                  .contains("token request")
                  .doesNotContain(FakePayPal.CLIENT_SECRET)
                  .doesNotContain(
                      Base64.getEncoder()
                          .encodeToString(
                              (FakePayPal.CLIENT_ID + ":" + FakePayPal.CLIENT_SECRET)
                                  .getBytes(StandardCharsets.UTF_8)));
            });
  }

  @Test
  void concurrentCallersFetchOnce() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger fetches = new AtomicInteger();
    AccessTokens tokens =
        new AccessTokens(
            () -> {
              fetches.incrementAndGet();
              try {
                release.await(10, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return new AccessTokens.Fetched("shared", Duration.ofHours(9));
            },
            clock);
    List<Thread> threads = new ArrayList<>();
    List<String> got = java.util.Collections.synchronizedList(new ArrayList<>());
    for (int i = 0; i < 8; i++) {
      Thread t = new Thread(() -> got.add(tokens.get()));
      threads.add(t);
      t.start();
    }
    // every thread is parked: one inside the fetch, seven waiting for it
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                threads.stream()
                    .allMatch(
                        t ->
                            t.getState() == Thread.State.WAITING
                                || t.getState() == Thread.State.TIMED_WAITING));
    release.countDown();
    for (Thread t : threads) {
      t.join(10_000);
    }
    assertThat(fetches).hasValue(1);
    assertThat(got).hasSize(8).containsOnly("shared");
  }

  @Test
  void concurrentGatewayCallsShareOneTokenRequest() throws Exception {
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      int n = i;
      Thread t =
          new Thread(
              () ->
                  gateway.refund(Payloads.CAPTURE_ID, Optional.of(Money.of(100, "USD")), "k-" + n));
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      t.join(10_000);
    }
    assertThat(paypal.requestsTo("/v2/payments/captures/" + Payloads.CAPTURE_ID + "/refund"))
        .hasSize(6);
    assertThat(paypal.tokensIssued).hasValue(1);
  }

  private String bearerOf(int index) {
    return paypal
        .requestsTo("/v2/payments/captures/" + Payloads.CAPTURE_ID + "/refund")
        .get(index)
        .getHeaders()
        .get("Authorization");
  }
}
