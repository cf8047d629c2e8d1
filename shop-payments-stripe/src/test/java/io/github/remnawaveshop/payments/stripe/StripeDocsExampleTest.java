package io.github.remnawaveshop.payments.stripe;

import static io.github.remnawaveshop.payments.stripe.StripeFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.remnawaveshop.core.payment.Checkout;
import io.github.remnawaveshop.core.payment.CheckoutRequest;
import io.github.remnawaveshop.core.payment.GatewaySettings;
import io.github.remnawaveshop.core.payment.Money;
import io.github.remnawaveshop.core.payment.Notification;
import io.github.remnawaveshop.core.payment.PaymentEvent;
import io.github.remnawaveshop.core.payment.PaymentGateway;
import io.github.remnawaveshop.core.payment.PaymentGateways;
import io.github.remnawaveshop.core.payment.RecurringCapability;
import io.github.remnawaveshop.core.payment.RefundCapability;
import io.github.remnawaveshop.core.payment.VerifiedNotification;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Keeps the code of docs/payments/stripe.md compiling and true (Stripe played by MockWebServer).
 */
class StripeDocsExampleTest {
  private MockWebServer server;
  private Map<String, String> environment;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
    environment = new HashMap<>();
    environment.put("SHOP_PAYMENTS_STRIPE_SECRET_KEY", StripeFixtures.SECRET_KEY);
    environment.put("SHOP_PAYMENTS_STRIPE_WEBHOOK_SECRET", StripeFixtures.WEBHOOK_SECRET);
    environment.put("SHOP_PAYMENTS_STRIPE_SUCCESS_URL", "https://t.me/my_shop_bot?start=paid");
    environment.put("SHOP_PAYMENTS_STRIPE_CURRENCIES", "USD,EUR");
    environment.put("SHOP_PAYMENTS_STRIPE_API_BASE", server.url("/").toString());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void discoverCheckoutVerifyRefund() {
    server.enqueue(
        json(
            200,
            "{\"id\": \"cs_test_doc\", \"url\": \"https://checkout.stripe.com/c/pay/cs_test_doc\"}"));
    server.enqueue(json(200, "{\"id\": \"re_doc\", \"status\": \"succeeded\"}"));
    Map<String, String> env = environment; // System.getenv() in a real bot

    // --- docs: discovery
    PaymentGateways gateways =
        PaymentGateways.builder().discover(id -> GatewaySettings.fromEnvironment(id, env)).build();
    PaymentGateway stripe = gateways.get("stripe").orElseThrow();
    // --- end

    // --- docs: checkout
    Checkout checkout =
        stripe.createCheckout(
            CheckoutRequest.builder()
                .orderReference("order-42")
                .amount(Money.of(499, "USD")) // $4.99
                .description("VPN, 30 days")
                .customerId(123456789L) // Telegram user id
                .idempotencyKey("order-42-checkout-1") // reuse it when retrying this same checkout
                .build());
    String payUrl = checkout.paymentUrl().orElseThrow().toString(); // send this to the buyer
    // --- end
    assertThat(payUrl).isEqualTo("https://checkout.stripe.com/c/pay/cs_test_doc");

    String rawBody =
        StripeFixtures.event(
            "evt_doc", "checkout.session.completed", StripeFixtures.paymentSession("paid"));
    long t = System.currentTimeMillis() / 1000;
    String signatureHeader =
        "t=" + t + ",v1=" + StripeFixtures.sign(StripeFixtures.WEBHOOK_SECRET, t, rawBody);
    byte[] rawBodyBytes = rawBody.getBytes(java.nio.charset.StandardCharsets.UTF_8);

    // --- docs: webhook
    Notification notification =
        new Notification(
            "POST",
            Map.of("Stripe-Signature", List.of(signatureHeader)),
            "",
            rawBodyBytes); // the raw bytes, unparsed
    VerifiedNotification verified =
        stripe.verify(notification); // throws PaymentVerificationException → 400
    verified
        .event()
        .ifPresent(
            event -> {
              // hand the event to the core, which credits once per (gateway, externalPaymentId)
            });
    // answer verified.reply().status() (200) with verified.reply().body()
    // --- end
    PaymentEvent event = verified.event().orElseThrow();
    assertThat(event.externalPaymentId()).isEqualTo("pi_3Test");
    assertThat(verified.reply().status()).isEqualTo(200);

    // --- docs: refund
    RefundCapability refunds = stripe.capability(RefundCapability.class).orElseThrow();
    RefundCapability.RefundResult refund =
        refunds.refund(
            event.externalPaymentId(),
            Optional.empty(), // everything; or Optional.of(Money.of(199, "USD"))
            "refund-order-42-1");
    // --- end
    assertThat(refund.refundId()).isEqualTo("re_doc");
    assertThat(stripe.capability(RecurringCapability.class)).isPresent();
  }
}
