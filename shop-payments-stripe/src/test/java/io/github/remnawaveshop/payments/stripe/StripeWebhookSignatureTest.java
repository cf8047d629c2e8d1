package io.github.remnawaveshop.payments.stripe;

import static io.github.remnawaveshop.payments.stripe.StripeFixtures.NOW;
import static io.github.remnawaveshop.payments.stripe.StripeFixtures.WEBHOOK_SECRET;
import static io.github.remnawaveshop.payments.stripe.StripeFixtures.delivery;
import static io.github.remnawaveshop.payments.stripe.StripeFixtures.event;
import static io.github.remnawaveshop.payments.stripe.StripeFixtures.paymentSession;
import static io.github.remnawaveshop.payments.stripe.StripeFixtures.sign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.remnawaveshop.core.payment.Notification;
import io.github.remnawaveshop.core.payment.PaymentVerificationException;
import io.github.remnawaveshop.core.payment.PaymentVerificationException.Reason;
import io.github.remnawaveshop.core.payment.VerifiedNotification;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StripeWebhookSignatureTest {
  private static final String BODY =
      event("evt_1Paid", "checkout.session.completed", paymentSession("paid"));

  private StripeGateway stripe;

  @BeforeEach
  void start() {
    stripe = StripeFixtures.gateway().build();
  }

  private Reason rejection(Notification n) {
    PaymentVerificationException e =
        catchThrowableOfType(PaymentVerificationException.class, () -> stripe.verify(n));
    assertThat(e).as("rejected").isNotNull();
    assertThat(e.getMessage()).doesNotContain(WEBHOOK_SECRET);
    return e.reason();
  }

  @Test
  void knownAnswerVectorComputedOutsideJava() {
    // printf '%s' '1767225600.{"id":"evt_kat","object":"event","type":"ping"}' \
    //   | openssl dgst -sha256 -hmac 'whsec_shopSdkTestEndpointSecret0123456789'
    String body = "{\"id\":\"evt_kat\",\"object\":\"event\",\"type\":\"ping\"}";
    String header =
        "t=1767225600,v1=176c9de5ad4c5aa01d641ca2492e3dd2adcca0a9b62f879046a9b6f16bfb13de";
    assertThat(sign(WEBHOOK_SECRET, NOW, body))
        .isEqualTo(header.substring(header.indexOf("v1=") + 3));

    VerifiedNotification v = stripe.verify(delivery(header, body));

    assertThat(v.providerEventId()).isEqualTo("evt_kat");
    assertThat(v.eventType()).isEqualTo("ping");
    assertThat(v.event()).isEmpty();
    assertThat(v.reply().status()).isEqualTo(200);
  }

  @Test
  void validSignatureIsAccepted() {
    VerifiedNotification v =
        stripe.verify(delivery("t=" + NOW + ",v1=" + sign(WEBHOOK_SECRET, NOW, BODY), BODY));
    assertThat(v.providerEventId()).isEqualTo("evt_1Paid");
    assertThat(v.event()).isPresent();
  }

  @Test
  void anyOfSeveralV1SignaturesMayMatchAndV0IsIgnored() {
    String good = sign(WEBHOOK_SECRET, NOW, BODY);
    String old = sign("whsec_previousSecretBeforeRoll", NOW, BODY);
    String header = "t=" + NOW + ", v1=" + old + ", v1=" + good + ", v0=" + "00".repeat(32);

    assertThat(stripe.verify(delivery(header, BODY)).providerEventId()).isEqualTo("evt_1Paid");
    // in either position
    assertThat(
            stripe
                .verify(delivery("t=" + NOW + ",v1=" + good + ",v1=" + old, BODY))
                .providerEventId())
        .isEqualTo("evt_1Paid");
    // upper-case hex is the same signature
    assertThat(
            stripe
                .verify(
                    delivery("t=" + NOW + ",v1=" + good.toUpperCase(java.util.Locale.ROOT), BODY))
                .providerEventId())
        .isEqualTo("evt_1Paid");
  }

  @Test
  void onlyAV0SignatureCountsAsMissing() {
    // v0 is Stripe's legacy test scheme; even a "correct" v0 value must not be accepted
    assertThat(rejection(delivery("t=" + NOW + ",v0=" + sign(WEBHOOK_SECRET, NOW, BODY), BODY)))
        .isEqualTo(Reason.MISSING_SIGNATURE);
  }

  @Test
  void tamperedBodyIsRejected() {
    String header = "t=" + NOW + ",v1=" + sign(WEBHOOK_SECRET, NOW, BODY);
    String tampered = BODY.replace("\"amount_total\": 999", "\"amount_total\": 1");
    assertThat(tampered).isNotEqualTo(BODY);
    assertThat(rejection(delivery(header, tampered))).isEqualTo(Reason.BAD_SIGNATURE);
    // even whitespace counts: verification is over the raw bytes
    assertThat(rejection(delivery(header, BODY + "\n"))).isEqualTo(Reason.BAD_SIGNATURE);
  }

  @Test
  void tamperedTimestampIsRejected() {
    String sig = sign(WEBHOOK_SECRET, NOW, BODY);
    assertThat(rejection(delivery("t=" + (NOW + 1) + ",v1=" + sig, BODY)))
        .isEqualTo(Reason.BAD_SIGNATURE);
  }

  @Test
  void wrongSecretIsRejected() {
    String header = "t=" + NOW + ",v1=" + sign("whsec_someOtherEndpoint", NOW, BODY);
    assertThat(rejection(delivery(header, BODY))).isEqualTo(Reason.BAD_SIGNATURE);
  }

  @Test
  void missingHeaderIsRejected() {
    Notification unsigned =
        Notification.post(
            Map.of("Content-Type", "application/json"), BODY.getBytes(StandardCharsets.UTF_8));
    assertThat(rejection(unsigned)).isEqualTo(Reason.MISSING_SIGNATURE);
    assertThat(rejection(delivery("t=" + NOW, BODY))).isEqualTo(Reason.MISSING_SIGNATURE);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "garbage",
        "v1=abc",
        "t=,v1=abc",
        "t=12x4,v1=abc",
        "t=-5,v1=abc",
        "t=1,t=2,v1=abc"
      })
  void malformedHeaderIsRejected(String header) {
    assertThat(rejection(delivery(header, BODY))).isEqualTo(Reason.MALFORMED);
  }

  @Test
  void shortOrNonHexSignaturesNeverMatch() {
    String good = sign(WEBHOOK_SECRET, NOW, BODY);
    assertThat(rejection(delivery("t=" + NOW + ",v1=" + good.substring(2), BODY)))
        .isEqualTo(Reason.BAD_SIGNATURE);
    assertThat(rejection(delivery("t=" + NOW + ",v1=" + "zz" + good.substring(2), BODY)))
        .isEqualTo(Reason.BAD_SIGNATURE);
    assertThat(rejection(delivery("t=" + NOW + ",v1=", BODY))).isEqualTo(Reason.BAD_SIGNATURE);
  }

  @Test
  void oldAndFarFutureTimestampsAreRejectedButTheToleranceEdgeIsAccepted() {
    long tooOld = NOW - 301;
    long tooNew = NOW + 301;
    long oldestAllowed = NOW - 300;
    long newestAllowed = NOW + 300;

    assertThat(
            rejection(delivery("t=" + tooOld + ",v1=" + sign(WEBHOOK_SECRET, tooOld, BODY), BODY)))
        .isEqualTo(Reason.EXPIRED);
    assertThat(
            rejection(delivery("t=" + tooNew + ",v1=" + sign(WEBHOOK_SECRET, tooNew, BODY), BODY)))
        .isEqualTo(Reason.EXPIRED);
    assertThat(
            stripe
                .verify(
                    delivery(
                        "t=" + oldestAllowed + ",v1=" + sign(WEBHOOK_SECRET, oldestAllowed, BODY),
                        BODY))
                .providerEventId())
        .isEqualTo("evt_1Paid");
    assertThat(
            stripe
                .verify(
                    delivery(
                        "t=" + newestAllowed + ",v1=" + sign(WEBHOOK_SECRET, newestAllowed, BODY),
                        BODY))
                .providerEventId())
        .isEqualTo("evt_1Paid");
  }

  @Test
  void toleranceIsConfigurable() {
    StripeGateway strict = StripeFixtures.gateway().tolerance(Duration.ofSeconds(10)).build();
    long t = NOW - 11;
    PaymentVerificationException e =
        catchThrowableOfType(
            PaymentVerificationException.class,
            () -> strict.verify(delivery("t=" + t + ",v1=" + sign(WEBHOOK_SECRET, t, BODY), BODY)));
    assertThat(e.reason()).isEqualTo(Reason.EXPIRED);
    assertThat(e.getMessage()).contains("tolerance is 10 s");
  }

  @Test
  void aForgedSignatureOnAnOldTimestampIsABadSignatureNotExpired() {
    long t = NOW - 10_000;
    assertThat(rejection(delivery("t=" + t + ",v1=" + sign("whsec_forger", t, BODY), BODY)))
        .isEqualTo(Reason.BAD_SIGNATURE);
  }

  @Test
  void redeliveryOfTheSameEventGivesTheSameProviderEventId() {
    VerifiedNotification first = stripe.verify(StripeFixtures.signed(BODY));
    // Stripe re-signs a retry with a fresh timestamp; the event id stays
    long later = NOW + 120;
    StripeGateway laterClock =
        StripeFixtures.gateway()
            .clock(
                java.time.Clock.fixed(
                    java.time.Instant.ofEpochSecond(later), java.time.ZoneOffset.UTC))
            .build();
    VerifiedNotification retry =
        laterClock.verify(
            delivery("t=" + later + ",v1=" + sign(WEBHOOK_SECRET, later, BODY), BODY));

    assertThat(retry.providerEventId()).isEqualTo(first.providerEventId()).isEqualTo("evt_1Paid");
    assertThat(retry.event()).isEqualTo(first.event());
  }

  @Test
  void authenticButNonJsonBodyIsMalformed() {
    String body = "not json at all";
    assertThat(rejection(delivery("t=" + NOW + ",v1=" + sign(WEBHOOK_SECRET, NOW, body), body)))
        .isEqualTo(Reason.MALFORMED);
    String noId = "{\"object\": \"event\", \"type\": \"charge.refunded\"}";
    assertThat(rejection(delivery("t=" + NOW + ",v1=" + sign(WEBHOOK_SECRET, NOW, noId), noId)))
        .isEqualTo(Reason.MALFORMED);
  }
}
