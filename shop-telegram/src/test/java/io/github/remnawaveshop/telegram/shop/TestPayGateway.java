package io.github.remnawaveshop.telegram.shop;

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
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** A provider for the shop's conversation tests: checkout links, HMAC-signed JSON notifications. */
final class TestPayGateway implements PaymentGateway {
  static final String ID = "testpay";
  static final String HEADER = "X-Test-Signature";
  static final byte[] KEY = "test-pay-key".getBytes(StandardCharsets.UTF_8);
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Set<String> supportedCurrencies() {
    return Set.of("RUB", "USD");
  }

  @Override
  public Checkout createCheckout(CheckoutRequest request) {
    return Checkout.builder()
        .gatewayId(ID)
        .orderReference(request.orderReference())
        .providerReference("tp_" + request.orderReference())
        .paymentUrl(URI.create("https://pay.test/checkout/" + request.orderReference()))
        .build();
  }

  @Override
  public VerifiedNotification verify(Notification n) {
    String given =
        n.header(HEADER)
            .orElseThrow(() -> new PaymentVerificationException(Reason.MISSING_SIGNATURE, "none"));
    if (!MessageDigest.isEqual(
        hmac(n.body()).getBytes(StandardCharsets.US_ASCII),
        given.getBytes(StandardCharsets.US_ASCII))) {
      throw new PaymentVerificationException(Reason.BAD_SIGNATURE, "signature does not match");
    }
    try {
      JsonNode b = JSON.readTree(n.body());
      return VerifiedNotification.of(
          new PaymentEvent(
              ID,
              PaymentEvent.Type.PAID,
              b.get("event").asText(),
              Optional.of(b.get("order").asText()),
              b.get("payment").asText(),
              Money.of(b.get("amount").asLong(), b.get("currency").asText()),
              Instant.now(),
              false,
              Optional.empty(),
              false,
              Map.of()),
          "paid");
    } catch (java.io.IOException | RuntimeException e) {
      throw new PaymentVerificationException(Reason.MALFORMED, "not a test notification");
    }
  }

  /** The signature, computed here with the JDK's Mac, as a provider would. */
  static String hmac(byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
