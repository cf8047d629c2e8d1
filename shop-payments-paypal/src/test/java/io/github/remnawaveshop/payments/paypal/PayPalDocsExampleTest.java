package io.github.remnawaveshop.payments.paypal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.remnawaveshop.core.payment.Checkout;
import io.github.remnawaveshop.core.payment.CheckoutRequest;
import io.github.remnawaveshop.core.payment.GatewaySettings;
import io.github.remnawaveshop.core.payment.Money;
import io.github.remnawaveshop.core.payment.Notification;
import io.github.remnawaveshop.core.payment.PaymentGateway;
import io.github.remnawaveshop.core.payment.PaymentGateways;
import io.github.remnawaveshop.core.payment.RefundCapability;
import io.github.remnawaveshop.core.payment.Secret;
import io.github.remnawaveshop.core.payment.VerifiedNotification;
import io.github.remnawaveshop.testkit.MutableClock;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The code of docs/payments/paypal.md, compiled and run against the fake PayPal. */
class PayPalDocsExampleTest {

  @Test
  void settingsExample() {
    // --- docs: settings
    Properties properties = new Properties();
    properties.setProperty("shop.payments.paypal.client-id", "AXyourClientId");
    properties.setProperty("shop.payments.paypal.client-secret", "EPyourClientSecret");
    properties.setProperty("shop.payments.paypal.webhook-id", "8PT597110X687430LKGECATA");
    properties.setProperty("shop.payments.paypal.environment", "sandbox");
    properties.setProperty("shop.payments.paypal.return-url", "https://t.me/my_shop_bot");

    PaymentGateways gateways =
        PaymentGateways.builder()
            .discover(id -> GatewaySettings.fromProperties(id, properties))
            .build();
    PaymentGateway paypal = gateways.get("paypal").orElseThrow();
    // --- end
    assertThat(paypal.id()).isEqualTo("paypal");
  }

  @Test
  void builderCheckoutWebhookAndRefundExample() throws Exception {
    try (FakePayPal fake = new FakePayPal()) {
      fake.route(
          "POST /v2/checkout/orders",
          r -> FakePayPal.json(201, Payloads.orderCreated(Payloads.ORDER_ID)));
      fake.route(
          "POST /v1/notifications/verify-webhook-signature",
          r -> FakePayPal.json(200, "{\"verification_status\":\"SUCCESS\"}"));
      fake.route(
          "POST /v2/payments/captures/" + Payloads.CAPTURE_ID + "/refund",
          r ->
              FakePayPal.json(
                  201, "{\"id\":\"" + Payloads.REFUND_ID + "\",\"status\":\"COMPLETED\"}"));
      MutableClock clock = new MutableClock(Instant.parse("2026-06-01T10:00:05Z"));
      String clientSecret = FakePayPal.CLIENT_SECRET;
      Map<String, String> headers =
          Map.of(
              "PAYPAL-AUTH-ALGO",
              "SHA256withRSA",
              "PAYPAL-CERT-URL",
              "https://api.sandbox.paypal.com/v1/notifications/certs/CERT-1",
              "PAYPAL-TRANSMISSION-ID",
              "69cd13f0-d67a-11e5-baa3-778b53f4ae55",
              "PAYPAL-TRANSMISSION-SIG",
              "c2lnbmF0dXJl",
              "PAYPAL-TRANSMISSION-TIME",
              "2026-06-01T10:00:03Z");
      byte[] rawBody =
          Payloads.captureCompleted("WH-DOC-1", Payloads.CAPTURE_ID, "order-42", "9.99", "USD")
              .getBytes(java.nio.charset.StandardCharsets.UTF_8);

      // --- docs: builder
      PayPalGateway paypal =
          PayPalGateway.builder()
              .clientId("AXyourClientId")
              .clientSecret(Secret.of(clientSecret))
              .webhookId("8PT597110X687430LKGECATA")
              .environment(PayPalEnvironment.SANDBOX)
              .verification(PayPalVerification.ONLINE)
              .defaultReturnUrl(URI.create("https://t.me/my_shop_bot"))
              .clock(clock)
              .apiBase(URI.create(fake.base())) // only to point it at the test's fake PayPal
              .build();
      // --- end

      // --- docs: checkout
      Checkout checkout =
          paypal.createCheckout(
              CheckoutRequest.builder()
                  .orderReference("order-42")
                  .amount(Money.of(999, "USD")) // 9.99 USD
                  .description("VPN, 30 days")
                  .customerId(123456789L)
                  .idempotencyKey("order-42-attempt-1") // sent as PayPal-Request-Id
                  .build());
      URI sendTheBuyerHere = checkout.paymentUrl().orElseThrow(); // the order's payer-action link
      // --- end

      // --- docs: webhook
      Notification notification =
          Notification.post(headers, rawBody); // headers and the RAW body bytes
      VerifiedNotification verified = paypal.verify(notification);
      verified
          .event()
          .ifPresent(
              event -> {
                // hand it to the core, which credits once per (paypal, externalPaymentId = capture
                // id)
              });
      // answer PayPal with verified.reply().status()
      // --- end

      // --- docs: refund
      RefundCapability refunds = paypal.capability(RefundCapability.class).orElseThrow();
      RefundCapability.RefundResult refund =
          refunds.refund(
              verified.event().orElseThrow().externalPaymentId(), // the capture id
              Optional.of(Money.of(400, "USD")), // or Optional.empty() for all of it
              "refund-order-42-1"); // sent as PayPal-Request-Id
      // --- end

      assertThat(sendTheBuyerHere.toString()).contains(Payloads.ORDER_ID);
      assertThat(verified.event()).isPresent();
      assertThat(refund.refundId()).isEqualTo(Payloads.REFUND_ID);
      assertThat(List.of(refund.status())).containsExactly("COMPLETED");
    }
  }
}
