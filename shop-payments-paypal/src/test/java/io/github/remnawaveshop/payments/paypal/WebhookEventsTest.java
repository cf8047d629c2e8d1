package io.github.remnawaveshop.payments.paypal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.remnawaveshop.core.payment.Money;
import io.github.remnawaveshop.core.payment.PaymentEvent;
import io.github.remnawaveshop.core.payment.PaymentProviderException;
import io.github.remnawaveshop.core.payment.PaymentVerificationException;
import io.github.remnawaveshop.core.payment.VerifiedNotification;
import io.github.remnawaveshop.testkit.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What each PayPal event becomes, including the capture an approved order triggers.
 * Offline-verified.
 */
class WebhookEventsTest {
  private static final Instant NOW = Instant.parse("2026-06-01T10:00:05Z");
  private static final String CAPTURE_PATH =
      "/v2/checkout/orders/" + Payloads.ORDER_ID + "/capture";
  private final MutableClock clock = new MutableClock(NOW);
  private FakePayPal paypal;
  private PayPalGateway gateway;
  private String certUrl;

  @BeforeEach
  void start() throws Exception {
    paypal = new FakePayPal();
    certUrl = paypal.certUrl("CERT-1");
    paypal.route(
        "GET /certs/CERT-1",
        r ->
            new mockwebserver3.MockResponse.Builder()
                .code(200)
                .body(TestCertificate.paypal().pem())
                .build());
    gateway = paypal.gateway(clock).verification(PayPalVerification.OFFLINE).build();
  }

  @AfterEach
  void stop() {
    paypal.close();
  }

  private VerifiedNotification deliver(String body) {
    return gateway.verify(SignedWebhooks.signed(TestCertificate.paypal(), certUrl, NOW, body));
  }

  @Test
  void approvalCapturesTheOrderAndCreditsFromTheCapture() {
    paypal.route(
        "POST " + CAPTURE_PATH,
        r ->
            FakePayPal.json(
                201,
                Payloads.captureAnswer(
                    Payloads.ORDER_ID, Payloads.CAPTURE_ID, "COMPLETED", "order-42")));

    VerifiedNotification approved =
        deliver(Payloads.orderApproved("WH-APPROVED-1", Payloads.ORDER_ID, "order-42"));

    RecordedRequest capture = paypal.requestsTo(CAPTURE_PATH).get(0);
    assertThat(capture.getMethod()).isEqualTo("POST");
    assertThat(capture.getHeaders().get("PayPal-Request-Id"))
        .isEqualTo("capture-" + Payloads.ORDER_ID);
    assertThat(capture.getHeaders().get("Authorization")).isEqualTo("Bearer token-1");
    assertThat(capture.getHeaders().get("Content-Type")).startsWith("application/json");
    assertThat(capture.getBody().string(StandardCharsets.UTF_8)).isEqualTo("{}");

    assertThat(approved.eventType()).isEqualTo("CHECKOUT.ORDER.APPROVED");
    assertThat(approved.providerEventId()).isEqualTo("WH-APPROVED-1");
    PaymentEvent paid = approved.event().orElseThrow();
    assertThat(paid.type()).isEqualTo(PaymentEvent.Type.PAID);
    assertThat(paid.externalPaymentId()).isEqualTo(Payloads.CAPTURE_ID);
    assertThat(paid.orderReference()).contains("order-42");
    assertThat(paid.amount()).isEqualTo(Money.of(999, "USD"));

    // PayPal then sends PAYMENT.CAPTURE.COMPLETED for the same capture: same payment, another
    // delivery
    VerifiedNotification completed =
        deliver(
            Payloads.captureCompleted(
                "WH-COMPLETED-1", Payloads.CAPTURE_ID, "order-42", "9.99", "USD"));
    PaymentEvent again = completed.event().orElseThrow();
    assertThat(again.type()).isEqualTo(PaymentEvent.Type.PAID);
    assertThat(again.externalPaymentId()).isEqualTo(paid.externalPaymentId());
    assertThat(completed.providerEventId()).isNotEqualTo(approved.providerEventId());
  }

  @Test
  void redeliveredApprovalCapturesWithTheSameRequestId() {
    paypal.route(
        "POST " + CAPTURE_PATH,
        r ->
            FakePayPal.json(
                201,
                Payloads.captureAnswer(
                    Payloads.ORDER_ID, Payloads.CAPTURE_ID, "COMPLETED", "order-42")));
    String body = Payloads.orderApproved("WH-APPROVED-2", Payloads.ORDER_ID, "order-42");
    PaymentEvent first = deliver(body).event().orElseThrow();
    PaymentEvent second = deliver(body).event().orElseThrow();
    assertThat(second).isEqualTo(first);
    assertThat(paypal.requestsTo(CAPTURE_PATH))
        .extracting(r -> r.getHeaders().get("PayPal-Request-Id"))
        .containsExactly("capture-" + Payloads.ORDER_ID, "capture-" + Payloads.ORDER_ID);
  }

  @Test
  void aPendingCaptureCreditsNothingYet() {
    paypal.route(
        "POST " + CAPTURE_PATH,
        r ->
            FakePayPal.json(
                201,
                Payloads.captureAnswer(
                    Payloads.ORDER_ID, Payloads.CAPTURE_ID, "PENDING", "order-42")));
    VerifiedNotification n =
        deliver(Payloads.orderApproved("WH-APPROVED-3", Payloads.ORDER_ID, "order-42"));
    assertThat(n.event()).isEmpty();
    assertThat(n.reply().status()).isEqualTo(200);
  }

