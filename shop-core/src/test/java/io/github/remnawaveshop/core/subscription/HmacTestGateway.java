package io.github.remnawaveshop.core.subscription;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.remnawaveshop.core.payment.Checkout;
import io.github.remnawaveshop.core.payment.CheckoutRequest;
import io.github.remnawaveshop.core.payment.Money;
import io.github.remnawaveshop.core.payment.Notification;
import io.github.remnawaveshop.core.payment.PaymentEvent;
import io.github.remnawaveshop.core.payment.PaymentGateway;
import io.github.remnawaveshop.core.payment.PaymentVerificationException;
import io.github.remnawaveshop.core.payment.PaymentVerificationException.Reason;
import io.github.remnawaveshop.core.payment.VerifiedNotification;
import io.github.remnawaveshop.core.payment.WebhookReply;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A test gateway: notifications are JSON bodies signed with hex HMAC-SHA256 in {@code
 * X-Test-Signature}. {@link #signedNotification} builds what the "provider" would send.
 */
final class HmacTestGateway implements PaymentGateway {
  static final String HEADER = "X-Test-Signature";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String id;
  private final byte[] secret;
  final List<CheckoutRequest> checkouts = new CopyOnWriteArrayList<>();

  HmacTestGateway(String id, String secret) {
    this.id = id;
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public Set<String> supportedCurrencies() {
    return Set.of("USD", "RUB");
  }

  @Override
  public Checkout createCheckout(CheckoutRequest request) {
    checkouts.add(request);
    return Checkout.builder()
        .gatewayId(id)
        .orderReference(request.orderReference())
        .providerReference("pay_" + request.orderReference())
        .paymentUrl(URI.create("https://pay.example/" + request.orderReference()))
        .build();
  }

  @Override
  public VerifiedNotification verify(Notification n) {
    String signature =
        n.header(HEADER)
            .orElseThrow(
                () -> new PaymentVerificationException(Reason.MISSING_SIGNATURE, "no " + HEADER));
    byte[] expected = hmac(secret, n.body());
    byte[] given;
    try {
      given = HexFormat.of().parseHex(signature);
    } catch (IllegalArgumentException e) {
      throw new PaymentVerificationException(Reason.BAD_SIGNATURE, "signature is not hex");
    }
    if (!MessageDigest.isEqual(expected, given)) {
      throw new PaymentVerificationException(Reason.BAD_SIGNATURE, "signature does not match");
    }
    try {
      JsonNode b = JSON.readTree(n.body());
      PaymentEvent event =
          new PaymentEvent(
              id,
              PaymentEvent.Type.valueOf(b.get("type").asText()),
              b.get("id").asText(),
              Optional.ofNullable(b.get("order")).map(JsonNode::asText),
              b.get("payment").asText(),
              Money.of(b.get("amount").asLong(), b.get("currency").asText()),
              Instant.ofEpochSecond(b.path("created").asLong(0)),
              b.path("recurring").asBoolean(false),
              Optional.ofNullable(b.get("subscription")).map(JsonNode::asText),
              false,
              Map.of());
      return VerifiedNotification.of(event, "test." + event.type())
          .withReply(WebhookReply.ok("OK" + event.providerEventId()));
    } catch (PaymentVerificationException e) {
      throw e;
    } catch (Exception e) {
      throw new PaymentVerificationException(Reason.MALFORMED, "body is not a test event");
    }
  }

  static byte[] hmac(byte[] key, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(body);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The body of a provider notification. */
  static byte[] body(
      String eventId, String type, String order, String payment, long amount, String currency) {
    String orderField = order == null ? "" : "\"order\":\"" + order + "\",";
    return ("{\"id\":\""
            + eventId
            + "\",\"type\":\""
            + type
            + "\","
            + orderField
            + "\"payment\":\""
            + payment
            + "\",\"amount\":"
            + amount
            + ",\"currency\":\""
            + currency
            + "\"}")
        .getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Headers signing a body with a secret, computed here with javax.crypto, not by the code under
   * test.
   */
  static Map<String, List<String>> signed(String secret, byte[] body) {
    return Map.of(
        HEADER,
        List.of(HexFormat.of().formatHex(hmac(secret.getBytes(StandardCharsets.UTF_8), body))),
        "Content-Type",
        List.of("application/json"));
  }
}
