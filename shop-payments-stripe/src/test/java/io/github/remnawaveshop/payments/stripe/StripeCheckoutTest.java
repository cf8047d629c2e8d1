package io.github.remnawaveshop.payments.stripe;

import static io.github.remnawaveshop.payments.stripe.StripeFixtures.SECRET_KEY;
import static io.github.remnawaveshop.payments.stripe.StripeFixtures.form;
import static io.github.remnawaveshop.payments.stripe.StripeFixtures.formFields;
import static io.github.remnawaveshop.payments.stripe.StripeFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.remnawaveshop.core.payment.Checkout;
import io.github.remnawaveshop.core.payment.CheckoutRequest;
import io.github.remnawaveshop.core.payment.Money;
import io.github.remnawaveshop.core.payment.Secret;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StripeCheckoutTest {
  private static final String SESSION_ANSWER =
      "{\"id\": \"cs_test_a1b2\", \"object\": \"checkout.session\","
          + " \"url\": \"https://checkout.stripe.com/c/pay/cs_test_a1b2#fid\", \"mode\": \"payment\","
          + " \"payment_status\": \"unpaid\", \"status\": \"open\"}";

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

  private static CheckoutRequest.Builder order() {
    return CheckoutRequest.builder()
        .orderReference("order-42")
        .amount(Money.of(999, "USD"))
        .description("VPN, 30 days")
        .customerId(1001)
        .idempotencyKey("checkout-order-42-attempt-1");
  }

  private RecordedRequest take() throws InterruptedException {
    RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(r).as("request reached the mock Stripe").isNotNull();
    return r;
  }

  @Test
  void paymentModeSessionHasExactlyTheDocumentedShape() throws Exception {
    server.enqueue(json(200, SESSION_ANSWER));

    Checkout checkout =
        stripe.createCheckout(order().locale(Locale.forLanguageTag("ru-RU")).build());

    assertThat(checkout.gatewayId()).isEqualTo("stripe");
    assertThat(checkout.orderReference()).isEqualTo("order-42");
    assertThat(checkout.providerReference()).isEqualTo("cs_test_a1b2");
    assertThat(checkout.paymentUrl())
        .contains(URI.create("https://checkout.stripe.com/c/pay/cs_test_a1b2#fid"));

    RecordedRequest r = take();
    assertThat(r.getMethod()).isEqualTo("POST");
    assertThat(r.getUrl().encodedPath()).isEqualTo("/v1/checkout/sessions");
    assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer " + SECRET_KEY);
    assertThat(r.getHeaders().get("Idempotency-Key")).isEqualTo("checkout-order-42-attempt-1");
    assertThat(r.getHeaders().get("Content-Type")).startsWith("application/x-www-form-urlencoded");
    assertThat(r.getHeaders().get("Stripe-Version")).isNull();
    assertThat(formFields(r))
        .containsExactly(
            Map.entry("mode", "payment"),
            Map.entry("line_items[0][price_data][currency]", "usd"),
            Map.entry("line_items[0][price_data][unit_amount]", "999"),
            Map.entry("line_items[0][price_data][product_data][name]", "VPN, 30 days"),
            Map.entry("line_items[0][quantity]", "1"),
            Map.entry("success_url", "https://shop.example/paid?session={CHECKOUT_SESSION_ID}"),
            Map.entry("cancel_url", "https://shop.example/cancelled"),
            Map.entry("client_reference_id", "order-42"),
            Map.entry("metadata[customer_id]", "1001"),
            Map.entry("metadata[order_reference]", "order-42"),
            Map.entry("payment_intent_data[metadata][customer_id]", "1001"),
            Map.entry("payment_intent_data[metadata][order_reference]", "order-42"),
            Map.entry("locale", "ru"));
    // brackets travel literally, the rest is percent-encoded
    assertThat(r.getBody().utf8())
        .startsWith("mode=payment&line_items[0][price_data][currency]=usd&")
        .contains("product_data][name]=VPN%2C+30+days");
  }

  @Test
  void recurringRequestOpensASubscriptionModeSessionWithARecurringPrice() throws Exception {
    server.enqueue(json(200, SESSION_ANSWER));

    stripe.createCheckout(
        order()
            .recurring(true)
            .amount(Money.of(1500, "EUR"))
            .returnUrl(URI.create("https://t.me/shop_bot?start=paid"))
            .metadata(
                Map.of("plan", "monthly", StripeGateway.METADATA_RECURRING_INTERVAL_COUNT, "3"))
            .build());

    RecordedRequest r = take();
    assertThat(r.getHeaders().get("Idempotency-Key")).isEqualTo("checkout-order-42-attempt-1");
    assertThat(formFields(r))
        .containsExactly(
            Map.entry("mode", "subscription"),
            Map.entry("line_items[0][price_data][currency]", "eur"),
            Map.entry("line_items[0][price_data][unit_amount]", "1500"),
            Map.entry("line_items[0][price_data][product_data][name]", "VPN, 30 days"),
            Map.entry("line_items[0][price_data][recurring][interval]", "month"),
            Map.entry("line_items[0][price_data][recurring][interval_count]", "3"),
            Map.entry("line_items[0][quantity]", "1"),
            Map.entry("success_url", "https://t.me/shop_bot?start=paid"),
            Map.entry("cancel_url", "https://shop.example/cancelled"),
            Map.entry("client_reference_id", "order-42"),
            Map.entry("metadata[customer_id]", "1001"),
            Map.entry("metadata[order_reference]", "order-42"),
            Map.entry("metadata[plan]", "monthly"),
            Map.entry("subscription_data[metadata][customer_id]", "1001"),
            Map.entry("subscription_data[metadata][order_reference]", "order-42"),
            Map.entry("subscription_data[metadata][plan]", "monthly"),
            Map.entry("locale", "en"));
  }

  @Test
  void optionalFieldsAndApiVersionAreSentWhenGiven() throws Exception {
    StripeGateway pinned =
        StripeFixtures.gateway(server).apiVersion("2024-06-20").currencies("JPY", "ISK").build();
    server.enqueue(json(200, SESSION_ANSWER));
    server.enqueue(json(200, SESSION_ANSWER));

    pinned.createCheckout(
        order()
            .amount(Money.of(500, "JPY"))
            .customerEmail("buyer@example.com")
            .locale(Locale.forLanguageTag("pt-BR"))
            .build());
    pinned.createCheckout(
        order().amount(Money.of(500, "ISK")).locale(Locale.forLanguageTag("uk")).build());

    RecordedRequest jpy = take();
    assertThat(jpy.getHeaders().get("Stripe-Version")).isEqualTo("2024-06-20");
    assertThat(form(jpy))
        .containsEntry("line_items[0][price_data][unit_amount]", "500")
        .containsEntry("line_items[0][price_data][currency]", "jpy")
        .containsEntry("customer_email", "buyer@example.com")
        .containsEntry("locale", "pt-BR");
    // Stripe keeps ISK two-decimal: 500 kr is 50000
    assertThat(form(take()))
        .containsEntry("line_items[0][price_data][unit_amount]", "50000")
        .containsEntry("locale", "auto");
  }

  @Test
  void unsupportedCurrencyIsRefusedBeforeAnyRequest() {
    assertThatThrownBy(() -> stripe.createCheckout(order().amount(Money.of(19900, "RUB")).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("RUB")
        .hasMessageContaining("currencies");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void aCheckoutNeedsASuccessUrlFromTheRequestOrTheSettings() {
    StripeGateway bare =
        StripeGateway.builder()
            .secretKey(Secret.of(SECRET_KEY))
            .webhookSecret(Secret.of(StripeFixtures.WEBHOOK_SECRET))
            .apiBase(server.url("/").uri())
            .build();
    assertThatThrownBy(() -> bare.createCheckout(order().build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("success-url");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void badPerCheckoutRenewalPeriodIsRefused() {
    assertThatThrownBy(
            () ->
                stripe.createCheckout(
                    order()
                        .recurring(true)
                        .metadata(Map.of(StripeGateway.METADATA_RECURRING_INTERVAL, "fortnight"))
                        .build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("fortnight");
    assertThatThrownBy(
            () ->
                stripe.createCheckout(
                    order()
                        .recurring(true)
                        .metadata(Map.of(StripeGateway.METADATA_RECURRING_INTERVAL_COUNT, "0"))
                        .build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("interval_count");
    assertThat(server.getRequestCount()).isZero();
  }
}
