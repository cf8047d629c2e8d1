package io.github.remnawaveshop.payments.paypal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.remnawaveshop.core.payment.Money;
import io.github.remnawaveshop.core.payment.Notification;
import io.github.remnawaveshop.core.payment.PaymentEvent;
import io.github.remnawaveshop.core.payment.PaymentVerificationException;
import io.github.remnawaveshop.core.payment.PaymentVerificationException.Reason;
import io.github.remnawaveshop.core.payment.VerifiedNotification;
import io.github.remnawaveshop.testkit.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import mockwebserver3.MockResponse;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OfflineVerificationTest {
  private static final Instant NOW = Instant.parse("2026-06-01T10:00:05Z");
  private final MutableClock clock = new MutableClock(NOW);
  private FakePayPal paypal;
  private PayPalGateway gateway;
  private String certUrl;

  @BeforeEach
  void start() throws Exception {
    paypal = new FakePayPal();
    certUrl = paypal.certUrl("CERT-360caa42-fca2a594-a5cafa77");
    serveCertificate(certUrl, TestCertificate.paypal());
    gateway = paypal.gateway(clock).verification(PayPalVerification.OFFLINE).build();
  }

  @AfterEach
  void stop() {
    paypal.close();
  }

  private void serveCertificate(String url, TestCertificate cert) {
    paypal.route(
        "GET " + okhttp3.HttpUrl.get(url).encodedPath(),
        r ->
            new MockResponse.Builder()
                .code(200)
                .addHeader("Content-Type", "application/x-pem-file")
                .body(cert.pem())
                .build());
  }

  private Notification completed(String eventId) {
    return SignedWebhooks.signed(
        TestCertificate.paypal(),
        certUrl,
        NOW.minusSeconds(3),
        Payloads.captureCompleted(eventId, Payloads.CAPTURE_ID, "order-42", "9.99", "USD"));
  }

  private static void rejected(ThrowingCallable call, Reason reason) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            PaymentVerificationException.class,
            e -> assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason));
  }

  @Test
  void theSignedMessageIsTheDocumentedOneWithTheUnsignedDecimalCrc32() {
    // CRC-32 check value of "123456789" is 0xCBF43926 = 3421780262
    assertThat(
            OfflineVerifier.signedMessage(
                "tid",
                "2026-06-01T10:00:00Z",
                "WH1",
                "123456789".getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo("tid|2026-06-01T10:00:00Z|WH1|3421780262");
  }

  @Test
  void aValidSignatureGivesAPaidEvent() {
    VerifiedNotification n = gateway.verify(completed("WH-58D329510W468432D-8HN650336L201105X"));
    assertThat(n.providerEventId()).isEqualTo("WH-58D329510W468432D-8HN650336L201105X");
    assertThat(n.eventType()).isEqualTo("PAYMENT.CAPTURE.COMPLETED");
    assertThat(n.reply().status()).isEqualTo(200);
    PaymentEvent e = n.event().orElseThrow();
    assertThat(e.type()).isEqualTo(PaymentEvent.Type.PAID);
    assertThat(e.gatewayId()).isEqualTo("paypal");
    assertThat(e.orderReference()).contains("order-42");
    assertThat(e.externalPaymentId()).isEqualTo(Payloads.CAPTURE_ID);
    assertThat(e.amount()).isEqualTo(Money.of(999, "USD"));
    assertThat(e.occurredAt()).isEqualTo(Instant.parse("2026-06-01T10:00:02Z"));
    assertThat(e.attributes()).containsEntry("paypalOrderId", Payloads.ORDER_ID);
  }

  @Test
  void theCertificateIsFetchedOnceAndCachedByUrl() {
    gateway.verify(completed("WH-1"));
    gateway.verify(completed("WH-2"));
    gateway.verify(completed("WH-1"));
    assertThat(paypal.requestsTo("/certs/CERT-360caa42-fca2a594-a5cafa77")).hasSize(1);
    assertThat(gateway.cachedCertificates()).isEqualTo(1);
  }

  @Test
  void redeliveryGivesTheSameProviderEventId() {
    assertThat(gateway.verify(completed("WH-RE")).providerEventId())
        .isEqualTo(gateway.verify(completed("WH-RE")).providerEventId())
        .isEqualTo("WH-RE");
  }

  @Test
  void aTamperedBodyIsRejected() {
    Notification n = completed("WH-T");
    rejected(
        () ->
            gateway.verify(
                SignedWebhooks.withBody(n, n.bodyAsString().replace("\"9.99\"", "\"999.00\""))),
        Reason.BAD_SIGNATURE);
    // even a change JSON ignores (whitespace) breaks the CRC of the raw bytes
    rejected(
        () -> gateway.verify(SignedWebhooks.withBody(n, n.bodyAsString() + " ")),
        Reason.BAD_SIGNATURE);
  }

  @Test
  void tamperedSignedHeadersAreRejected() {
    Notification n = completed("WH-H");
    rejected(
        () -> gateway.verify(SignedWebhooks.withHeader(n, "PAYPAL-TRANSMISSION-ID", "another-id")),
        Reason.BAD_SIGNATURE);
    rejected(
        () ->
            gateway.verify(
                SignedWebhooks.withHeader(n, "PAYPAL-TRANSMISSION-TIME", "2026-06-01T10:00:03Z")),
        Reason.BAD_SIGNATURE);
  }

  @Test
  void aSignatureByAnotherKeyIsRejected() {
    byte[] body =
        Payloads.captureCompleted("WH-X", Payloads.CAPTURE_ID, "order-42", "9.99", "USD")
            .getBytes(StandardCharsets.UTF_8);
    Map<String, String> h =
        SignedWebhooks.headers(
            TestCertificate.stranger(), certUrl, "tid-x", NOW, FakePayPal.WEBHOOK_ID, body);
    rejected(() -> gateway.verify(Notification.post(h, body)), Reason.BAD_SIGNATURE);
    rejected(
        () ->
            gateway.verify(
                SignedWebhooks.withHeader(
                    Notification.post(h, body), "PAYPAL-TRANSMISSION-SIG", "not base64 at all!")),
        Reason.BAD_SIGNATURE);
    rejected(
        () ->
            gateway.verify(
                SignedWebhooks.withHeader(
                    Notification.post(h, body), "PAYPAL-TRANSMISSION-SIG", "AAAA")),
        Reason.BAD_SIGNATURE);
  }

  @Test
  void aSignatureForAnotherWebhookIdIsRejected() {
    byte[] body =
        Payloads.captureCompleted("WH-W", Payloads.CAPTURE_ID, "order-42", "9.99", "USD")
            .getBytes(StandardCharsets.UTF_8);
    Map<String, String> h =
        SignedWebhooks.headers(
            TestCertificate.paypal(), certUrl, "tid-w", NOW, "OTHERWEBHOOKID", body);
    rejected(() -> gateway.verify(Notification.post(h, body)), Reason.BAD_SIGNATURE);
  }

  @Test
  void certificatesFromHostsPayPalDoesNotOwnAreRefusedWithoutFetching() {
    Notification n = completed("WH-C");
    for (String url :
        new String[] {
          "https://evil.example/v1/notifications/certs/CERT-1",
          "https://api.paypal.com.evil.example/v1/notifications/certs/CERT-1",
          "https://evilpaypal.com/v1/notifications/certs/CERT-1",
          "https://api.paypal.com:8443/v1/notifications/certs/CERT-1",
          "https://user@api.paypal.com/v1/notifications/certs/CERT-1",
          "http://api.paypal.com/v1/notifications/certs/CERT-1",
          "ftp://api.paypal.com/v1/notifications/certs/CERT-1",
          // the mock server itself, but outside the test-only prefix
          paypal.server.url("/other/CERT-1").toString()
        }) {
      assertThatThrownBy(() -> gateway.verify(SignedWebhooks.withHeader(n, "PAYPAL-CERT-URL", url)))
          .as(url)
          .isInstanceOfSatisfying(
              PaymentVerificationException.class,
              e -> {
                assertThat(e.reason()).isEqualTo(Reason.BAD_SIGNATURE);
                assertThat(e.getMessage())
                    .containsAnyOf("not https", "not an allowed PayPal host", "non-default port");
              });
    }
    assertThat(paypal.requests).isEmpty();
  }

  @Test
  void anHttpCertificateUrlIsRefusedWithoutTheTestOnlyPrefix() {
    PayPalGateway strict =
        PayPalGateway.builder()
            .clientId("id")
            .clientSecret(io.github.remnawaveshop.core.payment.Secret.of("secret"))
            .webhookId(FakePayPal.WEBHOOK_ID)
            .apiBase(java.net.URI.create(paypal.base()))
            .verification(PayPalVerification.OFFLINE)
            .clock(clock)
            .build();
    rejected(() -> strict.verify(completed("WH-S")), Reason.BAD_SIGNATURE);
    assertThat(paypal.requests).isEmpty();
  }

  @Test
  void certificateValidityIsCheckedAgainstTheClock() {
    gateway.verify(completed("WH-V"));
    // ten years later the certificate has expired; the transmission is fresh, the certificate is
    // not
    Instant later = TestCertificate.NOT_AFTER.plus(Duration.ofDays(1));
    clock.set(later);
    Notification fresh =
        SignedWebhooks.signed(
            TestCertificate.paypal(),
            certUrl,
            later,
            Payloads.captureCompleted("WH-V2", Payloads.CAPTURE_ID, "order-42", "9.99", "USD"));
    assertThatThrownBy(() -> gateway.verify(fresh))
        .isInstanceOfSatisfying(
            PaymentVerificationException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.BAD_SIGNATURE);
              assertThat(e.getMessage()).contains("not valid now");
            });
    assertThat(gateway.cachedCertificates()).isZero();

    Instant before = TestCertificate.NOT_BEFORE.minus(Duration.ofDays(1));
    clock.set(before);
    Notification early =
        SignedWebhooks.signed(
            TestCertificate.paypal(),
            certUrl,
            before,
            Payloads.captureCompleted("WH-V3", Payloads.CAPTURE_ID, "order-42", "9.99", "USD"));
    rejected(() -> gateway.verify(early), Reason.BAD_SIGNATURE);
  }

  @Test
  void oldAndFutureTransmissionsAreRejectedAsExpired() {
    Instant old = NOW.minus(Duration.ofMinutes(16));
    rejected(
        () ->
            gateway.verify(
                SignedWebhooks.signed(
                    TestCertificate.paypal(),
                    certUrl,
                    old,
                    Payloads.captureCompleted(
                        "WH-OLD", Payloads.CAPTURE_ID, "order-42", "9.99", "USD"))),
        Reason.EXPIRED);
    Instant future = NOW.plus(Duration.ofMinutes(16));
    rejected(
        () ->
            gateway.verify(
                SignedWebhooks.signed(
                    TestCertificate.paypal(),
                    certUrl,
                    future,
                    Payloads.captureCompleted(
                        "WH-FUT", Payloads.CAPTURE_ID, "order-42", "9.99", "USD"))),
        Reason.EXPIRED);
    Instant edge = NOW.minus(Duration.ofMinutes(14));
    assertThat(
            gateway
                .verify(
                    SignedWebhooks.signed(
                        TestCertificate.paypal(),
                        certUrl,
                        edge,
                        Payloads.captureCompleted(
                            "WH-EDGE", Payloads.CAPTURE_ID, "order-42", "9.99", "USD")))
                .event())
        .isPresent();
  }

  @Test
  void missingHeadersAreNamed() {
    Notification n = completed("WH-M");
    for (String header :
        new String[] {
          "PAYPAL-TRANSMISSION-SIG",
          "PAYPAL-CERT-URL",
          "PAYPAL-TRANSMISSION-ID",
          "PAYPAL-TRANSMISSION-TIME",
          "PAYPAL-AUTH-ALGO"
        }) {
      assertThatThrownBy(() -> gateway.verify(SignedWebhooks.withHeader(n, header, null)))
          .isInstanceOfSatisfying(
              PaymentVerificationException.class,
              e -> {
                assertThat(e.reason()).isEqualTo(Reason.MISSING_SIGNATURE);
                assertThat(e.getMessage()).contains(header);
              });
    }
    rejected(() -> gateway.verify(Notification.post(Map.of(), n.body())), Reason.MISSING_SIGNATURE);
  }

  @Test
  void anotherAlgorithmIsRejected() {
    rejected(
        () ->
            gateway.verify(
                SignedWebhooks.withHeader(completed("WH-A"), "PAYPAL-AUTH-ALGO", "SHA1withRSA")),
        Reason.BAD_SIGNATURE);
  }

  @Test
  void aCertificateThatCannotBeFetchedIsAProviderSideRejection() {
    paypal.route("GET /certs/CERT-360caa42-fca2a594-a5cafa77", r -> FakePayPal.json(503, "{}"));
    rejected(() -> gateway.verify(completed("WH-F")), Reason.REJECTED_BY_PROVIDER);
    paypal.route(
        "GET /certs/CERT-360caa42-fca2a594-a5cafa77",
        r -> new MockResponse.Builder().code(200).body("not a certificate").build());
    rejected(() -> gateway.verify(completed("WH-F")), Reason.REJECTED_BY_PROVIDER);
    assertThat(gateway.cachedCertificates()).isZero();
  }

  @Test
  void anUnknownEventTypeIsVerifiedAndIgnored() {
    VerifiedNotification n =
        gateway.verify(
            SignedWebhooks.signed(
                TestCertificate.paypal(), certUrl, NOW, Payloads.otherEvent("WH-DISPUTE-1")));
    assertThat(n.event()).isEmpty();
    assertThat(n.providerEventId()).isEqualTo("WH-DISPUTE-1");
    assertThat(n.eventType()).isEqualTo("CUSTOMER.DISPUTE.CREATED");
    assertThat(n.reply().status()).isEqualTo(200);
  }

  @Test
  void aSignedButMalformedBodyIsMalformed() {
    rejected(
        () ->
            gateway.verify(
                SignedWebhooks.signed(TestCertificate.paypal(), certUrl, NOW, "[1,2,3]")),
        Reason.MALFORMED);
    rejected(
        () ->
            gateway.verify(
                SignedWebhooks.signed(
                    TestCertificate.paypal(), certUrl, NOW, "{\"event_type\":\"X\"}")),
        Reason.MALFORMED);
    rejected(
        () ->
            gateway.verify(
                SignedWebhooks.withHeader(
                    completed("WH-Z"), "PAYPAL-TRANSMISSION-TIME", "yesterday")),
        Reason.MALFORMED);
    rejected(
        () ->
            gateway.verify(
                SignedWebhooks.signed(
                    TestCertificate.paypal(),
                    certUrl,
                    NOW,
                    Payloads.captureCompleted(
                        "WH-AMT", Payloads.CAPTURE_ID, "order-42", "9.999", "USD"))),
        Reason.MALFORMED);
  }

  @Test
  void noRequestOtherThanTheCertificateIsMadeOffline() {
    gateway.verify(completed("WH-N"));
    assertThat(paypal.requests).hasSize(1);
    assertThat(paypal.requests.get(0).getUrl().encodedPath()).startsWith("/certs/");
    assertThat(Optional.ofNullable(paypal.requests.get(0).getHeaders().get("Authorization")))
        .isEmpty();
  }
}
