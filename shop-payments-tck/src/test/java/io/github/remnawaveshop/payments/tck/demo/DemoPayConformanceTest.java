package io.github.remnawaveshop.payments.tck.demo;

import io.github.remnawaveshop.core.payment.CheckoutRequest;
import io.github.remnawaveshop.core.payment.GatewaySettings;
import io.github.remnawaveshop.core.payment.Notification;
import io.github.remnawaveshop.core.payment.PaymentGateway;
import io.github.remnawaveshop.payments.tck.ConformanceContext;
import io.github.remnawaveshop.payments.tck.Notifications;
import io.github.remnawaveshop.payments.tck.PaymentGatewayConformanceTest;
import io.github.remnawaveshop.payments.tck.ProviderIds;
import io.github.remnawaveshop.payments.tck.TckPayment;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The DemoPay example gateway passes the conformance kit. Signatures are computed here with {@code
 * javax.crypto} directly, independently of {@link DemoPaySignature}.
 */
class DemoPayConformanceTest extends PaymentGatewayConformanceTest {
  static final String API_KEY = "demo_key_7f3a9c2e51";
  static final String WEBHOOK_SECRET = "demo_whsec_0b8d4e6f";

  @Override
  protected String gatewayId() {
    return "demopay";
  }

  @Override
  protected GatewaySettings settings(ConformanceContext context) {
    return GatewaySettings.of(
        "demopay",
        Map.of(
            "api-key", API_KEY,
            "webhook-secret", WEBHOOK_SECRET,
            "api-base-url", context.baseUrl().toString()));
  }

  @Override
  protected PaymentGateway createGateway(ConformanceContext context) {
    // built directly so the gateway checks webhook timestamps against the kit's clock
    return DemoPayGateway.builder()
        .apiKey(io.github.remnawaveshop.core.payment.Secret.of(API_KEY))
        .webhookSecret(io.github.remnawaveshop.core.payment.Secret.of(WEBHOOK_SECRET))
        .baseUrl(context.baseUrl())
        .clock(context.clock())
        .build();
  }

  @Override
  protected Set<String> secretValues() {
    return Set.of(API_KEY, WEBHOOK_SECRET);
  }

  @Override
  protected Notification paidNotification(TckPayment payment) {
    return signed(
        body(payment, payment.amount().toDecimalString()), payment.occurredAt(), WEBHOOK_SECRET);
  }

  @Override
  protected Notification tamperedBodyNotification(TckPayment payment) {
    Notification genuine = paidNotification(payment);
    return Notifications.withBody(genuine, body(payment, "1.00"));
  }

  @Override
  protected Notification tamperedSignatureNotification(TckPayment payment) {
    Notification genuine = paidNotification(payment);
    String header = genuine.header("DemoPay-Signature").orElseThrow();
    return Notifications.withHeader(
        genuine, "DemoPay-Signature", Notifications.flipLastChar(header));
  }

  @Override
  protected Notification unsignedNotification(TckPayment payment) {
    return Notifications.withoutHeader(paidNotification(payment), "DemoPay-Signature");
  }

  @Override
  protected Notification wrongSecretNotification(TckPayment payment) {
    return signed(
        body(payment, payment.amount().toDecimalString()),
        payment.occurredAt(),
        "demo_whsec_other_one");
  }

  @Override
  protected Optional<Notification> expiredNotification(TckPayment payment) {
    return Optional.of(
        signed(
            body(payment, payment.amount().toDecimalString()),
            payment.occurredAt().minus(1, ChronoUnit.HOURS),
            WEBHOOK_SECRET));
  }

  @Override
  protected ProviderIds expectedIds(TckPayment payment) {
    return new ProviderIds("evt_" + payment.number(), "pay_" + payment.number());
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
    context.enqueueJson(
        200,
        "{\"id\":\"pay_"
            + request.orderReference()
            + "\",\"url\":\"https://pay.demopay.example/p/"
            + request.orderReference()
            + "\"}");
  }

  static String body(TckPayment payment, String amount) {
    return "{\"id\":\"evt_"
        + payment.number()
        + "\",\"type\":\"payment.succeeded\",\"data\":{"
        + "\"payment_id\":\"pay_"
        + payment.number()
        + "\",\"order\":\""
        + payment.orderReference()
        + "\","
        + "\"amount\":\""
        + amount
        + "\",\"currency\":\""
        + payment.amount().currency()
        + "\"}}";
  }

  static Notification signed(String body, Instant at, String secret) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      String t = Long.toString(at.getEpochSecond());
      String v1 =
          HexFormat.of().formatHex(mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8)));
      return Notification.post(
          Map.of("Content-Type", "application/json", "DemoPay-Signature", "t=" + t + ",v1=" + v1),
          body.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }
}
