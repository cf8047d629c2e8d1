package io.github.remnawaveshop.payments.paypal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.remnawaveshop.core.payment.Money;
import io.github.remnawaveshop.core.payment.PaymentProviderException;
import io.github.remnawaveshop.core.payment.RefundCapability;
import io.github.remnawaveshop.core.payment.RefundCapability.RefundResult;
import io.github.remnawaveshop.testkit.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RefundTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PATH = "/v2/payments/captures/" + Payloads.CAPTURE_ID + "/refund";
  private FakePayPal paypal;
  private RefundCapability refunds;

  @BeforeEach
  void start() throws Exception {
    paypal = new FakePayPal();
    paypal.route(
        "POST " + PATH,
        r ->
            FakePayPal.json(
                201,
                """
        {"id":"%s","status":"COMPLETED","links":[
         {"href":"https://api.sandbox.paypal.com/v2/payments/refunds/%1$s","rel":"self","method":"GET"},
         {"href":"https://api.sandbox.paypal.com/v2/payments/captures/%s","rel":"up","method":"GET"}]}"""
                    .formatted(Payloads.REFUND_ID, Payloads.CAPTURE_ID)));
    refunds =
        paypal
            .gateway(new MutableClock(Instant.parse("2026-06-01T10:00:00Z")))
            .build()
            .capability(RefundCapability.class)
            .orElseThrow();
  }

  @AfterEach
  void stop() {
    paypal.close();
  }

  @Test
  void aFullRefundPostsAnEmptyBodyWithTheRequestId() throws Exception {
    RefundResult result = refunds.refund(Payloads.CAPTURE_ID, Optional.empty(), "refund-order-42");
    assertThat(result).isEqualTo(new RefundResult(Payloads.REFUND_ID, "COMPLETED"));
    RecordedRequest r = paypal.requestsTo(PATH).get(0);
    assertThat(r.getMethod()).isEqualTo("POST");
    assertThat(r.getHeaders().get("PayPal-Request-Id")).isEqualTo("refund-order-42");
    assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer token-1");
    assertThat(JSON.readTree(r.getBody().string(StandardCharsets.UTF_8)))
        .isEqualTo(JSON.readTree("{}"));
  }

  @Test
  void aPartialRefundSendsTheAmountInPayPalsFormat() throws Exception {
    refunds.refund(Payloads.CAPTURE_ID, Optional.of(Money.of(400, "USD")), "refund-partial");
    assertThat(
            JSON.readTree(paypal.requestsTo(PATH).get(0).getBody().string(StandardCharsets.UTF_8)))
        .isEqualTo(JSON.readTree("{\"amount\":{\"currency_code\":\"USD\",\"value\":\"4.00\"}}"));
  }

  @Test
  void refusalsAreProviderErrors() {
    paypal.route(
        "POST " + PATH,
        r ->
            FakePayPal.json(
                422,
                """
        {"name":"UNPROCESSABLE_ENTITY","details":[{"issue":"CAPTURE_FULLY_REFUNDED",
         "description":"The capture has already been fully refunded"}],"debug_id":"ab12"}"""));
    assertThatThrownBy(() -> refunds.refund(Payloads.CAPTURE_ID, Optional.empty(), "again"))
        .isInstanceOfSatisfying(
            PaymentProviderException.class,
            e -> {
              assertThat(e.httpStatus()).isEqualTo(422);
              assertThat(e.getMessage()).contains("CAPTURE_FULLY_REFUNDED").contains("ab12");
            });
  }

  @Test
  void idsThatAreNotCaptureIdsNeverReachTheUrl() {
    assertThatThrownBy(() -> refunds.refund("../../v1/oauth2/token", Optional.empty(), "k"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(paypal.requests).isEmpty();
  }
}
