package io.github.remnawaveshop.examples;

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
import io.github.remnawaveshop.core.payment.Secret;
import io.github.remnawaveshop.core.payment.VerifiedNotification;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A toy payment gateway for the examples: the "provider" signs a small JSON notification with hex
 * HMAC-SHA256 in {@code X-Demo-Signature}. Shows the whole {@link PaymentGateway} contract in one
 * page.
 */
final class DemoGateway implements PaymentGateway {
  static final String SIGNATURE_HEADER = "X-Demo-Signature";
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Secret secret;

  DemoGateway(Secret secret) {
    this.secret = secret;
  }

  @Override
  public String id() {
    return "demo-pay";
  }

  @Override
  public Set<String> supportedCurrencies() {
    return Set.of("RUB", "USD");
  }

  @Override
  public Checkout createCheckout(CheckoutRequest request) {
    return Checkout.builder()
        .gatewayId(id())
        .orderReference(request.orderReference())
        .providerReference("demo_" + request.orderReference())
        .paymentUrl(URI.create("https://pay.example/checkout/" + request.orderReference()))
        .build();
  }

  @Override
  public VerifiedNotification verify(Notification n) {
    String given =
        n.header(SIGNATURE_HEADER)
            .orElseThrow(
                () ->
                    new PaymentVerificationException(
                        Reason.MISSING_SIGNATURE, "no signature header"));
    if (!MessageDigest.isEqual(
        HexFormat.of().formatHex(sign(secret, n.body())).getBytes(StandardCharsets.US_ASCII),
        given.getBytes(StandardCharsets.US_ASCII))) {
      throw new PaymentVerificationException(Reason.BAD_SIGNATURE, "signature does not match");
    }
    try {
      JsonNode b = JSON.readTree(n.body());
      PaymentEvent event =
          new PaymentEvent(
              id(),
              PaymentEvent.Type.PAID,
              b.get("event").asText(),
              Optional.of(b.get("order").asText()),
              b.get("payment").asText(),
              Money.of(b.get("amount").asLong(), b.get("currency").asText()),
              Instant.now(),
              false,
              Optional.empty(),
              false,
              Map.of());
      return VerifiedNotification.of(event, "payment.succeeded");
    } catch (RuntimeException | java.io.IOException e) {
      throw new PaymentVerificationException(Reason.MALFORMED, "not a demo notification");
    }
  }

  static byte[] sign(Secret secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.bytes(), "HmacSHA256"));
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** What the provider would POST to the shop's webhook once the buyer paid. */
  static Map<String, List<String>> headersFor(Secret secret, byte[] body) {
    return Map.of(SIGNATURE_HEADER, List.of(HexFormat.of().formatHex(sign(secret, body))));
  }
}