  @Test
  void aDeclinedCaptureIsAFailure() {
    paypal.route(
        "POST " + CAPTURE_PATH,
        r ->
            FakePayPal.json(
                201,
                Payloads.captureAnswer(
                    Payloads.ORDER_ID, Payloads.CAPTURE_ID, "DECLINED", "order-42")));
    assertThat(
            deliver(Payloads.orderApproved("WH-APPROVED-4", Payloads.ORDER_ID, "order-42")).event())
        .map(PaymentEvent::type)
        .contains(PaymentEvent.Type.FAILED);
  }

  @Test
  void anAlreadyCapturedOrderIsLeftToItsCaptureEvent() {
    paypal.route(
        "POST " + CAPTURE_PATH,
        r ->
            FakePayPal.json(
                422,
                """
        {"name":"UNPROCESSABLE_ENTITY","details":[{"issue":"ORDER_ALREADY_CAPTURED",
         "description":"Order already captured.If 'intent=CAPTURE' only one capture per order is allowed."}],
         "message":"The requested action could not be performed.","debug_id":"7d0f8bd4e1c1"}"""));
    VerifiedNotification n =
        deliver(Payloads.orderApproved("WH-APPROVED-5", Payloads.ORDER_ID, "order-42"));
    assertThat(n.event()).isEmpty();
  }

  @Test
  void aCaptureThatFailsTransientlyFailsTheWebhookSoPayPalRedelivers() {
    AtomicInteger calls = new AtomicInteger();
    paypal.route(
        "POST " + CAPTURE_PATH,
        r ->
            calls.incrementAndGet() == 1
                ? FakePayPal.json(503, "{\"name\":\"SERVICE_UNAVAILABLE\",\"debug_id\":\"d1\"}")
                : FakePayPal.json(
                    201,
                    Payloads.captureAnswer(
                        Payloads.ORDER_ID, Payloads.CAPTURE_ID, "COMPLETED", "order-42")));
    String body = Payloads.orderApproved("WH-APPROVED-6", Payloads.ORDER_ID, "order-42");
    assertThatThrownBy(() -> deliver(body))
        .isInstanceOfSatisfying(
            PaymentProviderException.class, e -> assertThat(e.isRetryable()).isTrue());
    assertThat(deliver(body).event())
        .map(PaymentEvent::externalPaymentId)
        .contains(Payloads.CAPTURE_ID);
  }

  @Test
  void approvalsOfOtherIntentsAreNotCaptured() {
    String body =
        Payloads.orderApproved("WH-APPROVED-7", Payloads.ORDER_ID, "order-42")
            .replace("\"intent\":\"CAPTURE\"", "\"intent\":\"AUTHORIZE\"");
    assertThat(deliver(body).event()).isEmpty();
    assertThat(paypal.requestsTo(CAPTURE_PATH)).isEmpty();
  }

  @Test
  void aDeniedCaptureIsAFailure() {
    VerifiedNotification n =
        deliver(Payloads.captureDenied("WH-DENIED-1", "7NW873794T343360M", "order-43"));
    PaymentEvent e = n.event().orElseThrow();
    assertThat(e.type()).isEqualTo(PaymentEvent.Type.FAILED);
    assertThat(e.externalPaymentId()).isEqualTo("7NW873794T343360M");
    assertThat(e.orderReference()).contains("order-43");
    assertThat(n.eventType()).isEqualTo("PAYMENT.CAPTURE.DENIED");
  }

  @Test
  void aRefundNamesTheRefundedCapture() {
    VerifiedNotification n =
        deliver(
            Payloads.captureRefunded(
                "WH-REFUND-1", Payloads.REFUND_ID, Payloads.CAPTURE_ID, "4.00"));
    PaymentEvent e = n.event().orElseThrow();
    assertThat(e.type()).isEqualTo(PaymentEvent.Type.REFUNDED);
    assertThat(e.externalPaymentId()).isEqualTo(Payloads.CAPTURE_ID);
    assertThat(e.amount()).isEqualTo(Money.of(400, "USD"));
    assertThat(e.orderReference()).contains("order-42");
    assertThat(e.attributes()).containsEntry("refundId", Payloads.REFUND_ID);
    assertThat(e.occurredAt()).isEqualTo(Instant.parse("2026-06-02T08:00:00Z"));
  }

  @Test
  void aRefundWithoutItsCaptureLinkIsMalformed() {
    String body =
        Payloads.captureRefunded("WH-REFUND-2", Payloads.REFUND_ID, Payloads.CAPTURE_ID, "4.00")
            .replace("\"rel\":\"up\"", "\"rel\":\"related\"");
    assertThatThrownBy(() -> deliver(body))
        .isInstanceOfSatisfying(
            PaymentVerificationException.class,
            e -> assertThat(e.reason()).isEqualTo(PaymentVerificationException.Reason.MALFORMED));
  }

  @Test
  void aCompletedEventWithAnotherCaptureStatusCreditsNothing() {
    String body =
        Payloads.captureCompleted("WH-C-P", Payloads.CAPTURE_ID, "order-42", "9.99", "USD")
            .replace("\"status\":\"COMPLETED\"", "\"status\":\"PENDING\"");
    assertThat(deliver(body).event()).isEmpty();
  }

  @Test
  void yenAndDinarAmountsAreParsedWithTheirMinorDigits() {
    assertThat(
            deliver(Payloads.captureCompleted("WH-JPY", "CAPJPY", "order-44", "500", "JPY"))
                .event()
                .orElseThrow()
                .amount())
        .isEqualTo(Money.of(500, "JPY"));
    assertThat(
            deliver(Payloads.captureCompleted("WH-BHD", "CAPBHD", "order-45", "1.250", "BHD"))
                .event()
                .orElseThrow()
                .amount())
        .isEqualTo(Money.of(1250, "BHD"));
  }
}
