package io.github.remnawaveshop.payments.paypal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.remnawaveshop.core.payment.Notification;
import io.github.remnawaveshop.core.payment.PaymentEvent;
import io.github.remnawaveshop.core.payment.PaymentVerificationException;
import io.github.remnawaveshop.core.payment.PaymentVerificationException.Reason;
import io.github.remnawaveshop.core.payment.VerifiedNotification;
import io.github.remnawaveshop.testkit.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Online verification: PayPal's verify-webhook-signature endpoint decides. The fake answers SUCCESS
 * only for the one delivery the test registers (its headers and exact body), as PayPal would.
 */
class OnlineVerificationTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2026-06-01T10:00:05Z");
  private static final String VERIFY = "/v1/notifications/verify-webhook-signature";
  private final MutableClock clock = new MutableClock(NOW);
  private FakePayPal paypal;
  private PayPalGateway gateway;
  private volatile String genuineSig = "";
  private volatile String genuineBody = "";

  @BeforeEach
  void start() throws Exception {
    paypal = new FakePayPal();
    paypal.route("POST " + VERIFY, this::verifyAnswer);
    gateway = paypal.gateway(clock).build();
    assertThat(gateway.verification()).isEqualTo(PayPalVerification.ONLINE);
  }

  @AfterEach
  void stop() {
    paypal.close();
  }

  private mockwebserver3.MockResponse verifyAnswer(RecordedRequest r) {
    try {
      JsonNode body = JSON.readTree(r.getBody().string(StandardCharsets.UTF_8));
      boolean ok =
          genuineSig.equals(body.path("transmission_sig").asText())
              && FakePayPal.WEBHOOK_ID.equals(body.path("webhook_id").asText())
              && JSON.readTree(genuineBody).equals(body.path("webhook_event"));
      return FakePayPal.json(
          200, "{\"verification_status\":\"" + (ok ? "SUCCESS" : "FAILURE") + "\"}");
    } catch (Exception e) {
      return FakePayPal.json(400, "{\"name\":\"VALIDATION_ERROR\",\"debug_id\":\"x\"}");
    }
  }

  private Notification delivery(String body) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Content-Type", "application/json");
    h.put("PAYPAL-AUTH-ALGO", "SHA256withRSA");
    h.put(
        "PAYPAL-CERT-URL",
        "https://api.sandbox.paypal.com/v1/notifications/certs/CERT-360caa42-fca2a594-a5cafa77");
    h.put("PAYPAL-TRANSMISSION-ID", "69cd13f0-d67a-11e5-baa3-778b53f4ae55");
    h.put(
        "PAYPAL-TRANSMISSION-SIG",
        "lmI95Jx3Y9nhR5SJWlHVIWpg4AgFk7n9bCHSRxbrd8A9zrhdu2rMyFrmz+Zjh3s3boXB07VXCXUZy/UFzUlnGJn0wDugt7FlSvdKeIJenLRemUxYCPVoEZzg9VFNqOa48gMkvF+XTpxBeUx/kWy6B5cp7GkT2+pOowfRK7OaynuxUoKW3JcMWw272VKjLTtTAShncla7tGF+55rxyt2KNZIIqxNMJ48RDZheGU5w1npu9dZHnPgTXB9iomeVRoD8O/jhRpnKsGrDschyNdkeh81BJJMH4Ctc6lnCCquoP/GzCzz33MMsNdid7vL/NIWaCsekQpW26FpWPi/tfj8nLA==");
    h.put("PAYPAL-TRANSMISSION-TIME", NOW.minusSeconds(2).toString());
    genuineSig = h.get("PAYPAL-TRANSMISSION-SIG");
    genuineBody = body;
    return Notification.post(h, body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void postsTheHeadersAndTheRawEventToPayPalAndTrustsSuccess() throws Exception {
    String body =
        Payloads.captureCompleted("WH-ONLINE-1", Payloads.CAPTURE_ID, "order-42", "9.99", "USD");
    Notification n = delivery(body);
    VerifiedNotification v = gateway.verify(n);

    assertThat(v.event()).map(PaymentEvent::type).contains(PaymentEvent.Type.PAID);
    assertThat(v.providerEventId()).isEqualTo("WH-ONLINE-1");
    RecordedRequest r = paypal.requestsTo(VERIFY).get(0);
    assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer token-1");
    String sent = r.getBody().string(StandardCharsets.UTF_8);
    JsonNode json = JSON.readTree(sent);
    assertThat(json.path("auth_algo").asText()).isEqualTo("SHA256withRSA");
    assertThat(json.path("cert_url").asText()).isEqualTo(n.header("PAYPAL-CERT-URL").orElseThrow());
    assertThat(json.path("transmission_id").asText())
        .isEqualTo("69cd13f0-d67a-11e5-baa3-778b53f4ae55");
    assertThat(json.path("transmission_sig").asText())
        .isEqualTo(n.header("PAYPAL-TRANSMISSION-SIG").orElseThrow());
    assertThat(json.path("transmission_time").asText()).isEqualTo(NOW.minusSeconds(2).toString());
    assertThat(json.path("webhook_id").asText()).isEqualTo(FakePayPal.WEBHOOK_ID);
    assertThat(json.path("webhook_event")).isEqualTo(JSON.readTree(body));
    // the event travels byte for byte, not re-serialized
    assertThat(sent).contains("\"webhook_event\":" + body);
    assertThat(json.size()).isEqualTo(7);
  }

  @Test
  void numbersAndEscapesInTheEventAreKeptExactly() {
    String body =
        Payloads.captureCompleted(
                "WH-ONLINE-2", Payloads.CAPTURE_ID, "order-\\u00e9", "9.99", "USD")
            .replace("\"links\":[]}", "\"links\":[],\"x\":1.50e0}");
    gateway.verify(delivery(body));
    assertThat(paypal.requestsTo(VERIFY).get(0).getBody().string(StandardCharsets.UTF_8))
        .contains("order-\\u00e9")
        .contains("1.50e0");
  }

  @Test
  void failureFromPayPalIsARejection() {
    Notification n =
        delivery(
            Payloads.captureCompleted(
                "WH-ONLINE-3", Payloads.CAPTURE_ID, "order-42", "9.99", "USD"));
    Notification tampered = SignedWebhooks.withBody(n, n.bodyAsString().replace("9.99", "1.00"));
    assertThatThrownBy(() -> gateway.verify(tampered))
        .isInstanceOfSatisfying(
            PaymentVerificationException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.REJECTED_BY_PROVIDER);
              assertThat(e.getMessage()).contains("FAILURE");
            });
    Notification badSig = SignedWebhooks.withHeader(n, "PAYPAL-TRANSMISSION-SIG", "AAAA");
    assertThatThrownBy(() -> gateway.verify(badSig))
        .isInstanceOf(PaymentVerificationException.class);
  }

  @Test
  void payPalUnreachableOrErroringIsARejectionWithoutSecrets() {
    paypal.route(
        "POST " + VERIFY,
        r ->
            FakePayPal.json(
                500,
                "{\"name\":\"INTERNAL_SERVICE_ERROR\",\"message\":\"An internal service error has occurred\",\"debug_id\":\"90957fca61718\"}"));
    Notification n =
        delivery(
            Payloads.captureCompleted(
                "WH-ONLINE-4", Payloads.CAPTURE_ID, "order-42", "9.99", "USD"));
    assertThatThrownBy(() -> gateway.verify(n))
        .isInstanceOfSatisfying(
            PaymentVerificationException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.REJECTED_BY_PROVIDER);
              assertThat(e.getMessage())
                  .contains("INTERNAL_SERVICE_ERROR")
                  .contains("90957fca61718")
                  .doesNotContain(FakePayPal.CLIENT_SECRET)
                  .doesNotContain("token-1");
            });
  }

  @Test
  void missingHeadersExpiredTransmissionsAndNonJsonBodiesNeverReachPayPal() {
    Notification n =
        delivery(
            Payloads.captureCompleted(
                "WH-ONLINE-5", Payloads.CAPTURE_ID, "order-42", "9.99", "USD"));
    assertThatThrownBy(
            () -> gateway.verify(SignedWebhooks.withHeader(n, "PAYPAL-TRANSMISSION-SIG", null)))
        .isInstanceOfSatisfying(
            PaymentVerificationException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.MISSING_SIGNATURE));
    clock.advance(Duration.ofHours(1));
    assertThatThrownBy(() -> gateway.verify(n))
        .isInstanceOfSatisfying(
            PaymentVerificationException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.EXPIRED));
    clock.set(NOW);
    assertThatThrownBy(() -> gateway.verify(SignedWebhooks.withBody(n, "{not json")))
        .isInstanceOfSatisfying(
            PaymentVerificationException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED));
    assertThat(paypal.requests).isEmpty();
  }

  @Test
  void onlineModeNeverFetchesCertificates() {
    gateway.verify(
        delivery(
            Payloads.captureCompleted(
                "WH-ONLINE-6", Payloads.CAPTURE_ID, "order-42", "9.99", "USD")));
    assertThat(paypal.requests)
        .extracting(r -> r.getUrl().encodedPath())
        .containsExactly("/v1/oauth2/token", VERIFY);
  }
}
