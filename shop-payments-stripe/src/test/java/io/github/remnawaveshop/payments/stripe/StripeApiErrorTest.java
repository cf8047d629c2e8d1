package io.github.remnawaveshop.payments.stripe;

import static io.github.remnawaveshop.payments.stripe.StripeFixtures.SECRET_KEY;
import static io.github.remnawaveshop.payments.stripe.StripeFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.remnawaveshop.core.payment.CheckoutRequest;
import io.github.remnawaveshop.core.payment.Money;
import io.github.remnawaveshop.core.payment.PaymentProviderException;
import java.net.ServerSocket;
import java.net.URI;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StripeApiErrorTest {
  private MockWebServer server;
  private StripeGateway stripe;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
    stripe = StripeFixtures.gateway(server).build();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static CheckoutRequest order() {
    return CheckoutRequest.builder()
        .orderReference("order-1")
        .amount(Money.of(999, "USD"))
        .description("VPN")
        .customerId(7)
        .idempotencyKey("idem-1")
        .build();
  }

  private PaymentProviderException failure() {
    return catchThrowableOfType(
        PaymentProviderException.class, () -> stripe.createCheckout(order()));
  }

  @Test
  void stripeErrorBodyBecomesStatusCodeAndMessage() {
    server.enqueue(
        json(
            400,
            "{\"error\": {\"type\": \"invalid_request_error\", \"code\": \"parameter_missing\","
                + " \"param\": \"line_items[0][price_data][currency]\", \"message\": \"Missing required param: "
                + "line_items[0][price_data][currency].\", \"request_log_url\": \"https://dashboard.stripe.com/test/logs/req_x\"}}"));

    PaymentProviderException e = failure();

    assertThat(e.httpStatus()).isEqualTo(400);
    assertThat(e.providerCode()).contains("parameter_missing");
    assertThat(e.isRetryable()).isFalse();
    assertThat(e.getMessage())
        .contains(
            "POST /v1/checkout/sessions",
            "invalid_request_error/parameter_missing",
            "Missing required param");
  }

  @Test
  void cardErrorWithoutCodeFallsBackToTheType() {
    server.enqueue(
        json(
            402,
            "{\"error\": {\"type\": \"card_error\", \"decline_code\": \"insufficient_funds\","
                + " \"message\": \"Your card has insufficient funds.\"}}"));

    PaymentProviderException e = failure();

    assertThat(e.httpStatus()).isEqualTo(402);
    assertThat(e.providerCode()).contains("card_error");
    assertThat(e.getMessage()).contains("insufficient_funds");
  }

  @Test
  void theKeyNeverAppearsEvenWhenStripeEchoesIt() {
    server.enqueue(
        json(
            401,
            "{\"error\": {\"type\": \"invalid_request_error\", \"code\": \"api_key_invalid\","
                + " \"message\": \"Invalid API Key provided: "
                + SECRET_KEY
                + " (also sk_live_OtherKey123 and whsec_abc)\"}}"));

    PaymentProviderException e = failure();

    assertThat(e.httpStatus()).isEqualTo(401);
    assertThat(e.providerCode()).contains("api_key_invalid");
    assertThat(e.getMessage())
        .doesNotContain(SECRET_KEY)
        .doesNotContain("sk_live_OtherKey123")
        .doesNotContain("whsec_abc")
        .contains("[redacted]");
    assertThat(stripe.toString())
        .doesNotContain(SECRET_KEY)
        .doesNotContain(StripeFixtures.WEBHOOK_SECRET);
  }

  @Test
  void serverErrorsWithoutAStripeBodyAreRetryable() {
    server.enqueue(new MockResponse.Builder().code(503).body("<html>upstream down</html>").build());
    server.enqueue(
        json(
            429,
            "{\"error\": {\"type\": \"invalid_request_error\", \"code\": \"rate_limit\","
                + " \"message\": \"Too many requests\"}}"));

    PaymentProviderException unavailable = failure();
    PaymentProviderException limited = failure();

    assertThat(unavailable.httpStatus()).isEqualTo(503);
    assertThat(unavailable.providerCode()).isEmpty();
    assertThat(unavailable.isRetryable()).isTrue();
    assertThat(limited.httpStatus()).isEqualTo(429);
    assertThat(limited.isRetryable()).isTrue();
  }

  @Test
  void successWithoutIdOrUrlIsAnUnexpectedAnswer() {
    server.enqueue(
        json(200, "{\"id\": \"cs_test_x\", \"object\": \"checkout.session\", \"url\": null}"));
    server.enqueue(json(200, "not json"));

    assertThat(failure().getMessage()).contains("cs_test_x has no url");
    assertThat(failure().getMessage()).contains("not a JSON object");
  }

  @Test
  void unreachableStripeIsStatusZeroAndRetryable() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    StripeGateway offline =
        StripeFixtures.gateway(server)
            .apiBase(URI.create("http://127.0.0.1:" + closedPort))
            .build();

    PaymentProviderException e =
        catchThrowableOfType(PaymentProviderException.class, () -> offline.createCheckout(order()));

    assertThat(e.httpStatus()).isZero();
    assertThat(e.isRetryable()).isTrue();
    assertThat(e.getMessage()).contains("could not be reached").doesNotContain(SECRET_KEY);
  }
}
