package io.github.remnawaveshop.telegram.stars;

import io.github.remnawaveshop.core.payment.CheckoutRequest;
import io.github.remnawaveshop.core.payment.GatewaySettings;
import io.github.remnawaveshop.core.payment.Notification;
import io.github.remnawaveshop.core.payment.PaymentGateway;
import io.github.remnawaveshop.core.payment.Secret;
import io.github.remnawaveshop.payments.tck.ConformanceContext;
import io.github.remnawaveshop.payments.tck.Notifications;
import io.github.remnawaveshop.payments.tck.PaymentGatewayConformanceTest;
import io.github.remnawaveshop.payments.tck.ProviderIds;
import io.github.remnawaveshop.payments.tck.TckPayment;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Stars gateway against the shared conformance kit. Its "provider notifications" are the
 * envelopes {@link StarsPayments} makes from Telegram updates; they are built and signed here
 * independently with javax.crypto, and the Bot API is played by the kit's MockWebServer.
 */
class StarsConformanceTest extends PaymentGatewayConformanceTest {
  static final String TOKEN = "7654321:AAF_tckStarsBotTokenSecret_0123456789";
  static final String KEY = "stars-notification-key-for-the-tck";
  private static final String HEADER = "X-Shop-Stars-Signature";

  @Override
  protected String gatewayId() {
    return "stars";
  }

  @Override
  protected GatewaySettings settings(ConformanceContext context) {
    return GatewaySettings.of(
        "stars", Map.of("bot-token", TOKEN, "api-url", context.baseUrl().toString()));
  }

  @Override
  protected PaymentGateway createGateway(ConformanceContext context) {
    return StarsGateway.builder()
        .settings(settings(context))
        .notificationKey(Secret.of(KEY))
        .clock(context.clock())
        .build();
  }

  @Override
  protected Set<String> secretValues() {
    return Set.of(TOKEN, KEY);
  }

  @Override
  protected Set<String> secretsInRequestTarget() {
    return Set.of(TOKEN);
  }

  static String body(TckPayment p) {
    return "{\"type\":\"successful_payment\",\"user_id\":4242,\"date\":"
        + p.occurredAt().getEpochSecond()
        + ",\"currency\":\""
        + p.amount().currency()
        + "\",\"total_amount\":"
        + p.amount().minorUnits()
        + ",\"invoice_payload\":\""
        + p.orderReference()
        + "\",\"telegram_payment_charge_id\":\"stxtck"
        + p.number()
        + "\",\"is_recurring\":false,\"is_first_recurring\":false}";
  }

  static String sign(String key, long t, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of()
          .formatHex(mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  private static Notification signedAt(String key, long t, String body) {
    return Notification.post(
        Map.of(HEADER, "t=" + t + ",v1=" + sign(key, t, body), "Content-Type", "application/json"),
        body.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  protected Notification paidNotification(TckPayment payment) {
    return signedAt(KEY, payment.occurredAt().getEpochSecond(), body(payment));
  }

  @Override
  protected Notification tamperedBodyNotification(TckPayment payment) {
    String tampered =
        body(payment)
            .replace("\"total_amount\":" + payment.amount().minorUnits(), "\"total_amount\":1");
    return Notifications.withBody(paidNotification(payment), tampered);
  }

  @Override
  protected Notification tamperedSignatureNotification(TckPayment payment) {
    long t = payment.occurredAt().getEpochSecond();
    return Notifications.withHeader(
        paidNotification(payment),
        HEADER,
        "t=" + t + ",v1=" + Notifications.flipLastChar(sign(KEY, t, body(payment))));
  }

  @Override
  protected Notification unsignedNotification(TckPayment payment) {
    return Notifications.withoutHeader(paidNotification(payment), HEADER);
  }

  @Override
  protected Notification wrongSecretNotification(TckPayment payment) {
    return signedAt(
        "another-process-notification-key", payment.occurredAt().getEpochSecond(), body(payment));
  }

  @Override
  protected Optional<Notification> expiredNotification(TckPayment payment) {
    return Optional.of(signedAt(KEY, payment.occurredAt().getEpochSecond() - 3600, body(payment)));
  }

  @Override
  protected ProviderIds expectedIds(TckPayment payment) {
    return new ProviderIds("stxtck" + payment.number(), "stxtck" + payment.number());
  }

  @Override
  protected Optional<String> idempotencyHeader() {
    return Optional.empty();
  }

  @Override
  protected boolean checkoutCallsProvider() {
    return true;
  }

  @Override
  protected void enqueueCheckoutAnswer(ConformanceContext context, CheckoutRequest request) {
    context.enqueueJson(
        200,
        "{\"ok\":true,\"result\":\"https://t.me/$tck"
            + request.orderReference().hashCode()
            + "\"}");
  }

  @Override
  protected void enqueueCheckoutRefusal(ConformanceContext context) {
    context.enqueueJson(
        400,
        "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: CURRENCY_TOTAL_AMOUNT_INVALID\"}");
  }
}
