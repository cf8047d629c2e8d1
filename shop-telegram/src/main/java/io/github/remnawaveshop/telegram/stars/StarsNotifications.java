package io.github.remnawaveshop.telegram.stars;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.remnawaveshop.core.payment.Money;
import io.github.remnawaveshop.core.payment.Notification;
import io.github.remnawaveshop.core.payment.PaymentEvent;
import io.github.remnawaveshop.core.payment.PaymentVerificationException;
import io.github.remnawaveshop.core.payment.PaymentVerificationException.Reason;
import io.github.remnawaveshop.core.payment.Secret;
import io.github.remnawaveshop.core.payment.VerifiedNotification;
import io.github.remnawaveshop.telegram.api.types.RefundedPayment;
import io.github.remnawaveshop.telegram.api.types.SuccessfulPayment;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signed envelope a Stars payment fact travels in from the router to {@link
 * StarsGateway#verify}: a flat JSON body with Telegram's own field names, and header {@value
 * #HEADER} {@code t=<unix seconds>,v1=<hex>} where the hex is HMAC-SHA256 over {@code t + "." +
 * body} with the gateway's notification key. Thread-safe.
 */
final class StarsNotifications {
  static final String HEADER = "X-Shop-Stars-Signature";
  static final String SUCCESSFUL = "successful_payment";
  static final String REFUNDED = "refunded_payment";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Secret key;
  private final Clock clock;
  private final Duration tolerance;

  StarsNotifications(Secret key, Clock clock, Duration tolerance) {
    this.key = key;
    this.clock = clock;
    this.tolerance = tolerance;
  }

  Notification paid(long userId, long date, SuccessfulPayment p) {
    ObjectNode body =
        base(
            SUCCESSFUL,
            userId,
            date,
            p.currency(),
            p.totalAmount(),
            p.invoicePayload(),
            p.telegramPaymentChargeId());
    p.providerPaymentChargeId()
        .filter(s -> !s.isEmpty())
        .ifPresent(s -> body.put("provider_payment_charge_id", s));
    p.subscriptionExpirationDate().ifPresent(s -> body.put("subscription_expiration_date", s));
    body.put("is_recurring", p.isRecurring()).put("is_first_recurring", p.isFirstRecurring());
    return sign(body);
  }

  Notification refunded(long userId, long date, RefundedPayment p) {
    ObjectNode body =
        base(
            REFUNDED,
            userId,
            date,
            p.currency(),
            p.totalAmount(),
            p.invoicePayload(),
            p.telegramPaymentChargeId());
    p.providerPaymentChargeId()
        .filter(s -> !s.isEmpty())
        .ifPresent(s -> body.put("provider_payment_charge_id", s));
    return sign(body);
  }

  private static ObjectNode base(
      String type,
      long userId,
      long date,
      String currency,
      long amount,
      String payload,
      String chargeId) {
    ObjectNode body = JSON.createObjectNode();
    body.put("type", type)
        .put("user_id", userId)
        .put("date", date)
        .put("currency", currency)
        .put("total_amount", amount)
        .put("invoice_payload", payload)
        .put("telegram_payment_charge_id", chargeId);
    return body;
  }

  private Notification sign(ObjectNode body) {
    String text;
    try {
      text = JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a Stars notification", e);
    }
    long t = clock.instant().getEpochSecond();
    String header = "t=" + t + ",v1=" + hmac(t, text.getBytes(StandardCharsets.UTF_8));
    return Notification.post(
        Map.of(HEADER, header, "Content-Type", "application/json"),
        text.getBytes(StandardCharsets.UTF_8));
  }

