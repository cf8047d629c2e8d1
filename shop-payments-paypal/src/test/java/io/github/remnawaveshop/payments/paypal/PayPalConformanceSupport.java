package io.github.remnawaveshop.payments.paypal;

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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import mockwebserver3.MockResponse;
import mockwebserver3.QueueDispatcher;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;

/**
 * The PayPal side of the conformance kit: notifications are {@code PAYMENT.CAPTURE.COMPLETED}
 * events signed as PayPal signs them (SHA256withRSA over {@code
 * transmission_id|time|webhook_id|crc32}) with the test's own certificate; the provider's token and
 * certificate endpoints always answer, everything else comes from the kit's queue. Subclasses pick
 * the verification mode.
 */
abstract class PayPalConformanceSupport extends PaymentGatewayConformanceTest {
  static final String CLIENT_SECRET = "EPtckClientSecretValue";
  static final String ACCESS_TOKEN = "A21AAtckAccessTokenValue";
  static final String CERT_PATH = "/certs/CERT-360caa42-fca2a594-tck";

  /** The verification mode under test. */
  abstract PayPalVerification verification();

  @Override
  protected String gatewayId() {
    return "paypal";
  }

  @Override
  protected Clock clock() {
    return Clock.fixed(Instant.parse("2026-06-01T10:00:00Z"), ZoneOffset.UTC);
  }

  @Override
  protected GatewaySettings settings(ConformanceContext context) {
    return GatewaySettings.of(
        "paypal",
        Map.of(
            "client-id",
            "AXtckClientId",
            "client-secret",
            CLIENT_SECRET,
            "webhook-id",
            FakePayPal.WEBHOOK_ID,
            "api-base",
            context.baseUrl().toString(),
            "verification",
            verification().name().toLowerCase(java.util.Locale.ROOT),
            "insecure-test-only-cert-url-prefix",
            context.url("/certs/").toString()));
  }

  @Override
  protected PaymentGateway createGateway(ConformanceContext context) {
    context.server().setDispatcher(new PayPalDispatcher());
    return PayPalGateway.builder().settings(settings(context)).clock(context.clock()).build();
  }

  /**
   * Token and certificate always answered; everything else from the kit's queue (fail-fast when
   * empty).
   */
  private static final class PayPalDispatcher extends QueueDispatcher {
    PayPalDispatcher() {
      setFailFast(
          new MockResponse(
              503, Headers.of("Content-Type", "text/plain"), "no answer enqueued by the test"));
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
      String path = request.getUrl().encodedPath();
      if (path.equals("/v1/oauth2/token")) {
        return new MockResponse(
            200,
            Headers.of("Content-Type", "application/json"),
            "{\"access_token\":\""
                + ACCESS_TOKEN
                + "\",\"token_type\":\"Bearer\",\"expires_in\":32400}");
      }
      if (path.equals(CERT_PATH)) {
        return new MockResponse(
            200,
            Headers.of("Content-Type", "application/x-pem-file"),
            TestCertificate.paypal().pem());
      }
      return super.dispatch(request);
    }
  }

  @Override
  protected Set<String> secretValues() {
    return Set.of(CLIENT_SECRET, ACCESS_TOKEN);
  }

  String body(TckPayment p, String value) {
    return Payloads.captureCompleted(
        "WH-TCK-" + p.number(),
        "CAPTCK" + p.number(),
        p.orderReference(),
        value,
        p.amount().currency());
  }

  Notification signedBy(TestCertificate signer, TckPayment p, String body, Instant time) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return Notification.post(
        SignedWebhooks.headers(
            signer,
            context().url(CERT_PATH).toString(),
            "tck-transmission-" + p.number(),
            time,
            FakePayPal.WEBHOOK_ID,
            bytes),
        bytes);
  }

  @Override
  protected Notification paidNotification(TckPayment p) {
    return signedBy(
        TestCertificate.paypal(), p, body(p, PayPalAmounts.format(p.amount())), p.occurredAt());
  }

  @Override
  protected Notification tamperedBodyNotification(TckPayment p) {
    Notification genuine = paidNotification(p);
    return Notifications.withBody(genuine, body(p, "1" + PayPalAmounts.format(p.amount())));
  }

  @Override
  protected Notification tamperedSignatureNotification(TckPayment p) {
    Notification genuine = paidNotification(p);
    // flip a bit in the first signature byte: changing the last base64 character of a "=="-padded
    // RSA
    // signature may only touch padding bits, which decoders ignore
    byte[] sig =
        Base64.getDecoder().decode(genuine.header("PAYPAL-TRANSMISSION-SIG").orElseThrow());
    sig[0] ^= 0x01;
    return Notifications.withHeader(
        genuine, "PAYPAL-TRANSMISSION-SIG", Base64.getEncoder().encodeToString(sig));
  }

  @Override
  protected Notification unsignedNotification(TckPayment p) {
    return Notifications.withoutHeader(paidNotification(p), "PAYPAL-TRANSMISSION-SIG");
  }

  @Override
  protected Notification wrongSecretNotification(TckPayment p) {
    return signedBy(
        TestCertificate.stranger(), p, body(p, PayPalAmounts.format(p.amount())), p.occurredAt());
  }

  @Override
  protected Optional<Notification> expiredNotification(TckPayment p) {
    return Optional.of(
        signedBy(
            TestCertificate.paypal(),
            p,
            body(p, PayPalAmounts.format(p.amount())),
            p.occurredAt().minus(Duration.ofHours(1))));
  }

  @Override
  protected ProviderIds expectedIds(TckPayment p) {
    return new ProviderIds("WH-TCK-" + p.number(), "CAPTCK" + p.number());
  }

  @Override
  protected Optional<String> idempotencyHeader() {
    return Optional.of("PayPal-Request-Id");
  }

  @Override
  protected boolean checkoutCallsProvider() {
    return true;
  }

  @Override
  protected void enqueueCheckoutAnswer(ConformanceContext context, CheckoutRequest request) {
    context.enqueueJson(
        201, Payloads.orderCreated("ORDTCK" + Math.abs(request.orderReference().hashCode())));
  }

  @Override
  protected void enqueueCheckoutRefusal(ConformanceContext context) {
    context.enqueueJson(
        422,
        "{\"name\":\"UNPROCESSABLE_ENTITY\",\"details\":[{\"issue\":\"PAYEE_ACCOUNT_RESTRICTED\"}],"
            + "\"message\":\"refused by the TCK\",\"debug_id\":\"tck0001\"}");
  }
}
