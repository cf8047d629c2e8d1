package io.github.remnawaveshop.payments.stripe;

import static io.github.remnawaveshop.payments.stripe.StripeFixtures.SECRET_KEY;
import static io.github.remnawaveshop.payments.stripe.StripeFixtures.WEBHOOK_SECRET;
import static io.github.remnawaveshop.payments.stripe.StripeFixtures.sign;

import io.github.remnawaveshop.core.payment.CheckoutRequest;
import io.github.remnawaveshop.core.payment.GatewaySettings;
import io.github.remnawaveshop.core.payment.Notification;
import io.github.remnawaveshop.core.payment.PaymentGateway;
import io.github.remnawaveshop.payments.tck.ConformanceContext;
import io.github.remnawaveshop.payments.tck.Notifications;
import io.github.remnawaveshop.payments.tck.PaymentGatewayConformanceTest;
import io.github.remnawaveshop.payments.tck.ProviderIds;
import io.github.remnawaveshop.payments.tck.TckPayment;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Stripe gateway against the shared conformance kit, with Stripe-shaped payloads signed here
 * with javax.crypto.
 */
class StripeConformanceTest extends PaymentGatewayConformanceTest {

  @Override
  protected String gatewayId() {
    return "stripe";
  }

  @Override
  protected GatewaySettings settings(ConformanceContext context) {
    return GatewaySettings.of(
        "stripe",
        Map.of(
            "secret-key",
            SECRET_KEY,
            "webhook-secret",
            WEBHOOK_SECRET,
            "api-base",
            context.baseUrl().toString(),
            "currencies",
            "USD,EUR"));
  }

  @Override
  protected PaymentGateway createGateway(ConformanceContext context) {
    return StripeGateway.builder().settings(settings(context)).clock(context.clock()).build();
  }

  @Override
  protected Set<String> secretValues() {
    return Set.of(SECRET_KEY, WEBHOOK_SECRET);
  }

  private static String body(TckPayment p) {
    String session =
        "{\"id\": \"cs_test_tck"
            + p.number()
            + "\", \"object\": \"checkout.session\","
            + " \"amount_total\": "
            + p.amount().minorUnits()
            + ", \"currency\": \""
            + p.amount().currency().toLowerCase(Locale.ROOT)
            + "\", \"client_reference_id\": \""
            + p.orderReference()
            + "\","
            + " \"metadata\": {\"order_reference\": \""
            + p.orderReference()
            + "\"}, \"mode\": \"payment\","
            + " \"payment_intent\": \"pi_tck"
            + p.number()
            + "\", \"payment_status\": \"paid\", \"status\": \"complete\"}";
    return "{\"id\": \"evt_tck"
        + p.number()
        + "\", \"object\": \"event\", \"api_version\": \"2024-06-20\","
        + " \"created\": "
        + p.occurredAt().getEpochSecond()
        + ", \"data\": {\"object\": "
        + session
        + "},"
        + " \"livemode\": false, \"type\": \"checkout.session.completed\"}";
  }

  private static Notification signedAt(String secret, long t, String body) {
    return StripeFixtures.delivery("t=" + t + ",v1=" + sign(secret, t, body), body);
  }

  @Override
  protected Notification paidNotification(TckPayment payment) {
    return signedAt(WEBHOOK_SECRET, payment.occurredAt().getEpochSecond(), body(payment));
  }

  @Override
  protected Notification tamperedBodyNotification(TckPayment payment) {
    String tampered =
        body(payment)
            .replace("\"amount_total\": " + payment.amount().minorUnits(), "\"amount_total\": 1");
    return Notifications.withBody(paidNotification(payment), tampered);
  }

  @Override
  protected Notification tamperedSignatureNotification(TckPayment payment) {
    long t = payment.occurredAt().getEpochSecond();
    String header =
        "t=" + t + ",v1=" + Notifications.flipLastChar(sign(WEBHOOK_SECRET, t, body(payment)));
    return Notifications.withHeader(paidNotification(payment), "Stripe-Signature", header);
  }

  @Override
  protected Notification unsignedNotification(TckPayment payment) {
    return Notifications.withoutHeader(paidNotification(payment), "Stripe-Signature");
  }

  @Override
  protected Notification wrongSecretNotification(TckPayment payment) {
    return signedAt(
        "whsec_notTheEndpointSecret42", payment.occurredAt().getEpochSecond(), body(payment));
  }

  @Override
  protected Optional<Notification> expiredNotification(TckPayment payment) {
    return Optional.of(
        signedAt(WEBHOOK_SECRET, payment.occurredAt().getEpochSecond() - 3600, body(payment)));
  }

  @Override
  protected ProviderIds expectedIds(TckPayment payment) {
    return new ProviderIds("evt_tck" + payment.number(), "pi_tck" + payment.number());
  }

  @Override
  protected Optional<String> idempotencyHeader() {
    return Optional.of("Idempotency-Key");
  }

  @Override
  protected boolean checkoutCallsProvider() {
    return true;
  }

  @Override
  protected void enqueueCheckoutAnswer(ConformanceContext context, CheckoutRequest request) {
    String id = "cs_test_" + Math.abs(request.orderReference().hashCode());
    context.enqueueJson(
        200,
        "{\"id\": \""
            + id
            + "\", \"object\": \"checkout.session\", \"mode\": \"payment\","
            + " \"url\": \"https://checkout.stripe.com/c/pay/"
            + id
            + "\", \"client_reference_id\": \""
            + request.orderReference()
            + "\", \"payment_status\": \"unpaid\", \"status\": \"open\"}");
  }
}
