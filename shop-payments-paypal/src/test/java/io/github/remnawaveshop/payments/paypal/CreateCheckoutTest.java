package io.github.remnawaveshop.payments.paypal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.remnawaveshop.core.payment.Checkout;
import io.github.remnawaveshop.core.payment.CheckoutRequest;
import io.github.remnawaveshop.core.payment.Money;
import io.github.remnawaveshop.core.payment.PaymentProviderException;
import io.github.remnawaveshop.testkit.MutableClock;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Set;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CreateCheckoutTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T10:00:00Z"));
  private FakePayPal paypal;
  private PayPalGateway gateway;

  @BeforeEach
  void start() throws Exception {
    paypal = new FakePayPal();
    paypal.route(
        "POST /v2/checkout/orders",
        r -> FakePayPal.json(201, Payloads.orderCreated(Payloads.ORDER_ID)));
    gateway = paypal.gateway(clock).currencies(Set.of("USD", "JPY", "BHD", "HUF", "EUR")).build();
  }

  @AfterEach
  void stop() {
    paypal.close();
  }

  private static CheckoutRequest.Builder request(Money amount) {
    return CheckoutRequest.builder()
        .orderReference("order-42")
        .amount(amount)
        .description("VPN, 30 days")
        .customerId(777L)
        .idempotencyKey("checkout-order-42-attempt-1");
  }

  private JsonNode lastOrderBody() throws Exception {
    RecordedRequest r =
        paypal
            .requestsTo("/v2/checkout/orders")
            .get(paypal.requestsTo("/v2/checkout/orders").size() - 1);
    return JSON.readTree(r.getBody().string(StandardCharsets.UTF_8));
  }

  @Test
  void createsAnOrderExactlyAsTheSpecSaysAndRedirectsToThePayerActionLink() throws Exception {
    Checkout checkout =
        gateway.createCheckout(
            request(Money.of(999, "USD"))
                .returnUrl(URI.create("https://shop.example/r/42"))
                .cancelUrl(URI.create("https://shop.example/c/42"))
                .build());

    assertThat(checkout.gatewayId()).isEqualTo("paypal");
    assertThat(checkout.orderReference()).isEqualTo("order-42");
    assertThat(checkout.providerReference()).isEqualTo(Payloads.ORDER_ID);
    assertThat(checkout.paymentUrl())
        .contains(
            URI.create("https://www.sandbox.paypal.com/checkoutnow?token=" + Payloads.ORDER_ID));

    RecordedRequest r = paypal.requestsTo("/v2/checkout/orders").get(0);
    assertThat(r.getMethod()).isEqualTo("POST");
    assertThat(r.getHeaders().get("PayPal-Request-Id")).isEqualTo("checkout-order-42-attempt-1");
    assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer token-1");
    assertThat(r.getHeaders().get("Content-Type")).startsWith("application/json");
    JsonNode expected =
        JSON.readTree(
            """
        {"intent":"CAPTURE",
         "purchase_units":[{"reference_id":"order-42","custom_id":"order-42","description":"VPN, 30 days",
                            "amount":{"currency_code":"USD","value":"9.99"}}],
         "payment_source":{"paypal":{"experience_context":{
             "return_url":"https://shop.example/r/42","cancel_url":"https://shop.example/c/42","user_action":"PAY_NOW"}}}}
        """);
    assertThat(lastOrderBody()).isEqualTo(expected);
  }

  @Test
  void amountStringsHaveTheCurrencysMinorDigits() throws Exception {
    gateway.createCheckout(request(Money.of(999, "USD")).build());
    assertThat(lastOrderBody().at("/purchase_units/0/amount"))
        .isEqualTo(JSON.readTree("{\"currency_code\":\"USD\",\"value\":\"9.99\"}"));
    gateway.createCheckout(request(Money.of(500, "JPY")).build());
    assertThat(lastOrderBody().at("/purchase_units/0/amount/value").asText()).isEqualTo("500");
    gateway.createCheckout(request(Money.of(1250, "BHD")).build());
    assertThat(lastOrderBody().at("/purchase_units/0/amount/value").asText()).isEqualTo("1.250");
    gateway.createCheckout(request(Money.of(1, "EUR")).build());
    assertThat(lastOrderBody().at("/purchase_units/0/amount/value").asText()).isEqualTo("0.01");
    // PayPal takes HUF in whole forints although ISO 4217 gives it two decimals
    gateway.createCheckout(request(Money.of(150000, "HUF")).build());
    assertThat(lastOrderBody().at("/purchase_units/0/amount/value").asText()).isEqualTo("1500");
    assertThatThrownBy(() -> gateway.createCheckout(request(Money.of(150050, "HUF")).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("whole units");
  }

  @Test
  void defaultsFillMissingReturnAndCancelUrls() throws Exception {
    gateway.createCheckout(request(Money.of(999, "USD")).build());
    JsonNode context = lastOrderBody().at("/payment_source/paypal/experience_context");
    assertThat(context.path("return_url").asText()).isEqualTo("https://shop.example/paypal/return");
    assertThat(context.path("cancel_url").asText()).isEqualTo("https://shop.example/paypal/cancel");

    PayPalGateway bare =
        PayPalGateway.builder()
            .clientId("id")
            .clientSecret(io.github.remnawaveshop.core.payment.Secret.of("s"))
            .webhookId("w")
            .apiBase(URI.create(paypal.base()))
            .build();
    assertThatThrownBy(() -> bare.createCheckout(request(Money.of(999, "USD")).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("return-url");
  }

  @Test
  void fallsBackToTheApproveLink() {
    paypal.route(
        "POST /v2/checkout/orders",
        r -> FakePayPal.json(201, Payloads.orderCreatedWithApproveLink("ORD2")));
    Checkout checkout = gateway.createCheckout(request(Money.of(999, "USD")).build());
    assertThat(checkout.paymentUrl())
        .contains(URI.create("https://www.sandbox.paypal.com/checkoutnow?token=ORD2"));
  }

  @Test
  void anOrderWithoutABuyerLinkIsAProviderError() {
    paypal.route(
        "POST /v2/checkout/orders",
        r -> FakePayPal.json(201, "{\"id\":\"ORD3\",\"status\":\"CREATED\",\"links\":[]}"));
    assertThatThrownBy(() -> gateway.createCheckout(request(Money.of(999, "USD")).build()))
        .isInstanceOf(PaymentProviderException.class)
        .hasMessageContaining("ORD3")
        .hasMessageContaining("payer-action");
  }

  @Test
  void longIdempotencyKeysAreHashedToFitPayPalsLimit() throws Exception {
    String key = "k".repeat(200);
    gateway.createCheckout(request(Money.of(999, "USD")).idempotencyKey(key).build());
    String sent =
        paypal.requestsTo("/v2/checkout/orders").get(0).getHeaders().get("PayPal-Request-Id");
    String expected =
        "sha256-"
            + HexFormat.of()
                .formatHex(
                    MessageDigest.getInstance("SHA-256")
                        .digest(key.getBytes(StandardCharsets.UTF_8)));
    assertThat(sent).isEqualTo(expected).hasSizeLessThanOrEqualTo(108);
  }

  @Test
  void unsupportedCurrencyIsRefusedBeforeAnyCall() {
    assertThatThrownBy(() -> gateway.createCheckout(request(Money.of(19900, "RUB")).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("RUB")
        .hasMessageContaining("currencies");
    assertThat(paypal.requests).isEmpty();
  }

  @Test
  void payPalErrorsCarryStatusNameAndDebugIdButNoSecret() {
    paypal.route(
        "POST /v2/checkout/orders",
        r ->
            FakePayPal.json(
                422,
                """
        {"name":"UNPROCESSABLE_ENTITY","details":[{"field":"/purchase_units/@reference_id=='order-42'/amount/currency_code",
         "issue":"CURRENCY_NOT_SUPPORTED","description":"Currency code is not supported."}],
         "message":"The requested action could not be performed.","debug_id":"b4dd3d32e6a53"}"""));
    assertThatThrownBy(() -> gateway.createCheckout(request(Money.of(999, "USD")).build()))
        .isInstanceOfSatisfying(
            PaymentProviderException.class,
            e -> {
              assertThat(e.httpStatus()).isEqualTo(422);
              assertThat(e.providerCode()).contains("UNPROCESSABLE_ENTITY");
              assertThat(e.isRetryable()).isFalse();
              assertThat(e.getMessage())
                  .contains("CURRENCY_NOT_SUPPORTED")
                  .contains("b4dd3d32e6a53")
                  .doesNotContain(FakePayPal.CLIENT_SECRET)
                  .doesNotContain("token-1");
            });
  }

  @Test
  void serverErrorsAndUnreachableApiAreRetryable() {
    paypal.route("POST /v2/checkout/orders", r -> FakePayPal.json(503, "<html>busy</html>"));
    assertThatThrownBy(() -> gateway.createCheckout(request(Money.of(999, "USD")).build()))
        .isInstanceOfSatisfying(
            PaymentProviderException.class,
            e -> {
              assertThat(e.httpStatus()).isEqualTo(503);
              assertThat(e.isRetryable()).isTrue();
            });
    paypal.close();
    assertThatThrownBy(() -> gateway.createCheckout(request(Money.of(999, "USD")).build()))
        .isInstanceOfSatisfying(
            PaymentProviderException.class, e -> assertThat(e.httpStatus()).isZero());
  }

  @Test
  void longDescriptionsAreCutToPayPalsLimitAndLongReferencesRefused() throws Exception {
    gateway.createCheckout(request(Money.of(999, "USD")).description("d".repeat(300)).build());
    assertThat(lastOrderBody().at("/purchase_units/0/description").asText()).hasSize(127);
    assertThatThrownBy(
            () ->
                gateway.createCheckout(
                    request(Money.of(999, "USD")).orderReference("r".repeat(128)).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("127");
  }
}