  VerifiedNotification verify(Notification n) {
    String header =
        n.header(HEADER)
            .orElseThrow(
                () ->
                    new PaymentVerificationException(
                        Reason.MISSING_SIGNATURE,
                        "no "
                            + HEADER
                            + " header: Stars payments arrive as Telegram updates, not as HTTP notifications"));
    long t = -1;
    String v1 = null;
    for (String part : header.split(",")) {
      String p = part.trim();
      if (p.startsWith("t=")) {
        try {
          t = Long.parseLong(p.substring(2));
        } catch (NumberFormatException e) {
          t = -1;
        }
      } else if (p.startsWith("v1=")) {
        v1 = p.substring(3);
      }
    }
    if (t < 0 || v1 == null || v1.isEmpty()) {
      throw new PaymentVerificationException(
          Reason.BAD_SIGNATURE, HEADER + " is not of the form t=<seconds>,v1=<hex>");
    }
    byte[] body = n.body();
    byte[] expected = hmac(t, body).getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(expected, v1.getBytes(StandardCharsets.US_ASCII))) {
      throw new PaymentVerificationException(
          Reason.BAD_SIGNATURE, "the Stars notification signature does not match");
    }
    long now = clock.instant().getEpochSecond();
    if (Math.abs(now - t) > tolerance.toSeconds()) {
      throw new PaymentVerificationException(
          Reason.EXPIRED,
          "the Stars notification was signed "
              + (now - t)
              + " s ago; at most "
              + tolerance.toSeconds()
              + " s are accepted");
    }
    return parse(body);
  }

  private static VerifiedNotification parse(byte[] body) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (java.io.IOException e) {
      throw new PaymentVerificationException(
          Reason.MALFORMED, "the Stars notification is not JSON");
    }
    if (root == null || !root.isObject()) {
      throw new PaymentVerificationException(
          Reason.MALFORMED, "the Stars notification is not a JSON object");
    }
    String type = text(root, "type");
    String chargeId = text(root, "telegram_payment_charge_id");
    String currency = text(root, "currency");
    JsonNode amount = root.get("total_amount");
    if (amount == null || !amount.canConvertToLong() || amount.asLong() < 0) {
      throw new PaymentVerificationException(
          Reason.MALFORMED, "total_amount is missing or not a whole number");
    }
    Money money;
    try {
      money = Money.of(amount.asLong(), currency);
    } catch (IllegalArgumentException e) {
      throw new PaymentVerificationException(Reason.MALFORMED, "currency is not a currency code");
    }
    String payload = root.path("invoice_payload").asText("");
    Instant at = Instant.ofEpochSecond(root.path("date").asLong(0));
    Map<String, String> attributes = new HashMap<>();
    attributes.put(StarsGateway.ATTR_USER_ID, Long.toString(root.path("user_id").asLong(0)));
    Optional.ofNullable(root.get("provider_payment_charge_id"))
        .map(JsonNode::asText)
        .ifPresent(v -> attributes.put("provider_payment_charge_id", v));
    Optional<String> reference = payload.isEmpty() ? Optional.empty() : Optional.of(payload);
    switch (type) {
      case SUCCESSFUL:
        {
          // a renewal of a Stars subscription: the core credits it as a renewal of the order's
          // subscription
          boolean renewal =
              root.path("is_recurring").asBoolean(false)
                  && !root.path("is_first_recurring").asBoolean(false);
          PaymentEvent e =
              new PaymentEvent(
                  StarsGateway.ID,
                  PaymentEvent.Type.PAID,
                  chargeId,
                  reference,
                  chargeId,
                  money,
                  at,
                  renewal,
                  Optional.empty(),
                  false,
                  attributes);
          return VerifiedNotification.of(e, SUCCESSFUL);
        }
      case REFUNDED:
        {
          PaymentEvent e =
              new PaymentEvent(
                  StarsGateway.ID,
                  PaymentEvent.Type.REFUNDED,
                  "refund:" + chargeId,
                  reference,
                  chargeId,
                  money,
                  at,
                  false,
                  Optional.empty(),
                  false,
                  attributes);
          return VerifiedNotification.of(e, REFUNDED);
        }
      default:
        throw new PaymentVerificationException(Reason.MALFORMED, "unknown Stars notification type");
    }
  }

  private static String text(JsonNode root, String field) {
    JsonNode v = root.get(field);
    if (v == null || !v.isTextual() || v.asText().isBlank()) {
      throw new PaymentVerificationException(Reason.MALFORMED, field + " is missing");
    }
    return v.asText();
  }

  private String hmac(long t, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.bytes(), "HmacSHA256"));
      mac.update((t + ".").getBytes(StandardCharsets.US_ASCII));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
