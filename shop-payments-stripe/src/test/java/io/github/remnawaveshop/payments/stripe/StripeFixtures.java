package io.github.remnawaveshop.payments.stripe;

import io.github.remnawaveshop.core.payment.Notification;
import io.github.remnawaveshop.core.payment.Secret;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * Shared test values, Stripe-shaped payloads and an independent signer (javax.crypto, not the code
 * under test).
 */
final class StripeFixtures {
  static final String SECRET_KEY = "sk_test_51ShopSdkTestKey0123456789abcdef";
  static final String WEBHOOK_SECRET = "whsec_shopSdkTestEndpointSecret0123456789";
  static final long NOW = 1_767_225_600L; // 2026-01-01T00:00:00Z
  static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);

  private StripeFixtures() {}

  static StripeGateway.Builder gateway(MockWebServer server) {
    return gateway().apiBase(server.url("/").uri());
  }

  /**
   * A gateway for webhook tests, which never call Stripe (the API base points at a closed loopback
   * port).
   */
  static StripeGateway.Builder gateway() {
    return StripeGateway.builder()
        .secretKey(Secret.of(SECRET_KEY))
        .webhookSecret(Secret.of(WEBHOOK_SECRET))
        .apiBase(java.net.URI.create("http://127.0.0.1:9"))
        .successUrl("https://shop.example/paid?session={CHECKOUT_SESSION_ID}")
        .cancelUrl("https://shop.example/cancelled")
        .clock(CLOCK);
  }

  /** hex(HMAC-SHA256(secret, t + "." + body)), computed here with javax.crypto directly. */
  static String sign(String secret, long t, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of()
          .formatHex(mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  static Notification delivery(String signatureHeader, String body) {
    return Notification.post(
        Map.of("Stripe-Signature", signatureHeader, "Content-Type", "application/json"),
        body.getBytes(StandardCharsets.UTF_8));
  }

  /** A delivery signed now with the right secret. */
  static Notification signed(String body) {
    return delivery("t=" + NOW + ",v1=" + sign(WEBHOOK_SECRET, NOW, body), body);
  }

  static String event(String id, String type, String object) {
    return "{\n  \"id\": \""
        + id
        + "\",\n  \"object\": \"event\",\n  \"api_version\": \"2024-06-20\",\n"
        + "  \"created\": "
        + (NOW - 2)
        + ",\n  \"data\": {\n    \"object\": "
        + object
        + "\n  },\n"
        + "  \"livemode\": false,\n  \"pending_webhooks\": 1,\n"
        + "  \"request\": {\"id\": null, \"idempotency_key\": null},\n  \"type\": \""
        + type
        + "\"\n}";
  }

  static String paymentSession(String paymentStatus) {
    return "{\"id\": \"cs_test_a1\", \"object\": \"checkout.session\", \"amount_subtotal\": 999,"
        + " \"amount_total\": 999, \"client_reference_id\": \"order-42\", \"currency\": \"usd\","
        + " \"customer_details\": {\"email\": \"buyer@example.com\"}, \"invoice\": null,"
        + " \"metadata\": {\"order_reference\": \"order-42\", \"customer_id\": \"1001\"}, \"mode\": \"payment\","
        + " \"payment_intent\": \"pi_3Test\", \"payment_status\": \""
        + paymentStatus
        + "\", \"status\": \"complete\","
        + " \"subscription\": null, \"url\": null}";
  }

  static String subscriptionSession() {
    return "{\"id\": \"cs_test_s1\", \"object\": \"checkout.session\", \"amount_total\": 1500,"
        + " \"client_reference_id\": \"order-77\", \"currency\": \"eur\", \"invoice\": \"in_1First\","
        + " \"metadata\": {\"order_reference\": \"order-77\"}, \"mode\": \"subscription\", \"payment_intent\": null,"
        + " \"payment_status\": \"paid\", \"status\": \"complete\", \"subscription\": \"sub_1Abc\"}";
  }

  static String charge(long amountRefunded, boolean refunded) {
    return "{\"id\": \"ch_3Test\", \"object\": \"charge\", \"amount\": 999, \"amount_captured\": 999,"
        + " \"amount_refunded\": "
        + amountRefunded
        + ", \"currency\": \"usd\","
        + " \"metadata\": {\"order_reference\": \"order-42\"}, \"paid\": true, \"payment_intent\": \"pi_3Test\","
        + " \"refunded\": "
        + refunded
        + ", \"status\": \"succeeded\"}";
  }

  static String renewalInvoice(String billingReason) {
    return "{\"id\": \"in_1Renewal\", \"object\": \"invoice\", \"amount_due\": 1500, \"amount_paid\": 1500,"
        + " \"billing_reason\": \""
        + billingReason
        + "\", \"currency\": \"eur\", \"paid\": true, \"status\": \"paid\","
        + " \"status_transitions\": {\"paid_at\": "
        + (NOW - 60)
        + "},"
        + " \"parent\": {\"type\": \"subscription_details\", \"subscription_details\": {"
        + "\"metadata\": {\"order_reference\": \"order-77\"}, \"subscription\": \"sub_1Abc\"}}}";
  }

  static MockResponse json(int code, String body) {
    return new MockResponse.Builder()
        .code(code)
        .setHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }

  /** The form fields of a recorded request, in order, decoded. */
  static List<Map.Entry<String, String>> formFields(RecordedRequest request) {
    List<Map.Entry<String, String>> fields = new ArrayList<>();
    String body = request.getBody() == null ? "" : request.getBody().utf8();
    if (body.isEmpty()) {
      return fields;
    }
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      fields.add(
          Map.entry(
              URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
              URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8)));
    }
    return fields;
  }

  static Map<String, String> form(RecordedRequest request) {
    Map<String, String> m = new LinkedHashMap<>();
    formFields(request).forEach(e -> m.put(e.getKey(), e.getValue()));
    return m;
  }
}
